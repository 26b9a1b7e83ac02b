package lifetime

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

func TestBlockedAddressesOperations(t *testing.T) {
	t.Parallel()
	runOpCases(t, []opCase{{
		name: "BlockedAddresses", method: http.MethodGet, path: "/environments/blockedipaddresses/",
		query: url.Values{"EnvironmentKey": {"e1"}},
		reply: `[{"userId":0,"username":"","success":false,"instant":"2024-03-01T08:15:00Z","ipAddress":"198.51.100.4","usernameFailureCount":0,"originAddressFailureCount":25,"result":"Blocked"}]`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.BlockedAddresses(ctx, &BlockedAddressesOptions{EnvironmentKey: "e1"})
		},
		want: []*LoginAttempt{{Instant: wireTime(t, "2024-03-01T08:15:00Z"), IPAddress: "198.51.100.4", OriginAddressFailureCount: 25, Result: "Blocked"}},
	}, {
		name: "BlockedAddresses 204", method: http.MethodGet, path: "/environments/blockedipaddresses/", status: http.StatusNoContent,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.BlockedAddresses(ctx, nil)
		},
		want: []*LoginAttempt{},
	}, {
		name: "UnblockAddress", method: http.MethodDelete, path: "/environments/blockedipaddresses/198.51.100.4/",
		query: url.Values{"EnvironmentKey": {"e1"}},
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Environments.UnblockAddress(ctx, "198.51.100.4", &BlockedAddressesOptions{EnvironmentKey: "e1"})
			return nil, resp, err
		},
	}, {
		name: "UnblockAddress IPv6", method: http.MethodDelete, path: "/environments/blockedipaddresses/2001:db8::1/",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Environments.UnblockAddress(ctx, "2001:db8::1", nil)
			return nil, resp, err
		},
	}})
	runErrCases(t, []errCase{{
		name: "BlockedAddresses 501", status: http.StatusNotImplemented, reply: exception(501, "Feature not supported."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.BlockedAddresses(ctx, nil)
		},
		wantIs: ErrNotImplemented, wantOp: "BlockedAddresses_Get",
	}, {
		name: "UnblockAddress 404", status: http.StatusNotFound, reply: exception(404, "Failed to delete login attempts due to invalid environment key."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Environments.UnblockAddress(ctx, "198.51.100.4", &BlockedAddressesOptions{EnvironmentKey: "e9"})
			return nil, resp, err
		},
		wantIs: ErrNotFound, wantOp: "BlockedAddresses_Unblock",
	}, {
		name: "UnblockAddress empty address",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			resp, err := c.Environments.UnblockAddress(ctx, "", nil)
			return nil, resp, err
		},
		wantIs: ErrEmptyKey,
	}})
}
