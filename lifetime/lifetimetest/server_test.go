package lifetimetest_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/lifetime/lifetimetest"
	"github.com/go-outsystems/outsystems/servicecenter"
	"github.com/go-outsystems/outsystems/servicecenter/servicecentertest"
)

func TestTLSServer(t *testing.T) {
	srv, err := lifetimetest.NewServer(lifetimetest.WithTLS(), lifetimetest.WithSeed(3))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if !strings.HasPrefix(srv.URL, "https://") || len(srv.Certificate()) == 0 {
		t.Fatalf("URL %s, certificate %d bytes", srv.URL, len(srv.Certificate()))
	}
	if status, body := call(srv, "GET", "/environments/", ""); status != http.StatusOK {
		t.Fatalf("GET environments over TLS: %d %s", status, body)
	}
	other, err := lifetimetest.NewServer(lifetimetest.WithSeed(3))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if srv.Token() != other.Token() {
		t.Error("same seed, different tokens")
	}
}

func TestServerOptions(t *testing.T) {
	if _, err := lifetimetest.NewServer(lifetimetest.WithScenario("nope")); err == nil {
		t.Fatal("unknown scenario accepted")
	}
	empty, err := lifetimetest.NewServer(lifetimetest.WithScenario(""), lifetimetest.WithConsoleVersion("11.21.0"))
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	if status, body := call(empty, "GET", "/environments/", ""); status != http.StatusNoContent || body != "" {
		t.Fatalf("empty infrastructure: %d %q", status, body)
	}
	if v := empty.Sim().ConsoleVersion(); v != "11.21.0" {
		t.Errorf("console version %s", v)
	}
	if len(lifetimetest.ScenarioNames()) < 8 {
		t.Errorf("scenarios = %v", lifetimetest.ScenarioNames())
	}
}

func TestFaultsAndUpgradeThroughServer(t *testing.T) {
	clock := lifetimetest.NewManualClock(time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC))
	srv, err := lifetimetest.NewServer(lifetimetest.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if _, err := srv.Sim().InjectFault(lifetimetest.Fault{Kind: lifetimetest.FaultStatus, Operation: "Environments_List", Status: 500, Times: 1}); err != nil {
		t.Fatal(err)
	}
	if status, body := call(srv, "GET", "/environments/", ""); status != 500 || !strings.Contains(body, `"StatusCode":500`) {
		t.Fatalf("injected fault: %d %s", status, body)
	}
	if err := srv.Sim().UpgradeConsole("11.30.1", time.Hour); err != nil {
		t.Fatal(err)
	}
	if status, _ := call(srv, "GET", "/environments/", ""); status != http.StatusServiceUnavailable {
		t.Fatalf("during upgrade: %d", status)
	}
	clock.Advance(time.Hour)
	if status, _ := call(srv, "GET", "/environments/", ""); status != http.StatusOK {
		t.Fatalf("after upgrade: %d", status)
	}
	if got := srv.Sim().OutdatedPlugins(); len(got) != 2 {
		t.Errorf("outdated plugins %v", got)
	}
}

