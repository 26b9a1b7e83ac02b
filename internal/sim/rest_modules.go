package sim

import (
	"net/http"
	"strings"
)

// moduleRoutes are the /modules operations of the swagger.
func (s *Sim) moduleRoutes() []route {
	return []route{
		{Pattern: "GET /modules", Op: "Modules_List", Perm: PermRead, Handler: s.listModules},
		{Pattern: "GET /modules/{ModuleKey}", Op: "Modules_Get", Perm: PermRead, Handler: s.getModule},
		{Pattern: "GET /modules/{ModuleKey}/versions", Op: "ModuleVersions_List", Perm: PermRead, Handler: s.listModuleVersions},
		{Pattern: "GET /modules/{ModuleKey}/versions/{ModuleVersionKey}", Op: "ModuleVersion_Get", Perm: PermRead, Handler: s.getModuleVersion},
	}
}

// wireModule is the swagger "Module" (its status list is "ModuleStatusInEnv",
// singular, unlike the application's).
type wireModule struct {
	Key               string             `json:"Key"`
	Name              string             `json:"Name"`
	Description       string             `json:"Description"`
	Kind              string             `json:"Kind"`
	ModuleStatusInEnv []wireModuleStatus `json:"ModuleStatusInEnv"`
}

// toWireModule converts m. Callers hold s.mu.
func (s *Sim) toWireModule(m *module, status bool) wireModule {
	w := wireModule{Key: m.Key, Name: m.Name, Description: m.Description, Kind: m.Kind, ModuleStatusInEnv: []wireModuleStatus{}}
	if !status {
		return w
	}
	for _, e := range s.sortedEnvs() {
		r := s.running[e.Key+"/"+m.appKey]
		if r == nil || r.moduleVersions[m.Key] == "" {
			continue
		}
		w.ModuleStatusInEnv = append(w.ModuleStatusInEnv, wireModuleStatus{ApplicationKey: m.appKey, EnvironmentKey: e.Key, ModuleVersionKey: r.moduleVersions[m.Key]})
	}
	return w
}

// pathModule resolves {ModuleKey}, writing 404 when unknown. Callers hold s.mu.
func (s *Sim) pathModule(w http.ResponseWriter, r *http.Request) *module {
	key := r.PathValue("ModuleKey")
	for k, m := range s.modules {
		if strings.EqualFold(k, key) {
			return m
		}
	}
	writeErrorf(w, http.StatusNotFound, "Failed to retrieve the module with key: %s.", key)
	return nil
}

// listModules serves Modules_List in the order applications and their
// modules were added; 204 when there are none.
func (s *Sim) listModules(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	status, err := queryBool(r, "IncludeEnvStatus")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	var out []wireModule
	for _, a := range s.apps {
		for _, m := range a.Modules {
			out = append(out, s.toWireModule(s.modules[m.Key], status))
		}
	}
	writeList(w, out)
}

func (s *Sim) getModule(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	status, err := queryBool(r, "IncludeEnvStatus")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if m := s.pathModule(w, r); m != nil {
		writeJSON(w, http.StatusOK, s.toWireModule(m, status))
	}
}

// listModuleVersions serves ModuleVersions_List: newest first, at most
// MaximumVersionsToReturn (default 5; 400 when negative).
func (s *Sim) listModuleVersions(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	limit, err := queryInt(r, "MaximumVersionsToReturn", 5)
	if err != nil || limit < 0 {
		writeError(w, http.StatusBadRequest, "Invalid request due to invalid max versions to return (less than 0).")
		return
	}
	m := s.pathModule(w, r)
	if m == nil {
		return
	}
	out := []wireModuleVersion{}
	for i := len(m.versions) - 1; i >= 0 && len(out) < limit; i-- {
		out = append(out, toWireModuleVersion(m.versions[i]))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Sim) getModuleVersion(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	m := s.pathModule(w, r)
	if m == nil {
		return
	}
	key := r.PathValue("ModuleVersionKey")
	for _, mv := range m.versions {
		if strings.EqualFold(mv.Key, key) {
			writeJSON(w, http.StatusOK, toWireModuleVersion(mv))
			return
		}
	}
	writeErrorf(w, http.StatusNotFound, "Failed to retrieve the module version with key: %s.", key)
}
