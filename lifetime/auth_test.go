package lifetime

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
)

func TestAuthOperations(t *testing.T) {
	t.Parallel()
	runOpCases(t, []opCase{{
		name: "RenewToken defaults to months", method: http.MethodPost, path: "/auth/tokens/",
		body:  `{"timePeriod":6,"unit":"M"}`,
		reply: `{"token":"new-token-value","expiresAt":"2027-05-26T10:00:00Z"}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Auth.RenewToken(ctx, &TokenRenewRequest{TimePeriod: 6})
		},
		want: &RenewedToken{Token: "new-token-value", ExpiresAt: wireTime(t, "2027-05-26T10:00:00Z")},
	}})
	runErrCases(t, []errCase{{
		name: "RenewToken 404", status: http.StatusNotFound, reply: exception(404, "User not found."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Auth.RenewToken(ctx, &TokenRenewRequest{TimePeriod: 1, Unit: TokenUnitMonths})
		},
		wantIs: ErrNotFound, wantOp: "Auth_Token",
	}, {
		name: "RenewToken zero period",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Auth.RenewToken(ctx, &TokenRenewRequest{})
		},
		wantIs: ErrInvalidArgument,
	}, {
		name: "RenewToken nil request",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Auth.RenewToken(ctx, nil)
		},
		wantIs: ErrInvalidArgument,
	}})
}

func TestRenewedTokenIsRedacted(t *testing.T) {
	t.Parallel()
	tok := RenewedToken{Token: "very-secret-token"}
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("renewed", "token", tok)
	for _, s := range []string{fmt.Sprint(tok), fmt.Sprintf("%v %+v %#v %s", tok, &tok, tok, tok), logged.String()} {
		if strings.Contains(s, tok.Token) {
			t.Errorf("output contains the token: %s", s)
		}
	}
	if !strings.Contains(logged.String(), "REDACTED") {
		t.Errorf("log output %q lacks the redaction marker", logged.String())
	}
}
