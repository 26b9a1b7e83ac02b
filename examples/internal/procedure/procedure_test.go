package procedure

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/go-outsystems/outsystems/examples/internal/cli"
	"github.com/go-outsystems/outsystems/upgrade"
)

func TestIntegrationFlag(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var f Flags
	f.Register(fs, false)
	err := fs.Parse([]string{"-integration", "Jenkins=rest", "-integration", "Access review = SOAP : User_List, Role_List"})
	if err != nil {
		t.Fatal(err)
	}
	want := integrationList{
		{Name: "Jenkins", Kind: upgrade.IntegrationREST},
		{Name: "Access review", Kind: upgrade.IntegrationSOAP, Uses: []string{"User_List", "Role_List"}},
	}
	if diff := cmp.Diff(want, f.Integrations); diff != "" {
		t.Errorf("integrations (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"no-kind", "=rest", "x=graphql"} {
		if err := fs.Parse([]string{"-integration", bad}); err == nil {
			t.Errorf("-integration %q: no error", bad)
		}
	}
}

func TestModelFlags(t *testing.T) {
	tests := []struct {
		f       Flags
		want    upgrade.DeploymentModel
		wantErr bool
	}{
		{Flags{}, "", false},
		{Flags{Cloud: true}, upgrade.Cloud, false},
		{Flags{SelfManaged: true}, upgrade.SelfManaged, false},
		{Flags{Hybrid: true}, upgrade.Hybrid, false},
		{Flags{Cloud: true, Hybrid: true}, "", true},
	}
	for _, tt := range tests {
		got, err := tt.f.model()
		var usage *cli.UsageError
		if got != tt.want || (err != nil) != tt.wantErr || (err != nil && !errors.As(err, &usage)) {
			t.Errorf("model(%+v) = %q, %v; want %q, error %v (a UsageError)", tt.f, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestExitError(t *testing.T) {
	blocked := &upgrade.StepError{Step: upgrade.StepCheckHybridLicence, Err: upgrade.ErrBlocked}
	tests := []struct {
		name    string
		outcome upgrade.Outcome
		err     error
		want    int
	}{
		{"passed", upgrade.Passed, nil, cli.ExitOK},
		{"warnings", upgrade.Warning, nil, cli.ExitOK},
		{"action required", upgrade.ActionRequired, nil, cli.ExitActionRequired},
		{"blocker", upgrade.Failed, blocked, cli.ExitChecksFailed},
		{"console wait", upgrade.Failed, &upgrade.StepError{Step: upgrade.StepWaitForConsole, Err: &upgrade.WaitError{Waited: time.Hour}}, cli.ExitTimeout},
		{"deadline", upgrade.Failed, errors.Join(blocked, context.DeadlineExceeded), cli.ExitTimeout},
		{"signal", upgrade.Failed, fmt.Errorf("run: %w", context.Canceled), cli.ExitAborted},
	}
	for _, tt := range tests {
		err := ExitError(&upgrade.Report{Outcome: tt.outcome, Steps: []upgrade.StepResult{{Name: upgrade.StepSupportCase, Outcome: tt.outcome}}}, tt.err)
		var ee *cli.ExitError
		switch {
		case err == nil && tt.want != cli.ExitOK:
			t.Errorf("%s: nil error, want exit code %d", tt.name, tt.want)
		case err != nil && !errors.As(err, &ee):
			t.Errorf("%s: %v is not an ExitError", tt.name, err)
		case err != nil && ee.Code != tt.want:
			t.Errorf("%s: exit code %d, want %d", tt.name, ee.Code, tt.want)
		}
	}
}

func TestSimClock(t *testing.T) {
	c := cli.NewSimClock(1)
	before := c.Now()
	if err := c.Sleep(t.Context(), 3*time.Hour); err != nil {
		t.Fatal(err)
	}
	if got := c.Now().Sub(before); got < 3*time.Hour {
		t.Errorf("after Sleep(3h) the clock moved %s", got)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := c.Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep on an ended context = %v", err)
	}
}

func TestShort(t *testing.T) {
	long := "line one " + fmt.Sprintf("%0200d", 0)
	if got := short(long + "\nline two"); len([]rune(got)) != maxProgressText+1 {
		t.Errorf("short gave %d runes", len([]rune(got)))
	}
	if got := short("a\nb"); got != "a" {
		t.Errorf("short(a\\nb) = %q", got)
	}
}

func TestExitErrorActionDone(t *testing.T) {
	support := upgrade.StepResult{Name: upgrade.StepSupportCase, Outcome: upgrade.ActionRequired}
	waited := upgrade.StepResult{Name: upgrade.StepWaitForConsole, Outcome: upgrade.Passed}
	looked := upgrade.StepResult{Name: upgrade.StepWaitForConsole, Outcome: upgrade.Passed, DryRun: true}
	tests := []struct {
		name  string
		steps []upgrade.StepResult
		want  int
	}{
		{"the console came back after the support case", []upgrade.StepResult{support, waited}, cli.ExitOK},
		{"a dry run only looked", []upgrade.StepResult{support, looked}, cli.ExitActionRequired},
		{"no wait after the action", []upgrade.StepResult{waited, support}, cli.ExitActionRequired},
	}
	for _, tt := range tests {
		err := ExitError(&upgrade.Report{Outcome: upgrade.ActionRequired, Steps: tt.steps}, nil)
		var ee *cli.ExitError
		got := cli.ExitOK
		if errors.As(err, &ee) {
			got = ee.Code
		}
		if got != tt.want {
			t.Errorf("%s: exit code %d, want %d", tt.name, got, tt.want)
		}
	}
}
