package cli

import (
	"fmt"
	"os"
	"strings"
)

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// Secret reads a secret from a file when path is not empty, else from the
// environment variable env. Secrets are never taken from flag values: a
// value on the command line shows in process lists and CI logs. The returned
// error names the file or variable, never the value.
func Secret(env, path string) (string, error) {
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", Usagef("reading secret file: %w", err)
		}
		v := strings.TrimSpace(string(b))
		if v == "" {
			return "", Usagef("secret file %s is empty", path)
		}
		return v, nil
	}
	v := strings.TrimSpace(os.Getenv(env))
	if v == "" {
		return "", Usagef("no secret: set %s or pass a file", env)
	}
	return v, nil
}
