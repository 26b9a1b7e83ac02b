// Command upgrade runs the whole LifeTime upgrade procedure: the pre-flight
// checks, the upgrade window (a support case on OutSystems Cloud and hybrid
// infrastructures, the installer when self-managed) with the wait for the
// console to come back at the target version, then the republication and
// verification of the plugins and the integrations. It prints a report and
// can write it as JSON (-json) and JUnit XML (-junit).
//
// With no -lifetime-url (or $LIFETIME_URL) it starts a simulated
// infrastructure in process (-scenario, default "default") and says so on
// its first line; on the simulation the installer, or OutSystems support,
// upgrades the simulated console, and hours of simulated downtime pass in
// a moment.
//
// Against a real console:
//
//	export LIFETIME_TOKEN=...          # service account token (or -token-file)
//	export SERVICECENTER_PASSWORD=...  # LifeTime environment's Service Center
//	go run ./examples/upgrade -lifetime-url https://lifetime.example.com \
//	    -servicecenter-user admin -target 11.30.1 -self-managed -dry-run
//
// When a person must act (open the support case on OutSystems Cloud and
// hybrid infrastructures, run the installer when self-managed), the program
// says so at once, with the support-case text, and waits for the console to
// come back at the target version (-console-timeout).
//
// Exit codes: 0 success (also after an action the run saw done), 1 checks
// failed, 2 usage or set-up error, 3 action required and not seen done
// (e.g. in a dry run), 4 timeout (-timeout, -console-timeout), 5 aborted
// (Ctrl-C, SIGTERM).
package main

import (
	"context"

	"github.com/go-outsystems/outsystems/examples/internal/cli"
	"github.com/go-outsystems/outsystems/examples/internal/procedure"
	"github.com/go-outsystems/outsystems/upgrade"
)

func main() { cli.Main(procedure.Program("upgrade", true, plan)) }

// plan is the whole procedure: checks, upgrade window, republication and
// verification.
func plan(_ context.Context, s *procedure.Session) (*upgrade.Group, error) {
	return upgrade.Whole(s.Clients(), s.PlanOptions()), nil
}
