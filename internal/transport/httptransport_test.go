package transport

import (
	"net/http"
	"testing"
)

// TestDefaultHTTPTransport checks the pipeline's own client keeps more idle
// connections per host than net/http's 2, and a caller's client is used
// with its transport as is.
func TestDefaultHTTPTransport(t *testing.T) {
	p, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	tr, ok := p.client.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("default transport is %T", p.client.Transport)
	}
	if tr == http.DefaultTransport {
		t.Error("the pipeline uses http.DefaultTransport itself, not a clone")
	}
	if tr.MaxIdleConnsPerHost != DefaultMaxIdleConnsPerHost || tr.MaxIdleConns < DefaultMaxIdleConnsPerHost {
		t.Errorf("MaxIdleConnsPerHost = %d, MaxIdleConns = %d; want %d and at least as many", tr.MaxIdleConnsPerHost, tr.MaxIdleConns, DefaultMaxIdleConnsPerHost)
	}
	if tr.Proxy == nil {
		t.Error("the clone lost http.DefaultTransport's proxy from the environment")
	}

	own := &http.Transport{MaxIdleConnsPerHost: 3}
	p, err = New(Config{HTTPClient: &http.Client{Transport: own}})
	if err != nil {
		t.Fatal(err)
	}
	if p.client.Transport != own || own.MaxIdleConnsPerHost != 3 {
		t.Errorf("the caller's transport was replaced or modified")
	}
}
