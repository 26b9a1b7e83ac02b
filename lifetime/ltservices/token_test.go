package ltservices_test

import (
	"errors"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/go-outsystems/outsystems/internal/transport/memnet"
	"github.com/go-outsystems/outsystems/lifetime/ltservices"
)

// TestTokenCacheRenewsBeforeExpiry runs in a synctest bubble: the client
// reuses its session token for 4 minutes and gets a new one before the 5
// minutes of validity run out.
func TestTokenCacheRenewsBeforeExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var usedTokens []string
		f := &fakeLT{respond: func(op, token string) string {
			usedTokens = append(usedTokens, token)
			return ""
		}}
		srv := memnet.NewServer(http.HandlerFunc(f.serve))
		defer srv.Close()
		c := newClient(t, srv.URL, ltservices.WithHTTPClient(srv.Client()), ltservices.WithCredentials(testUser, testPassword))
		ctx := t.Context()
		for _, wait := range []time.Duration{0, 2 * time.Minute, 2*time.Minute - time.Second, time.Second, 3 * time.Minute} {
			time.Sleep(wait)
			if _, err := c.Users.List(ctx, true); err != nil {
				t.Fatal(err)
			}
		}
		// t=0, 2m and 3m59s use token-1; t=4m renews; t=7m still uses token-2.
		want := []string{"token-1", "token-1", "token-1", "token-2", "token-2"}
		if diff := cmp.Diff(want, usedTokens); diff != "" {
			t.Errorf("tokens sent (-want +got):\n%s", diff)
		}
		if n := f.calls()["Authentication_GetToken"]; n != 2 {
			t.Errorf("%d GetToken calls, want 2", n)
		}
	})
}

// TestExpiredTokenIsRenewedOnce: LifeTime answers ResponseId 201 to a
// cached token; the client gets a new token and sends the call once more.
func TestExpiredTokenIsRenewedOnce(t *testing.T) {
	f := newFake(t, func(op, token string) string {
		if token == "token-1" {
			return failStatus(201, "Invalid credentials provided in WS call.", "Invalid or expired token.")
		}
		return okStatus() + "<PlatformUsers><PlatformUser>" + userXML + "</PlatformUser></PlatformUsers>"
	})
	c := newClient(t, f.URL, ltservices.WithCredentials(testUser, testPassword))
	users, err := c.Users.List(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]ltservices.User{jdoe}, users); diff != "" {
		t.Errorf("users (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]int{"Authentication_GetToken": 2, "User_List": 2}, f.calls()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

// TestTokenRefusedTwice: a renewed token refused again is an error, after
// exactly one renewal.
func TestTokenRefusedTwice(t *testing.T) {
	f := newFake(t, func(op, token string) string {
		return failStatus(201, "Invalid credentials provided in WS call.", "Invalid or expired token.")
	})
	c := newClient(t, f.URL, ltservices.WithCredentials(testUser, testPassword))
	err := c.Users.SetInactive(t.Context(), "jdoe")
	want := &ltservices.StatusError{Operation: "UserManagementService.User_SetInactive", ResponseID: 201,
		Message: "Invalid credentials provided in WS call.", AdditionalInfo: "Invalid or expired token."}
	var se *ltservices.StatusError
	if !errors.As(err, &se) {
		t.Fatalf("error %T %v, want *StatusError", err, err)
	}
	if diff := cmp.Diff(want, se); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
	if !errors.Is(err, ltservices.ErrInvalidToken) {
		t.Error("errors.Is(err, ErrInvalidToken) = false")
	}
	if diff := cmp.Diff(map[string]int{"Authentication_GetToken": 2, "User_SetInactive": 2}, f.calls()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

// TestServiceAccountTokenIsNotRenewed: a refused service account token
// (e.g. on LifeTime before 11.13.0) is reported at once.
func TestServiceAccountTokenIsNotRenewed(t *testing.T) {
	f := newFake(t, func(op, token string) string {
		return failStatus(201, "Invalid credentials provided in WS call.", "Invalid or expired token.")
	})
	c := newClient(t, f.URL, ltservices.WithServiceAccountToken(serviceToken))
	_, err := c.Roles.List(t.Context())
	if !errors.Is(err, ltservices.ErrInvalidToken) {
		t.Fatalf("error %v, want ErrInvalidToken", err)
	}
	if diff := cmp.Diff(map[string]int{"Role_List": 1}, f.calls()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func TestGetTokenRefusedCredentials(t *testing.T) {
	srv, _ := serve(t, 200, "text/xml; charset=utf-8",
		envelope("Authentication_GetToken", failStatus(200, "Invalid credentials provided in WS call.", "Invalid username or password.")))
	c := newClient(t, srv.URL, ltservices.WithCredentials(testUser, "wrong"))
	_, err := c.Teams.List(t.Context())
	if !errors.Is(err, ltservices.ErrInvalidCredentials) {
		t.Fatalf("error %v, want ErrInvalidCredentials", err)
	}
	var se *ltservices.StatusError
	if !errors.As(err, &se) || se.Operation != "AuthenticationService.Authentication_GetToken" {
		t.Errorf("error %v, want a StatusError of Authentication_GetToken", err)
	}
}

// TestConcurrentCallsShareOneToken: calls in parallel wait for one
// Authentication_GetToken and share its token (run with -race).
func TestConcurrentCallsShareOneToken(t *testing.T) {
	f := newFake(t, nil)
	c := newClient(t, f.URL, ltservices.WithCredentials(testUser, testPassword))
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Go(func() {
			if _, err := c.Teams.List(t.Context()); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if diff := cmp.Diff(map[string]int{"Authentication_GetToken": 1, "Team_List": 20}, f.calls()); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}
