package sim

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Source-code access (LifeTime >= 11.21.1 with Platform Server >= 11.27.0 on
// the environment; lifetime-rest-api.md §2.2, compat-facts.md §3.3): a
// package is requested, polled until Done, then downloaded.

// sourcePackage is a source-code package being built.
type sourcePackage struct {
	key       string
	envKey    string
	appKey    string
	moduleKey string
	name      string
	started   time.Time
}

// sourceCodeRoutes are the six source-code operations.
func (s *Sim) sourceCodeRoutes() []route {
	const since = "11.21.1"
	return []route{
		{Pattern: "POST /environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess", Op: "Environments_Applications_SourceCode", Perm: PermSourceCode, Since: since, Handler: s.requestSourceCode},
		{Pattern: "GET /environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/{PackageKey}/status", Op: "Environments_Applications_SourceCode_Status", Perm: PermSourceCode, Since: since, Handler: s.sourceCodeStatus},
		{Pattern: "GET /environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/{PackageKey}/download", Op: "Environments_Applications_DownloadSourceCode", Perm: PermSourceCode, Since: since, Handler: s.downloadSourceCode},
		{Pattern: "POST /environments/{EnvironmentKey}/modules/{ModuleKey}/sourcecodeaccess", Op: "Environments_Modules_SourceCode", Perm: PermSourceCode, Since: since, Handler: s.requestSourceCode},
		{Pattern: "GET /environments/{EnvironmentKey}/modules/{ModuleKey}/sourcecodeaccess/{PackageKey}/status", Op: "Environments_Modules_SourceCode_Status", Perm: PermSourceCode, Since: since, Handler: s.sourceCodeStatus},
		{Pattern: "GET /environments/{EnvironmentKey}/modules/{ModuleKey}/sourcecodeaccess/{PackageKey}/download", Op: "Environments_Modules_DownloadSourceCode", Perm: PermSourceCode, Since: since, Handler: s.downloadSourceCode},
	}
}

// sourceTarget resolves the environment and the application or module of a
// source-code route; it writes 404 (or 400 when the environment cannot
// serve source code) and returns ok=false on failure. Callers hold s.mu.
func (s *Sim) sourceTarget(w http.ResponseWriter, r *http.Request) (e *environment, appKey, moduleKey, name string, ok bool) {
	ek := r.PathValue("EnvironmentKey")
	e = s.env(ek)
	if ak := r.PathValue("ApplicationKey"); ak != "" {
		a := s.app(ak)
		if e == nil || a == nil || s.running[e.Key+"/"+a.Key] == nil {
			writeError(w, http.StatusNotFound, "No environment or application found. Please check that the EnvironmentKey and ApplicationKey exist.")
			return nil, "", "", "", false
		}
		appKey, name = a.Key, a.Name
	} else {
		mk := r.PathValue("ModuleKey")
		var m *module
		for k, x := range s.modules {
			if strings.EqualFold(k, mk) {
				m = x
			}
		}
		if e == nil || m == nil || s.running[e.Key+"/"+m.appKey] == nil {
			writeError(w, http.StatusNotFound, "No environment or module found. Please check that the EnvironmentKey and ModuleKey exist.")
			return nil, "", "", "", false
		}
		moduleKey, name = m.Key, m.Name
	}
	if strings.EqualFold(e.Type, "Production") {
		writeError(w, http.StatusBadRequest, "Couldn't request the app source code. You can only do it in a non-production environment.")
		return nil, "", "", "", false
	}
	if !versionAtLeast(e.OSVersion, "11.27.0") {
		writeErrorf(w, http.StatusBadRequest, "The environment %s runs Platform Server %s; source code access needs 11.27.0 or later.", e.Name, e.OSVersion)
		return nil, "", "", "", false
	}
	return e, appKey, moduleKey, name, true
}

// wireSourceCodeStatus is the swagger "SourceCode_Status".
type wireSourceCodeStatus struct {
	PackageKey string     `json:"PackageKey"`
	Status     string     `json:"Status"`
	Messages   []struct{} `json:"Messages"`
}

// packageStatus is "InProgress" until the package is built, then "Done".
func (s *Sim) packageStatus(p *sourcePackage) string {
	if s.now().Before(p.started.Add(s.opts.SourceCodeDuration)) {
		return "InProgress"
	}
	return "Done"
}

// requestSourceCode starts a package: 201 (the swagger says 200, but
// outsystems-pipeline treats only 201 as success for this POST and for the
// status GET: lifetime-rest-api.md §0 item 4, §2.2).
func (s *Sim) requestSourceCode(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	e, appKey, moduleKey, name, ok := s.sourceTarget(w, r)
	if !ok {
		return
	}
	p := &sourcePackage{key: s.newKey(), envKey: e.Key, appKey: appKey, moduleKey: moduleKey, name: name, started: s.now()}
	s.packages[p.key] = p
	writeJSON(w, http.StatusCreated, wireSourceCodeStatus{PackageKey: p.key, Status: s.packageStatus(p), Messages: []struct{}{}})
}

// pathPackage resolves {PackageKey} within the route's target. Callers hold s.mu.
func (s *Sim) pathPackage(w http.ResponseWriter, r *http.Request) *sourcePackage {
	e, appKey, moduleKey, _, ok := s.sourceTarget(w, r)
	if !ok {
		return nil
	}
	p := s.packages[strings.ToLower(r.PathValue("PackageKey"))]
	if p == nil || p.envKey != e.Key || p.appKey != appKey || p.moduleKey != moduleKey {
		writeErrorf(w, http.StatusNotFound, "Source code package %s not found.", r.PathValue("PackageKey"))
		return nil
	}
	return p
}

// sourceCodeStatus answers 201 like the POST (see requestSourceCode).
func (s *Sim) sourceCodeStatus(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	if p := s.pathPackage(w, r); p != nil {
		writeJSON(w, http.StatusCreated, wireSourceCodeStatus{PackageKey: p.key, Status: s.packageStatus(p), Messages: []struct{}{}})
	}
}

// downloadSourceCode answers the package's DownloadLink once Done (400
// before).
func (s *Sim) downloadSourceCode(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	p := s.pathPackage(w, r)
	if p == nil {
		return
	}
	if s.packageStatus(p) != "Done" {
		writeErrorf(w, http.StatusBadRequest, "The source code package %s is not ready yet.", p.key)
		return
	}
	content := []byte(fmt.Sprintf("OUTSYSTEMS-SIM-SOURCE 1\nname=%s\npackage=%s\n", p.name, p.key))
	s.writeDownloadLink(w, r, http.StatusOK, p.name+"_source.zip", "application/zip", content)
}
