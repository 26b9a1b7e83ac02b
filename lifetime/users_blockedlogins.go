package lifetime

import (
	"context"
	"net/http"
	"net/url"
)

// LoginAttempt is a blocked login attempt on an environment (swagger
// PlatformLoginAttempt; camelCase on the wire).
type LoginAttempt struct {
	// UserID is the platform's numeric user id.
	UserID int `json:"userId"`
	// Username is the login name that was tried.
	Username string `json:"username"`
	// Success tells whether the attempt succeeded.
	Success bool `json:"success"`
	// Instant is when the attempt happened.
	Instant Time `json:"instant"`
	// IPAddress is the address the attempt came from.
	IPAddress string `json:"ipAddress"`
	// UsernameFailureCount counts failures for the username.
	UsernameFailureCount int `json:"usernameFailureCount"`
	// OriginAddressFailureCount counts failures from the address.
	OriginAddressFailureCount int `json:"originAddressFailureCount"`
	// UserAgent is the client's user agent.
	UserAgent string `json:"userAgent"`
	// Visitor identifies the visitor.
	Visitor string `json:"visitor"`
	// RequestKey identifies the request.
	RequestKey string `json:"requestKey"`
	// Result is the outcome as the platform recorded it.
	Result string `json:"result"`
	// EnvironmentID is the platform's numeric environment id.
	EnvironmentID int `json:"environmentId"`
	// EnvironmentName is the environment's name.
	EnvironmentName string `json:"environmentName"`
}

// BlockedLoginsOptions are the query parameters of [UsersService.BlockedLogins].
type BlockedLoginsOptions struct {
	// Optional: only attempts on this environment.
	EnvironmentKey string
}

// UnblockLoginsOptions are the query parameters of [UsersService.UnblockLogins].
type UnblockLoginsOptions struct {
	// Optional: unblock only on this environment.
	EnvironmentKey string
	// Optional: unblock only attempts from this address.
	IPAddress string
}

// BlockedLogins returns a user's blocked login attempts (LifeTime 11.13.0 or
// later; 501, [ErrNotImplemented], when the feature is not supported).
//
// LifeTime API: GET /users/{UserKey}/blockedlogins/
func (s *UsersService) BlockedLogins(ctx context.Context, userKey string, opts *BlockedLoginsOptions) ([]*LoginAttempt, *Response, error) {
	p, err := keyPath("users/{UserKey}/blockedlogins/", userKey)
	if err != nil {
		return nil, nil, err
	}
	q := url.Values{}
	if opts != nil && opts.EnvironmentKey != "" {
		q.Set("EnvironmentKey", opts.EnvironmentKey)
	}
	return listOf[LoginAttempt](ctx, s.client, "User_BlockedLogins_Get", p, q)
}

// UnblockLogins unblocks a user.
//
// LifeTime API: DELETE /users/{UserKey}/blockedlogins/
func (s *UsersService) UnblockLogins(ctx context.Context, userKey string, opts *UnblockLoginsOptions) (*Response, error) {
	p, err := keyPath("users/{UserKey}/blockedlogins/", userKey)
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	if opts != nil {
		if opts.EnvironmentKey != "" {
			q.Set("EnvironmentKey", opts.EnvironmentKey)
		}
		if opts.IPAddress != "" {
			q.Set("IpAddress", opts.IPAddress)
		}
	}
	return call(ctx, s.client, http.MethodDelete, "User_BlockedLogins_Unblock", p, q, nil, nil)
}
