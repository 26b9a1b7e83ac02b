package soap

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/go-outsystems/outsystems/internal/soapgen/scplatform"
	"github.com/go-outsystems/outsystems/internal/transport"
)

const platformAction = "http://ServiceCenter/OutSystemsPlatform/GetPlatformInfo"

const okEnvelope = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
<GetPlatformInfoResponse xmlns="http://www.outsystems.com"><Version>11.31.0.44210</Version><Serial>ABC</Serial></GetPlatformInfoResponse>
</soap:Body></soap:Envelope>`

const faultEnvelope = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Invalid username or password.</faultstring><detail><Code xmlns="urn:x">42</Code></detail></soap:Fault>
</soap:Body></soap:Envelope>`

// server answers with the handler and counts requests and accepted connections.
type server struct {
	*httptest.Server
	requests, conns atomic.Int64
}

func newServer(t *testing.T, h http.HandlerFunc) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		h(w, r)
	}))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.Start()
	t.Cleanup(s.Close)
	return s
}

func platform(t *testing.T, url string, readOnly ...string) scplatform.OutSystemsPlatformSoap {
	t.Helper()
	p, err := transport.New(transport.Config{Retry: transport.RetryPolicy{InitialInterval: 1, MaxInterval: 1}})
	if err != nil {
		t.Fatal(err)
	}
	return scplatform.NewOutSystemsPlatformSoap(NewDoer(p, readOnly...).NewClient(url + "/ServiceCenter/OutSystemsPlatform.asmx"))
}

func TestDoerSendsHeadersAndKeepsConnections(t *testing.T) {
	type seen struct{ Action, ContentType, UserAgent, Path string }
	var got []seen
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		got = append(got, seen{r.Header.Get("SOAPAction"), r.Header.Get("Content-Type"), r.Header.Get("User-Agent"), r.URL.Path})
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		io.WriteString(w, okEnvelope)
	})
	c := platform(t, srv.URL)
	for range 3 {
		resp, err := c.GetPlatformInfoContext(t.Context(), &scplatform.GetPlatformInfo{})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Version != "11.31.0.44210" || resp.Serial != "ABC" {
			t.Fatalf("decoded %+v", resp)
		}
	}
	want := seen{`"` + platformAction + `"`, "text/xml; charset=utf-8", transport.DefaultUserAgent, "/ServiceCenter/OutSystemsPlatform.asmx"}
	if diff := cmp.Diff([]seen{want, want, want}, got); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if n := srv.conns.Load(); n != 1 {
		t.Errorf("3 calls used %d connections, want 1", n)
	}
}

func TestDoerFaultIsTypedAndNotRetried(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, faultEnvelope)
	})
	// Even an operation on the read-only allow-list is not repeated on a fault.
	_, err := platform(t, srv.URL, platformAction).GetPlatformInfoContext(t.Context(), &scplatform.GetPlatformInfo{})
	var f *Fault
	if !errors.As(err, &f) {
		t.Fatalf("error %T %v, want *Fault", err, err)
	}
	want := &Fault{
		Operation: "OutSystemsPlatform.GetPlatformInfo", StatusCode: 500,
		Code: "soap:Server", String: "Invalid username or password.", Detail: `<Code xmlns="urn:x">42</Code>`,
	}
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("fault (-want +got):\n%s", diff)
	}
	if n := srv.requests.Load(); n != 1 {
		t.Errorf("fault answered after %d requests, want 1", n)
	}
}

// TestDoerOversizeAnswer: a successful answer over the bound is refused
// as too large (not as malformed XML), with a bounded body.
func TestDoerOversizeAnswer(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		io.WriteString(w, okEnvelope)
	})
	p, err := transport.New(transport.Config{})
	if err != nil {
		t.Fatal(err)
	}
	d := NewDoer(p)
	d.maxBody = int64(len(okEnvelope)) - 1
	_, err = scplatform.NewOutSystemsPlatformSoap(d.NewClient(srv.URL+"/ServiceCenter/OutSystemsPlatform.asmx")).
		GetPlatformInfoContext(t.Context(), &scplatform.GetPlatformInfo{})
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 200 || !strings.Contains(he.Reason, "larger than") || len(he.Body) > transport.MaxErrorBody {
		t.Fatalf("error %v, want *HTTPError 200 saying the answer is too large", err)
	}
	d.maxBody = int64(len(okEnvelope))
	if _, err := scplatform.NewOutSystemsPlatformSoap(d.NewClient(srv.URL+"/ServiceCenter/OutSystemsPlatform.asmx")).
		GetPlatformInfoContext(t.Context(), &scplatform.GetPlatformInfo{}); err != nil {
		t.Errorf("answer of exactly the bound: %v", err)
	}
}

