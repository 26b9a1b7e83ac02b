package soap

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

type testConfig struct {
	ClientConfig
	trace []string
}

type testOption func(*testConfig) error

func TestApply(t *testing.T) {
	errInvalid := errors.New("invalid option")
	step := func(name string, err error) testOption {
		return func(c *testConfig) error {
			c.trace = append(c.trace, name)
			return err
		}
	}
	var cfg testConfig
	if err := Apply(&cfg, errInvalid, []testOption{step("a", nil), nil, step("b", nil)}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("WithThing: bad")
	err := Apply(&cfg, errInvalid, []testOption{step("c", boom), step("d", nil)})
	if !errors.Is(err, errInvalid) || !errors.Is(err, boom) {
		t.Errorf("err = %v, want both the invalid-option error and the cause", err)
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, cfg.trace); diff != "" {
		t.Errorf("options applied (-want +got):\n%s", diff)
	}
}

func TestSetters(t *testing.T) {
	var c ClientConfig
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"empty user agent", c.SetUserAgent("  ")},
		{"control character", c.SetUserAgent("tool/1\r\nX-Injected: 1")},
		{"negative attempts", c.SetRetry(RetryPolicy{MaxAttempts: -1})},
		{"negative elapsed time", c.SetRetry(RetryPolicy{MaxElapsedTime: -time.Second})},
		{"negative attempt timeout", c.SetRetry(RetryPolicy{PerAttemptTimeout: -time.Second})},
		{"blank user name", CheckCredentials(" \t", "p")},
		{"empty password", CheckCredentials("u", "")},
	} {
		if tc.err == nil {
			t.Errorf("%s: accepted", tc.name)
		}
	}
	if c.UserAgent != "" || c.Retry != (RetryPolicy{}) {
		t.Errorf("refused values were recorded: %q, %+v", c.UserAgent, c.Retry)
	}
	if err := CheckCredentials("u", " "); err != nil {
		t.Errorf("CheckCredentials refused a blank but non-empty password: %v", err)
	}
	if err := c.SetRetry(RetryPolicy{MaxAttempts: 2}); err != nil || c.Retry.MaxAttempts != 2 {
		t.Errorf("SetRetry(MaxAttempts 2): %v, %+v", err, c.Retry)
	}
}

// TestNewDoerUsesConfig sends one read-only call through a Doer built from
// a config: the user agent is the config's, a secret is redacted from the
// log (the path carries it here).
func TestNewDoerUsesConfig(t *testing.T) {
	const secret = "config-secret-5e1d"
	var gotUA string
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.Header.Get("User-Agent")
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		io.WriteString(w, okEnvelope)
	})
	var logs strings.Builder
	c := ClientConfig{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	if err := c.SetUserAgent("config-test/1"); err != nil {
		t.Fatal(err)
	}
	d, err := c.NewDoer(time.Minute, []string{"", secret}, platformAction)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, s.URL+"/ServiceCenter/"+secret+".asmx", strings.NewReader("<x/>"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("SOAPAction", platformAction)
	resp, err := d.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if gotUA != "config-test/1" {
		t.Errorf("User-Agent = %q, want config-test/1", gotUA)
	}
	if strings.Contains(logs.String(), secret) || !strings.Contains(logs.String(), "GetPlatformInfo") {
		t.Errorf("log has the secret or lacks the call:\n%s", logs.String())
	}
	if d.Pipeline() == nil {
		t.Error("Pipeline() = nil")
	}
}

func TestConvertError(t *testing.T) {
	convert := func(ctx context.Context, err error) error {
		return ConvertError(ctx, "pkg", "Svc.Op", err,
			func(f *Fault) error { return fmt.Errorf("fault %s", f.Code) },
			func(h *HTTPError) error { return fmt.Errorf("http %d", h.StatusCode) })
	}
	if err := convert(t.Context(), nil); err != nil {
		t.Errorf("nil became %v", err)
	}
	canceled, cancel := context.WithCancel(t.Context())
	cancel()
	other := errors.New("connection reset")
	for _, tc := range []struct {
		name string
		ctx  context.Context
		err  error
		want string
		is   error
	}{
		{"fault", t.Context(), fmt.Errorf("wrapped: %w", &Fault{Code: "soap:Server"}), "fault soap:Server", nil},
		{"not SOAP", t.Context(), &HTTPError{StatusCode: 503}, "http 503", nil},
		{"other", t.Context(), other, "pkg: Svc.Op: connection reset", other},
		{"context done", canceled, other, "pkg: Svc.Op: context canceled (connection reset)", context.Canceled},
		{"context error itself", canceled, context.Canceled, "pkg: Svc.Op: context canceled", context.Canceled},
	} {
		got := convert(tc.ctx, tc.err)
		if got == nil || got.Error() != tc.want {
			t.Errorf("%s: %v, want %q", tc.name, got, tc.want)
		}
		if tc.is != nil && !errors.Is(got, tc.is) {
			t.Errorf("%s: %v does not match %v", tc.name, got, tc.is)
		}
	}
	f := &Fault{Operation: "Solutions.Publish", Code: "soap:Client", String: "bad"}
	h := &HTTPError{Operation: "Solutions.Publish", StatusCode: 404, ContentType: "text/html", Body: []byte("<html>secret body</html>"), Reason: "not a SOAP envelope"}
	if diff := cmp.Diff([]string{
		"pkg: Solutions.Publish: SOAP fault soap:Client: bad",
		"pkg: Solutions.Publish: HTTP 404 (text/html): not a SOAP envelope",
	}, []string{f.Describe("pkg"), h.Describe("pkg")}); diff != "" {
		t.Errorf("Describe (-want +got):\n%s", diff)
	}
}
