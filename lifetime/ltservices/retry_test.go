package ltservices_test

import (
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/go-outsystems/outsystems/internal/transport/memnet"
	"github.com/go-outsystems/outsystems/lifetime/ltservices"
)

// TestRetriesOnlyReadOnlyOperations: on 503, List and Get operations are
// retried, operations that change something are sent once. In a synctest
// bubble, so the backoff takes no real time.
func TestRetriesOnlyReadOnlyOperations(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int64
		srv := memnet.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, "<html>Service Unavailable</html>")
		}))
		defer srv.Close()
		c := newClient(t, srv.URL, ltservices.WithHTTPClient(srv.Client()), ltservices.WithServiceAccountToken(serviceToken),
			ltservices.WithRetry(ltservices.RetryPolicy{MaxAttempts: 3}))
		ctx := t.Context()
		tests := []struct {
			name string
			call func() error
			want int64
		}{
			{"User_List", func() error { _, err := c.Users.List(ctx, true); return err }, 3},
			{"Role_GetPermissions", func() error { _, err := c.Roles.Permissions(ctx, "Developer"); return err }, 3},
			{"Team_GetDetails", func() error { _, err := c.Teams.Get(ctx, "Core"); return err }, 3},
			{"User_SetInactive", func() error { return c.Users.SetInactive(ctx, "jdoe") }, 1},
			{"Role_Delete", func() error { _, err := c.Roles.Delete(ctx, "Developer", "Tester"); return err }, 1},
			{"Team_AddUser", func() error { return c.Teams.AddUser(ctx, "Core", "jdoe", "Developer") }, 1},
		}
		for _, tt := range tests {
			calls.Store(0)
			var he *ltservices.HTTPError
			if err := tt.call(); !errors.As(err, &he) || he.StatusCode != 503 {
				t.Errorf("%s: %v, want *HTTPError 503", tt.name, err)
			}
			if n := calls.Load(); n != tt.want {
				t.Errorf("%s: %d attempts, want %d", tt.name, n, tt.want)
			}
		}
	})
}
