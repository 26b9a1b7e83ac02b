package servicecenter_test

import (
	"flag"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/go-outsystems/outsystems/internal/soap/soaptest"
	"github.com/go-outsystems/outsystems/internal/transport/memnet"
	"github.com/go-outsystems/outsystems/servicecenter"
)

var update = flag.Bool("update", false, "rewrite the golden request files under testdata/requests")

const (
	testUser = "admin"
	// testPassword is in the pre-hashed form, sent as is.
	testPassword = "#0123456789ABCDEF"
)

// recorded is one request as the server saw it.
type recorded struct {
	Path, SOAPAction, ContentType string
	Body                          string
}

// fakeSC is an httptest server answering every request with the next
// canned answer (or the last one), recording requests and connections.
type fakeSC struct {
	*httptest.Server
	mu       sync.Mutex
	requests []recorded
	answers  []answer
	conns    atomic.Int64
}

type answer struct {
	status int
	ctype  string
	body   string
}

// soapOK is a 200 SOAP answer whose body element is <op>Response holding inner.
func soapOK(op, inner string) answer {
	return answer{200, "text/xml; charset=utf-8", `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>` +
		`<` + op + `Response xmlns="http://www.outsystems.com">` + inner + `</` + op + `Response></soap:Body></soap:Envelope>`}
}

func soapFault(code, text, detail string) answer {
	return answer{500, "text/xml; charset=utf-8", `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>` +
		`<faultcode>` + code + `</faultcode><faultstring>` + text + `</faultstring>` + detail + `</soap:Fault></soap:Body></soap:Envelope>`}
}

func newFake(t testing.TB, answers ...answer) *fakeSC {
	t.Helper()
	f := &fakeSC{answers: answers}
	f.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.requests = append(f.requests, recorded{r.URL.RequestURI(), r.Header.Get("SOAPAction"), r.Header.Get("Content-Type"), string(body)})
		a := f.answers[min(len(f.requests), len(f.answers))-1]
		f.mu.Unlock()
		w.Header().Set("Content-Type", a.ctype)
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
	}))
	f.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			f.conns.Add(1)
		}
	}
	f.Start()
	t.Cleanup(f.Close)
	return f
}

func (f *fakeSC) recorded() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}

// client returns a client of the fake with credentials, no retry delays.
func (f *fakeSC) client(t *testing.T, opts ...servicecenter.Option) *servicecenter.Client {
	t.Helper()
	opts = append([]servicecenter.Option{
		servicecenter.WithInsecureHTTP(),
		servicecenter.WithCredentials(testUser, testPassword),
	}, opts...)
	c, err := servicecenter.NewClient(f.URL, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// bubbleClient serves h on an in-memory network (usable inside a synctest
// bubble, where real sockets are not) and returns a client of it with
// credentials. The server is closed when the test ends.
func bubbleClient(t *testing.T, h http.Handler) *servicecenter.Client {
	t.Helper()
	srv := memnet.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := servicecenter.NewClient(srv.URL, servicecenter.WithInsecureHTTP(),
		servicecenter.WithHTTPClient(srv.Client()), servicecenter.WithCredentials(testUser, testPassword))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkGolden compares the request with testdata/requests/<name>.xml.
func checkGolden(t *testing.T, name string, r recorded) {
	t.Helper()
	soaptest.CheckGolden(t, name, soaptest.Request{Path: r.Path, SOAPAction: r.SOAPAction, ContentType: r.ContentType, Body: r.Body}, *update)
}
