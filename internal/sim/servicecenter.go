package sim

import (
	"net/http"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
)

// The LifeTime environment's Service Center is a scsim.ServiceCenter served
// by the same server under /ServiceCenter/ (every Platform Server has a
// Service Center, the LifeTime environment included: soap-apis.md §2). Its
// non-system modules are the LifeTime plugins (soap-apis.md §4).

// systemModules are platform modules present in every LifeTime environment.
var systemModules = []string{"ServiceCenter", "LifeTime", "LifeTimeSDK", "System", "Users"}

// newServiceCenter creates the LifeTime environment's Service Center.
// Callers hold s.mu (or own s exclusively).
func (s *Sim) newServiceCenter(publish time.Duration) *scsim.ServiceCenter {
	sc := scsim.New(scsim.Config{
		Version:         fourPart(s.lifetime.PlatformServerVersion),
		Username:        s.lifetime.ServiceCenterUsername,
		Password:        s.lifetime.ServiceCenterPassword,
		Clock:           s.clock,
		PublishDuration: publish,
	})
	for _, name := range systemModules {
		sc.AddModule(scsim.Module{Name: name, Application: name, System: true})
	}
	return sc
}

// fourPart pads a version to the four-part form GetPlatformInfo uses
// ("11.10.2.25738", soap-apis.md §2.1).
func fourPart(v string) string {
	if v == "" {
		return v
	}
	for strings.Count(v, ".") < 3 {
		v += ".0"
	}
	return v
}

// ServiceCenter returns the LifeTime environment's simulated Service Center
// (to inspect modules and publications, or make chosen publishes fail).
func (s *Sim) ServiceCenter() *scsim.ServiceCenter { return s.sc }

// AddPlugin installs a LifeTime plugin module (a non-system module of the
// LifeTime environment, published and up to date).
func (s *Sim) AddPlugin(name, application string) {
	s.sc.AddModule(scsim.Module{Name: name, Application: application, Plugin: true})
}

// OutdatedPlugins lists the plugin modules that need a republish.
func (s *Sim) OutdatedPlugins() []string {
	s.mu.Lock()
	s.tick()
	s.mu.Unlock()
	var out []string
	for _, m := range s.sc.Modules() {
		if m.Plugin && m.Outdated {
			out = append(out, m.Name)
		}
	}
	return out
}

// afterConsoleUpgrade brings the LifeTime environment's Service Center back
// at the new Platform Server version with the plugins outdated. Callers hold
// s.mu.
func (s *Sim) afterConsoleUpgrade() {
	s.sc.SetVersion(fourPart(s.lifetime.PlatformServerVersion))
	s.sc.MarkOutdated(func(m scsim.Module) bool { return m.Plugin })
}

// registerServiceCenterRoutes serves the LifeTime environment's Service
// Center under /ServiceCenter/.
func (s *Sim) registerServiceCenterRoutes(mux *http.ServeMux) {
	mux.Handle("/ServiceCenter/", s.sc.Handler())
}