func TestRealClockDeploymentFinishes(t *testing.T) {
	srv, err := lifetimetest.NewServer(lifetimetest.WithDeploymentStepDuration(20 * time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	sim := srv.Sim()
	dev, _ := sim.EnvironmentByName("Development")
	test, _ := sim.EnvironmentByName("Test")
	app, _ := sim.ApplicationByName("Core Services")
	v, err := sim.TagVersion(app.Key, dev.Key, "9.9", "")
	if err != nil {
		t.Fatal(err)
	}
	_, key := call(srv, "POST", "/deployments/", `{"Notes":"","SourceEnvironmentKey":"`+dev.Key+`","TargetEnvironmentKey":"`+test.Key+`","ApplicationOperations":[{"ApplicationVersionKey":"`+v.Key+`","DeploymentZoneKey":""}]}`)
	if status, body := call(srv, "POST", "/deployments/"+key+"/start/", ""); status != 202 {
		t.Fatalf("start: %d %s", status, body)
	}
	// Poll like a client would; the server's real clock moves the plan. The
	// generous deadline only bounds a hang: the plan needs a few steps of
	// 20 ms, however loaded the machine.
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		_, body := call(srv, "GET", "/deployments/"+key+"/status/", "")
		if strings.Contains(body, `"finished_successful"`) {
			return
		}
	}
	t.Fatal("deployment did not finish on the real clock within a minute")
}

func TestEnvironmentServiceCenterURL(t *testing.T) {
	srv, err := lifetimetest.NewServer()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if srv.ServiceCenterURL("Nope") != "" {
		t.Error("URL for an unknown environment")
	}
	body := `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetPlatformInfo xmlns="http://www.outsystems.com"/></soap:Body></soap:Envelope>`
	req, err := http.NewRequest("POST", srv.ServiceCenterURL("Test")+"/ServiceCenter/OutSystemsPlatform.asmx", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"http://ServiceCenter/OutSystemsPlatform/GetPlatformInfo"`)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(data), "<Version>11.34.1.44911</Version>") {
		t.Fatalf("GetPlatformInfo of Test: %d %s", resp.StatusCode, data)
	}
}

func TestRefuseConnectionsDuringUpgrade(t *testing.T) {
	clock := lifetimetest.NewManualClock(time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC))
	srv, err := lifetimetest.NewServer(lifetimetest.WithClock(clock), lifetimetest.WithRefuseConnectionsDuringUpgrade())
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if err := srv.Sim().UpgradeConsole("11.30.1", time.Minute); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", srv.APIURL()+"/environments/", nil)
	req.Header.Set("Authorization", "Bearer "+srv.Token())
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	if resp, err := client.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("answered %d during the upgrade", resp.StatusCode)
	}
}

// lockedBuffer is a bytes.Buffer the server's goroutines may write to.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestLoggerClockAndPublishDuration: WithLogger gets a record per request,
// Server.Clock is the clock given, and a republish in the LifeTime
// environment's Service Center takes WithPublishDuration of simulated time.
func TestLoggerClockAndPublishDuration(t *testing.T) {
	clock := lifetimetest.NewManualClock(time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC))
	var logs lockedBuffer
	srv, err := lifetimetest.NewServer(lifetimetest.WithClock(clock), lifetimetest.WithPublishDuration(10*time.Minute),
		lifetimetest.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if srv.Clock() != lifetimetest.Clock(clock) {
		t.Errorf("Clock() = %v, want the clock given", srv.Clock())
	}
	if status, _ := call(srv, "GET", "/environments/", ""); status != http.StatusOK {
		t.Fatalf("GET /environments/: %d", status)
	}
	if got := logs.String(); !strings.Contains(got, "operation=Environments_List") || strings.Contains(got, srv.Token()) {
		t.Errorf("log %q: want the operation and never the token", got)
	}

	lt := srv.Sim().LifeTime()
	sc, err := servicecenter.NewClient(srv.URL, servicecenter.WithInsecureHTTP(), servicecenter.WithHTTPClient(srv.Client()),
		servicecenter.WithCredentials(lt.ServiceCenterUsername, lt.ServiceCenterPassword))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	if _, err := sc.CreateAllSolution(ctx, "Plugins"); err != nil {
		t.Fatal(err)
	}
	pub, err := sc.PublishRunning(ctx, "Plugins", nil)
	if err != nil {
		t.Fatal(err)
	}
	done := func() bool {
		msgs, err := sc.Messages(ctx, pub.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		return len(msgs) > 0 && msgs[len(msgs)-1].Type == servicecenter.MessageDone
	}
	clock.Advance(9 * time.Minute)
	if done() {
		t.Error("publication done after 9 of its 10 minutes")
	}
	clock.Advance(time.Minute)
	if !done() {
		t.Error("publication not done after its 10 minutes")
	}
}

// TestOneClockForBothSimulators: lifetimetest's and servicecentertest's
// ManualClock are one type, so a test can drive both with the same clock.
func TestOneClockForBothSimulators(t *testing.T) {
	t0 := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	var clock *servicecentertest.ManualClock = lifetimetest.NewManualClock(t0)
	lt, err := lifetimetest.NewServer(lifetimetest.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	defer lt.Close()
	sc := servicecentertest.NewServer(servicecentertest.WithClock(clock))
	defer sc.Close()
	clock.Advance(time.Hour)
	if got := lt.Clock().Now(); !got.Equal(t0.Add(time.Hour)) {
		t.Errorf("LifeTime simulator at %v, want %v", got, t0.Add(time.Hour))
	}
}
