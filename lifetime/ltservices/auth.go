package ltservices

import (
	"context"
	"fmt"

	"github.com/go-outsystems/outsystems/internal/soapgen/ltauth"
)

// GetToken asks LifeTime for a new session token with the credentials of
// [WithCredentials]. The token is valid for 5 minutes ([TokenLifetime]).
// Operations of this package get and renew tokens themselves; GetToken is
// for callers that need one for something else. Refused credentials give
// a [*StatusError] matching [ErrInvalidCredentials].
//
// LifeTime Services SOAP: AuthenticationService.Authentication_GetToken
// (deprecated upstream since LifeTime 11.16.0).
func (c *Client) GetToken(ctx context.Context) (string, error) {
	const op = "AuthenticationService.Authentication_GetToken"
	if c.username == "" {
		return "", fmt.Errorf("%s: %w", op, ErrNoCredentials)
	}
	resp, err := c.auth.Authentication_GetTokenContext(ctx, &ltauth.Authentication_GetToken{Username: c.username, Password: c.password})
	if err != nil {
		return "", wrapErr(ctx, op, err)
	}
	if !resp.Success {
		return "", statusError(op, (*apiStatus)(resp.Status))
	}
	if resp.Token == "" {
		return "", fmt.Errorf("ltservices: %s: Success=true without a Token", op)
	}
	return resp.Token, nil
}
