package upgrade

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// TakeInventory returns the step that reads the infrastructure: the console's
// version (from the LifeTime environment's Service Center, or
// [Facts.ConsoleVersion]), the registered environments with their Platform
// Server versions, and whether LifeTime has an environment of its own. It
// fills [State.Inventory]. Read-only.
//
// LifeTime shares an application environment's servers when the console's
// host ([Clients.ConsoleHost]) is the host of a registered environment, and
// is taken as dedicated otherwise; without a console host it is unknown.
// [Facts.DedicatedLifeTime] overrides this detection.
func TakeInventory(c Clients) Step {
	return NewStep(StepInventory, func(ctx context.Context, st *State) error {
		if c.Environments == nil {
			return missingClient("Environments")
		}
		envs, err := c.Environments.ListEnvironments(ctx)
		if err != nil {
			return fmt.Errorf("list environments: %w", err)
		}
		inv := &Inventory{ConsoleHost: hostOnly(c.ConsoleHost), Environments: envs, Dedication: DedicationUnknown}
		switch {
		case c.Version != nil:
			cv, err := c.Version.ConsoleVersion(ctx)
			if err != nil {
				return fmt.Errorf("read console version: %w", err)
			}
			inv.Console = cv
		case st.Facts.ConsoleVersion == "":
			return missingClient("Version (or Facts.ConsoleVersion)")
		}
		if v := st.Facts.ConsoleVersion; v != "" {
			inv.Console.LifeTime, inv.Console.Inferred = v, false
		}
		switch d := st.Facts.DedicatedLifeTime; {
		case d != nil && *d:
			inv.Dedication = Dedicated
		case d != nil:
			inv.Dedication = Shared
		case inv.ConsoleHost != "":
			inv.Dedication = Dedicated
			for _, e := range envs {
				if strings.EqualFold(hostOnly(e.HostName), inv.ConsoleHost) {
					inv.Dedication, inv.SharedWith = Shared, e.Name
					break
				}
			}
		}
		st.Inventory = inv
		where := "a dedicated environment"
		switch {
		case inv.Dedication == DedicationUnknown:
			where = "an environment that may be shared (unknown)"
		case inv.Dedication == Shared && inv.SharedWith != "":
			where = "the servers of " + inv.SharedWith
		case inv.Dedication == Shared:
			where = "a shared environment"
		}
		st.Summarize("%s in %s, %d application environments", inv.Console, where, len(envs))
		return nil
	})
}

// hostOnly returns the host of a host name or URL, without port.
func hostOnly(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "://") {
		if u, err := url.Parse(s); err == nil {
			s = u.Host
		}
	}
	if h, _, err := net.SplitHostPort(s); err == nil {
		s = h
	}
	return strings.ToLower(strings.TrimSuffix(s, "/"))
}

// needInventory returns the inventory or ErrNoInventory.
func needInventory(st *State) (*Inventory, error) {
	if st.Inventory == nil {
		return nil, ErrNoInventory
	}
	return st.Inventory, nil
}
