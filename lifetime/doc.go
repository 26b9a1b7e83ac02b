// Package lifetime is a typed client for the OutSystems LifeTime REST API
// v2 (https://<lifetime-host>/lifetimeapi/rest/v2).
//
// Create a [Client] with [NewClient] and a service account token; the
// operations are grouped in services, as the swagger's tags are:
//
//	client, err := lifetime.NewClient("https://lt.example.com",
//		lifetime.WithToken(os.Getenv("LIFETIME_TOKEN")))
//	envs, _, err := client.Environments.List(ctx)
//
// Every method takes a context first and returns the decoded value, the
// [Response] (status, headers, request id) and an error. Each method's doc
// comment names its operation with a line "LifeTime API: METHOD /path/".
//
// # Authentication
//
// LifeTime accepts only service accounts: the token is sent as
// "Authorization: Bearer <token>" ([WithToken]). The token is never written
// to logs or error messages. TLS verification is on; add a private CA with
// [WithCABundle] or [WithCAFile], or pass a full [WithTLSConfig]. Plain
// http:// needs the explicit [WithInsecureHTTP]. Redirects from https to
// http are refused, and so are redirects to another host of any request
// carrying the token or a body.
//
// # Errors
//
// An answer outside 2xx is an [*APIError] carrying the HTTP status, the
// body's "Errors" messages and "StatusCode", the operation, the sanitized
// URL and up to 1 MiB of raw body. Match it with errors.Is against
// [ErrNotFound], [ErrUnauthorized], [ErrForbidden], [ErrBadRequest],
// [ErrConflict] (also a 400 to a deployment command or delete that the
// plan's state refuses), [ErrMethodNotAllowed] and [ErrNotImplemented]
// (features disabled or too new for the LifeTime version),
// [ErrTooManyRequests] and [ErrServer] (any 5xx). Failures without an
// answer (connection, timeout, canceled context) are [*OperationError]s
// wrapping the cause, so errors.Is(err, context.DeadlineExceeded) works.
// Arguments are checked before sending: [ErrEmptyKey], [ErrPathTraversal],
// [ErrInvalidArgument]. The text of Error() is not part of the API.
//
// # Retries and timeouts
//
// GET, PUT and DELETE are retried on connection errors and on 408, 429,
// 502, 503 and 504 with jittered exponential backoff, honouring
// Retry-After ([RetryPolicy], [WithRetry]). POSTs are never repeated; in
// particular creating a deployment is not: after an ambiguous failure
// [DeploymentsService.Create] looks for the plan the attempt may have
// created and otherwise returns an [*UnknownOutcomeError].
//
// Without [WithHTTPClient] the client keeps up to 32 idle connections per
// host, so concurrent calls reuse their connections (and TLS sessions); a
// client given with WithHTTPClient is used as is.
//
// # Wire quirks handled
//
// Dates use [Time] ("1900-01-01T00:00:00" reads as not set). Create
// operations answer with a key as plain text, quoted JSON or a JSON object;
// all are accepted. Empty lists (204 with no body, or 200 with []) give
// empty non-nil slices. JSON names follow the swagger, with its mixed
// casing; unknown fields are ignored.
//
// # Deployments
//
// [DeploymentsService.Wait] polls a deployment by key (never "the running
// plan" of a target) until it ends: every 20 s by default, with bounded
// backoff on transient errors for up to 30 minutes of failed polls
// ([WaitOptions].MaxOutage; a console restarting during an upgrade), after
// which it returns an [*OutageError] with the key to resume from, a
// progress callback for each status change
// and new log messages, finished_with_warnings reported as a success the
// caller can show, needs_user_intervention returned with its Info (and
// continued automatically only for deployment_prepared, when asked),
// force_finished and unknown states never taken as success, and an opt-in
// abort when the context ends. [DeploymentsService.DeployAndWait] creates,
// validates (conflicts), starts and waits.
//
// # Downloads
//
// Operations returning a [DownloadLink] (application binaries, source code,
// solutions) give a link valid for 60 minutes; [Client.Download] fetches it,
// sending the token only to the LifeTime host.
//
// # Logging
//
// With [WithLogger], requests, retries and waiter polls are logged at debug
// level with sanitized URLs; the token is never logged.
package lifetime
