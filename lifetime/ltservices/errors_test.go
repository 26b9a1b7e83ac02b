package ltservices_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/go-outsystems/outsystems/lifetime/ltservices"
)

func TestInBandErrorIsStatusError(t *testing.T) {
	f := newFake(t, func(op, token string) string {
		return failStatus(101, "User does not exist.", "There is no user with username 'ghost'.")
	})
	c := newClient(t, f.URL, ltservices.WithServiceAccountToken(serviceToken))
	err := c.Users.SetInactive(t.Context(), "ghost")
	var se *ltservices.StatusError
	if !errors.As(err, &se) {
		t.Fatalf("error %T %v, want *StatusError", err, err)
	}
	want := &ltservices.StatusError{Operation: "UserManagementService.User_SetInactive", ResponseID: 101,
		Message: "User does not exist.", AdditionalInfo: "There is no user with username 'ghost'."}
	if diff := cmp.Diff(want, se); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
	if !errors.Is(err, ltservices.ErrUserNotFound) || errors.Is(err, ltservices.ErrRoleNotFound) {
		t.Error("sentinel matching is wrong")
	}
	if strings.Contains(err.Error(), serviceToken) {
		t.Error("the token appears in the error")
	}
}

func serve(t *testing.T, status int, ctype, body string) (*httptest.Server, *int) {
	t.Helper()
	var n int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("Content-Type", ctype)
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestFaultIsFaultError(t *testing.T) {
	srv, n := serve(t, 500, "text/xml; charset=utf-8", `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request.</faultstring><detail/></soap:Fault></soap:Body></soap:Envelope>`)
	c := newClient(t, srv.URL, ltservices.WithServiceAccountToken(serviceToken))
	_, err := c.Roles.List(t.Context())
	var fe *ltservices.FaultError
	if !errors.As(err, &fe) {
		t.Fatalf("error %T %v, want *FaultError", err, err)
	}
	want := &ltservices.FaultError{Operation: "RoleManagementService.Role_List", StatusCode: 500, Code: "soap:Server", String: "Server was unable to process request."}
	if diff := cmp.Diff(want, fe); diff != "" {
		t.Errorf("fault (-want +got):\n%s", diff)
	}
	if *n != 1 {
		t.Errorf("read-only call with a fault sent %d times, want once", *n)
	}
}

func TestRemovedAPIIsHTTPError(t *testing.T) {
	srv, n := serve(t, 404, "text/html", "<html><body>The resource cannot be found.</body></html>")
	c := newClient(t, srv.URL, ltservices.WithServiceAccountToken(serviceToken))
	_, err := c.Teams.List(t.Context())
	var he *ltservices.HTTPError
	if !errors.As(err, &he) {
		t.Fatalf("error %T %v, want *HTTPError", err, err)
	}
	if he.StatusCode != 404 || he.ContentType != "text/html" || he.Operation != "TeamManagementService.Team_List" || !strings.Contains(string(he.Body), "cannot be found") {
		t.Errorf("HTTPError = %+v", he)
	}
	if *n != 1 {
		t.Errorf("%d requests, want 1", *n)
	}
}

func TestNonXMLSuccessIsHTTPError(t *testing.T) {
	srv, _ := serve(t, 200, "text/plain", "OK")
	c := newClient(t, srv.URL, ltservices.WithCredentials(testUser, testPassword))
	_, err := c.GetToken(t.Context())
	var he *ltservices.HTTPError
	if !errors.As(err, &he) || he.StatusCode != 200 || string(he.Body) != "OK" {
		t.Fatalf("error %v, want *HTTPError 200 with the body", err)
	}
}

func TestUserAgent(t *testing.T) {
	f := newFake(t, nil)
	for _, c := range []*ltservices.Client{
		newClient(t, f.URL, ltservices.WithServiceAccountToken(serviceToken)),
		newClient(t, f.URL, ltservices.WithServiceAccountToken(serviceToken), ltservices.WithUserAgent("release-bot/2.1")),
	} {
		if err := c.Users.SetActive(t.Context(), "ana"); err != nil {
			t.Fatal(err)
		}
	}
	reqs := f.recorded()
	if len(reqs) != 2 || !strings.HasPrefix(reqs[0].UserAgent, "go-outsystems/") || reqs[1].UserAgent != "release-bot/2.1" {
		t.Errorf("requests %+v, want User-Agent go-outsystems/<version> then release-bot/2.1", reqs)
	}
}

func TestValidation(t *testing.T) {
	for _, opts := range [][]ltservices.Option{
		nil,
		{ltservices.WithCredentials("u", "p"), ltservices.WithServiceAccountToken("t")},
		{ltservices.WithCredentials("", "p")},
		{ltservices.WithServiceAccountToken(" ")},
		{ltservices.WithHTTPClient(nil)},
		{ltservices.WithUserAgent("")},
		{ltservices.WithUserAgent("tool/1\nX-Injected: 1")},
	} {
		if _, err := ltservices.NewClient("lt.example.com", opts...); !errors.Is(err, ltservices.ErrInvalidOption) {
			t.Errorf("NewClient with %d options: %v, want ErrInvalidOption", len(opts), err)
		}
	}
	if _, err := ltservices.NewClient("http://lt.example.com", ltservices.WithCredentials("u", "p")); !errors.Is(err, ltservices.ErrInvalidOption) {
		t.Errorf("http without opt-in: %v", err)
	}
	f := newFake(t, nil)
	c := newClient(t, f.URL, ltservices.WithServiceAccountToken(serviceToken))
	ctx := t.Context()
	for name, err := range map[string]error{
		"SetInactive":      c.Users.SetInactive(ctx, " "),
		"AddUser":          c.Teams.AddUser(ctx, "Core", "", "Developer"),
		"UpdatePermission": c.Roles.UpdatePermission(ctx, "Developer", "", 1),
	} {
		if !errors.Is(err, ltservices.ErrInvalidArgument) {
			t.Errorf("%s: %v, want ErrInvalidArgument", name, err)
		}
	}
	if _, err := c.GetToken(ctx); !errors.Is(err, ltservices.ErrNoCredentials) {
		t.Errorf("GetToken without credentials: %v", err)
	}
	if n := len(f.recorded()); n != 0 {
		t.Errorf("%d requests sent for invalid input", n)
	}
}
