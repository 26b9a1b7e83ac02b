package servicecentertest_test

import (
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/go-outsystems/outsystems/servicecenter/servicecentertest"
)

// call posts one operation of a Service Center service to srv as a SOAP
// 1.1 client does and returns the HTTP status and the body.
func call(t *testing.T, srv *servicecentertest.Server, service, op, args string) (int, string) {
	t.Helper()
	body := `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
		`<` + op + ` xmlns="http://www.outsystems.com">` + args + `</` + op + `></soap:Body></soap:Envelope>`
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/ServiceCenter/"+service+".asmx", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"http://ServiceCenter/`+service+`/`+op+`"`)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// post is call returning the text of the first element named element in
// the answer ("" when there is none).
func post(t *testing.T, srv *servicecentertest.Server, service, op, args, element string) (int, string) {
	t.Helper()
	status, body := call(t, srv, service, op, args)
	dec := xml.NewDecoder(strings.NewReader(body))
	for {
		tok, err := dec.Token()
		if err != nil {
			return status, ""
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == element {
			var s string
			if err := dec.DecodeElement(&s, &se); err != nil {
				t.Fatal(err)
			}
			return status, s
		}
	}
}

// testLogin calls Solutions.TestLogin with these credentials.
func testLogin(t *testing.T, srv *servicecentertest.Server, user, pass string) (int, string) {
	t.Helper()
	return call(t, srv, "Solutions", "TestLogin", "<username>"+user+"</username><password>"+pass+"</password>")
}
