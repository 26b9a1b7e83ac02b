package ltservices

import (
	"bytes"
	"encoding/xml"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-outsystems/outsystems/internal/soap/soaptest"
)

// The fuzz targets of the decoders this package wrote on top of the
// generated SOAP code: the in-band Status of every answer, and answers that
// are SOAP faults or not SOAP at all. Seed corpora are in
// testdata/fuzz/<Target>/; plain go test runs them.

const fuzzToken = "fuzz-service-token-1f0c7d2e"

func fuzzClient(f *testing.F, ft *soaptest.StaticTransport) *Client {
	c, err := NewClient("https://lt.example.test", WithServiceAccountToken(fuzzToken), WithRetry(RetryPolicy{MaxAttempts: 1}), WithHTTPClient(&http.Client{Transport: ft}))
	if err != nil {
		f.Fatal(err)
	}
	return c
}

// roleListAnswer is a Role_List answer with the given Success and Status
// fields, escaped as XML text.
func roleListAnswer(success, responseID, message, info string) []byte {
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	return []byte(`<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
		`<Role_ListResponse xmlns="http://www.outsystems.com"><Success>` + esc(success) + `</Success><Status><Id>0</Id><ResponseId>` + esc(responseID) +
		`</ResponseId><ResponseMessage>` + esc(message) + `</ResponseMessage><ResponseAdditionalInfo>` + esc(info) + `</ResponseAdditionalInfo></Status>` +
		`<PlatformRoles/></Role_ListResponse></soap:Body></soap:Envelope>`)
}

// FuzzInBandStatus answers Role_List with arbitrary Success and Status
// values and checks the in-band decoding: Success=true is a success,
// Success=false a *StatusError carrying the ResponseId, anything else an
// error of this package.
func FuzzInBandStatus(f *testing.F) {
	for _, s := range [][4]string{
		{"true", "1", "OK", ""},
		{"false", "201", "Invalid credentials provided in WS call.", "Invalid or expired token."},
		{"false", "10", "User username cannot be empty.", ""},
		{"0", "403", "Permission denied", "x"},
		{"1", "1", "", ""},
		{"false", "-9223372036854775808", "", ""},
		{"false", "99999999999999999999", "overflow", ""},
		{"maybe", "1", "", ""},
		{"false", "", "no id", ""},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	ft := &soaptest.StaticTransport{Status: http.StatusOK}
	c := fuzzClient(f, ft)
	f.Fuzz(func(t *testing.T, success, responseID, message, info string) {
		ft.Body = roleListAnswer(success, responseID, message, info)
		_, err := c.Roles.List(t.Context())
		ok, boolErr := strconv.ParseBool(strings.TrimSpace(success))
		id, idErr := strconv.ParseInt(strings.TrimSpace(responseID), 10, 64)
		switch {
		case boolErr != nil || idErr != nil || !xmlText(success) || !xmlText(responseID):
			// Not a well-formed Status: any outcome but a panic, and an
			// error must be this package's.
			if err != nil && !strings.Contains(err.Error(), "ltservices") {
				t.Errorf("error %q does not name the package", err)
			}
		case ok:
			if err != nil {
				t.Errorf("Success=true answered with error %v", err)
			}
		default:
			var se *StatusError
			if !errors.As(err, &se) {
				t.Fatalf("Success=false, ResponseId %d: err = %T %v, want *StatusError", id, err, err)
			}
			if se.ResponseID != id || se.Operation != "RoleManagementService.Role_List" {
				t.Errorf("StatusError{%d, %q}, want {%d, RoleManagementService.Role_List}", se.ResponseID, se.Operation, id)
			}
			if !errors.Is(err, &StatusError{ResponseID: id}) {
				t.Errorf("errors.Is does not match ResponseId %d", id)
			}
			if !strings.HasPrefix(err.Error(), "ltservices: RoleManagementService.Role_List: ") {
				t.Errorf("Error() = %q", err)
			}
		}
		if err != nil && strings.Contains(err.Error(), fuzzToken) && !strings.Contains(message+info, fuzzToken) {
			t.Errorf("error %q contains the token", err)
		}
	})
}

// xmlText reports whether s survives XML escaping unchanged: valid UTF-8
// made only of characters XML 1.0 allows.
func xmlText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !(r == 0x9 || r == 0xA || r == 0xD || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			return false
		}
	}
	return true
}

// FuzzSOAPAnswer answers Role_List with an arbitrary status and body and
// checks that the result is a value or one of the package's errors.
func FuzzSOAPAnswer(f *testing.F) {
	for _, s := range []struct {
		status int
		body   []byte
	}{
		{200, roleListAnswer("true", "1", "OK", "")},
		{200, roleListAnswer("false", "201", "Invalid credentials provided in WS call.", "")},
		{500, []byte(`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request.</faultstring><detail/></soap:Fault></soap:Body></soap:Envelope>`)},
		{404, []byte(`<html><body>The resource cannot be found.</body></html>`)},
		{200, []byte(`{"json":"not soap"}`)},
		{502, nil},
	} {
		f.Add(s.status, s.body)
	}
	ft := &soaptest.StaticTransport{}
	c := fuzzClient(f, ft)
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = 200 + (status%400+400)%400 // 200..599
		ft.Status, ft.Body = status, body
		_, err := c.Roles.List(t.Context())
		if err == nil {
			// Any 2xx is a successful HTTP exchange; what it says is in
			// the envelope.
			if status/100 != 2 {
				t.Errorf("HTTP %d accepted as an answer", status)
			}
			return
		}
		if msg := err.Error(); !strings.Contains(msg, "ltservices") || !strings.Contains(msg, "Role_List") {
			t.Errorf("error %q does not name the package and the operation", msg)
		}
		var fe *FaultError
		var he *HTTPError
		var se *StatusError
		switch {
		case errors.As(err, &fe):
			if fe.StatusCode != status {
				t.Errorf("FaultError status %d for HTTP %d", fe.StatusCode, status)
			}
		case errors.As(err, &he):
			if he.StatusCode != status || len(he.Body) > 1<<20 {
				t.Errorf("HTTPError{%d, %d bytes} for HTTP %d", he.StatusCode, len(he.Body), status)
			}
		case errors.As(err, &se):
			if status/100 != 2 {
				t.Errorf("in-band status from HTTP %d", status)
			}
		}
		if !bytes.Contains(body, []byte(fuzzToken)) && strings.Contains(err.Error(), fuzzToken) {
			t.Errorf("error %q contains the token", err)
		}
	})
}
