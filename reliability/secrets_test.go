package reliability_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/go-outsystems/outsystems/internal/sim"
	"github.com/go-outsystems/outsystems/internal/transport/memnet"
	"github.com/go-outsystems/outsystems/lifetime"
	"github.com/go-outsystems/outsystems/lifetime/ltservices"
	"github.com/go-outsystems/outsystems/servicecenter"
	"github.com/go-outsystems/outsystems/upgrade"
)

// The secrets the hygiene test hands to the clients. Each is distinctive
// so that a leak cannot be a coincidence.
const (
	itUser            = "release.manager"
	itPassword        = "It-Pw-4f1c9e07-leak-canary"
	wrongToken        = "wrong-token-9b8d2a61-leak-canary"
	wrongPassword     = "Wrong-Pw-55e0c3d2-leak-canary"
	dbPassword        = "Db-Pw-1d7e4b90-leak-canary"
	registrationPwd   = "Reg-Pw-83a6f5c1-leak-canary"
	newSCPasswordHash = "#Hash-3c2b1a09-leak-canary"
)

// TestSecretHygiene drives the three clients and an upgrade run with debug
// logging on, under faults that make them retry and fail, with good and bad
// credentials, and checks that no token or password appears in any log
// line, error string or report.
func TestSecretHygiene(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s, err := sim.NewScenario("default", sim.Options{Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		admin, _ := s.RoleByName("Administrator")
		if _, err := s.AddUser(sim.User{Username: itUser, Name: "Release Manager", Email: "rm@example.test", IsActive: true, RoleKey: admin.Key, Password: itPassword}); err != nil {
			t.Fatal(err)
		}
		srv := memnet.NewServer(s)
		defer srv.Close()
		logs := &logBuffer{}
		logger := debugLogger(logs)
		ltenv := s.LifeTime()
		scan := newSecretScan(s.Token(), ltenv.ServiceCenterPassword, itPassword, wrongToken, wrongPassword, dbPassword, registrationPwd, newSCPasswordHash)

		// The scanner finds what it looks for.
		if got := scan.leaks("x" + dbPassword + "y"); len(got) != 1 {
			t.Fatalf("the scanner found %v in a planted text, want one secret", got)
		}

		// RenewToken replaces the token it is called with: give it an
		// account of its own.
		renewer, err := s.AddServiceAccount(sim.ServiceAccount{Username: "renewer", Name: "Renewer"})
		if err != nil {
			t.Fatal(err)
		}
		scan.secrets = append(scan.secrets, renewer.Token)
		hc := srv.Client()
		lt := must(lifetime.NewClient(srv.URL, lifetime.WithToken(s.Token()), lifetime.WithInsecureHTTP(), lifetime.WithHTTPClient(hc), lifetime.WithLogger(logger)))
		ltRenew := must(lifetime.NewClient(srv.URL, lifetime.WithToken(renewer.Token), lifetime.WithInsecureHTTP(), lifetime.WithHTTPClient(hc), lifetime.WithLogger(logger)))
		ltBad := must(lifetime.NewClient(srv.URL, lifetime.WithToken(wrongToken), lifetime.WithInsecureHTTP(), lifetime.WithHTTPClient(hc), lifetime.WithLogger(logger)))
		sc := must(servicecenter.NewClient(srv.URL, servicecenter.WithCredentials(ltenv.ServiceCenterUsername, ltenv.ServiceCenterPassword), servicecenter.WithInsecureHTTP(), servicecenter.WithHTTPClient(hc), servicecenter.WithLogger(logger)))
		scBad := must(servicecenter.NewClient(srv.URL, servicecenter.WithCredentials(ltenv.ServiceCenterUsername, wrongPassword), servicecenter.WithInsecureHTTP(), servicecenter.WithHTTPClient(hc), servicecenter.WithLogger(logger)))
		lts := must(ltservices.NewClient(srv.URL, ltservices.WithCredentials(itUser, itPassword), ltservices.WithInsecureHTTP(), ltservices.WithHTTPClient(hc), ltservices.WithLogger(logger)))
		ltsBad := must(ltservices.NewClient(srv.URL, ltservices.WithCredentials(itUser, wrongPassword), ltservices.WithInsecureHTTP(), ltservices.WithHTTPClient(hc), ltservices.WithLogger(logger)))
		ltsToken := must(ltservices.NewClient(srv.URL, ltservices.WithServiceAccountToken(s.Token()), ltservices.WithInsecureHTTP(), ltservices.WithHTTPClient(hc), ltservices.WithLogger(logger)))
		ltsBadToken := must(ltservices.NewClient(srv.URL, ltservices.WithServiceAccountToken(wrongToken), ltservices.WithInsecureHTTP(), ltservices.WithHTTPClient(hc), ltservices.WithLogger(logger)))

		dev, _ := s.EnvironmentByName("Development")
		ctx := t.Context()
		var errs []error
		note := func(err error) {
			if err != nil {
				errs = append(errs, err)
			}
		}
		dbReq := &lifetime.DBConnectionRequest{Name: "Orders", ProviderKey: "SqlServer", Description: "orders", Username: "orders", Password: dbPassword, ConfigParams: "Server=db;Database=orders"}
		calls := func() {
			_, _, err := lt.Environments.List(ctx)
			note(err)
			_, _, err = ltBad.Environments.List(ctx)
			note(err)
			_, _, err = lt.DBConnections.Create(ctx, dev.Key, dbReq)
			note(err)
			_, err = lt.DBConnections.TestConnection(ctx, dev.Key, dbReq)
			note(err)
			_, err = lt.DBConnections.Update(ctx, dev.Key, "Orders", dbReq)
			note(err)
			_, err = lt.DBConnections.Update(ctx, dev.Key, "No Such Connection", dbReq)
			note(err)
			_, _, err = lt.Environments.Register(ctx, lifetime.EnvironmentRegistration{
				EnvironmentName: "Sandbox", EnvironmentAddress: "sandbox.example.test", ServiceCenterUsername: "admin",
				ServiceCenterPassword: registrationPwd, LifeTimeAddress: "lt.example.test", EnvironmentPosition: 9,
			})
			note(err)
			renewed, _, err := ltRenew.Auth.RenewToken(ctx, &lifetime.TokenRenewRequest{TimePeriod: 1})
			note(err)
			if renewed != nil && renewed.Token != "" {
				scan.secrets = append(scan.secrets, renewed.Token)
				// What a careless caller would do: print and log it.
				logger.Info("token renewed", "token", renewed)
				scan.add("report", fmt.Sprint(renewed), fmt.Sprintf("%+v %#v", renewed, renewed))
			}
			_, err = sc.PlatformInfo(ctx)
			note(err)
			_, err = sc.TestLogin(ctx)
			note(err)
			_, err = scBad.TestLogin(ctx)
			note(err)
			_, err = scBad.SolutionID(ctx, "LifeTime Plugins")
			note(err)
			_, err = lts.Users.List(ctx, false)
			note(err)
			note(lts.Users.ChangePassword(ctx, itUser, itPassword, false))
			_, err = ltsBad.Users.List(ctx, false)
			note(err)
			_, err = ltsToken.Roles.List(ctx)
			note(err)
			_, err = ltsBadToken.Roles.List(ctx)
			note(err)
			_, err = lts.GetToken(ctx)
			note(err)
		}
		calls() // healthy console
		for _, f := range []sim.Fault{
			{Kind: sim.FaultStatus, Status: 503, Rate: 0.3},
			{Kind: sim.FaultResetBefore, Rate: 0.1},
			{Kind: sim.FaultResetAfter, Rate: 0.1},
			{Kind: sim.FaultTruncate, Rate: 0.1},
			{Kind: sim.FaultMalformed, Rate: 0.1},
		} {
			if _, err := s.InjectFault(f); err != nil {
				t.Fatal(err)
			}
		}
		for range 3 {
			calls() // flaky console: retries, resets, half bodies
		}
		s.ClearFaults()

		// An upgrade run with its reports.
		clients := upgrade.FromClients(lt, sc, nil)
		clients.ConsoleHost = ltenv.HostName
		meta := s.Meta()
		st, err := upgrade.NewState(meta.TargetLifeTimeVersion, upgrade.Facts{Model: upgrade.SelfManaged, PluginModules: meta.Plugins})
		if err != nil {
			t.Fatal(err)
		}
		var reports int
		for _, plan := range []*upgrade.Group{upgrade.Preflight(clients), upgrade.PostUpgrade(clients, upgrade.PlanOptions{})} {
			rep, err := upgrade.Run(ctx, plan, st, upgrade.WithLogger(logger), upgrade.ContinueOnFailure())
			note(err)
			if rep == nil {
				t.Fatalf("upgrade.Run returned no report: %v", err)
			}
			if r, ok := rep.Step(upgrade.StepInventory); ok && r.Outcome != upgrade.Passed {
				t.Errorf("the inventory step %s: %v", r.Outcome, err)
			}
			for _, write := range []func(*bytes.Buffer) error{
				func(b *bytes.Buffer) error { return rep.WriteText(b) },
				func(b *bytes.Buffer) error { return rep.WriteJSON(b) },
				func(b *bytes.Buffer) error { return rep.WriteJUnit(b) },
			} {
				var b bytes.Buffer
				if err := write(&b); err != nil {
					t.Fatal(err)
				}
				scan.add("report", b.String())
				reports++
			}
		}

		lines := logs.Lines()
		scan.add("log", lines...)
		for _, err := range errs {
			scan.addErr(err)
		}
		scanned := scan.check(t)
		retries := strings.Count(logs.String(), "retry")
		if len(errs) < 10 || retries == 0 || len(lines) < 100 {
			t.Errorf("too little was exercised: %d errors, %d log lines, %d retry records", len(errs), len(lines), retries)
		}
		summary(t, "secrets: %d secrets (tokens and passwords) checked in %d texts: %d log lines (%d mention a retry), %d error strings, %d reports and printed values; 0 leaks",
			len(scan.secrets), scanned, len(lines), retries, len(errs), reports+3)
	})
}

// must returns v; err is only set for invalid options, a bug in this file,
// which ends the test with a panic.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
