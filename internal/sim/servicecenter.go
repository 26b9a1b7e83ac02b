package sim

import "net/http"

// plugin is a LifeTime plugin module installed in the LifeTime environment.
type plugin struct {
	Name     string
	Outdated bool
}

// AddPlugin installs a LifeTime plugin module in the LifeTime environment.
func (s *Sim) AddPlugin(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.plugins = append(s.plugins, plugin{Name: name})
}

// OutdatedPlugins lists the plugin modules that need a republish.
func (s *Sim) OutdatedPlugins() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tick()
	var out []string
	for _, p := range s.plugins {
		if p.Outdated {
			out = append(out, p.Name)
		}
	}
	return out
}

// afterConsoleUpgrade marks the plugins outdated. Callers hold s.mu.
func (s *Sim) afterConsoleUpgrade() {
	for i := range s.plugins {
		s.plugins[i].Outdated = true
	}
}

// registerServiceCenterRoutes serves the LifeTime environment's Service
// Center under /ServiceCenter/.
func (s *Sim) registerServiceCenterRoutes(mux *http.ServeMux) {}
