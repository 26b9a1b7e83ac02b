package scsim_test

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
	"github.com/google/go-cmp/cmp"
)

type solutionIDResponse struct {
	SolutionID int `xml:"http://www.outsystems.com SolutionId"`
}

type publishRunningResponse struct {
	XMLName       xml.Name `xml:"http://www.outsystems.com PublishRunningResponse"`
	SolutionID    int      `xml:"http://www.outsystems.com SolutionId"`
	SolutionPubID int      `xml:"http://www.outsystems.com SolutionPubId"`
}

type messagesResponse struct {
	Messages string `xml:"http://www.outsystems.com Messages"`
}

// seedPlugins adds a LifeTime-like environment: two system modules and three
// plugins, the plugins outdated.
func seedPlugins(f *fixture) {
	for _, m := range []scsim.Module{
		{Name: "ServiceCenter", System: true},
		{Name: "LifeTime", System: true},
		{Name: "PluginA", Application: "Plugins", Plugin: true},
		{Name: "PluginB", Application: "Plugins", Plugin: true},
		{Name: "PluginC", Application: "Plugins", Plugin: true, Kind: scsim.KindExtension},
	} {
		f.sc.AddModule(m)
	}
	f.sc.MarkOutdated(func(m scsim.Module) bool { return m.Plugin })
}

func createAll(t *testing.T, f *fixture, name string) int {
	t.Helper()
	var got solutionIDResponse
	wantOK(t, f.call(t, "Solutions", "CreateAllSolution",
		"<AllSolutionName>"+name+"</AllSolutionName>"+creds(testUser, testPass)), &got)
	return got.SolutionID
}

func publishRunning(t *testing.T, f *fixture, name string) publishRunningResponse {
	t.Helper()
	var got publishRunningResponse
	wantOK(t, f.call(t, "Solutions", "PublishRunning", creds(testUser, testPass)+
		"<SolutionName>"+name+"</SolutionName><PublishSystemApplications>false</PublishSystemApplications><CleanPublish>false</CleanPublish>"), &got)
	return got
}

// messages calls GetMessages and returns the raw Messages string and its
// decoded form.
func messages(t *testing.T, f *fixture, pubID, after int) (string, []scsim.Message) {
	t.Helper()
	var got messagesResponse
	wantOK(t, f.call(t, "Solutions", "GetMessages", creds(testUser, testPass)+
		fmt.Sprintf("<SolutionPubId>%d</SolutionPubId><LastSeenId>%d</LastSeenId>", pubID, after)), &got)
	msgs, err := scsim.ParseMessages(got.Messages)
	if err != nil {
		t.Fatalf("Messages is not the documented XML: %v\n%s", err, got.Messages)
	}
	return got.Messages, msgs
}

type msgView struct {
	ID     int
	Type   string
	Module string
	Text   string
	At     time.Duration // since t0
}

func view(msgs []scsim.Message) []msgView {
	out := make([]msgView, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, msgView{m.ID, m.Type, m.Module, m.Text, m.Time.Sub(t0)})
	}
	return out
}

