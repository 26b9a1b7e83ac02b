package lifetime

import (
	"context"
	"log/slog"
	"net/http"
)

// TokenUnit is the unit of a token renewal period.
type TokenUnit string

// TokenUnitMonths is the only unit LifeTime documents for token renewal.
const TokenUnitMonths TokenUnit = "M"

// TokenRenewRequest says how long the renewed token should live (swagger
// DurationRecord).
type TokenRenewRequest struct {
	// Required: the duration, in Unit; must be positive.
	TimePeriod int `json:"timePeriod"`
	// Optional: the unit; empty means months ([TokenUnitMonths]).
	Unit TokenUnit `json:"unit"`
}

// RenewedToken is a new service account token and its expiry. The token is
// a secret: String, GoString and LogValue redact it.
type RenewedToken struct {
	// Token is the new token. It replaces the one the call was made with.
	Token string `json:"token"`
	// ExpiresAt is when the new token expires.
	ExpiresAt Time `json:"expiresAt"`
}

// String returns a redacted form that is safe to print.
func (t RenewedToken) String() string {
	return "{Token:REDACTED ExpiresAt:" + t.ExpiresAt.String() + "}"
}

// GoString returns the same redacted form as String.
func (t RenewedToken) GoString() string { return t.String() }

// LogValue keeps the token out of slog output.
func (t RenewedToken) LogValue() slog.Value {
	return slog.GroupValue(slog.String("token", "REDACTED"), slog.String("expiresAt", t.ExpiresAt.String()))
}

// RenewToken renews the token of the service account making the call and
// returns the new one. The client keeps using the token it was built with;
// build a new client with the returned token.
//
// LifeTime API: POST /auth/tokens/
func (s *AuthService) RenewToken(ctx context.Context, req *TokenRenewRequest) (*RenewedToken, *Response, error) {
	if req == nil || req.TimePeriod <= 0 {
		return nil, nil, invalidOption("TimePeriod", "must be positive")
	}
	body := *req
	if body.Unit == "" {
		body.Unit = TokenUnitMonths
	}
	return oneOf[RenewedToken](ctx, s.client, http.MethodPost, "Auth_Token", "auth/tokens/", nil, &body)
}
