// Package soaptest holds the test helpers the SOAP clients' tests share:
// golden request files and a transport answering with one fixed response.
package soaptest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Request is what a golden file holds of a SOAP request.
type Request struct {
	Path, SOAPAction, ContentType, Body string
}

// CheckGolden compares r with testdata/requests/<name>.xml, which holds
// "POST <path>", the SOAPAction and Content-Type headers, a blank line and
// the body. With update it writes the file first.
func CheckGolden(t testing.TB, name string, r Request, update bool) {
	t.Helper()
	got := fmt.Sprintf("POST %s\nSOAPAction: %s\nContent-Type: %s\n\n%s\n", r.Path, r.SOAPAction, r.ContentType, r.Body)
	file := filepath.Join("testdata", "requests", name+".xml")
	if update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("golden file: %v (run go test -update once to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("request of %s differs from %s (-want +got):\n%s", name, file, diff)
	}
}

// StaticTransport answers every request with Status and Body as
// text/xml, without a network (the fuzz targets use it).
type StaticTransport struct {
	Status int
	Body   []byte
}

// RoundTrip drains and closes the request body and returns the answer.
func (s *StaticTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	return &http.Response{
		StatusCode: s.Status,
		Header:     http.Header{"Content-Type": {"text/xml; charset=utf-8"}},
		Body:       io.NopCloser(bytes.NewReader(s.Body)),
		Request:    r,
	}, nil
}
