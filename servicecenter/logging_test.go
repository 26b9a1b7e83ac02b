package servicecenter_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/go-outsystems/outsystems/servicecenter"
)

func TestLoggingNamesOperationsAndHidesSecrets(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f := newFake(t, soapFault("soap:Server", "Invalid username or password.", ""))
	c := f.client(t, servicecenter.WithLogger(logger))
	if _, err := c.TestLogin(t.Context()); err == nil {
		t.Fatal("want a fault")
	}
	out := buf.String()
	if !strings.Contains(out, "Solutions.TestLogin") {
		t.Errorf("log does not name the operation:\n%s", out)
	}
	if strings.Contains(out, testPassword) || strings.Contains(out, "<password>") {
		t.Errorf("log shows the password or the body:\n%s", out)
	}
}
