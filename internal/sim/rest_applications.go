package sim

import (
	"net/http"
	"strings"
)

// applicationRoutes are the /applications operations of the swagger.
func (s *Sim) applicationRoutes() []route {
	return []route{
		{Pattern: "GET /applications", Op: "Applications_List", Perm: PermRead, Handler: s.listApplications},
		{Pattern: "GET /applications/{ApplicationKey}", Op: "Applications_Get", Perm: PermRead, Handler: s.getApplication},
		{Pattern: "GET /applications/{ApplicationKey}/configurations", Op: "Applications_Configurations_Get", Perm: PermRead, Handler: s.getAppConfigurations},
		{Pattern: "PUT /applications/{ApplicationKey}/configurations", Op: "Applications_Configurations_Update", Perm: PermDeploy, Handler: s.updateAppConfigurations},
		{Pattern: "GET /applications/{ApplicationKey}/versions", Op: "Applications_Versions_List", Perm: PermRead, Handler: s.listAppVersions},
		{Pattern: "GET /applications/{ApplicationKey}/versions/{VersionKey}", Op: "Applications_Versions_Get", Perm: PermRead, Handler: s.getAppVersion},
		{Pattern: "DELETE /applications/{ApplicationKey}/versions/{VersionKey}", Op: "Applications_Versions_Delete", Perm: PermDeploy, Handler: s.deleteAppVersion},
		{Pattern: "GET /applications/{ApplicationKey}/versions/{VersionKey}/content", Op: "Applications_Versions_Download", Perm: PermSourceCode, Handler: s.downloadAppVersion},
	}
}

// pathApp resolves {ApplicationKey}, writing 404 when unknown. Callers hold s.mu.
func (s *Sim) pathApp(w http.ResponseWriter, r *http.Request) *application {
	return pathItem(w, r, "ApplicationKey", "Failed to retrieve the application with key %s.", s.app)
}

// pathAppVersion resolves {ApplicationKey} and {VersionKey}, writing 404
// when unknown. Callers hold s.mu.
func (s *Sim) pathAppVersion(w http.ResponseWriter, r *http.Request) (*application, *ApplicationVersion) {
	a := s.pathApp(w, r)
	if a == nil {
		return nil, nil
	}
	key := r.PathValue("VersionKey")
	v := s.versions[strings.ToLower(key)]
	if v == nil {
		v = s.versions[key]
	}
	if v == nil || v.ApplicationKey != a.Key {
		writeErrorf(w, http.StatusNotFound, "Failed to retrieve the application with key %s or the application version with key %s.", a.Key, key)
		return nil, nil
	}
	return a, v
}

func (s *Sim) listApplications(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	inc, ok := parseAppInclude(w, r)
	if !ok {
		return
	}
	var out []wireApplication
	for _, a := range s.apps {
		out = append(out, s.toWireApplication(a, inc, ""))
	}
	writeList(w, out)
}

func (s *Sim) getApplication(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	inc, ok := parseAppInclude(w, r)
	if !ok {
		return
	}
	if a := s.pathApp(w, r); a != nil {
		writeJSON(w, http.StatusOK, s.toWireApplication(a, inc, ""))
	}
}

// wireAppConfiguration is the swagger "ApplicationConfiguration" (camelCase).
type wireAppConfiguration struct {
	EnvironmentKey        string `json:"environmentKey"`
	IsBlocked             bool   `json:"isBlocked"`
	IsBlockedChangeReason string `json:"isBlockedChangeReason"`
}

// getAppConfigurations serves Applications_Configurations_Get: whether the
// application is blocked from deployment, per environment.
func (s *Sim) getAppConfigurations(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	a := s.pathApp(w, r)
	if a == nil {
		return
	}
	out := []wireAppConfiguration{}
	for _, e := range s.sortedEnvs() {
		reason, blocked := e.blockedApps[a.Key]
		out = append(out, wireAppConfiguration{EnvironmentKey: e.Key, IsBlocked: blocked, IsBlockedChangeReason: reason})
	}
	writeJSON(w, http.StatusOK, struct {
		Configurations []wireAppConfiguration `json:"configurations"`
	}{out})
}

