package soap

import (
	"fmt"
	"strings"
)

// Fault is a SOAP 1.1 fault answered by the server.
type Fault struct {
	// Operation is "Service.Operation", e.g. "Solutions.PublishRunning".
	Operation string
	// StatusCode is the HTTP status that carried the fault (500 normally).
	StatusCode int
	// Code, String and Actor are faultcode, faultstring and faultactor.
	Code, String, Actor string
	// Detail is the raw inner XML of the detail element, if any.
	Detail string
}

// Error returns the operation, fault code and fault string.
func (f *Fault) Error() string {
	return fmt.Sprintf("soap fault in %s: %s: %s", f.Operation, f.Code, f.String)
}

// HTTPError is an answer that is not a SOAP envelope: an HTML error page, a
// proxy's 502/503, a 404 for an unknown service, a 200 with a body that is
// not XML.
type HTTPError struct {
	// Operation is "Service.Operation".
	Operation string
	// StatusCode and ContentType are those of the HTTP response.
	StatusCode  int
	ContentType string
	// Body holds at most transport.MaxErrorBody bytes of the answer.
	Body []byte
	// Reason says why the answer was refused.
	Reason string
}

// Error returns the operation, status, reason and the start of the body.
func (e *HTTPError) Error() string {
	snippet := strings.TrimSpace(string(e.Body))
	if len(snippet) > 200 {
		snippet = snippet[:200] + "..."
	}
	return fmt.Sprintf("%s: HTTP %d (%s): %s: %q", e.Operation, e.StatusCode, e.ContentType, e.Reason, snippet)
}
