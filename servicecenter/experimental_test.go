package servicecenter_test

import (
	"errors"
	"net/http/httptest"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
	"github.com/go-outsystems/outsystems/servicecenter"
)

func TestExperimentalGoldenRequests(t *testing.T) {
	tests := []struct {
		op     string
		answer answer
		call   func(c *servicecenter.Client) (any, error)
		want   any
	}{
		{"Modules_Get", soapOK("Modules_Get", "<Modules_GetResult><CS_Module><Name>PluginCore</Name><Key>k1</Key><Kind>eSpace</Kind><StatusMessages><CS_StatusMessage><Id>6</Id><Message>Outdated</Message></CS_StatusMessage></StatusMessages></CS_Module></Modules_GetResult>"),
			func(c *servicecenter.Client) (any, error) { return c.ExperimentalModules(t.Context()) },
			[]servicecenter.Module{{Name: "PluginCore", Key: "k1", Kind: "eSpace", StatusMessageIDs: []int64{6}}}},
		{"SolutionPack_GetPublishMessages", soapOK("SolutionPack_GetPublishMessages", "<SolutionPack_GetPublishMessagesResult><CS_PublishMessage><Id>1</Id><Type>Warning</Type><Message>m</Message><Detail>d</Detail></CS_PublishMessage></SolutionPack_GetPublishMessagesResult><lastMessageId>1</lastMessageId><finished>false</finished>"),
			func(c *servicecenter.Client) (any, error) { return c.ExperimentalPublishMessages(t.Context(), 5, 0) },
			&servicecenter.PublishProgress{Messages: []servicecenter.Message{{ID: 1, Type: servicecenter.MessageWarning, Text: "m", Detail: "d"}}, LastMessageID: 1}},
		{"SolutionPack_PublishContinue", soapOK("SolutionPack_PublishContinue", ""),
			func(c *servicecenter.Client) (any, error) { return nil, c.ExperimentalContinuePublish(t.Context(), 5) }, nil},
		{"SolutionPack_PublishAbort", soapOK("SolutionPack_PublishAbort", ""),
			func(c *servicecenter.Client) (any, error) { return nil, c.ExperimentalAbortPublish(t.Context(), 5) }, nil},
		{"Staging_PublishWith2StepOption", answer{200, "application/json", `{"PublishId":17,"Messages":[{"REST_PublicationMessage":{"Message":"Started","Detail":""}}]}`},
			func(c *servicecenter.Client) (any, error) {
				return c.ExperimentalPublishModules(t.Context(), []servicecenter.Module{{Name: "PluginCore", Key: "k1", Kind: "eSpace"}}, &servicecenter.StagingOptions{Name: "Plugins", TwoStep: true})
			},
			&servicecenter.Staging{ID: 17, Messages: []servicecenter.Message{{Type: servicecenter.MessageInfo, Text: "Started"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			f := newFake(t, tt.answer)
			got, err := tt.call(f.client(t))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); tt.want != nil && diff != "" {
				t.Errorf("decoded answer (-want +got):\n%s", diff)
			}
			reqs := f.recorded()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			checkGolden(t, "experimental_"+tt.op, reqs[0])
		})
	}
}

func TestExperimentalStagingRefused(t *testing.T) {
	f := newFake(t, answer{400, "application/json", `{"Errors":["Module 'X' (key '') does not exist."],"StatusCode":400}`})
	_, err := f.client(t).ExperimentalPublishModules(t.Context(), []servicecenter.Module{{Name: "X"}}, nil)
	var he *servicecenter.HTTPError
	if !errors.As(err, &he) || he.StatusCode != 400 || he.Operation != "PlatformServices.Staging_PublishWith2StepOption" {
		t.Fatalf("error %v, want *HTTPError 400", err)
	}
	if n := len(f.recorded()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// TestExperimentalRepublishOutdated lists the modules, publishes the
// outdated ones as a two-step staging, continues after stage 1 and waits
// for the end, against the simulator.
func TestExperimentalRepublishOutdated(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		sc := newSim(scsim.Config{PublishDuration: 20 * time.Second})
		sc.MarkOutdated(func(m scsim.Module) bool { return m.Plugin })
		c := bubbleClient(t, sc.Handler())
		ctx := t.Context()
		mods, err := c.ExperimentalModules(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var outdated []servicecenter.Module
		var names []string
		for _, m := range mods {
			if m.Outdated() {
				outdated = append(outdated, m)
				names = append(names, m.Name)
			}
		}
		if diff := cmp.Diff([]string{"PluginCore", "PluginUI"}, names); diff != "" {
			t.Fatalf("outdated modules (-want +got):\n%s", diff)
		}
		st, err := c.ExperimentalPublishModules(ctx, outdated, &servicecenter.StagingOptions{Name: "Plugins", TwoStep: true})
		if err != nil {
			t.Fatal(err)
		}
		stage1, err := c.ExperimentalWaitStaging(ctx, st.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if last := stage1.Messages[len(stage1.Messages)-1]; last.Type != servicecenter.MessagePublishStop {
			t.Fatalf("stage 1 ended with %+v, want PublishStop", last)
		}
		if err := c.ExperimentalContinuePublish(ctx, st.ID); err != nil {
			t.Fatal(err)
		}
		done, err := c.ExperimentalWaitStaging(ctx, st.ID, &servicecenter.WaitOptions{AfterID: stage1.LastMessageID})
		if err != nil {
			t.Fatal(err)
		}
		if !done.Finished || done.Failed() {
			t.Errorf("stage 2: finished %v, errors %d", done.Finished, len(done.Errors))
		}
		for _, m := range sc.Modules() {
			if m.Plugin && m.Outdated {
				t.Errorf("%s still outdated after the staging", m.Name)
			}
		}
	})
}

func TestExperimentalAbort(t *testing.T) {
	sc := newSim(scsim.Config{PublishDuration: -1})
	srv := httptest.NewServer(sc.Handler())
	t.Cleanup(srv.Close)
	c, err := servicecenter.NewClient(srv.URL, servicecenter.WithInsecureHTTP(), servicecenter.WithCredentials(testUser, testPassword))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	st, err := c.ExperimentalPublishModules(ctx, []servicecenter.Module{{Name: "PluginCore"}}, &servicecenter.StagingOptions{TwoStep: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ExperimentalWaitStaging(ctx, st.ID, &servicecenter.WaitOptions{Interval: time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	if err := c.ExperimentalAbortPublish(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	var fe *servicecenter.FaultError
	if err := c.ExperimentalContinuePublish(ctx, st.ID); !errors.As(err, &fe) {
		t.Errorf("continue after abort: %v, want a fault", err)
	}
}
