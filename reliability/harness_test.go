package reliability_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/go-outsystems/outsystems/internal/sim"
	"github.com/go-outsystems/outsystems/internal/transport/memnet"
	"github.com/go-outsystems/outsystems/lifetime"
)

// summaryPattern matches the summary lines of the suites, and nothing
// else go test -v prints (t.Log lines are indented). CI extracts the
// counts with
//
//	go test -race -count=1 -v ./reliability | grep -E '^(soak|cancellation|console-away|secrets|tls)[ :(]'
const summaryPattern = `^(soak|cancellation|console-away|secrets|tls)[ :(]`

// summary writes a test's one-line result, starting with its suite's name,
// on standard output, where go test -v (and CI) shows it at the start of a
// line. A line that the CI pattern would miss fails the test.
func summary(t *testing.T, format string, args ...any) {
	t.Helper()
	line := fmt.Sprintf(format, args...)
	if !regexp.MustCompile(summaryPattern).MatchString(line) || strings.Contains(line, "\n") {
		t.Errorf("summary line %q is not one line matching %s", line, summaryPattern)
	}
	fmt.Fprintln(os.Stdout, line)
}

// logBuffer collects the debug records of the clients under test.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything logged so far.
func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Lines returns the logged lines.
func (b *logBuffer) Lines() []string {
	return strings.Split(strings.TrimSpace(b.String()), "\n")
}

// debugLogger returns a logger writing every record, debug included, to b.
func debugLogger(b *logBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// secretScan collects the texts a test produced (log lines, error strings,
// reports) and checks that none contains a secret.
type secretScan struct {
	secrets []string
	texts   map[string][]string // where -> texts
}

func newSecretScan(secrets ...string) *secretScan {
	s := &secretScan{texts: map[string][]string{}}
	for _, x := range secrets {
		if x != "" {
			s.secrets = append(s.secrets, x)
		}
	}
	return s
}

// add records texts found in where ("log", "error", "report").
func (s *secretScan) add(where string, texts ...string) {
	s.texts[where] = append(s.texts[where], texts...)
}

// addErr records an error's text, if any.
func (s *secretScan) addErr(err error) {
	if err != nil {
		s.add("error", err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
	}
}

// leaks returns the indexes of the secrets text contains.
func (s *secretScan) leaks(text string) []int {
	var out []int
	for j, secret := range s.secrets {
		if strings.Contains(text, secret) {
			out = append(out, j)
		}
	}
	return out
}

// check fails t for every text holding a secret (the secret itself is never
// printed, only where it was found) and returns how many texts were scanned.
func (s *secretScan) check(t *testing.T) int {
	t.Helper()
	n := 0
	for where, texts := range s.texts {
		for i, text := range texts {
			n++
			for _, j := range s.leaks(text) {
				t.Errorf("secret #%d appears in %s #%d (%d bytes)", j, where, i, len(text))
			}
		}
	}
	return n
}

// bubbleInfra is a simulated infrastructure served over in-memory
// connections. Create it inside a synctest bubble: the simulator's clock is
// the bubble's fake clock, so deployments, Retry-After and poll intervals
// cost no real time.
type bubbleInfra struct {
	sim    *sim.Sim
	srv    *memnet.Server
	logs   *logBuffer
	client *lifetime.Client
	source sim.Environment
	envs   []sim.Environment // targets, in staging order
	apps   []sim.Application
}

// newBubbleInfra starts a simulator with a Development environment, the
// given target environments and apps applications, and a client with a
// debug logger. The server is closed when the test ends.
func newBubbleInfra(t *testing.T, opts sim.Options, targets []string, apps int, clientOpts ...lifetime.Option) *bubbleInfra {
	t.Helper()
	s := sim.New(opts)
	in := &bubbleInfra{sim: s, logs: &logBuffer{}}
	var err error
	in.source, err = s.AddEnvironment(sim.Environment{Name: "Development", OSVersion: "11.34.1.44911", Type: "Development"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range targets {
		e, err := s.AddEnvironment(sim.Environment{Name: name, OSVersion: "11.34.1.44911", Type: "Test"})
		if err != nil {
			t.Fatal(err)
		}
		in.envs = append(in.envs, e)
	}
	for i := range apps {
		a, err := s.AddApplication(sim.Application{
			Name:    fmt.Sprintf("App %03d", i),
			Kind:    "WebResponsive",
			Modules: []sim.Module{{Name: fmt.Sprintf("App%03dCore", i), Kind: "eSpace"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		in.apps = append(in.apps, a)
	}
	in.srv = memnet.NewServer(s)
	t.Cleanup(in.srv.Close)
	all := append([]lifetime.Option{
		lifetime.WithToken(s.Token()),
		lifetime.WithInsecureHTTP(),
		lifetime.WithHTTPClient(in.srv.Client()),
		lifetime.WithLogger(debugLogger(in.logs)),
	}, clientOpts...)
	in.client, err = lifetime.NewClient(in.srv.URL, all...)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// tag creates a new version of app i in Development and returns the
// request deploying it to target.
func (in *bubbleInfra) tag(t *testing.T, app int, version string, target sim.Environment, notes string) lifetime.DeploymentCreateRequest {
	t.Helper()
	v, err := in.sim.TagVersion(in.apps[app].Key, in.source.Key, version, notes)
	if err != nil {
		t.Fatal(err)
	}
	return lifetime.DeploymentCreateRequest{
		Notes:                 notes,
		SourceEnvironmentKey:  in.source.Key,
		TargetEnvironmentKey:  target.Key,
		ApplicationOperations: []lifetime.DeploymentAppVersion{{ApplicationVersionKey: v.Key}},
	}
}

// errorKind names the SDK error type at the top of err's chain that tells
// the caller what happened, or "" when err carries none of them.
func errorKind(err error) string {
	var (
		unknown     *lifetime.UnknownOutcomeError
		conflict    *lifetime.ConflictError
		deployment  *lifetime.DeploymentError
		interrupted *lifetime.WaitInterruptedError
		outage      *lifetime.OutageError
		api         *lifetime.APIError
		op          *lifetime.OperationError
	)
	switch {
	case errors.As(err, &unknown):
		return "unknown-outcome"
	case errors.As(err, &conflict):
		return "conflict"
	case errors.As(err, &deployment):
		return "deployment-" + string(deployment.Status)
	case errors.As(err, &interrupted):
		return "wait-interrupted"
	case errors.As(err, &outage):
		return "outage/" + errorKind(outage.Err)
	case errors.As(err, &api):
		return fmt.Sprintf("api-%d", api.StatusCode)
	case errors.As(err, &op):
		return "operation"
	}
	return ""
}

// explains reports why err's text does not say what happened ("" when it
// does): it must name the SDK and, for answers and transport failures, the
// operation.
func explains(err error) string {
	msg := err.Error()
	if !strings.HasPrefix(msg, "lifetime:") {
		return "does not start with \"lifetime:\""
	}
	var api *lifetime.APIError
	if errors.As(err, &api) && !strings.Contains(msg, api.Operation) {
		return "does not name the operation " + api.Operation
	}
	var op *lifetime.OperationError
	if errors.As(err, &op) && !strings.Contains(msg, op.Operation) {
		return "does not name the operation " + op.Operation
	}
	if len(msg) < len("lifetime: ")+10 {
		return "is too short to explain anything"
	}
	return ""
}
