package lifetime

import (
	"bytes"
	"log/slog"
	"net/http"
	"strings"
	"testing"
)

func TestWithLoggerAndUserAgent(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	client, mux := setup(t, WithLogger(logger), WithUserAgent("pipeline/7"))
	mux.HandleFunc("/environments/", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "User-Agent", "pipeline/7")
		writeJSON(w, 200, `[]`)
	})
	if _, _, err := client.Environments.List(t.Context()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "operation=Environments_List") || !strings.Contains(out, "status=200") {
		t.Errorf("log lacks the request record:\n%s", out)
	}
	if strings.Contains(out, testToken) {
		t.Errorf("log contains the token:\n%s", out)
	}
}
