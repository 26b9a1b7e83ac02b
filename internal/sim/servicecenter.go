package sim

import (
	"net"
	"net/http"
	"strings"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
)

// The LifeTime environment's Service Center is a scsim.ServiceCenter served
// by the same server under /ServiceCenter/ (every Platform Server has a
// Service Center, the LifeTime environment included: soap-apis.md §2). Its
// non-system modules are the LifeTime plugins (soap-apis.md §4).

// systemModules returns the platform modules present in every LifeTime environment.
func systemModules() []string {
	return []string{"ServiceCenter", "LifeTime", "LifeTimeSDK", "System", "Users"}
}

// newServiceCenter creates the Service Center of an environment running
// Platform Server version, with the platform's system modules. Callers hold
// s.mu (or own s exclusively).
func (s *Sim) newServiceCenter(version string) *scsim.ServiceCenter {
	sc := scsim.New(scsim.Config{
		Version:         fourPart(version),
		Username:        s.lifetime.ServiceCenterUsername,
		Password:        s.lifetime.ServiceCenterPassword,
		Clock:           s.clock,
		PublishDuration: s.opts.PublishDuration,
	})
	for _, name := range systemModules() {
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
// Center under /ServiceCenter/ and each registered environment's under
// /sc/{EnvironmentKey}/ServiceCenter/ (one server cannot answer for several
// host names, so the environment is a path prefix; see
// EnvironmentServiceCenterPath).
//
// A request for /ServiceCenter/ whose Host names a registered environment
// (its HostName, any port) reaches that environment's Service Center, as on
// a real infrastructure where every environment has its own host; any other
// host reaches the LifeTime environment's.
func (s *Sim) registerServiceCenterRoutes(mux *http.ServeMux) {
	mux.HandleFunc("/ServiceCenter/", func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		s.mu.Lock()
		sc := s.sc
		for _, e := range s.envs {
			if strings.EqualFold(e.HostName, host) && !strings.EqualFold(host, s.lifetime.HostName) {
				sc = e.sc
			}
		}
		s.mu.Unlock()
		sc.Handler().ServeHTTP(w, r)
	})
	mux.HandleFunc(envSCPrefix+"{EnvironmentKey}/ServiceCenter/", s.serveEnvServiceCenter)
}

// envSCPrefix starts the paths of the environments' Service Centers.
const envSCPrefix = "/sc/"

// EnvironmentServiceCenterPath returns the path prefix under which the
// environment's Service Center is served: a client of Service Center takes
// server URL + this prefix as the environment's base URL and appends
// "/ServiceCenter/...".
func EnvironmentServiceCenterPath(envKey string) string { return envSCPrefix + envKey }

// serveEnvServiceCenter routes to an environment's Service Center; in a
// shared-LifeTime infrastructure the environment that hosts LifeTime shares
// its Service Center and is down during console upgrades.
func (s *Sim) serveEnvServiceCenter(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("EnvironmentKey")
	s.mu.Lock()
	s.tick()
	var sc *scsim.ServiceCenter
	if e := s.env(key); e != nil {
		sc = e.sc
	}
	down := s.upgrade != nil && s.lifetime.SharedWithEnvironment != "" && strings.EqualFold(s.lifetime.SharedWithEnvironment, key)
	s.mu.Unlock()
	switch {
	case sc == nil:
		http.NotFound(w, r)
	case down:
		writeUnavailable(w)
	default:
		http.StripPrefix(envSCPrefix+key, sc.Handler()).ServeHTTP(w, r)
	}
}

// EnvironmentServiceCenter returns the simulated Service Center of a
// registered environment (the LifeTime one when LifeTime shares it).
func (s *Sim) EnvironmentServiceCenter(envKey string) (*scsim.ServiceCenter, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.env(envKey)
	if e == nil {
		return nil, false
	}
	return e.sc, true
}

// syncServiceCenter adds to the environment's Service Center the modules of
// the applications it runs. Callers hold s.mu.
func (s *Sim) syncServiceCenter(e *environment) {
	if e == nil || e.sc == nil {
		return
	}
	have := map[string]bool{}
	for _, m := range e.sc.Modules() {
		have[strings.ToLower(m.Name)] = true
	}
	for _, a := range s.apps {
		if s.running[e.Key+"/"+a.Key] == nil {
			continue
		}
		for _, m := range a.Modules {
			if !have[strings.ToLower(m.Name)] {
				e.sc.AddModule(scsim.Module{Name: m.Name, Key: m.Key, Kind: m.Kind, Application: a.Name, System: a.IsSystem})
			}
		}
	}
}

// markConsumersOutdated marks outdated, in the environment's Service Center,
// the modules of the applications that consume one of producers (after a
// deployment of the producers). Callers hold s.mu.
func (s *Sim) markConsumersOutdated(e *environment, consumers []string) {
	if e == nil || e.sc == nil || len(consumers) == 0 {
		return
	}
	names := map[string]bool{}
	for _, k := range consumers {
		if a := s.app(k); a != nil {
			for _, m := range a.Modules {
				names[strings.ToLower(m.Name)] = true
			}
		}
	}
	e.sc.MarkOutdated(func(m scsim.Module) bool { return names[strings.ToLower(m.Name)] })
}
