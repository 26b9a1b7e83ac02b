// Package transport is the one HTTP pipeline shared by every client of the
// SDK: the LifeTime REST client and the SOAP clients for Service Center and
// LifeTime Services.
//
// A [Pipeline] sends a request and, when the caller marked the call as safe
// to repeat ([Call].Retryable), retries it on connection errors and on the
// statuses 408, 429, 502, 503 and 504 with jittered exponential backoff
// (github.com/cenkalti/backoff/v4) bounded in attempts and elapsed time, and
// always bound to the context. Retry-After (seconds or an HTTP date) is
// honoured up to [RetryPolicy].MaxRetryAfter. Request bodies are rewound with
// http.Request.GetBody; a request whose body cannot be rewound is sent once.
// Each attempt has its own timeout (time until the response headers arrive);
// the context deadline bounds everything.
//
// When the last attempt still answers with a retryable status, the response
// is returned, not an error, so that the caller can build its own typed API
// error from the body.
//
// The pipeline writes debug records to an optional *slog.Logger (nil means
// silent): method, sanitized URL, status, duration, attempt and retry delay.
// Query values with sensitive names and user information are removed from
// URLs ([SanitizeURL]), and the secrets given in [Config].Secrets are
// replaced in every logged string and error text ([Pipeline.Redact]).
// Redirects from https to plain http are always refused. Redirects to
// another host are refused for every request that may carry credentials: a
// credential header (Authorization, Proxy-Authorization, Cookie), user
// information in the URL, or a body, which every method but GET and HEAD is
// assumed to have (SOAP envelopes carry passwords and tokens). Same-host
// redirects are followed.
package transport
