package soap

import (
	"context"
	"errors"
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

// The clients export their own FaultError and HTTPError types (users match
// *servicecenter.FaultError, not a type of an internal package). Those
// types have exactly the fields of [Fault] and [HTTPError], so a pointer
// converts both ways; the helpers below give them one construction and
// one text.

// Describe returns the text of a client's FaultError:
// "<pkg>: <operation>: SOAP fault <code>: <string>".
func (f *Fault) Describe(pkg string) string {
	return fmt.Sprintf("%s: %s: SOAP fault %s: %s", pkg, f.Operation, f.Code, f.String)
}

// Describe returns the text of a client's HTTPError, without the body:
// "<pkg>: <operation>: HTTP <status> (<content type>): <reason>".
func (e *HTTPError) Describe(pkg string) string {
	return fmt.Sprintf("%s: %s: HTTP %d (%s): %s", pkg, e.Operation, e.StatusCode, e.ContentType, e.Reason)
}

// ConvertError turns what a generated call returned into a client's
// errors: a [*Fault] becomes fault(f), an [*HTTPError] becomes httpErr(h);
// when ctx is done the error wraps ctx.Err() (and says what failed);
// anything else is wrapped as "<pkg>: <op>: <err>". nil stays nil.
func ConvertError(ctx context.Context, pkg, op string, err error, fault func(*Fault) error, httpErr func(*HTTPError) error) error {
	if err == nil {
		return nil
	}
	var f *Fault
	if errors.As(err, &f) {
		return fault(f)
	}
	var h *HTTPError
	if errors.As(err, &h) {
		return httpErr(h)
	}
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		return fmt.Errorf("%s: %s: %w (%v)", pkg, op, ctxErr, err)
	}
	return fmt.Errorf("%s: %s: %w", pkg, op, err)
}
