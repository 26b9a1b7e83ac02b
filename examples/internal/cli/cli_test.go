package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSecretFromFileAndEnv(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "token")
	if err := os.WriteFile(file, []byte("  s3cret-token\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := Secret("CLI_TEST_TOKEN", file)
	if err != nil || got != "s3cret-token" {
		t.Fatalf("Secret(file) = %q, %v; want s3cret-token, nil", got, err)
	}

	t.Setenv("CLI_TEST_TOKEN", "env-token")
	got, err = Secret("CLI_TEST_TOKEN", "")
	if err != nil || got != "env-token" {
		t.Fatalf("Secret(env) = %q, %v; want env-token, nil", got, err)
	}

	t.Setenv("CLI_TEST_TOKEN", "")
	_, err = Secret("CLI_TEST_TOKEN", "")
	var usage *UsageError
	if !errors.As(err, &usage) || !strings.Contains(err.Error(), "CLI_TEST_TOKEN") {
		t.Fatalf("Secret(unset) error = %v; want a UsageError naming the variable", err)
	}

	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Secret("CLI_TEST_TOKEN", empty); !errors.As(err, &usage) {
		t.Fatalf("Secret(empty file) error = %v; want a UsageError", err)
	}
}

func TestExitCodeFor(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{nil, ExitOK},
		{Usagef("bad flag"), ExitUsage},
		{fmt.Errorf("waiting: %w", context.DeadlineExceeded), ExitTimeout},
		{fmt.Errorf("waiting: %w", context.Canceled), ExitAborted},
		{errors.New("check failed"), ExitChecksFailed},
	}
	for _, tt := range tests {
		if got := ExitCodeFor(tt.err); got != tt.want {
			t.Errorf("ExitCodeFor(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

func TestExecuteExitError(t *testing.T) {
	var stderr bytes.Buffer
	code := Execute(t.Context(), func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		return &ExitError{Code: ExitActionRequired, Message: "open a support case"}
	}, nil, io.Discard, &stderr)
	if code != ExitActionRequired || !strings.Contains(stderr.String(), "open a support case") {
		t.Fatalf("Execute = %d, stderr %q; want %d and the message", code, stderr.String(), ExitActionRequired)
	}
}

func TestProgressPlainLines(t *testing.T) {
	var buf bytes.Buffer
	p := NewProgress(&buf)
	p.Update("deployment %s: %s", "k1", "running")
	p.Update("deployment %s: %s", "k1", "running")
	p.Update("deployment %s: %s", "k1", "finished_successful")
	p.Done()
	want := "deployment k1: running\ndeployment k1: finished_successful\n"
	if buf.String() != want {
		t.Fatalf("progress output = %q, want %q", buf.String(), want)
	}
}
