// Package soap is the glue between gowsdl's generated code (internal/soapgen)
// and the SDK's HTTP pipeline (internal/transport), shared by the Service
// Center and LifeTime Services clients.
//
// gowsdl's runtime (github.com/hooklift/gowsdl/soap v0.5.0) builds the SOAP
// 1.1 envelope and decodes the answer, but on its own it closes the
// connection after every call (req.Close = true), creates a new
// http.Transport per call, reads error bodies without a limit, sends the
// SOAPAction header without quotes and drops the detail of faults. A [Doer]
// is given to it through soap.WithHTTPClient and takes over the HTTP side:
//
//   - the request goes through the transport pipeline with Close cleared, so
//     connections are kept alive, with the SDK's User-Agent, logging and
//     redaction;
//   - only operations on the read-only allow-list are retried; SOAP 1.1
//     faults arrive as HTTP 500, which the pipeline never retries;
//   - SOAPAction is sent quoted and Content-Type is text/xml; charset=utf-8;
//   - the answer is read (bounded) and classified before gowsdl sees it: a
//     SOAP fault becomes a [*Fault] with code, string, actor and raw detail,
//     anything that is not a SOAP envelope (an HTML error page, a 503 from a
//     proxy) becomes an [*HTTPError] with at most transport.MaxErrorBody bytes
//     of the body. Only well-formed envelopes reach gowsdl's decoder.
//
// The options the two SOAP clients share (HTTP client and TLS through
// internal/httpclient, logger, user agent, retry policy, plain http) fill a
// [ClientConfig], which builds the pipeline and the Doer
// ([ClientConfig.NewDoer]); [ConvertError] turns a [*Fault] or an
// [*HTTPError] into the client package's own exported error type.
//
// The gowsdl client is never mutated after construction (no SOAP headers
// are used: OutSystems services carry credentials in the body), so one
// client per endpoint is safe for concurrent use.
package soap
