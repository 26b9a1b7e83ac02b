package ltservices_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/go-outsystems/outsystems/lifetime/ltservices"
)

func TestLoggingHidesTokensAndPasswords(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f := newFake(t, nil)
	c := newClient(t, f.URL, ltservices.WithCredentials(testUser, testPassword), ltservices.WithLogger(logger))
	if _, err := c.Users.List(t.Context(), false); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, op := range []string{"AuthenticationService.Authentication_GetToken", "UserManagementService.User_List"} {
		if !strings.Contains(out, op) {
			t.Errorf("log does not name %s:\n%s", op, out)
		}
	}
	if strings.Contains(out, testPassword) || strings.Contains(out, "token-1") {
		t.Errorf("log shows a secret:\n%s", out)
	}
}
