package scsim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
	"github.com/google/go-cmp/cmp"
)

// PlatformServices inputs are positional (soap-apis.md §2.3): the simulator
// must accept any element names, so these tests use made-up ones.
func psArgs(vals ...any) string {
	var b strings.Builder
	for i, v := range vals {
		fmt.Fprintf(&b, "<arg%d>%v</arg%d>", i, v, i)
	}
	return b.String()
}

type csModule struct {
	Name     string `xml:"http://www.outsystems.com Name"`
	Key      string `xml:"http://www.outsystems.com Key"`
	Kind     string `xml:"http://www.outsystems.com Kind"`
	StatusID []int  `xml:"http://www.outsystems.com StatusMessages>CS_StatusMessage>Id"`
}

func TestModulesGet(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	var got struct {
		Modules []csModule `xml:"http://www.outsystems.com Modules_GetResult>CS_Module"`
	}
	wantOK(t, f.call(t, "PlatformServices_v8_0_0", "Modules_Get", psArgs(testUser, testHash)), &got)
	keys := map[string]string{}
	for _, m := range f.sc.Modules() {
		keys[m.Name] = m.Key
	}
	want := []csModule{
		{"ServiceCenter", keys["ServiceCenter"], "eSpace", nil},
		{"LifeTime", keys["LifeTime"], "eSpace", nil},
		{"PluginA", keys["PluginA"], "eSpace", []int{scsim.StatusOutdatedReferences}},
		{"PluginB", keys["PluginB"], "eSpace", []int{6}},
		{"PluginC", keys["PluginC"], "Extension", []int{6}},
	}
	if diff := cmp.Diff(want, got.Modules); diff != "" {
		t.Errorf("Modules_Get (-want +got):\n%s", diff)
	}
	if keys["PluginA"] == "" || keys["PluginA"] == keys["PluginB"] {
		t.Errorf("derived keys are empty or equal: %v", keys)
	}
	wantFault(t, f.call(t, "PlatformServices_v8_0_0", "Modules_Get", psArgs(testUser, "nope")))
}

type stagingAnswer struct {
	status int
	body   map[string]any
}

func (f *fixture) staging(t *testing.T, query, user, pass string, body any) stagingAnswer {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost,
		f.srv.URL+"/ServiceCenter/rest/PlatformServices/Staging_PublishWith2StepOption?"+query, strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(user, pass)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("answer is not JSON: %v", err)
	}
	return stagingAnswer{resp.StatusCode, out}
}

func modulesBody(names ...string) map[string]any {
	var mods []map[string]any
	for _, n := range names {
		mods = append(mods, map[string]any{"REST_Module": map[string]any{"Name": n, "Key": "", "Kind": "eSpace"}})
	}
	return map[string]any{"ModulesToPublish": mods, "ApplicationsToUpdate": []any{}}
}

type psMessages struct {
	Messages []struct {
		ID   int    `xml:"http://www.outsystems.com Id"`
		Type string `xml:"http://www.outsystems.com Type"`
		Text string `xml:"http://www.outsystems.com Message"`
	} `xml:"http://www.outsystems.com SolutionPack_GetPublishMessagesResult>CS_PublishMessage"`
	LastMessageID int  `xml:"http://www.outsystems.com lastMessageId"`
	Finished      bool `xml:"http://www.outsystems.com finished"`
}

func (f *fixture) publishMessages(t *testing.T, id, after int) psMessages {
	t.Helper()
	var got psMessages
	wantOK(t, f.call(t, "PlatformServices_v8_0_0", "SolutionPack_GetPublishMessages", psArgs(testUser, testPass, id, after)), &got)
	return got
}

func types(m psMessages) []string {
	var out []string
	for _, x := range m.Messages {
		out = append(out, x.Type)
	}
	return out
}

func TestStagingOneStep(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	a := f.staging(t, "StagingName=Republish&TwoStepMode=false", testUser, testHash, modulesBody("PluginA", "pluginb"))
	if a.status != http.StatusOK {
		t.Fatalf("status %d: %v", a.status, a.body)
	}
	id := int(a.body["PublishId"].(float64))
	msgs := a.body["Messages"].([]any)
	first := msgs[0].(map[string]any)["REST_PublicationMessage"].(map[string]any)["Message"]
	if first != "Publication of staging 'Republish' started (2 modules)." {
		t.Errorf("first message = %v", first)
	}
	got := f.publishMessages(t, id, 0)
	if got.Finished || got.LastMessageID != 3 {
		t.Errorf("at start: finished %t, lastMessageId %d; want false, 3", got.Finished, got.LastMessageID)
	}
	f.clock.Advance(time.Minute)
	got = f.publishMessages(t, id, got.LastMessageID)
	if diff := cmp.Diff([]string{"Info", "Info", "Warning", "Info", "Done"}, types(got)); diff != "" {
		t.Errorf("message types (-want +got):\n%s", diff)
	}
	if !got.Finished || got.LastMessageID != 8 {
		t.Errorf("at the end: finished %t, lastMessageId %d; want true, 8", got.Finished, got.LastMessageID)
	}
	if diff := cmp.Diff(map[string]bool{"ServiceCenter": false, "LifeTime": false, "PluginA": false, "PluginB": false, "PluginC": true}, outdated(f)); diff != "" {
		t.Errorf("Outdated (-want +got):\n%s", diff)
	}
	// Nothing after the last id.
	if got = f.publishMessages(t, id, 8); len(got.Messages) != 0 || got.LastMessageID != 8 || !got.Finished {
		t.Errorf("after the last id: %+v", got)
	}
}

