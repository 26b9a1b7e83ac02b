package servicecentertest_test

import (
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/servicecenter/servicecentertest"
	"github.com/google/go-cmp/cmp"
)

func TestRepublishFlowWithManualClock(t *testing.T) {
	clock := servicecentertest.NewManualClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	srv := servicecentertest.NewServer(
		servicecentertest.WithClock(clock), servicecentertest.WithPublishDuration(2*time.Minute),
		servicecentertest.WithSerial("SER-42"), servicecentertest.WithStrict(),
		servicecentertest.WithModules(
			servicecentertest.Module{Name: "LifeTime", System: true},
			servicecentertest.Module{Name: "PluginA", Plugin: true, Outdated: true},
			servicecentertest.Module{Name: "PluginB", Plugin: true, Outdated: true},
		))
	t.Cleanup(srv.Close)
	sc := srv.ServiceCenter()
	sc.FailPublishOf("PluginA")
	creds := "<username>" + srv.Username() + "</username><password>" + srv.Password() + "</password>"

	if st, serial := post(t, srv, "OutSystemsPlatform", "GetPlatformInfo", "", "Serial"); st != 200 || serial != "SER-42" {
		t.Fatalf("GetPlatformInfo: %d %q", st, serial)
	}
	if st, _ := post(t, srv, "Solutions", "CreateAllSolution", "<AllSolutionName>Plugins</AllSolutionName>"+creds, "SolutionId"); st != 200 {
		t.Fatalf("CreateAllSolution: %d", st)
	}
	// Strict mode: PublishRunning without its mandatory booleans is refused.
	if st, _ := post(t, srv, "Solutions", "PublishRunning", creds+"<SolutionName>Plugins</SolutionName>", "faultstring"); st != 500 {
		t.Fatalf("PublishRunning without booleans: %d, want 500", st)
	}
	st, pubID := post(t, srv, "Solutions", "PublishRunning", creds+"<SolutionName>Plugins</SolutionName>"+
		"<PublishSystemApplications>false</PublishSystemApplications><CleanPublish>false</CleanPublish>", "SolutionPubId")
	if st != 200 {
		t.Fatalf("PublishRunning: %d", st)
	}

	sc.SetAvailable(false) // e.g. an environment restart while publishing
	if st, _ := post(t, srv, "Solutions", "GetMessages", creds+"<SolutionPubId>"+pubID+"</SolutionPubId><LastSeenId>0</LastSeenId>", "Messages"); st != 503 {
		t.Errorf("GetMessages while unavailable: %d, want 503", st)
	}
	sc.SetAvailable(true)
	clock.Advance(2 * time.Minute)

	_, raw := post(t, srv, "Solutions", "GetMessages", creds+"<SolutionPubId>"+pubID+"</SolutionPubId><LastSeenId>0</LastSeenId>", "Messages")
	msgs, err := servicecentertest.ParseMessages(raw)
	if err != nil {
		t.Fatalf("ParseMessages: %v\n%s", err, raw)
	}
	var errorsByModule []string
	for _, m := range msgs {
		if m.Type == "Error" {
			errorsByModule = append(errorsByModule, m.Module)
		}
	}
	last := msgs[len(msgs)-1]
	if diff := cmp.Diff([]string{"PluginA", "Done", "Publication finished with 1 error(s)."}, append(errorsByModule, last.Type, last.Text)); diff != "" {
		t.Errorf("errors and last message (-want +got):\n%s", diff)
	}
	got := map[string]bool{}
	for _, m := range sc.Modules() {
		got[m.Name] = m.Outdated
	}
	if diff := cmp.Diff(map[string]bool{"LifeTime": false, "PluginA": true, "PluginB": false}, got); diff != "" {
		t.Errorf("Outdated (-want +got):\n%s", diff)
	}
	c := sc.Counters()
	if c.PublicationsStarted != 1 || c.Unavailable != 1 || c.Faults != 1 {
		t.Errorf("PublicationsStarted %d, Unavailable %d, Faults %d; want 1, 1, 1", c.PublicationsStarted, c.Unavailable, c.Faults)
	}
}
