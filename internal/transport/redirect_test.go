package transport

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestCheckRedirect covers the redirect rules request by request.
func TestCheckRedirect(t *testing.T) {
	req := func(method, u string, body io.Reader, header ...string) *http.Request {
		r := mustRequest(t, method, u, body)
		for i := 0; i+1 < len(header); i += 2 {
			r.Header.Set(header[i], header[i+1])
		}
		return r
	}
	tests := []struct {
		name   string
		first  *http.Request
		next   string
		refuse bool
	}{
		{"GET, no credentials, other host", req("GET", "https://a.example/x", nil), "https://b.example/y", false},
		{"GET, no credentials, https to http, same host", req("GET", "https://a.example/x", nil), "http://a.example/y", true},
		{"GET, no credentials, https to http, other host", req("GET", "https://a.example/x", nil), "http://b.example/y", true},
		{"GET, http to https, same host", req("GET", "http://a.example/x", nil), "https://a.example/y", false},
		{"GET with Authorization, same host", req("GET", "https://a.example/x", nil, "Authorization", "Bearer t"), "https://A.example:443/y", false},
		{"GET with Authorization, other host", req("GET", "https://a.example/x", nil, "Authorization", "Bearer t"), "https://b.example/y", true},
		{"GET with Authorization, other port", req("GET", "https://a.example/x", nil, "Authorization", "Bearer t"), "https://a.example:8443/y", true},
		{"GET with Cookie, other host", req("GET", "https://a.example/x", nil, "Cookie", "s=1"), "https://b.example/y", true},
		{"GET with Proxy-Authorization, other host", req("GET", "https://a.example/x", nil, "Proxy-Authorization", "Basic x"), "https://b.example/y", true},
		{"GET with user information, other host", req("GET", "https://u:p@a.example/x", nil), "https://b.example/y", true},
		{"SOAP POST with body, other host", req("POST", "https://a.example/Solutions.asmx", strings.NewReader("<pw/>")), "https://b.example/Solutions.asmx", true},
		{"SOAP POST with body, same host", req("POST", "https://a.example/Solutions.asmx", strings.NewReader("<pw/>")), "https://a.example/ServiceCenter/Solutions.asmx", false},
		{"DELETE without body, other host", req("DELETE", "https://a.example/x", nil), "https://b.example/x", true},
		{"HEAD, other host", req("HEAD", "https://a.example/x", nil), "https://b.example/x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			next := mustRequest(t, "GET", tt.next, nil)
			err := checkRedirect(next, []*http.Request{tt.first})
			if got := err != nil; got != tt.refuse {
				t.Fatalf("checkRedirect = %v, want refused %v", err, tt.refuse)
			}
			if err != nil && !errors.Is(err, ErrRedirectRefused) {
				t.Errorf("err = %v, want ErrRedirectRefused", err)
			}
			if err != nil && strings.Contains(err.Error(), "Bearer t") {
				t.Errorf("err = %v shows the credential", err)
			}
		})
	}

	// A chain that went through https may not end on http.
	chain := []*http.Request{mustRequest(t, "GET", "http://a.example/x", nil), mustRequest(t, "GET", "https://a.example/x", nil)}
	if err := checkRedirect(mustRequest(t, "GET", "http://a.example/y", nil), chain); !errors.Is(err, ErrRedirectRefused) {
		t.Errorf("http -> https -> http: err = %v, want ErrRedirectRefused", err)
	}
}

// TestRedirectBodyCredentials sends SOAP-like POSTs, whose credentials
// travel in the body, through a pipeline: a 307 from HTTPS to plain http
// on another host is refused before anything reaches that host, and a
// same-host 307 is followed with the body.
func TestRedirectBodyCredentials(t *testing.T) {
	const secret = "<Password>body-secret-93f1</Password>"
	var mu sync.Mutex
	var reached []string
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		reached = append(reached, r.Method+" "+r.URL.Path+" "+string(b))
		mu.Unlock()
	}))
	defer plain.Close()
	secure := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/away":
			http.Redirect(w, r, plain.URL+"/stolen", http.StatusTemporaryRedirect)
		case "/moved":
			http.Redirect(w, r, "/final", http.StatusTemporaryRedirect)
		case "/final":
			b, _ := io.ReadAll(r.Body)
			_, _ = w.Write(b)
		}
	}))
	defer secure.Close()
	p, err := New(Config{HTTPClient: secure.Client()})
	if err != nil {
		t.Fatal(err)
	}

	for _, method := range []string{"POST", "GET"} {
		var body io.Reader
		if method == "POST" {
			body = bytes.NewBufferString(secret)
		}
		_, err = p.Do(t.Context(), mustRequest(t, method, secure.URL+"/away", body), Call{Retryable: true})
		if !errors.Is(err, ErrRedirectRefused) {
			t.Errorf("%s https -> http on another host: err = %v, want ErrRedirectRefused", method, err)
		}
	}
	mu.Lock()
	if len(reached) != 0 {
		t.Errorf("the plain-http server was reached: %q", reached)
	}
	mu.Unlock()

	resp, err := p.Do(t.Context(), mustRequest(t, "POST", secure.URL+"/moved", bytes.NewBufferString(secret)), Call{})
	if err != nil {
		t.Fatalf("same-host 307: %v", err)
	}
	if got := readBody(t, resp); got != secret {
		t.Errorf("same-host 307 body = %q, want %q", got, secret)
	}
}
