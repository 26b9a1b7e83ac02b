package cli

import (
	"flag"
	"io"
	"log/slog"
	"os"
	"time"
)

// Common holds the flags every example accepts. Register them on a
// [flag.FlagSet] with [Common.Register].
type Common struct {
	// LifeTimeURL is the LifeTime console to talk to. Empty means: start a
	// simulated infrastructure in process. Defaults to $LIFETIME_URL.
	LifeTimeURL string
	// TokenFile is a file holding the LifeTime service account token.
	// Without it the token comes from $LIFETIME_TOKEN.
	TokenFile string
	// CAFile is an extra PEM bundle of certificate authorities to trust.
	CAFile string
	// Scenario names the simulated infrastructure to start when no
	// LifeTime URL is given.
	Scenario string
	// JSONPath and JUnitPath, when set, receive the report as JSON and as
	// JUnit XML.
	JSONPath, JUnitPath string
	// Timeout bounds the whole run; 0 means no limit.
	Timeout time.Duration
	// PollInterval is how often long operations are polled.
	PollInterval time.Duration
	// Verbose turns on debug logging (redacted) on stderr.
	Verbose bool
	// InsecureHTTP allows a plain http:// LifeTime URL.
	InsecureHTTP bool
}

// Register adds the common flags to fs.
func (c *Common) Register(fs *flag.FlagSet) {
	fs.StringVar(&c.LifeTimeURL, "lifetime-url", os.Getenv("LIFETIME_URL"), "LifeTime console URL (default $LIFETIME_URL; empty: run against a simulated infrastructure)")
	fs.StringVar(&c.TokenFile, "token-file", "", "file holding the LifeTime service account token (default: $LIFETIME_TOKEN)")
	fs.StringVar(&c.CAFile, "ca-file", "", "PEM file of extra certificate authorities to trust")
	fs.StringVar(&c.Scenario, "scenario", "default", "simulated infrastructure to run against when no LifeTime URL is given")
	fs.StringVar(&c.JSONPath, "json", "", "write the report as JSON to this file")
	fs.StringVar(&c.JUnitPath, "junit", "", "write the report as JUnit XML to this file")
	fs.DurationVar(&c.Timeout, "timeout", 0, "give up after this long (exit code 4); 0 means no limit")
	fs.DurationVar(&c.PollInterval, "poll-interval", 0, "how often to poll long operations (0: the SDK default)")
	fs.BoolVar(&c.Verbose, "v", false, "debug logging on stderr (secrets redacted)")
	fs.BoolVar(&c.InsecureHTTP, "insecure-http", false, "allow a plain http:// LifeTime URL (the token then travels in clear text)")
}

// Simulated reports whether the program runs against an in-process
// simulated infrastructure.
func (c *Common) Simulated() bool { return c.LifeTimeURL == "" }

// Logger returns a debug logger writing text records to w when -v was
// given, and nil (no logging) otherwise. The SDK redacts secrets itself.
func (c *Common) Logger(w io.Writer) *slog.Logger {
	if !c.Verbose {
		return nil
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
