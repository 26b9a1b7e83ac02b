package servicecentertest_test

import (
	"crypto/x509"
	"net/http"
	"strings"
	"testing"

	"github.com/go-outsystems/outsystems/servicecenter/servicecentertest"
	"github.com/google/go-cmp/cmp"
)

func TestDefaultsGenerateAPasswordPerServer(t *testing.T) {
	a, b := servicecentertest.NewServer(), servicecentertest.NewServer()
	t.Cleanup(a.Close)
	t.Cleanup(b.Close)
	if a.Username() != servicecentertest.DefaultUsername {
		t.Errorf("Username() = %q, want %q", a.Username(), servicecentertest.DefaultUsername)
	}
	if a.Password() == "" || a.Password() == b.Password() {
		t.Errorf("passwords %q and %q: want two different non-empty values", a.Password(), b.Password())
	}
	if !strings.HasPrefix(a.URL, "http://127.0.0.1:") || a.Host() != strings.TrimPrefix(a.URL, "http://") {
		t.Errorf("URL = %q, Host() = %q", a.URL, a.Host())
	}
	if st, body := testLogin(t, a, a.Username(), a.Password()); st != http.StatusOK {
		t.Errorf("TestLogin with the server's credentials: status %d\n%s", st, body)
	}
	if st, _ := testLogin(t, a, a.Username(), b.Password()); st != http.StatusInternalServerError {
		t.Errorf("TestLogin with another server's password: status %d, want 500", st)
	}
}

func TestTLSServer(t *testing.T) {
	srv := servicecentertest.NewServer(servicecentertest.WithTLS(),
		servicecentertest.WithCredentials("ops", "pw"), servicecentertest.WithHashedPassword("#ABC"),
		servicecentertest.WithRequireHashedPassword())
	t.Cleanup(srv.Close)
	if !strings.HasPrefix(srv.URL, "https://") {
		t.Fatalf("URL = %q, want https", srv.URL)
	}
	cert, err := x509.ParseCertificate(srv.Certificate())
	if err != nil {
		t.Fatalf("Certificate(): %v", err)
	}
	if len(cert.IPAddresses) == 0 {
		t.Errorf("certificate has no IP address")
	}
	// An ordinary client does not trust the test certificate.
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/ServiceCenter/Solutions.asmx", nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := (&http.Client{}).Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("plain client reached the TLS server without trusting its certificate")
	}
	got := map[string]int{}
	got["hashed"], _ = testLogin(t, srv, "ops", srv.HashedPassword())
	got["plain"], _ = testLogin(t, srv, "ops", srv.Password())
	want := map[string]int{"hashed": http.StatusOK, "plain": http.StatusInternalServerError}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("TestLogin status by password form (-want +got):\n%s", diff)
	}
}
