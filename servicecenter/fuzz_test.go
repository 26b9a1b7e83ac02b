package servicecenter

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/go-outsystems/outsystems/internal/soap/soaptest"
)

// The fuzz targets of the decoders this package wrote on top of the
// generated SOAP code: publication messages, and answers that are SOAP
// faults or not SOAP at all. Seed corpora are in testdata/fuzz/<Target>/;
// plain go test runs them.

// FuzzPublishMessages reads arbitrary Messages text (XML or plain lines) and
// checks that every message read has a type and, for plain text, one
// trimmed non-empty line as its text.
func FuzzPublishMessages(f *testing.F) {
	for _, s := range []string{
		`<Messages><Message><Id>1</Id><Type>Info</Type><Module/><Text>Publishing</Text><Detail/><Instant>2024-05-01T10:00:00</Instant></Message>` +
			`<Message><Id>2</Id><Type>Done</Type><Text>Done</Text><Instant>2024-05-01T10:00:05.1234567Z</Instant></Message></Messages>`,
		`<Messages><Message><Id>3</Id><Type>Error</Type><Module>Orders</Module><Message>Compilation failed</Message><Detail>line 3</Detail></Message></Messages>`,
		"Publishing solution\r\n\r\n  Done  \n",
		"", "   ", "<Messages/>", "<Messages><Message><Id>x</Id></Message></Messages>", "<not xml",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		msgs, err := parseMessages(s)
		if err != nil {
			if msgs != nil {
				t.Errorf("parseMessages(%q) = %v with error %v", s, msgs, err)
			}
			return
		}
		xmlForm := strings.HasPrefix(strings.TrimSpace(s), "<")
		for i, m := range msgs {
			if m.Type == "" {
				t.Errorf("message %d of %q has no type", i, s)
			}
			if !xmlForm && (m.Text == "" || m.Text != strings.TrimSpace(m.Text) || strings.Contains(m.Text, "\n") || m.ID != 0) {
				t.Errorf("plain-text message %d of %q = %+v", i, s, m)
			}
		}
	})
}

// FuzzSOAPAnswer answers a call that sends credentials with an arbitrary
// status and body, and checks that the result is either a value or one of
// the package's errors: *FaultError (a SOAP fault), *HTTPError (not a SOAP
// answer) or an error naming the operation; and that the password does not
// appear in it unless the answer itself echoed it.
func FuzzSOAPAnswer(f *testing.F) {
	const password = "fuzz-Pw-2e7b44c1"
	env := func(inner string) string {
		return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` + inner + `</soap:Body></soap:Envelope>`
	}
	for _, s := range []struct {
		status int
		body   string
	}{
		{200, env(`<TestLoginResponse xmlns="http://www.outsystems.com"><TestLoginResult>ok</TestLoginResult></TestLoginResponse>`)},
		{500, env(`<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request. ---> Invalid username or password.</faultstring><detail/></soap:Fault>`)},
		{500, env(`<soap:Fault><faultcode>soap:Client</faultcode><faultstring>bad ` + password + `</faultstring><faultactor>x</faultactor><detail><e>1</e></detail></soap:Fault>`)},
		{200, env(`<soap:Fault><faultcode>soap:Server</faultcode><faultstring>fault under 200</faultstring></soap:Fault>`)},
		{404, `<html><body>The resource cannot be found.</body></html>`},
		{503, ``},
		{200, `not xml at all`},
		{200, env(``)},
		{500, env(`<soap:Fault>`)},
	} {
		f.Add(s.status, []byte(s.body))
	}
	ft := &soaptest.StaticTransport{}
	c, err := NewClient("https://sc.example.test", WithCredentials("admin", password), WithRetry(RetryPolicy{MaxAttempts: 1}), WithHTTPClient(&http.Client{Transport: ft}))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = 200 + (status%400+400)%400 // 200..599
		ft.Status, ft.Body = status, body
		_, err := c.TestLogin(t.Context())
		if err == nil {
			// Any 2xx is a successful HTTP exchange; what it says is in
			// the envelope.
			if status/100 != 2 {
				t.Errorf("HTTP %d accepted as an answer", status)
			}
			return
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "servicecenter: ") || !strings.Contains(msg, "TestLogin") {
			t.Errorf("error %q does not name the package and the operation", msg)
		}
		var fe *FaultError
		var he *HTTPError
		switch {
		case errors.As(err, &fe):
			if fe.Operation != "Solutions.TestLogin" || fe.StatusCode != status {
				t.Errorf("FaultError{%q, %d}, want {Solutions.TestLogin, %d}", fe.Operation, fe.StatusCode, status)
			}
		case errors.As(err, &he):
			if he.StatusCode != status || len(he.Body) > 1<<20 || he.Reason == "" {
				t.Errorf("HTTPError{%d, %d bytes, %q} for HTTP %d", he.StatusCode, len(he.Body), he.Reason, status)
			}
		}
		if !bytes.Contains(body, []byte(password)) && strings.Contains(msg, password) {
			t.Errorf("error %q contains the password", msg)
		}
	})
}