func TestRepublishPluginsProgressesOverSimulatedTime(t *testing.T) {
	f := newFixture(t) // PublishDuration 40s: 3 modules of the solution, slots of 13.33s
	f.sc.AddModule(scsim.Module{Name: "ServiceCenter", System: true})
	f.sc.AddModule(scsim.Module{Name: "PluginA", Plugin: true})
	f.sc.AddModule(scsim.Module{Name: "PluginB", Plugin: true})
	f.sc.AddModule(scsim.Module{Name: "Integration", Plugin: false})
	f.sc.MarkOutdated(func(m scsim.Module) bool { return m.Plugin })
	f.sc.FailPublishOf("pluginb") // case-insensitive

	id := createAll(t, f, "AllPlugins")
	pub := publishRunning(t, f, "AllPlugins")
	if pub.SolutionID != id || pub.SolutionPubID == 0 {
		t.Fatalf("PublishRunning = %+v, want SolutionId %d and a publication id", pub, id)
	}
	slot := 40 * time.Second / 3

	_, got := messages(t, f, pub.SolutionPubID, 0)
	want := []msgView{
		{1, "Info", "", "Publication of solution 'AllPlugins' started (3 modules).", 0},
		{2, "Info", "PluginA", "Compiling module 'PluginA'.", 0},
		{3, "Warning", "PluginA", "Module 'PluginA' had outdated references to producer modules; they were refreshed.", 0},
	}
	if diff := cmp.Diff(want, view(got)); diff != "" {
		t.Fatalf("messages at start (-want +got):\n%s", diff)
	}

	// Nothing new until the clock moves.
	if raw, got := messages(t, f, pub.SolutionPubID, 3); len(got) != 0 || raw != "<Messages></Messages>" {
		t.Fatalf("messages after 3 without time passing = %q", raw)
	}

	f.clock.Advance(slot)
	_, got = messages(t, f, pub.SolutionPubID, 3)
	want = []msgView{
		{4, "Info", "PluginA", "Module 'PluginA' published.", slot},
		{5, "Info", "PluginB", "Compiling module 'PluginB'.", slot},
		{6, "Warning", "PluginB", "Module 'PluginB' had outdated references to producer modules; they were refreshed.", slot},
	}
	if diff := cmp.Diff(want, view(got)); diff != "" {
		t.Fatalf("messages after one slot (-want +got):\n%s", diff)
	}
	mods := outdated(f)
	if diff := cmp.Diff(map[string]bool{"ServiceCenter": false, "PluginA": false, "PluginB": true, "Integration": false}, mods); diff != "" {
		t.Errorf("Outdated after PluginA published (-want +got):\n%s", diff)
	}

	f.clock.Advance(time.Hour)
	raw, got := messages(t, f, pub.SolutionPubID, 6)
	want = []msgView{
		{7, "Error", "PluginB", "Module 'PluginB' failed to publish.", 2 * slot},
		{8, "Info", "Integration", "Compiling module 'Integration'.", 2 * slot},
		{9, "Info", "Integration", "Module 'Integration' published.", 3 * slot},
		{10, "Done", "", "Publication finished with 1 error(s).", 40 * time.Second},
	}
	if diff := cmp.Diff(want, view(got)); diff != "" {
		t.Fatalf("messages at the end (-want +got):\n%s", diff)
	}
	if !strings.Contains(raw, "<Detail>Compilation of module &#39;PluginB&#39; failed (simulated failure).</Detail>") {
		t.Errorf("the error message has no detail naming the module:\n%s", raw)
	}
	if diff := cmp.Diff(map[string]bool{"ServiceCenter": false, "PluginA": false, "PluginB": true, "Integration": false}, outdated(f)); diff != "" {
		t.Errorf("Outdated at the end (-want +got):\n%s", diff)
	}
	for _, m := range f.sc.Modules() {
		wantVersion := map[string]int{"PluginA": 2, "Integration": 2}[m.Name]
		if wantVersion == 0 {
			wantVersion = 1
		}
		if m.PublishedVersion != wantVersion {
			t.Errorf("%s PublishedVersion = %d, want %d", m.Name, m.PublishedVersion, wantVersion)
		}
	}

	// With the failure cleared, a republish fixes PluginB (no warning for the
	// modules that are no longer outdated).
	f.sc.FailPublishOf()
	pub2 := publishRunning(t, f, "AllPlugins")
	if pub2.SolutionPubID == pub.SolutionPubID {
		t.Fatalf("second publication reused id %d", pub.SolutionPubID)
	}
	f.clock.Advance(40 * time.Second)
	_, got = messages(t, f, pub2.SolutionPubID, 0)
	var warnings, last []string
	for _, m := range got {
		if m.Type == "Warning" {
			warnings = append(warnings, m.Module)
		}
	}
	last = append(last, got[len(got)-1].Type, got[len(got)-1].Text)
	if diff := cmp.Diff([]string{"PluginB"}, warnings); diff != "" {
		t.Errorf("warnings of the republish (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Done", "Publication finished successfully."}, last); diff != "" {
		t.Errorf("last message (-want +got):\n%s", diff)
	}
	if len(f.sc.Modules()) != 4 || outdated(f)["PluginB"] {
		t.Errorf("PluginB still outdated after a successful republish")
	}

	c := f.sc.Counters()
	gotCounts := []int{c.PublicationsStarted, c.ModulesPublished, c.ModulePublishFailures, c.SolutionsCreated,
		c.Calls["Solutions.PublishRunning"], c.Calls["Solutions.CreateAllSolution"]}
	if diff := cmp.Diff([]int{2, 5, 1, 1, 2, 1}, gotCounts); diff != "" {
		t.Errorf("counters [publications, published, failures, solutions, PublishRunning calls, CreateAllSolution calls] (-want +got):\n%s", diff)
	}
}

