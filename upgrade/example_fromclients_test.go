package upgrade_test

import (
	"context"
	"fmt"

	"github.com/go-outsystems/outsystems/lifetime"
	"github.com/go-outsystems/outsystems/lifetime/lifetimetest"
	"github.com/go-outsystems/outsystems/servicecenter"
	"github.com/go-outsystems/outsystems/upgrade"
)

// Run the pre-flight checks with this module's clients, here against a
// simulated infrastructure whose LifeTime shares the Production
// environment.
func ExampleFromClients() {
	srv, err := lifetimetest.NewServer(lifetimetest.WithScenario("shared-lifetime"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ltenv := srv.Sim().LifeTime()

	lt, err := lifetime.NewClient(srv.URL, lifetime.WithToken(srv.Token()), lifetime.WithInsecureHTTP())
	if err != nil {
		fmt.Println(err)
		return
	}
	sc, err := servicecenter.NewClient(srv.URL, servicecenter.WithCredentials(ltenv.ServiceCenterUsername, ltenv.ServiceCenterPassword), servicecenter.WithInsecureHTTP())
	if err != nil {
		fmt.Println(err)
		return
	}
	clients := upgrade.FromClients(lt, sc, nil)
	clients.ConsoleHost = ltenv.HostName // the simulator listens on loopback

	meta := srv.Meta()
	st, err := upgrade.NewState(meta.TargetLifeTimeVersion, upgrade.Facts{Model: upgrade.SelfManaged, PluginModules: meta.Plugins})
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := upgrade.Run(context.Background(), upgrade.Preflight(clients), st)
	fmt.Println("blocked:", err != nil)
	s, _ := rep.Step(upgrade.StepCheckDedicatedLifeTime)
	fmt.Println(s.Outcome, "-", s.Findings[0].Message)
	// Output:
	// blocked: true
	// failed - a self-managed LifeTime shares its environment with applications; LifeTime is supported only in a dedicated environment
}
