package servicecenter

import (
	"context"
	"errors"
	"strings"

	"github.com/go-outsystems/outsystems/internal/soap"
)

// Errors returned before anything is sent, and sentinels matched with
// [errors.Is].
var (
	// ErrInvalidOption is wrapped by NewClient's error for a bad option or host.
	ErrInvalidOption = errors.New("servicecenter: invalid option")
	// ErrNoCredentials: the operation needs WithCredentials.
	ErrNoCredentials = errors.New("servicecenter: no credentials (use WithCredentials)")
	// ErrInvalidArgument: an argument is empty or out of range.
	ErrInvalidArgument = errors.New("servicecenter: invalid argument")
	// ErrNotFound: Service Center answered id 0 for a named solution.
	ErrNotFound = errors.New("servicecenter: not found")
	// ErrPublishNotStarted: a publish call answered publication id 0.
	ErrPublishNotStarted = errors.New("servicecenter: publication did not start")
	// ErrPublishFailed is matched by a [*PublishError]: the publication
	// finished with errors.
	ErrPublishFailed = errors.New("servicecenter: publication finished with errors")
	// ErrLoginFailed is matched by a [*FaultError] whose fault string says
	// the user name or password was refused ("Invalid username or password."
	// before Platform Server 11.16.0; from 11.16.0 Service Center may pass
	// other Server.Identity messages through, soap-apis.md §2.5). The match
	// is on the text and therefore best-effort.
	ErrLoginFailed = errors.New("servicecenter: login failed")
)

// FaultError is a SOAP fault answered by Service Center (HTTP 500 with a
// soap:Fault). Service Center reports refused credentials, unknown
// solutions and server exceptions this way. The text of Error() is for
// people; match with errors.As and read the fields.
type FaultError struct {
	// Operation is "Service.Operation", e.g. "Solutions.PublishRunning".
	Operation string
	// StatusCode is the HTTP status that carried the fault (normally 500).
	StatusCode int
	// Code is the faultcode, e.g. "soap:Server" or "soap:Client".
	Code string
	// String is the faultstring, the human-readable reason.
	String string
	// Actor is the faultactor, usually empty.
	Actor string
	// Detail is the raw inner XML of the fault's detail element, if any.
	Detail string
}

// Error returns the operation, fault code and fault string.
func (e *FaultError) Error() string {
	return (*soap.Fault)(e).Describe("servicecenter")
}

// Is reports whether target is [ErrLoginFailed] and the fault says the
// credentials were refused.
func (e *FaultError) Is(target error) bool {
	if target != ErrLoginFailed {
		return false
	}
	s := strings.ToLower(e.String)
	return strings.Contains(s, "invalid username or password") || strings.Contains(s, "invalid login")
}

// HTTPError is an answer that is not a SOAP response: an HTML page, a 404
// for a service the environment does not expose (or refuses outside its
// Internal Network), a proxy's 502/503 after the retries, a 200 whose body
// is not a SOAP envelope.
type HTTPError struct {
	// Operation is "Service.Operation".
	Operation string
	// StatusCode and ContentType are those of the answer.
	StatusCode  int
	ContentType string
	// Body holds at most 1 MiB of the answer.
	Body []byte
	// Reason says why the answer is not usable.
	Reason string
}

// Error returns the operation, HTTP status and reason (not the body).
func (e *HTTPError) Error() string {
	return (*soap.HTTPError)(e).Describe("servicecenter")
}

// wrapErr turns what the SOAP layer returned into the package's errors:
// faults and non-SOAP answers become *FaultError and *HTTPError; when ctx
// is done the error wraps ctx.Err(); everything else is wrapped with the
// operation name.
func wrapErr(ctx context.Context, op string, err error) error {
	return soap.ConvertError(ctx, "servicecenter", op, err,
		func(f *soap.Fault) error { return (*FaultError)(f) },
		func(h *soap.HTTPError) error { return (*HTTPError)(h) })
}
