package lifetime

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Sentinel errors matched by [*APIError] through errors.Is. Use them as
//
//	if errors.Is(err, lifetime.ErrNotFound) { ... }
//
// and errors.As(err, &apiErr) to read the status, the server's messages and
// the raw body.
var (
	// ErrBadRequest matches HTTP 400.
	ErrBadRequest = errors.New("lifetime: bad request")
	// ErrUnauthorized matches HTTP 401 (missing, invalid or expired token).
	ErrUnauthorized = errors.New("lifetime: unauthorized")
	// ErrForbidden matches HTTP 403 (the service account lacks permission,
	// or the feature is not licensed).
	ErrForbidden = errors.New("lifetime: forbidden")
	// ErrNotFound matches HTTP 404.
	ErrNotFound = errors.New("lifetime: not found")
	// ErrMethodNotAllowed matches HTTP 405; LifeTime answers it when a
	// feature is disabled or not present in this LifeTime version.
	ErrMethodNotAllowed = errors.New("lifetime: method not allowed")
	// ErrConflict matches HTTP 409 and the 400 answers LifeTime gives to a
	// deployment command or delete that the plan's state does not allow
	// ("Command start can't be executed", "cannot be deleted").
	ErrConflict = errors.New("lifetime: conflict or invalid state")
	// ErrTooManyRequests matches HTTP 429.
	ErrTooManyRequests = errors.New("lifetime: too many requests")
	// ErrServer matches any HTTP 5xx.
	ErrServer = errors.New("lifetime: server error")
	// ErrNotImplemented matches HTTP 501 (feature not supported).
	ErrNotImplemented = errors.New("lifetime: not implemented")
)

// Local errors, returned before anything is sent.
var (
	// ErrInvalidOption is wrapped by errors from [NewClient] options.
	ErrInvalidOption = errors.New("lifetime: invalid option")
	// ErrInvalidBaseURL is wrapped when the base URL cannot be used.
	ErrInvalidBaseURL = errors.New("lifetime: invalid base URL")
	// ErrEmptyKey is wrapped when a required key argument is empty.
	ErrEmptyKey = errors.New("lifetime: empty key")
	// ErrPathTraversal is wrapped when a path or key would leave the API
	// base ("." or ".." segments, absolute paths).
	ErrPathTraversal = errors.New("lifetime: path traversal refused")
	// ErrInvalidArgument is wrapped when another argument is invalid.
	ErrInvalidArgument = errors.New("lifetime: invalid argument")
	// ErrUnexpectedResponse is wrapped when a 2xx answer cannot be read
	// (not the documented JSON, no key where one was expected).
	ErrUnexpectedResponse = errors.New("lifetime: unexpected response")
)

// APIError is the error for every LifeTime answer outside 2xx. The text of
// Error() is for people; match with errors.Is against the sentinels and
// read the fields with errors.As.
type APIError struct {
	// StatusCode is the HTTP status code.
	StatusCode int
	// Errors are the messages of the body's "Errors" array, if any.
	Errors []string
	// BodyStatusCode is the body's "StatusCode" (usually StatusCode), or
	// 0 when absent.
	BodyStatusCode int
	// Operation is the swagger operationId, e.g. "Deployments_Get".
	Operation string
	// Method and URL (sanitized, no secrets) of the request.
	Method string
	// URL is the sanitized request URL.
	URL string
	// RequestID is the server's request identifier header, if any.
	RequestID string
	// Body is the raw body, at most 1 MiB.
	Body []byte

	// summary is a short, redacted rendering of a body without "Errors",
	// for Error().
	summary string
}

// Error describes the failure with the operation, status and messages.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "lifetime: %s: %s %s: %d %s", e.Operation, e.Method, e.URL, e.StatusCode, http.StatusText(e.StatusCode))
	if len(e.Errors) > 0 {
		b.WriteString(": ")
		b.WriteString(strings.Join(e.Errors, "; "))
	} else if e.summary != "" {
		b.WriteString(": ")
		b.WriteString(e.summary)
	}
	return b.String()
}

// Is reports whether target is the sentinel matching e's status (see the
// sentinel errors' documentation).
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrBadRequest:
		return e.StatusCode == http.StatusBadRequest
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrMethodNotAllowed:
		return e.StatusCode == http.StatusMethodNotAllowed
	case ErrConflict:
		if e.StatusCode == http.StatusConflict {
			return true
		}
		return e.StatusCode == http.StatusBadRequest && (e.Operation == "Deployments_ExecuteCommand" || e.Operation == "Deployments_Delete")
	case ErrTooManyRequests:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode <= 599
	case ErrNotImplemented:
		return e.StatusCode == http.StatusNotImplemented
	}
	return false
}

func isPrintable(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			return false
		}
	}
	return true
}

// keyError reports a bad key argument.
func keyError(field, why string, sentinel error) error {
	return fmt.Errorf("%w: %s %s", sentinel, field, why)
}
