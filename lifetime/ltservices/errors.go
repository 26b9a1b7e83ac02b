package ltservices

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-outsystems/outsystems/internal/soap"
)

// Errors returned before anything is sent.
var (
	// ErrInvalidOption is wrapped by NewClient's error for a bad option or host.
	ErrInvalidOption = errors.New("ltservices: invalid option")
	// ErrNoCredentials: the call needs WithCredentials.
	ErrNoCredentials = errors.New("ltservices: no credentials (use WithCredentials)")
	// ErrInvalidArgument: an argument is empty or out of range.
	ErrInvalidArgument = errors.New("ltservices: invalid argument")
)

// StatusError is an in-band failure: LifeTime answered HTTP 200 with
// Success=false and a Status whose ResponseId says why (soap-apis.md §3.4).
// Match a documented code with errors.Is and the sentinels below, or read
// the fields with errors.As. The text of Error() is not part of the API.
type StatusError struct {
	// Operation is "Service.Operation", e.g. "UserManagementService.User_List".
	Operation string
	// ResponseID is the machine-readable code (Status.ResponseId).
	ResponseID int64
	// Message and AdditionalInfo are Status.ResponseMessage and
	// Status.ResponseAdditionalInfo.
	Message        string
	AdditionalInfo string
	// ID is Status.Id.
	ID int64
}

// Error returns the operation, ResponseId and messages.
func (e *StatusError) Error() string {
	s := fmt.Sprintf("ltservices: %s: ResponseId %d: %s", e.Operation, e.ResponseID, e.Message)
	if e.AdditionalInfo != "" {
		s += " (" + e.AdditionalInfo + ")"
	}
	return s
}

// Is reports whether target is a *StatusError with the same ResponseID,
// such as the sentinels of this package.
func (e *StatusError) Is(target error) bool {
	t, ok := target.(*StatusError)
	return ok && t.ResponseID == e.ResponseID
}

// Sentinels for the ResponseId values documented for the LifeTime Services
// API ("APIStatus Structure", OutSystems 9.1 help, soap-apis.md §3.4). The
// public copy of that table stops after 403.
var (
	ErrEmptyUsername                 = &StatusError{ResponseID: 10, Message: "User username cannot be empty."}
	ErrEmptyName                     = &StatusError{ResponseID: 11, Message: "User name cannot be empty."}
	ErrEmptyApplicationKey           = &StatusError{ResponseID: 12, Message: "Application key cannot be empty."}
	ErrEmptyEnvironmentKey           = &StatusError{ResponseID: 13, Message: "Environment key cannot be empty."}
	ErrEmptyRoleName                 = &StatusError{ResponseID: 14, Message: "Role name cannot be empty."}
	ErrPasswordTooShort              = &StatusError{ResponseID: 15, Message: "User password must be at least 6 characters long."}
	ErrUserExists                    = &StatusError{ResponseID: 100, Message: "Username already exists."}
	ErrUserNotFound                  = &StatusError{ResponseID: 101, Message: "User does not exist."}
	ErrUserProtected                 = &StatusError{ResponseID: 103, Message: "User is protected."}
	ErrInvalidCredentials            = &StatusError{ResponseID: 200, Message: "Invalid username or password."}
	ErrInvalidToken                  = &StatusError{ResponseID: 201, Message: "Invalid or expired token."}
	ErrTokenRequired                 = &StatusError{ResponseID: 202, Message: "Authentication must be done via token."}
	ErrRoleNameReserved              = &StatusError{ResponseID: 300, Message: "Role name is reserved."}
	ErrRoleProtected                 = &StatusError{ResponseID: 301, Message: "Role is protected."}
	ErrRoleExists                    = &StatusError{ResponseID: 302, Message: "Role already exists."}
	ErrRoleNotFound                  = &StatusError{ResponseID: 303, Message: "Role does not exist."}
	ErrApplicationNotFound           = &StatusError{ResponseID: 400, Message: "Application does not exist."}
	ErrInvalidPermissionLevel        = &StatusError{ResponseID: 401, Message: "Invalid permission level ID."}
	ErrApplicationPermissionNotFound = &StatusError{ResponseID: 402, Message: "Application permission does not exist."}
	ErrInvalidVersionFormat          = &StatusError{ResponseID: 403, Message: "The version format is invalid."}
)

// FaultError is a SOAP fault (HTTP 500): LifeTime Services report business
// errors in-band ([StatusError]), so a fault means a server-side exception
// or a malformed request.
type FaultError struct {
	// Operation is "Service.Operation".
	Operation string
	// StatusCode is the HTTP status that carried the fault.
	StatusCode int
	// Code, String and Actor are faultcode, faultstring and faultactor.
	Code, String, Actor string
	// Detail is the raw inner XML of the detail element, if any.
	Detail string
}

// Error returns the operation, fault code and fault string.
func (e *FaultError) Error() string {
	return (*soap.Fault)(e).Describe("ltservices")
}

// HTTPError is an answer that is not a SOAP response: an HTML page, a 404
// on a console where the deprecated API was removed, a proxy's 503 after
// the retries.
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
	return (*soap.HTTPError)(e).Describe("ltservices")
}

// wrapErr turns what the SOAP layer returned into the package's errors.
func wrapErr(ctx context.Context, op string, err error) error {
	return soap.ConvertError(ctx, "ltservices", op, err,
		func(f *soap.Fault) error { return (*FaultError)(f) },
		func(h *soap.HTTPError) error { return (*HTTPError)(h) })
}