func outdated(f *fixture) map[string]bool {
	out := map[string]bool{}
	for _, m := range f.sc.Modules() {
		out[m.Name] = m.Outdated
	}
	return out
}

func TestModulesAdvanceWithoutRequests(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	createAll(t, f, "S")
	publishRunning(t, f, "S")
	if !outdated(f)["PluginA"] {
		t.Fatalf("PluginA not outdated before time passes")
	}
	f.clock.Advance(40 * time.Second)
	// No HTTP request: the inspection alone advances the state.
	got := outdated(f)
	if diff := cmp.Diff(map[string]bool{"ServiceCenter": false, "LifeTime": false, "PluginA": false, "PluginB": false, "PluginC": false}, got); diff != "" {
		t.Errorf("Outdated (-want +got):\n%s", diff)
	}
}

func TestOnePublicationPerSolution(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	createAll(t, f, "S")
	publishRunning(t, f, "S")
	a := f.call(t, "Solutions", "PublishRunning", creds(testUser, testPass)+
		"<SolutionName>S</SolutionName><PublishSystemApplications>false</PublishSystemApplications><CleanPublish>true</CleanPublish>")
	if got := wantFault(t, a).String; got != "Server was unable to process request. ---> Solution 'S' is already being published." {
		t.Errorf("faultstring = %q", got)
	}
	// Deleting or refreshing a solution being published is refused too.
	wantFault(t, f.call(t, "Solutions", "Delete", "<SolutionID>1</SolutionID>"+creds(testUser, testPass)))
	wantFault(t, f.call(t, "Solutions", "CreateAllSolution", "<AllSolutionName>S</AllSolutionName>"+creds(testUser, testPass)))
	f.clock.Advance(40 * time.Second)
	publishRunning(t, f, "S")
}

func TestCreateAllSolution(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	id := createAll(t, f, "All")
	f.sc.AddModule(scsim.Module{Name: "PluginD"})
	if again := createAll(t, f, "all"); again != id {
		t.Errorf("CreateAllSolution on an existing name = %d, want the same id %d", again, id)
	}
	other := createAll(t, f, "Other")
	if other == id {
		t.Errorf("a second solution got the same id %d", id)
	}
	// System modules are left out: the publication lists four plugins.
	pub := publishRunning(t, f, "All")
	_, got := messages(t, f, pub.SolutionPubID, 0)
	if got[0].Text != "Publication of solution 'All' started (4 modules)." {
		t.Errorf("first message = %q", got[0].Text)
	}
	f2 := f.call(t, "Solutions", "CreateAllSolution", "<AllSolutionName> </AllSolutionName>"+creds(testUser, testPass))
	if s := wantFault(t, f2).String; !strings.HasSuffix(s, "Solution name cannot be empty.") {
		t.Errorf("faultstring = %q", s)
	}
	if c := f.sc.Counters().SolutionsCreated; c != 2 {
		t.Errorf("SolutionsCreated = %d, want 2", c)
	}
}

func TestPublishSystemApplications(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	// A downloaded-and-uploaded solution can hold system modules; they are
	// published only when asked.
	upload(t, f, "Everything.osp", zipOf(t, "ServiceCenter.oml", "PluginA.oml"), true)
	for _, tc := range []struct {
		system bool
		want   string
	}{
		{false, "Publication of solution 'Everything' started (1 modules)."},
		{true, "Publication of solution 'Everything' started (2 modules)."},
	} {
		var pub publishRunningResponse
		wantOK(t, f.call(t, "Solutions", "PublishRunning", creds(testUser, testPass)+
			fmt.Sprintf("<SolutionName>Everything</SolutionName><PublishSystemApplications>%t</PublishSystemApplications><CleanPublish>false</CleanPublish>", tc.system)), &pub)
		_, got := messages(t, f, pub.SolutionPubID, 0)
		if got[0].Text != tc.want {
			t.Errorf("PublishSystemApplications=%t: first message %q, want %q", tc.system, got[0].Text, tc.want)
		}
		f.clock.Advance(time.Minute)
	}
}

