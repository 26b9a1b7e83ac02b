package examples_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestREADME keeps the README's set-up commands and its description of the
// examples true: the two commands are there verbatim, every example is
// described, and every flag the README names exists in some example.
func TestREADME(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, want := range []string{"go run ./examples/upgrade", "go test ./...", "Go 1.26 or newer"} {
		if !strings.Contains(readme, want) {
			t.Errorf("the README lacks %q", want)
		}
	}
	_, section, ok := strings.Cut(readme, "## The example programs")
	if !ok {
		t.Fatal("the README has no section on the example programs")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	for _, e := range examples {
		if !strings.Contains(section, "`"+e+"`") {
			t.Errorf("the README does not describe the %s example", e)
		}
	}
	for code := range 6 {
		if !regexp.MustCompile(`(?m)^\| ` + string(rune('0'+code)) + ` \|`).MatchString(section) {
			t.Errorf("the README's exit code table lacks code %d", code)
		}
	}
	all := map[string]bool{"h": true} // -h: the flag package's help
	for _, e := range examples {
		for name := range flagSet(t, e) {
			all[name] = true
		}
	}
	flagRE := regexp.MustCompile("(?:`|\\s)-([a-z][a-z-]*)")
	for _, m := range flagRE.FindAllStringSubmatch(section, -1) {
		if !all[m[1]] {
			t.Errorf("the README names the flag -%s, which no example has", m[1])
		}
	}
}
