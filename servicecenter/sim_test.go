package servicecenter_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
	"github.com/go-outsystems/outsystems/servicecenter"
)

// simStrict turns on the simulator's strict mode: it refuses unquoted
// SOAPActions and missing mandatory (minOccurs="1") elements.
const simStrict = true

// newSim returns a simulated Service Center with LifeTime plugin modules.
func newSim(cfg scsim.Config) *scsim.ServiceCenter {
	cfg.Username, cfg.Password, cfg.HashedPassword, cfg.Strict = testUser, "plain-secret", testPassword, simStrict
	sc := scsim.New(cfg)
	sc.AddModule(scsim.Module{Name: "LifeTime", System: true})
	sc.AddModule(scsim.Module{Name: "PluginCore", Plugin: true})
	sc.AddModule(scsim.Module{Name: "PluginUI", Plugin: true})
	return sc
}

func TestAgainstSimulator(t *testing.T) {
	sc := newSim(scsim.Config{Version: "11.31.0.44210", Serial: "SER-7", PublishDuration: -1})
	srv := httptest.NewServer(sc.Handler())
	t.Cleanup(srv.Close)
	ctx := t.Context()
	c, err := servicecenter.NewClient(srv.URL, servicecenter.WithInsecureHTTP(), servicecenter.WithCredentials(testUser, testPassword))
	if err != nil {
		t.Fatal(err)
	}

	info, err := c.PlatformInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&servicecenter.PlatformInfo{Version: "11.31.0.44210", Serial: "SER-7"}, info); diff != "" {
		t.Errorf("PlatformInfo (-want +got):\n%s", diff)
	}
	if _, err := c.TestLogin(ctx); err != nil {
		t.Fatalf("TestLogin with the pre-hashed password: %v", err)
	}
	plain, err := servicecenter.NewClient(srv.URL, servicecenter.WithInsecureHTTP(), servicecenter.WithCredentials(testUser, "plain-secret"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plain.TestLogin(ctx); err != nil {
		t.Fatalf("TestLogin with the plain password: %v", err)
	}
	bad, err := servicecenter.NewClient(srv.URL, servicecenter.WithInsecureHTTP(), servicecenter.WithCredentials(testUser, "wrong"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bad.TestLogin(ctx); !errors.Is(err, servicecenter.ErrLoginFailed) {
		t.Fatalf("TestLogin with a wrong password: %v, want ErrLoginFailed", err)
	}

	id, err := c.CreateAllSolution(ctx, "All_Components")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := c.SolutionID(ctx, "All_Components"); err != nil || got != id {
		t.Fatalf("SolutionID = %d, %v; want %d", got, err, id)
	}
	pub, err := c.PublishRunning(ctx, "All_Components", nil)
	if err != nil {
		t.Fatal(err)
	}
	if pub.SolutionID != id || pub.ID <= 0 {
		t.Errorf("PublishRunning = %+v", pub)
	}
	res, err := c.WaitPublish(ctx, pub.ID, &servicecenter.WaitOptions{Interval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Finished || res.Failed() || len(res.Messages) == 0 {
		t.Errorf("WaitPublish = %+v", res)
	}

	osp, err := c.Download(ctx, "All_Components", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(osp, []byte("PK")) {
		t.Fatalf("Download returned %d bytes that are not a zip", len(osp))
	}
	up, err := c.Publish(ctx, "Plugins.osp", bytes.NewReader(osp), &servicecenter.PublishOptions{FromOSPTool: true})
	if err != nil {
		t.Fatal(err)
	}
	if up.PublicationID <= 0 || up.PackUID == "" {
		t.Errorf("Publish = %+v", up)
	}
	if _, err := c.WaitPublish(ctx, up.PublicationID, &servicecenter.WaitOptions{Interval: time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	uploadedID, err := c.SolutionID(ctx, "Plugins")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Delete(ctx, uploadedID); err != nil {
		t.Fatal(err)
	}
	var fe *servicecenter.FaultError
	if _, err := c.SolutionID(ctx, "Plugins"); !errors.As(err, &fe) {
		t.Errorf("SolutionID of a deleted solution: %v, want a fault", err)
	}

	cnt := sc.Counters()
	if cnt.UnquotedSOAPAction != 0 || cnt.Faults != 2 || cnt.PublicationsStarted != 2 {
		t.Errorf("simulator counters: %d unquoted SOAPActions, %d faults, %d publications; want 0, 2, 2",
			cnt.UnquotedSOAPAction, cnt.Faults, cnt.PublicationsStarted)
	}

	sc.SetAvailable(false)
	var he *servicecenter.HTTPError
	one, _ := servicecenter.NewClient(srv.URL, servicecenter.WithInsecureHTTP(), servicecenter.WithRetry(servicecenter.RetryPolicy{MaxAttempts: 1}))
	if _, err := one.PlatformInfo(ctx); !errors.As(err, &he) || he.StatusCode != 503 {
		t.Errorf("unavailable Service Center: %v, want *HTTPError 503", err)
	}
}

// TestWaitPublishOverSimulatedTime follows a publication where one plugin
// fails, in a synctest bubble: the simulator reads the bubble's clock, so
// its 30 s publication and the 2 s polls take no real time.
func TestWaitPublishOverSimulatedTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		sc := newSim(scsim.Config{PublishDuration: 30 * time.Second})
		sc.FailPublishOf("PluginUI")
		c := bubbleClient(t, sc.Handler())
		ctx := t.Context()
		if _, err := c.CreateAllSolution(ctx, "All_Components"); err != nil {
			t.Fatal(err)
		}
		pub, err := c.PublishRunning(ctx, "All_Components", nil)
		if err != nil {
			t.Fatal(err)
		}

		// A wait shorter than the publication stops with ErrWaitTimeout and
		// can be resumed from LastMessageID.
		var seen []servicecenter.Message
		onMessage := func(m servicecenter.Message) { seen = append(seen, m) }
		start := time.Now()
		partial, err := c.WaitPublish(ctx, pub.ID, &servicecenter.WaitOptions{Timeout: 10 * time.Second, OnMessage: onMessage})
		if !errors.Is(err, servicecenter.ErrWaitTimeout) || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("short wait: %v, want ErrWaitTimeout and DeadlineExceeded", err)
		}
		if d := time.Since(start); d != 10*time.Second {
			t.Errorf("short wait lasted %s of simulated time, want 10s", d)
		}
		if partial.Finished {
			t.Error("partial result says finished")
		}

		res, err := c.WaitPublish(ctx, pub.ID, &servicecenter.WaitOptions{AfterID: partial.LastMessageID, OnMessage: onMessage})
		var pe *servicecenter.PublishError
		if !errors.As(err, &pe) || !errors.Is(err, servicecenter.ErrPublishFailed) || pe.Result != res {
			t.Fatalf("wait: %v, want *PublishError", err)
		}
		if want := "1 error(s) in PluginUI"; !strings.Contains(err.Error(), want) {
			t.Errorf("error text %q does not say %q", err, want)
		}
		if !res.Finished || len(res.Errors) != 1 {
			t.Errorf("result finished=%v errors=%d", res.Finished, len(res.Errors))
		}
		var failing []string
		for _, m := range res.Modules {
			if len(m.Errors) > 0 {
				failing = append(failing, m.Module)
			}
		}
		if diff := cmp.Diff([]string{"PluginUI"}, failing); diff != "" {
			t.Errorf("modules with errors (-want +got):\n%s", diff)
		}
		// The progress callback saw every message exactly once, in order.
		all, err := c.Messages(ctx, pub.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(all, seen); diff != "" {
			t.Errorf("OnMessage calls differ from the whole log (-want +got):\n%s", diff)
		}
		if got := sc.Counters().Calls["Solutions.GetMessages"]; got < 10 {
			t.Errorf("only %d GetMessages calls for a 30 s publication polled every 2 s", got)
		}
	})
}

// TestWaitPublishCanceled: canceling the caller's context ends the wait
// with context.Canceled, not ErrWaitTimeout.
func TestWaitPublishCanceled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		sc := newSim(scsim.Config{PublishDuration: time.Hour})
		c := bubbleClient(t, sc.Handler())
		if _, err := c.CreateAllSolution(t.Context(), "All"); err != nil {
			t.Fatal(err)
		}
		pub, err := c.PublishRunning(t.Context(), "All", nil)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(30*time.Second, cancel)
		res, err := c.WaitPublish(ctx, pub.ID, nil)
		if !errors.Is(err, context.Canceled) || errors.Is(err, servicecenter.ErrWaitTimeout) {
			t.Fatalf("error %v, want context.Canceled only", err)
		}
		if res == nil || res.Finished || len(res.Messages) == 0 {
			t.Errorf("partial result %+v", res)
		}
	})
}

// TestWaitPublishPlainTextLog: a server whose GetMessages answers plain
// text (no ids, no end marker) answers the whole log at every poll; each
// line reaches OnMessage once, and the wait ends at its timeout.
func TestWaitPublishPlainTextLog(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		logs := []string{"", "Compiling PluginUI", "Compiling PluginUI\nCompiling PluginCore", "Compiling PluginUI\nCompiling PluginCore"}
		var polls atomic.Int64
		c := bubbleClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			log := logs[min(int(polls.Add(1)), len(logs))-1]
			a := soapOK("GetMessages", "<Messages>"+log+"</Messages>")
			w.Header().Set("Content-Type", a.ctype)
			io.WriteString(w, a.body)
		}))
		var got []string
		res, err := c.WaitPublish(t.Context(), 7, &servicecenter.WaitOptions{
			Interval:  2 * time.Second,
			Timeout:   time.Minute,
			OnMessage: func(m servicecenter.Message) { got = append(got, m.Text) },
		})
		if !errors.Is(err, servicecenter.ErrWaitTimeout) {
			t.Fatalf("error %v, want ErrWaitTimeout", err)
		}
		want := []string{"Compiling PluginUI", "Compiling PluginCore"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("OnMessage (-want +got):\n%s", diff)
		}
		if len(res.Messages) != len(want) || res.Finished {
			t.Errorf("%d messages (finished %v), want %d unfinished", len(res.Messages), res.Finished, len(want))
		}
		if polls.Load() < int64(len(logs)) {
			t.Errorf("%d polls, want at least %d", polls.Load(), len(logs))
		}
	})
}