func TestDoerNonXMLAnswers(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		ctype      string
		body       string
		readOnly   bool
		wantStatus int
		wantCalls  int64
		wantBody   int
	}{
		{name: "html 200", status: 200, ctype: "text/html", body: "<html><body>Login</body></html>", wantStatus: 200, wantCalls: 1},
		{name: "plain text 200", status: 200, ctype: "text/plain", body: "maintenance", wantStatus: 200, wantCalls: 1},
		{name: "404 unknown service", status: 404, ctype: "text/html", body: "not found", wantStatus: 404, wantCalls: 1},
		{name: "envelope with 500 and no fault", status: 500, ctype: "text/xml", body: okEnvelope, wantStatus: 500, wantCalls: 1},
		{name: "503 retried when read-only", status: 503, ctype: "text/html", body: "busy", readOnly: true, wantStatus: 503, wantCalls: 4},
		{name: "503 sent once otherwise", status: 503, ctype: "text/html", body: "busy", wantStatus: 503, wantCalls: 1},
		{name: "huge error page is bounded", status: 502, ctype: "text/html", body: strings.Repeat("x", transport.MaxErrorBody+10), wantStatus: 502, wantCalls: 1, wantBody: transport.MaxErrorBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.ctype)
				w.WriteHeader(tt.status)
				io.WriteString(w, tt.body)
			})
			var ro []string
			if tt.readOnly {
				ro = append(ro, platformAction)
			}
			_, err := platform(t, srv.URL, ro...).GetPlatformInfoContext(t.Context(), &scplatform.GetPlatformInfo{})
			var he *HTTPError
			if !errors.As(err, &he) {
				t.Fatalf("error %T %v, want *HTTPError", err, err)
			}
			if he.StatusCode != tt.wantStatus || he.ContentType != tt.ctype || he.Operation != "OutSystemsPlatform.GetPlatformInfo" {
				t.Errorf("got status %d type %q op %q", he.StatusCode, he.ContentType, he.Operation)
			}
			wantBody := len(tt.body)
			if tt.wantBody != 0 {
				wantBody = tt.wantBody
			}
			if len(he.Body) != wantBody {
				t.Errorf("body %d bytes, want %d", len(he.Body), wantBody)
			}
			if n := srv.requests.Load(); n != tt.wantCalls {
				t.Errorf("%d requests, want %d", n, tt.wantCalls)
			}
		})
	}
}

func TestOperationName(t *testing.T) {
	for in, want := range map[string]string{
		"http://ServiceCenter/Solutions/PublishRunning":             "Solutions.PublishRunning",
		`"http://LifeTimeServices/UserManagementService/User_List"`: "UserManagementService.User_List",
		"odd": "odd",
	} {
		if got := OperationName(in); got != want {
			t.Errorf("OperationName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBaseURL(t *testing.T) {
	tests := []struct {
		in        string
		allowHTTP bool
		want      string
		wantErr   bool
	}{
		{in: "sc.example.com", want: "https://sc.example.com"},
		{in: "sc.example.com:8443", want: "https://sc.example.com:8443"},
		{in: "https://sc.example.com/", want: "https://sc.example.com"},
		{in: "https://sc.example.com/servicecenter/", want: "https://sc.example.com"},
		{in: "http://127.0.0.1:1234", allowHTTP: true, want: "http://127.0.0.1:1234"},
		{in: "http://127.0.0.1:1234", wantErr: true},
		{in: "", wantErr: true},
		{in: "ftp://x", wantErr: true},
		{in: "https://u:p@x", wantErr: true},
		{in: "https://x/other", wantErr: true},
		{in: "https://x/?a=b", wantErr: true},
	}
	for _, tt := range tests {
		u, err := BaseURL(tt.in, tt.allowHTTP, "ServiceCenter")
		if tt.wantErr {
			if err == nil {
				t.Errorf("BaseURL(%q) = %v, want an error", tt.in, u)
			}
			continue
		}
		if err != nil || u.String() != tt.want {
			t.Errorf("BaseURL(%q) = %v, %v; want %s", tt.in, u, err, tt.want)
		}
	}
	if _, err := BaseURL("http://x", false, "ServiceCenter"); !errors.Is(err, ErrInsecureHTTP) {
		t.Errorf("http without opt-in: %v, want ErrInsecureHTTP", err)
	}
}
