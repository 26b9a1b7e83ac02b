package lifetime

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// The fuzz targets of the decoders this package wrote: the date-time type,
// the keys create operations answer with, and LifeTime's error body. Seed
// corpora are in testdata/fuzz/<Target>/; plain go test runs them.

// FuzzTime reads arbitrary text as a LifeTime date-time, directly and as a
// JSON value, and checks that what it accepts writes back in a form that
// reads back to the same instant (to the 100 ns LifeTime keeps).
func FuzzTime(f *testing.F) {
	for _, s := range []string{
		"1900-01-01T00:00:00", "2018-10-10T15:02:09Z", "2023-02-01T15:53:53.6371234",
		"2023-02-01T16:53:53.5+01:00", "2024-02-29", "", "yesterday", "0001-01-01T00:00:00Z",
		"9999-12-31T23:59:59.9999999Z", "1900-01-01T23:59:59.999Z", "2024-01-01T00:00:00.123456789Z",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseTime(s)
		var j Time
		jerr := j.UnmarshalJSON(mustJSON(t, s))
		if (err == nil) != (jerr == nil) || (err == nil && !v.Equal(j.Time)) {
			t.Fatalf("ParseTime(%q) = %v, %v but UnmarshalJSON = %v, %v", s, v, err, j, jerr)
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "lifetime: ") {
				t.Errorf("error %q does not name the package", err)
			}
			return
		}
		if !v.IsSet() {
			if v.String() != notSetWire {
				t.Errorf("not set writes %q", v.String())
			}
			return
		}
		if v.Year() > 9999 || v.UTC().Year() > 9999 {
			// An offset can push a 9999-12-31 value past year 9999 in UTC,
			// which RFC 3339 cannot write; nothing LifeTime sends.
			t.Skip("instant after year 9999 in UTC")
		}
		back, err := ParseTime(v.String())
		if err != nil {
			t.Fatalf("ParseTime(%q) = %v; it wrote %q, which does not read back: %v", s, v, v.String(), err)
		}
		// The wire keeps 7 fractional digits: writing truncates.
		if d := v.Sub(back.Time); d < 0 || d >= 100*time.Nanosecond {
			t.Errorf("%q read as %v, written %q, read back as %v (%v apart)", s, v, v.String(), back, d)
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var again Time
		if err := json.Unmarshal(out, &again); err != nil || !again.Equal(back.Time) {
			t.Errorf("JSON %s read back as %v, %v, want %v", out, again, err, back)
		}
	})
}