// updateAppConfigurations serves Applications_Configurations_Update: 204.
// Versions of a blocked application cannot be added to deployment plans.
func (s *Sim) updateAppConfigurations(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	a := s.pathApp(w, r)
	if a == nil {
		return
	}
	var in struct {
		Configurations []struct {
			EnvironmentKey        string
			IsBlocked             bool
			IsBlockedChangeReason string
		}
	}
	if err := decodeJSON(r, &in); err != nil || len(in.Configurations) == 0 {
		writeErrorf(w, http.StatusBadRequest, "Configurations couldn't be applied for application %s.", a.Key)
		return
	}
	for _, c := range in.Configurations {
		if s.env(c.EnvironmentKey) == nil {
			writeErrorf(w, http.StatusNotFound, "Application with key %s not found, or environment with key %s not found.", a.Key, c.EnvironmentKey)
			return
		}
	}
	for _, c := range in.Configurations {
		e := s.env(c.EnvironmentKey)
		if c.IsBlocked {
			e.blockedApps[a.Key] = c.IsBlockedChangeReason
		} else {
			delete(e.blockedApps, a.Key)
		}
	}
	writeNoContent(w)
}

// listAppVersions serves Applications_Versions_List: newest first, at most
// MaximumVersionsToReturn (default 5, 400 when negative), filtered by a
// substring of the change log.
func (s *Sim) listAppVersions(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	limit, err := queryInt(r, "MaximumVersionsToReturn", 5)
	if err != nil || limit < 0 {
		writeError(w, http.StatusBadRequest, "Invalid request due to invalid max versions to return (less than 0).")
		return
	}
	a := s.pathApp(w, r)
	if a == nil {
		return
	}
	filter, _ := queryValue(r, "ChangeLogFilter")
	out := []wireAppVersion{}
	for i := len(a.versions) - 1; i >= 0 && len(out) < limit; i-- {
		v := a.versions[i]
		if filter != "" && !strings.Contains(strings.ToLower(v.ChangeLog), strings.ToLower(filter)) {
			continue
		}
		out = append(out, s.toWireAppVersion(v, true))
	}
	writeJSON(w, http.StatusOK, out)
}

// getAppVersion serves Applications_Versions_Get; IncludeModules lists the
// module versions.
func (s *Sim) getAppVersion(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	mods, err := queryBool(r, "IncludeModules")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if _, v := s.pathAppVersion(w, r); v != nil {
		writeJSON(w, http.StatusOK, s.toWireAppVersion(v, mods))
	}
}

// deleteAppVersion serves Applications_Versions_Delete: 204; refused for a
// version that runs somewhere or is used by an unfinished plan (swagger
// description "Discards an application version, if possible"; the swagger
// lists no 400, so the refusal is its documented 500).
func (s *Sim) deleteAppVersion(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	a, v := s.pathAppVersion(w, r)
	if v == nil {
		return
	}
	if s.versionInUse(v.Key) {
		writeErrorf(w, http.StatusInternalServerError, "Failed to delete application version %s.", v.Key)
		return
	}
	for i, x := range a.versions {
		if x == v {
			a.versions = append(a.versions[:i], a.versions[i+1:]...)
			break
		}
	}
	delete(s.versions, v.Key)
	writeNoContent(w)
}

// downloadAppVersion serves Applications_Versions_Download: a DownloadLink
// to the version's .oap.
func (s *Sim) downloadAppVersion(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	if a, v := s.pathAppVersion(w, r); v != nil {
		s.writeDownloadLink(w, r, http.StatusOK, a.Name+"_"+v.Version+".oap", "application/octet-stream", s.binaryPackage(a, v))
	}
}
