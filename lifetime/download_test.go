package lifetime

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestDownload(t *testing.T) {
	client, mux := setup(t)
	var auths []string
	mux.HandleFunc("/downloads/raw-ok", func(w http.ResponseWriter, r *http.Request) {
		auths = append(auths, r.Header.Get("Authorization"))
		_, _ = w.Write([]byte("PK-oap"))
	})
	mux.HandleFunc("/downloads/bearer-only", func(w http.ResponseWriter, r *http.Request) {
		auths = append(auths, r.Header.Get("Authorization"))
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			writeJSON(w, 401, `{"Errors":["Invalid token"],"StatusCode":401}`)
			return
		}
		_, _ = w.Write([]byte("PK-zip"))
	})
	mux.HandleFunc("/downloads/expired", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 404, `{"Errors":["No environment or application found"],"StatusCode":404}`)
	})
	base := client.BaseURL().String()

	var buf bytes.Buffer
	n, _, err := client.Download(t.Context(), base+"downloads/raw-ok", &buf)
	if err != nil || n != 6 || buf.String() != "PK-oap" {
		t.Errorf("raw token: %d %q %v", n, buf.String(), err)
	}
	buf.Reset()
	n, _, err = client.Download(t.Context(), base+"downloads/bearer-only", &buf)
	if err != nil || n != 6 || buf.String() != "PK-zip" {
		t.Errorf("bearer fallback: %d %q %v", n, buf.String(), err)
	}
	want := []string{testToken, testToken, "Bearer " + testToken}
	if strings.Join(auths, "|") != strings.Join(want, "|") {
		t.Errorf("Authorization headers = %q, want %q", auths, want)
	}
	if _, _, err := client.Download(t.Context(), base+"downloads/expired", &buf); !errors.Is(err, ErrNotFound) {
		t.Errorf("404: %v", err)
	}
	for _, bad := range []string{"https://evil.example.com/downloads/x", "/downloads/x", "::"} {
		if _, _, err := client.Download(t.Context(), bad, &buf); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("Download(%q) err = %v, want ErrInvalidArgument", bad, err)
		}
	}
}
