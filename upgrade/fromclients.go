package upgrade

import (
	"github.com/go-outsystems/outsystems/compat"
	"github.com/go-outsystems/outsystems/lifetime"
	"github.com/go-outsystems/outsystems/servicecenter"
)

// FromClients returns the [Clients] of the ready-made steps over this
// module's clients:
//
//   - lt, the LifeTime REST API client: environments, deployment plans,
//     the console probe and the integrations' smoke calls
//     ([LifeTimeClients]);
//   - sc, the Service Center client of the LifeTime environment (the
//     console's own host): its Platform Server version, from which the
//     LifeTime version is inferred ([ConsoleVersionFromPlatform]), and the
//     republication of the plugins ([ServiceCenterPublisher]);
//   - cat, the compat catalogue (nil: compat.Default()) for the rules
//     ([CompatRules]).
//
// Modules is left nil: Service Center has no documented module listing, so
// the plugin modules come from [Facts.PluginModules] and verify-plugins
// checks the publication result. Set it to your own [ModuleLister] to check
// the modules' outdated status. Any field can be replaced before use; set
// ConsoleHost to the LifeTime environment's host name when lt goes through
// a proxy.
func FromClients(lt *lifetime.Client, sc *servicecenter.Client, cat *compat.Catalog) Clients {
	if cat == nil {
		cat = compat.Default()
	}
	c := LifeTimeClients(lt)
	c.Version = ConsoleVersionFromPlatform(sc, cat)
	c.Publisher = ServiceCenterPublisher(sc, 0, 0)
	c.Rules = CompatRules(cat)
	return c
}