func TestGetSolutionIdByName(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	id := createAll(t, f, "Plugins")
	var got solutionIDResponse
	wantOK(t, f.call(t, "Solutions", "GetSolutionIdByName", creds(testUser, testPass)+"<solutionName>PLUGINS</solutionName>"), &got)
	if got.SolutionID != id {
		t.Errorf("SolutionId = %d, want %d", got.SolutionID, id)
	}
	a := f.call(t, "Solutions", "GetSolutionIdByName", creds(testUser, testPass)+"<solutionName>Nope</solutionName>")
	if s := wantFault(t, a).String; s != "Server was unable to process request. ---> Solution 'Nope' does not exist." {
		t.Errorf("faultstring = %q", s)
	}
	wantFault(t, f.call(t, "Solutions", "GetSolutionIdByName", creds(testUser, "bad")+"<solutionName>Plugins</solutionName>"))
}

func TestPublishRunningVersion(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	createAll(t, f, "S")
	var got struct {
		XMLName       xml.Name `xml:"http://www.outsystems.com PublishRunningVersionResponse"`
		SolutionPubID int      `xml:"http://www.outsystems.com SolutionPubId"`
	}
	wantOK(t, f.call(t, "Solutions", "PublishRunningVersion", creds(testUser, testPass)+"<SolutionName>S</SolutionName>"), &got)
	if got.SolutionPubID == 0 {
		t.Fatalf("SolutionPubId = 0")
	}
	f.clock.Advance(time.Minute)
	_, msgs := messages(t, f, got.SolutionPubID, 0)
	if last := msgs[len(msgs)-1]; last.Type != "Done" {
		t.Errorf("last message = %+v, want Done", last)
	}
	wantFault(t, f.call(t, "Solutions", "PublishRunningVersion", creds(testUser, testPass)+"<SolutionName>X</SolutionName>"))
}

func TestGetMessagesErrors(t *testing.T) {
	f := newFixture(t)
	a := f.call(t, "Solutions", "GetMessages", creds(testUser, testPass)+"<SolutionPubId>42</SolutionPubId><LastSeenId>0</LastSeenId>")
	if s := wantFault(t, a).String; s != "Server was unable to process request. ---> Solution publication 42 does not exist." {
		t.Errorf("faultstring = %q", s)
	}
	a = f.call(t, "Solutions", "GetMessages", creds(testUser, testPass)+"<SolutionPubId>forty</SolutionPubId><LastSeenId>0</LastSeenId>")
	if got := wantFault(t, a); got.Code != "soap:Client" || !strings.Contains(got.String, `"forty" is not a valid xs:int`) {
		t.Errorf("fault = %+v", got)
	}
}

func TestPublishWithZeroDurationIsImmediate(t *testing.T) {
	f := newFixture(t, func(c *scsim.Config) { c.PublishDuration = -1 })
	seedPlugins(f)
	createAll(t, f, "S")
	pub := publishRunning(t, f, "S")
	_, got := messages(t, f, pub.SolutionPubID, 0)
	if last := got[len(got)-1]; last.Type != "Done" || last.Text != "Publication finished successfully." {
		t.Errorf("last message = %+v", last)
	}
	if outdated(f)["PluginA"] {
		t.Errorf("PluginA still outdated")
	}
}

func TestFaultsNeverEchoThePassword(t *testing.T) {
	f := newFixture(t)
	a := f.call(t, "Solutions", "TestLogin", creds(testUser, "my-wrong-secret"))
	if a.status != http.StatusInternalServerError || strings.Contains(a.body, "my-wrong-secret") || strings.Contains(a.body, testPass) {
		t.Errorf("fault body mentions a password or wrong status %d:\n%s", a.status, a.body)
	}
}
