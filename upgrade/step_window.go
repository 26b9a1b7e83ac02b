package upgrade

import (
	"context"
	"fmt"
	"strings"
)

// SupportCase returns the step that writes the support-case request asking
// OutSystems to upgrade LifeTime (OutSystems Cloud and hybrid
// infrastructures, where OutSystems performs the upgrade). The text holds
// the facts support needs: infrastructure, console host, running and target
// versions, the LifeTime environment's Platform Server, the application
// environments and their versions, the plugins to expect and the requested
// window. It fills [State.SupportCase]; the outcome is [ActionRequired].
// Changes nothing.
//
// See https://success.outsystems.com/documentation/11/setup_outsystems_infrastructure_and_platform/upgrade_outsystems/upgrade_lifetime/
func SupportCase() Step {
	return NewStep(StepSupportCase, func(_ context.Context, st *State) error {
		inv, err := needInventory(st)
		if err != nil {
			return err
		}
		text := supportCaseText(st, inv)
		st.SupportCase = text
		st.RequireAction("open a support case with OutSystems with the text below; LifeTime and its plugins are unavailable during the upgrade", text)
		return nil
	})
}

// supportCaseText writes the support-case request.
func supportCaseText(st *State, inv *Inventory) string {
	var b strings.Builder
	infra := st.Facts.Infrastructure
	if infra == "" {
		infra = inv.ConsoleHost
	}
	fmt.Fprintf(&b, "Subject: LifeTime upgrade to %s for %s\n\n", st.Target, infra)
	fmt.Fprintf(&b, "Please upgrade the LifeTime management console of this %s infrastructure.\n\n", st.Facts.Model)
	fmt.Fprintf(&b, "Infrastructure:          %s\n", infra)
	if inv.ConsoleHost != "" {
		fmt.Fprintf(&b, "LifeTime console host:   %s\n", inv.ConsoleHost)
	}
	fmt.Fprintf(&b, "Running LifeTime:        %s\n", inv.Console)
	if inv.Console.PlatformServer != "" {
		fmt.Fprintf(&b, "LifeTime environment:    Platform Server %s\n", inv.Console.PlatformServer)
	}
	fmt.Fprintf(&b, "Target LifeTime:         %s\n", st.Target)
	if st.Facts.Window != "" {
		fmt.Fprintf(&b, "Requested window:        %s\n", st.Facts.Window)
	}
	if st.Facts.Model == Hybrid && !st.Facts.LicencePurchased.IsZero() {
		fmt.Fprintf(&b, "Licence purchased:       %s\n", st.Facts.LicencePurchased.Format("2006-01-02"))
	}
	b.WriteString("\nApplication environments (they stay on their Platform Server versions):\n")
	for _, e := range inv.Environments {
		where := "self-managed"
		if e.Cloud {
			where = "OutSystems Cloud"
		}
		fmt.Fprintf(&b, "  - %s (%s): Platform Server %s, %s\n", e.Name, e.HostName, e.PlatformServer, where)
	}
	if st.PluginsDetected {
		if len(st.Plugins) == 0 {
			b.WriteString("\nLifeTime plugins: none.\n")
		} else {
			fmt.Fprintf(&b, "\nLifeTime plugins (we will republish them after the upgrade): %s\n", strings.Join(moduleNames(st.Plugins), ", "))
		}
	}
	if len(st.Facts.Integrations) > 0 {
		b.WriteString("\nIntegrations calling LifeTime:\n")
		for _, in := range st.Facts.Integrations {
			fmt.Fprintf(&b, "  - %s (%s API)\n", in.Name, strings.ToUpper(string(in.Kind)))
		}
	}
	b.WriteString("\nPlease tell us by e-mail when the upgrade is done.\n")
	return b.String()
}

// AwaitInstaller returns the default installer step of a self-managed
// upgrade: the installer is run by a person, so the step says what to run
// and its outcome is [ActionRequired]. Replace it (by the name
// [StepRunInstaller]) with your own step to run the installer from your
// program. Changes nothing itself.
//
// See https://success.outsystems.com/documentation/11/setup_outsystems_infrastructure_and_platform/upgrade_outsystems/upgrade_lifetime/
func AwaitInstaller() Step {
	return NewStep(StepRunInstaller, func(_ context.Context, st *State) error {
		host := "the LifeTime environment's servers"
		if inv := st.Inventory; inv != nil && inv.ConsoleHost != "" {
			host = inv.ConsoleHost
		}
		detail := fmt.Sprintf(`On %s:
  1. Download the LifeTime installer for %s (LifeTimeWithPlatformServer-%s.exe) from the OutSystems downloads.
  2. Run it and follow the installation checklist it opens (upgrade option).
  3. LifeTime and its plugins are unavailable until it ends; the next step waits for the console.
`, host, st.Target, st.Target)
		st.RequireAction("run the LifeTime installer on the LifeTime environment", detail)
		return nil
	})
}