// mustJSON quotes s as a JSON string.
func mustJSON(t *testing.T, s string) []byte {
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzParseKey reads arbitrary create answers and checks that an accepted
// key looks like a key, and that a key is read the same in its three
// forms (plain text, JSON string, JSON object).
func FuzzParseKey(f *testing.F) {
	for _, s := range []string{
		"0b5a2d3c-9c4e-4b8f-8d16-3f1e2a7c9b10", `"0b5a2d3c-9c4e-4b8f-8d16-3f1e2a7c9b10"`,
		`{"DeploymentKey":"k-1"}`, `{"Key":"k-2","Name":"x"}`, `{"ApplicationKey":"a","VersionKey":"b"}`,
		"  k-3\r\n", "", `""`, `{}`, "<html>502</html>", `"a b"`, `{"key":7}`,
		"\xf6", `"k-\xf6"`, "k\x01y", `"k\u0007y"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		key, err := parseKey(body)
		if err != nil {
			if key != "" {
				t.Errorf("parseKey(%q) = %q with error %v", body, key, err)
			}
			return
		}
		if key == "" || len(key) > 200 || strings.IndexFunc(key, unicode.IsSpace) >= 0 {
			t.Fatalf("parseKey(%q) = %q, which is not a key", body, key)
		}
		if !utf8.ValidString(key) || strings.IndexFunc(key, unicode.IsControl) >= 0 || strings.ContainsRune(key, utf8.RuneError) {
			t.Fatalf("parseKey(%q) = %q, which is not valid UTF-8 or holds a control or replacement character", body, key)
		}
		for _, form := range [][]byte{[]byte(key), mustJSON(t, key), []byte(`{"DeploymentKey":` + string(mustJSON(t, key)) + `}`)} {
			if got, err := parseKey(form); err != nil || got != key {
				t.Errorf("parseKey(%q) = %q, %v; want %q (from %q)", form, got, err, key, body)
			}
		}
	})
}

// fuzzTransport answers every request with one status and body.
type fuzzTransport struct {
	status int
	body   []byte
}

func (f *fuzzTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: f.status,
		Header:     http.Header{"Content-Type": {"application/json; charset=utf-8"}},
		Body:       io.NopCloser(bytes.NewReader(f.body)),
		Request:    r,
	}, nil
}

// FuzzErrorBody answers a call with an arbitrary error status and body and
// checks the *APIError: status, operation, sentinels, the body's messages,
// a bounded raw body, and no token in the text even when the body echoes
// it.
func FuzzErrorBody(f *testing.F) {
	const token = "fuzz-token-6c1d0e9a"
	for _, s := range []struct {
		status int
		body   string
	}{
		{404, `{"Errors":["Deployment with key x not found."],"StatusCode":404}`},
		{400, `{"Errors":["Command start can't be executed"],"StatusCode":400}`},
		{401, `{"Errors":["Invalid token ` + token + `"],"StatusCode":401}`},
		{500, `{"Errors":[],"StatusCode":500}`},
		{503, `<!DOCTYPE html><html><body>Service Unavailable</body></html>`},
		{502, "bad gateway " + token},
		{429, ``},
		{400, `{"Errors":"not a list","StatusCode":"400"}`},
		{500, `{"Errors":[null,"a\u0000b"]}`},
	} {
		f.Add(s.status, []byte(s.body))
	}
	ft := &fuzzTransport{}
	c, err := NewClient("https://lt.example.test", WithToken(token), WithRetry(NoRetry()), WithHTTPClient(&http.Client{Transport: ft}))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = 400 + (status%200+200)%200 // 400..599
		ft.status, ft.body = status, body
		req, err := c.NewRequest(t.Context(), http.MethodGet, "deployments/k/", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Do(req, "Deployments_Get", nil)
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("status %d: err = %T %v, want *APIError", status, err, err)
		}
		if apiErr.StatusCode != status || apiErr.Operation != "Deployments_Get" || apiErr.Method != http.MethodGet {
			t.Errorf("APIError{%d %q %q}, want {%d Deployments_Get GET}", apiErr.StatusCode, apiErr.Operation, apiErr.Method, status)
		}
		if !bytes.Equal(apiErr.Body, body) && len(body) <= 1<<20 {
			t.Errorf("Body = %q, want the raw body %q", apiErr.Body, body)
		}
		if errors.Is(err, ErrServer) != (status >= 500) || errors.Is(err, ErrNotFound) != (status == 404) {
			t.Errorf("status %d: sentinels ErrServer %v, ErrNotFound %v", status, errors.Is(err, ErrServer), errors.Is(err, ErrNotFound))
		}
		var env struct{ Errors []string }
		if json.Unmarshal(body, &env) == nil && len(apiErr.Errors) != len(env.Errors) {
			t.Errorf("Errors = %q, want the %d messages of the body", apiErr.Errors, len(env.Errors))
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "lifetime: Deployments_Get: ") {
			t.Errorf("Error() = %q does not start with the operation", msg)
		}
		if strings.Contains(msg, token) {
			t.Errorf("Error() = %q contains the token", msg)
		}
		for _, m := range apiErr.Errors {
			if strings.Contains(m, token) {
				t.Errorf("Errors entry %q contains the token", m)
			}
		}
	})
}