func TestStagingTwoStep(t *testing.T) {
	for _, decision := range []string{"SolutionPack_PublishContinue", "SolutionPack_PublishAbort"} {
		t.Run(decision, func(t *testing.T) {
			f := newFixture(t)
			seedPlugins(f)
			a := f.staging(t, "StagingName=Two&TwoStepMode=true", testUser, testPass, modulesBody("PluginA"))
			id := int(a.body["PublishId"].(float64))

			// Continue before stage 1 ends is refused.
			wantFault(t, f.call(t, "PlatformServices_v8_0_0", "SolutionPack_PublishContinue", psArgs(testUser, testPass, id)))

			f.clock.Advance(20 * time.Second) // stage 1 takes half the duration
			got := f.publishMessages(t, id, 0)
			if diff := cmp.Diff([]string{"Info", "Info", "Warning", "Info", "PublishStop"}, types(got)); diff != "" {
				t.Errorf("stage 1 types (-want +got):\n%s", diff)
			}
			if got.Finished || !outdated(f)["PluginA"] {
				t.Errorf("after stage 1: finished %t, PluginA outdated %t; want false, true", got.Finished, outdated(f)["PluginA"])
			}
			var empty struct{}
			wantOK(t, f.call(t, "PlatformServices_v8_0_0", decision, psArgs(testUser, testPass, id)), &empty)
			f.clock.Advance(20 * time.Second)
			got = f.publishMessages(t, id, got.LastMessageID)
			wantTypes, wantOutdated := []string{"Info", "Done"}, false
			if decision == "SolutionPack_PublishAbort" {
				wantTypes, wantOutdated = []string{"Done"}, true
			}
			if diff := cmp.Diff(wantTypes, types(got)); diff != "" {
				t.Errorf("stage 2 types (-want +got):\n%s", diff)
			}
			if !got.Finished || outdated(f)["PluginA"] != wantOutdated {
				t.Errorf("at the end: finished %t, PluginA outdated %t; want true, %t", got.Finished, outdated(f)["PluginA"], wantOutdated)
			}
		})
	}
}

func TestStagingTwoStepWithErrorsStopsAfterStageOne(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	f.sc.FailPublishOf("PluginB")
	a := f.staging(t, "TwoStepMode=true", testUser, testPass, modulesBody("PluginA", "PluginB"))
	id := int(a.body["PublishId"].(float64))
	f.clock.Advance(time.Minute)
	got := f.publishMessages(t, id, 0)
	tail := types(got)[len(got.Messages)-2:]
	if diff := cmp.Diff([]string{"Error", "Done"}, tail); diff != "" || !got.Finished {
		t.Errorf("end of a failing two-step publish (-want +got):\n%s\nfinished %t", diff, got.Finished)
	}
	wantFault(t, f.call(t, "PlatformServices_v8_0_0", "SolutionPack_PublishContinue", psArgs(testUser, testPass, id)))
}

func TestStagingErrors(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	for name, tc := range map[string]struct {
		query, pass string
		body        any
		status      int
		msg         string
	}{
		"bad credentials": {"", "nope", modulesBody("PluginA"), 401, "Invalid username or password."},
		"unknown module":  {"", testPass, modulesBody("Ghost"), 400, "Module 'Ghost' (key '') does not exist."},
		"no module":       {"", testPass, modulesBody(), 400, "ModulesToPublish is empty."},
		"bad TwoStepMode": {"TwoStepMode=maybe", testPass, modulesBody("PluginA"), 400, `TwoStepMode "maybe" is not a boolean.`},
		"not JSON":        {"", testPass, "just a string", 400, `The request body is not a staging definition ({"ModulesToPublish":[{"REST_Module":{...}}]}).`},
	} {
		t.Run(name, func(t *testing.T) {
			a := f.staging(t, tc.query, testUser, tc.pass, tc.body)
			got := []any{a.status, a.body["Errors"]}
			want := []any{tc.status, []any{tc.msg}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if c := f.sc.Counters().PublicationsStarted; c != 0 {
		t.Errorf("PublicationsStarted = %d, want 0", c)
	}
	wantFault(t, f.call(t, "PlatformServices_v8_0_0", "SolutionPack_GetPublishMessages", psArgs(testUser, testPass, 99, 0)))
	if got := wantFault(t, f.call(t, "PlatformServices_v8_0_0", "SolutionPack_GetPublishMessages", psArgs(testUser, testPass, "x", 0))); got.Code != "soap:Client" {
		t.Errorf("non-int publish id: fault %+v", got)
	}
}
