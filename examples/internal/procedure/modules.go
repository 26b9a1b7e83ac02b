package procedure

import (
	"context"

	"github.com/go-outsystems/outsystems/servicecenter"
	"github.com/go-outsystems/outsystems/upgrade"
)

// experimentalModules is an [upgrade.ModuleLister] over Service Center's
// EXPERIMENTAL module listing (PlatformServices_v8_0_0.Modules_Get, whose
// contract is not public; see package servicecenter). With it the plugin
// detection checks that the declared plugin modules exist, and the plugin
// verification checks that none is still outdated after the
// republication.
//
// The listing does not say which modules ship with the platform, so System
// is never set: use it only with declared plugin modules, as the examples
// do.
type experimentalModules struct{ sc *servicecenter.Client }

// ListModules lists the modules of the LifeTime environment.
func (m experimentalModules) ListModules(ctx context.Context) ([]upgrade.Module, error) {
	mods, err := m.sc.ExperimentalModules(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]upgrade.Module, len(mods))
	for i, mod := range mods {
		out[i] = upgrade.Module{Name: mod.Name, Key: mod.Key, Outdated: mod.Outdated()}
	}
	return out, nil
}
