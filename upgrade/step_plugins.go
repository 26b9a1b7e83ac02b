package upgrade

import (
	"context"
	"fmt"
	"strings"
)

// DetectPlugins returns the step that finds the LifeTime plugin modules in
// the LifeTime environment. With [Facts.PluginModules] it looks those up
// (a named module that is missing is a warning); otherwise every
// non-system module of the LifeTime environment counts as a plugin module,
// which is right when LifeTime has a dedicated environment. Without a
// [ModuleLister] the declared modules are taken as they are. It fills
// [State.Plugins]. Read-only.
//
// No public API lists LifeTime plugins (they register through the LifeTime
// SDK), so this is the closest detection; see
// https://success.outsystems.com/documentation/11/setup_outsystems_infrastructure_and_platform/upgrade_outsystems/upgrade_lifetime/
func DetectPlugins(c Clients) Step {
	return NewStep(StepDetectPlugins, func(ctx context.Context, st *State) error {
		if c.Modules == nil {
			if len(st.Facts.PluginModules) == 0 {
				return missingClient("Modules (or Facts.PluginModules)")
			}
			st.Plugins, st.PluginsDetected = nil, true
			for _, n := range st.Facts.PluginModules {
				st.Plugins = append(st.Plugins, Module{Name: n})
			}
			st.Summarize("%d declared plugin modules (not checked: no module listing): %s", len(st.Plugins), strings.Join(st.Facts.PluginModules, ", "))
			return nil
		}
		mods, err := c.Modules.ListModules(ctx)
		if err != nil {
			return fmt.Errorf("list modules of the LifeTime environment: %w", err)
		}
		var plugins []Module
		if len(st.Facts.PluginModules) > 0 {
			plugins = declaredPlugins(st, mods)
		} else {
			plugins = guessedPlugins(st, mods)
		}
		st.Plugins, st.PluginsDetected = plugins, true
		if len(plugins) == 0 {
			st.Summarize("no LifeTime plugins")
			return nil
		}
		st.Summarize("%d plugin modules: %s", len(plugins), strings.Join(moduleNames(plugins), ", "))
		return nil
	})
}

// declaredPlugins returns the modules of [Facts.PluginModules] found in
// mods, with a warning for each one missing.
func declaredPlugins(st *State, mods []Module) []Module {
	byName := modulesByName(mods)
	var plugins []Module
	for _, n := range st.Facts.PluginModules {
		m, ok := byName[strings.ToLower(n)]
		if !ok {
			st.AddFinding(Finding{
				ID: "upgrade/plugin-missing", Severity: SeverityWarning, Subject: n,
				Message: "declared plugin module is not in the LifeTime environment",
				Remedy:  "check the module name in Facts.PluginModules, or install the plugin",
			})
			continue
		}
		plugins = append(plugins, m)
	}
	return plugins
}

// guessedPlugins returns the non-system modules of mods, with a warning
// when LifeTime may share its environment with applications.
func guessedPlugins(st *State, mods []Module) []Module {
	if inv := st.Inventory; inv != nil && inv.Dedication != Dedicated {
		st.AddFinding(Finding{
			ID: "upgrade/plugins-guessed", Severity: SeverityWarning, Subject: "LifeTime environment",
			Message: "LifeTime may share its environment, so non-system modules may not all be plugins",
			Remedy:  "declare the plugin modules in Facts.PluginModules",
		})
	}
	var plugins []Module
	for _, m := range mods {
		if !m.System {
			plugins = append(plugins, m)
		}
	}
	return plugins
}

// modulesByName indexes mods by lower-case name.
func modulesByName(mods []Module) map[string]Module {
	byName := make(map[string]Module, len(mods))
	for _, m := range mods {
		byName[strings.ToLower(m.Name)] = m
	}
	return byName
}

// moduleNames lists the names of mods.
func moduleNames(mods []Module) []string {
	out := make([]string, len(mods))
	for i, m := range mods {
		out[i] = m.Name
	}
	return out
}
