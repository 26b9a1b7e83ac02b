package soapenv

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const env11 = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:o="http://www.outsystems.com"><soap:Header><x/></soap:Header><soap:Body><o:Ping><o:N>7</o:N></o:Ping></soap:Body></soap:Envelope>`

func request(contentType, action, body string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/x.asmx", strings.NewReader(body))
	r.Header.Set("Content-Type", contentType)
	if action != "" {
		r.Header.Set("SOAPAction", action)
	}
	return r
}

type ping struct {
	N int `xml:"N"`
}

func TestReadVersionsAndActions(t *testing.T) {
	env12 := strings.ReplaceAll(env11, NS11, NS12)
	tests := []struct {
		name                string
		contentType, action string
		body                string
		want                Request
	}{
		{"1.1 quoted", "text/xml; charset=utf-8", `"http://S/Ping"`, env11, Request{Version: SOAP11, Action: "http://S/Ping", Quoted: true}},
		{"1.1 unquoted", "text/xml", `http://S/Ping`, env11, Request{Version: SOAP11, Action: "http://S/Ping"}},
		{"1.1 none", "text/xml", ``, env11, Request{Version: SOAP11}},
		{"1.2 action parameter", `application/soap+xml; charset=utf-8; action="http://S/Ping"`, ``, env12, Request{Version: SOAP12, Action: "http://S/Ping", Quoted: true}},
		{"1.2 none", `application/soap+xml`, ``, env12, Request{Version: SOAP12, Quoted: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Read(request(tc.contentType, tc.action, tc.body), 1<<10)
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			want.Op = xml.StartElement{Name: xml.Name{Space: "http://www.outsystems.com", Local: "Ping"}}
			opts := cmp.Options{cmp.AllowUnexported(Request{}), cmp.FilterPath(func(p cmp.Path) bool {
				return p.Last().String() == ".dec" || p.Last().String() == ".Attr"
			}, cmp.Ignore())}
			if d := cmp.Diff(&want, got, opts); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
			var in ping
			if f := got.Decode(&in); f != nil {
				t.Fatal(f)
			}
			if in.N != 7 {
				t.Errorf("decoded N = %d, want 7", in.N)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, contentType, body string
		want                    error
	}{
		{"not SOAP", "application/json", `{}`, &MediaTypeError{ContentType: "application/json"}},
		{"no content type", "", env11, &MediaTypeError{ContentType: ""}},
		{"too large", "text/xml", env11 + strings.Repeat(" ", 1<<10), &Fault{Client: true, Message: ReadPrefix + "Maximum request length exceeded."}},
		{"other version", "application/soap+xml", env11, &Fault{Client: true, Message: "Possible SOAP version mismatch: Envelope namespace " + NS11 + " was unexpected. Expecting " + NS12 + "."}},
		{"not an envelope", "text/xml", `<Ping xmlns="urn:x"/>`, &Fault{Client: true, Message: ReadPrefix + "The root element is {urn:x}Ping, not a SOAP 1.1 Envelope."}},
		{"empty body", "text/xml", `<soap:Envelope xmlns:soap="` + NS11 + `"><soap:Body></soap:Body></soap:Envelope>`, &Fault{Client: true, Message: ReadPrefix + "There is an error in XML document. ---> soap:Body holds no operation element: unexpected end element Body"}},
		{"foreign element", "text/xml", `<soap:Envelope xmlns:soap="` + NS11 + `"><x:Y xmlns:x="urn:x"/></soap:Envelope>`, &Fault{Client: true, Message: ReadPrefix + "Unexpected element {urn:x}Y in the envelope."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(request(tc.contentType, "", tc.body), 1<<10)
			if err == nil {
				t.Fatal("no error")
			}
			if d := cmp.Diff(tc.want, err); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
		})
	}
}

func TestWrite(t *testing.T) {
	type pong struct {
		XMLName xml.Name `xml:"http://www.outsystems.com PongResponse"`
		N       int      `xml:"N"`
	}
	const head = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<soap:Envelope xmlns:soap="`
	const tail = `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>`
	tests := []struct {
		name        string
		write       func(w http.ResponseWriter)
		status      int
		contentType string
		body        string
	}{
		{"answer by XMLName", func(w http.ResponseWriter) { WriteAnswer(w, SOAP11, xml.Name{}, pong{N: 1}) }, 200, "text/xml; charset=utf-8",
			head + NS11 + tail + `<PongResponse xmlns="http://www.outsystems.com"><N>1</N></PongResponse></soap:Body></soap:Envelope>`},
		{"answer by name", func(w http.ResponseWriter) {
			WriteAnswer(w, SOAP12, xml.Name{Space: "urn:x", Local: "R"}, ping{N: 2})
		}, 200, "application/soap+xml; charset=utf-8",
			head + NS12 + tail + `<R xmlns="urn:x"><N>2</N></R></soap:Body></soap:Envelope>`},
		{"1.1 client fault", func(w http.ResponseWriter) { WriteFault(w, SOAP11, &Fault{Client: true, Message: "a<b"}) }, 500, "text/xml; charset=utf-8",
			head + NS11 + tail + `<soap:Fault><faultcode>soap:Client</faultcode><faultstring>a&lt;b</faultstring><detail /></soap:Fault></soap:Body></soap:Envelope>`},
		{"unknown version server fault", func(w http.ResponseWriter) { WriteFault(w, 0, &Fault{Message: "m"}) }, 500, "text/xml; charset=utf-8",
			head + NS11 + tail + `<soap:Fault><faultcode>soap:Server</faultcode><faultstring>m</faultstring><detail /></soap:Fault></soap:Body></soap:Envelope>`},
		{"1.2 sender fault", func(w http.ResponseWriter) { WriteFault(w, SOAP12, &Fault{Client: true, Message: "m"}) }, 500, "application/soap+xml; charset=utf-8",
			head + NS12 + tail + `<soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">m</soap:Text></soap:Reason><soap:Detail /></soap:Fault></soap:Body></soap:Envelope>`},
		{"1.2 receiver fault", func(w http.ResponseWriter) { WriteFault(w, SOAP12, &Fault{Message: "m"}) }, 500, "application/soap+xml; charset=utf-8",
			head + NS12 + tail + `<soap:Fault><soap:Code><soap:Value>soap:Receiver</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">m</soap:Text></soap:Reason><soap:Detail /></soap:Fault></soap:Body></soap:Envelope>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { tc.write(w) }))
			defer srv.Close()
			resp, err := http.Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var b strings.Builder
			if _, err := io.Copy(&b, resp.Body); err != nil {
				t.Fatal(err)
			}
			type wire struct {
				Status      int
				ContentType string
				Body        string
			}
			want := wire{tc.status, tc.contentType, tc.body}
			got := wire{resp.StatusCode, resp.Header.Get("Content-Type"), b.String()}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
		})
	}
}
