package scsim_test

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
)

const (
	testUser = "admin"
	testPass = "s3cret-Pa55"
	testHash = "#0F1E2D3C4B5A69788796A5B4C3D2E1F0"
)

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// fixture is a simulated Service Center served over real HTTP.
type fixture struct {
	sc    *scsim.ServiceCenter
	clock *scsim.ManualClock
	srv   *httptest.Server
}

func newFixture(t *testing.T, mutate ...func(*scsim.Config)) *fixture {
	t.Helper()
	clock := scsim.NewManualClock(t0)
	cfg := scsim.Config{
		Version: "11.31.0.44210", Serial: "SERIAL-1",
		Username: testUser, Password: testPass, HashedPassword: testHash,
		Clock: clock, PublishDuration: 40 * time.Second,
	}
	for _, m := range mutate {
		m(&cfg)
	}
	sc := scsim.New(cfg)
	srv := httptest.NewServer(sc.Handler())
	t.Cleanup(srv.Close)
	return &fixture{sc: sc, clock: clock, srv: srv}
}

// envelope11 wraps an operation element in a SOAP 1.1 envelope, the way an
// ASMX client sends it.
func envelope11(op string) string {
	return `<?xml version="1.0" encoding="utf-8"?>` +
		`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
		op + `</soap:Body></soap:Envelope>`
}

// creds is the username/password pair in the lower-case element names of
// Solutions.asmx.
func creds(user, pass string) string {
	return "<username>" + user + "</username><password>" + pass + "</password>"
}

type answer struct {
	status int
	header http.Header
	body   string
}

// call posts a SOAP 1.1 request with a quoted SOAPAction.
func (f *fixture) call(t *testing.T, service, op, inner string) answer {
	t.Helper()
	return f.raw(t, "/ServiceCenter/"+service+".asmx", "text/xml; charset=utf-8",
		`"http://ServiceCenter/`+service+`/`+op+`"`,
		envelope11(`<`+op+` xmlns="http://www.outsystems.com">`+inner+`</`+op+`>`))
}

func (f *fixture) raw(t *testing.T, path, contentType, action, body string) answer {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, f.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if action != "" {
		req.Header.Set("SOAPAction", action)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

// soapBody decodes the single element inside soap:Body of a SOAP 1.1 answer
// into v, checking the envelope on the way.
func soapBody(t *testing.T, a answer, v any) {
	t.Helper()
	const ns = "http://schemas.xmlsoap.org/soap/envelope/"
	dec := xml.NewDecoder(strings.NewReader(a.body))
	var path []string
	for {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("answer has no element in soap:Body: %v\n%s", err, a.body)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if len(path) < 2 {
			want := []string{"Envelope", "Body"}[len(path)]
			if se.Name.Space != ns || se.Name.Local != want {
				t.Fatalf("element %d = {%s}%s, want {%s}%s\n%s", len(path), se.Name.Space, se.Name.Local, ns, want, a.body)
			}
			path = append(path, se.Name.Local)
			continue
		}
		if err := dec.DecodeElement(v, &se); err != nil {
			t.Fatalf("decoding body: %v\n%s", err, a.body)
		}
		return
	}
}

// soapFault is a SOAP 1.1 fault as it appears on the wire.
type soapFault struct {
	XMLName xml.Name `xml:"http://schemas.xmlsoap.org/soap/envelope/ Fault"`
	Code    string   `xml:"faultcode"`
	String  string   `xml:"faultstring"`
}

// wantOK checks a 200 answer with a SOAP 1.1 content type and decodes it.
func wantOK(t *testing.T, a answer, v any) {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("status = %d, want 200; body:\n%s", a.status, a.body)
	}
	if ct := a.header.Get("Content-Type"); ct != "text/xml; charset=utf-8" {
		t.Errorf("Content-Type = %q, want text/xml; charset=utf-8", ct)
	}
	soapBody(t, a, v)
}

// wantFault checks a 500 answer holding a SOAP 1.1 fault and returns it.
func wantFault(t *testing.T, a answer) soapFault {
	t.Helper()
	if a.status != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500; body:\n%s", a.status, a.body)
	}
	var f soapFault
	soapBody(t, a, &f)
	return f
}
