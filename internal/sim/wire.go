package sim

import (
	"net/http"
	"strings"
)

// JSON shapes of the LifeTime REST API v2 shared by several handlers, with
// the field names of the swagger definitions (lifetime-rest-api.md §3).

// wireEnvironment is the swagger "Environment" plus IsOffline, which the real
// server sends although the swagger lacks it (lifetime-rest-api.md §2.2,
// docs examples 2021-2024).
type wireEnvironment struct {
	Key                   string `json:"Key"`
	Name                  string `json:"Name"`
	OSVersion             string `json:"OSVersion"`
	Order                 int    `json:"Order"`
	DetailsURL            string `json:"DetailsURL,omitempty"`
	HostName              string `json:"HostName"`
	UseHTTPS              bool   `json:"UseHTTPS"`
	EnvironmentType       string `json:"EnvironmentType"`
	NumberOfFrontEnds     int    `json:"NumberOfFrontEnds"`
	ApplicationServerType string `json:"ApplicationServerType"`
	ApplicationServer     string `json:"ApplicationServer"`
	DatabaseProvider      string `json:"DatabaseProvider"`
	IsCloudEnvironment    bool   `json:"IsCloudEnvironment"`
	IsOffline             bool   `json:"IsOffline"`
}

// toWireEnvironment converts e. DetailsURL exists from LifeTime 11.22.0
// (compat-facts.md V13). Callers hold s.mu.
func (s *Sim) toWireEnvironment(e *environment) wireEnvironment {
	w := wireEnvironment{
		Key: e.Key, Name: e.Name, OSVersion: e.OSVersion, Order: e.Order, HostName: e.HostName,
		UseHTTPS: e.UseHTTPS, EnvironmentType: e.Type, NumberOfFrontEnds: e.NumberOfFrontEnds,
		ApplicationServerType: e.ApplicationServerType, ApplicationServer: e.ApplicationServer,
		DatabaseProvider: e.DatabaseProvider, IsCloudEnvironment: e.IsCloud, IsOffline: e.IsOffline,
	}
	if versionAtLeast(s.consoleVersion, "11.22.0") {
		w.DetailsURL = s.lifetimeURL("/lifetime/EnvironmentDetail_Overview.aspx?EnvironmentKey=" + e.Key)
	}
	return w
}

// lifetimeURL returns an absolute URL of the LifeTime UI.
func (s *Sim) lifetimeURL(path string) string {
	return "https://" + s.lifetime.HostName + path
}

// wireApplication is the swagger "Application".
type wireApplication struct {
	Key             string          `json:"Key"`
	Name            string          `json:"Name"`
	Kind            string          `json:"Kind"`
	Team            string          `json:"Team"`
	Description     string          `json:"Description"`
	URLPath         string          `json:"URLPath"`
	IconHash        string          `json:"IconHash"`
	IconURL         string          `json:"IconURL"`
	IsSystem        bool            `json:"IsSystem"`
	AppStatusInEnvs []wireAppStatus `json:"AppStatusInEnvs"`
}

// wireAppStatus is the swagger "AppStatusInEnv_v2".
type wireAppStatus struct {
	EnvironmentKey              string             `json:"EnvironmentKey"`
	BaseApplicationVersionKey   string             `json:"BaseApplicationVersionKey"`
	BaseApplicationVersionLabel string             `json:"BaseApplicationVersionLabel"`
	IsModified                  bool               `json:"IsModified"`
	IsModifiedReason            string             `json:"IsModifiedReason"`
	IsModifiedMessage           string             `json:"IsModifiedMessage"`
	ConsistencyStatus           string             `json:"ConsistencyStatus"`
	ConsistencyStatusMessages   string             `json:"ConsistencyStatusMessages"`
	MobileAppsStatus            []struct{}         `json:"MobileAppsStatus"`
	ModuleStatusInEnvs          []wireModuleStatus `json:"ModuleStatusInEnvs"`
	DeploymentZoneKey           string             `json:"DeploymentZoneKey"`
}

// wireModuleStatus is the swagger "ModuleStatusInEnv".
type wireModuleStatus struct {
	ApplicationKey            string `json:"ApplicationKey"`
	EnvironmentKey            string `json:"EnvironmentKey"`
	ModuleVersionKey          string `json:"ModuleVersionKey"`
	ConsistencyStatus         string `json:"ConsistencyStatus"`
	ConsistencyStatusMessages string `json:"ConsistencyStatusMessages"`
}

// appInclude are the IncludeEnvStatus / IncludeModules flags.
type appInclude struct{ status, modules bool }

// parseAppInclude reads IncludeEnvStatus and IncludeModules; modules without
// status is a 400 (swagger Applications_List: "IncludeModules was requested
// but IncludeEnvStatus was not"). It writes the error itself.
func parseAppInclude(w http.ResponseWriter, r *http.Request) (appInclude, bool) {
	st, err1 := queryBool(r, "IncludeEnvStatus")
	mods, err2 := queryBool(r, "IncludeModules")
	if err1 != nil || err2 != nil {
		writeError(w, http.StatusBadRequest, "Invalid request: IncludeEnvStatus and IncludeModules must be booleans.")
		return appInclude{}, false
	}
	if mods && !st {
		writeError(w, http.StatusBadRequest, "Request asked for Modules but not for Status.")
		return appInclude{}, false
	}
	return appInclude{status: st, modules: mods}, true
}

// toWireApplication converts a; with inc.status it lists its status in each
// environment in onlyEnv ("" = every environment it runs in). Callers hold
// s.mu.
func (s *Sim) toWireApplication(a *application, inc appInclude, onlyEnv string) wireApplication {
	path := "/" + strings.ReplaceAll(a.Name, " ", "")
	w := wireApplication{
		Key: a.Key, Name: a.Name, Kind: a.Kind, Team: s.teamOfApp(a.Key), Description: a.Description,
		URLPath: path, IconHash: "IconHash" + a.Key,
		IconURL:  "/LifeTimeSDK/ApplicationIcon.aspx?ApplicationKey=" + a.Key,
		IsSystem: a.IsSystem, AppStatusInEnvs: []wireAppStatus{},
	}
	if !inc.status {
		return w
	}
	for _, e := range s.sortedEnvs() {
		if onlyEnv != "" && !strings.EqualFold(e.Key, onlyEnv) {
			continue
		}
		r := s.running[e.Key+"/"+a.Key]
		if r == nil {
			continue
		}
		w.AppStatusInEnvs = append(w.AppStatusInEnvs, s.toWireAppStatus(a, r, inc.modules))
	}
	return w
}

// toWireAppStatus converts a running state. Callers hold s.mu.
func (s *Sim) toWireAppStatus(a *application, r *running, modules bool) wireAppStatus {
	st := wireAppStatus{
		EnvironmentKey: r.EnvironmentKey, BaseApplicationVersionKey: r.VersionKey, IsModified: r.IsModified,
		DeploymentZoneKey: r.DeploymentZoneKey, MobileAppsStatus: []struct{}{}, ModuleStatusInEnvs: []wireModuleStatus{},
	}
	if v := s.versions[r.VersionKey]; v != nil {
		st.BaseApplicationVersionLabel = v.Version
	}
	if r.IsModified {
		st.IsModifiedReason = "Module_Modified"
		if st.BaseApplicationVersionLabel != "" {
			st.IsModifiedMessage = "At least one module was modified since the version " + st.BaseApplicationVersionLabel
		} else {
			st.IsModifiedMessage = "The application was never tagged"
		}
	}
	if modules {
		for _, m := range a.Modules {
			st.ModuleStatusInEnvs = append(st.ModuleStatusInEnvs, wireModuleStatus{
				ApplicationKey: a.Key, EnvironmentKey: r.EnvironmentKey, ModuleVersionKey: r.moduleVersions[m.Key],
			})
		}
	}
	return st
}

// teamOfApp returns the name of the first team holding the application.
// Callers hold s.mu.
func (s *Sim) teamOfApp(appKey string) string {
	for _, t := range s.teams {
		for _, k := range t.Apps {
			if strings.EqualFold(k, appKey) {
				return t.Name
			}
		}
	}
	return ""
}

// wireModuleVersion is the swagger "ModuleVersion_v2".
type wireModuleVersion struct {
	Key                   string   `json:"Key"`
	ModuleKey             string   `json:"ModuleKey"`
	CreatedOn             wireTime `json:"CreatedOn"`
	CreatedBy             string   `json:"CreatedBy"`
	CreatedByUsername     string   `json:"CreatedByUsername"`
	GeneralHash           string   `json:"GeneralHash"`
	DirectUpgradeFromHash string   `json:"DirectUpgradeFromHash"`
}

func toWireModuleVersion(mv *ModuleVersion) wireModuleVersion {
	return wireModuleVersion{Key: mv.Key, ModuleKey: mv.ModuleKey, CreatedOn: wireTime(mv.CreatedOn), CreatedBy: mv.CreatedBy, CreatedByUsername: mv.CreatedByUsername, GeneralHash: mv.GeneralHash}
}

// wireMobileVersion is the swagger "MobileVersion".
type wireMobileVersion struct {
	NativePlatform     string `json:"NativePlatform"`
	VersionNumber      string `json:"VersionNumber"`
	VersionDescription string `json:"VersionDescription"`
}

// wireAppVersion is the swagger "ApplicationVersion_v2".
type wireAppVersion struct {
	Key            string              `json:"Key"`
	ApplicationKey string              `json:"ApplicationKey"`
	Version        string              `json:"Version"`
	ChangeLog      string              `json:"ChangeLog"`
	CreatedOn      wireTime            `json:"CreatedOn"`
	InUse          bool                `json:"InUse"`
	MobileVersions []wireMobileVersion `json:"MobileVersions"`
	PrimaryColor   string              `json:"PrimaryColor"`
	NativeHash     string              `json:"NativeHash"`
	ModuleVersions []wireModuleVersion `json:"ModuleVersions"`
	EnvironmentKey string              `json:"EnvironmentKey"`
}

// toWireAppVersion converts v, listing its module versions with modules.
// Callers hold s.mu.
func (s *Sim) toWireAppVersion(v *ApplicationVersion, modules bool) wireAppVersion {
	w := wireAppVersion{
		Key: v.Key, ApplicationKey: v.ApplicationKey, Version: v.Version, ChangeLog: v.ChangeLog,
		CreatedOn: wireTime(v.CreatedOn), InUse: s.versionInUse(v.Key), MobileVersions: []wireMobileVersion{},
		ModuleVersions: []wireModuleVersion{}, EnvironmentKey: v.EnvironmentKey,
	}
	for _, m := range v.MobileVersions {
		w.MobileVersions = append(w.MobileVersions, wireMobileVersion(m))
	}
	if modules {
		for _, k := range v.ModuleVersionKeys {
			if mv := s.moduleVersions[k]; mv != nil {
				w.ModuleVersions = append(w.ModuleVersions, toWireModuleVersion(mv))
			}
		}
	}
	return w
}

// versionInUse reports whether a version runs somewhere or is in a plan
// that is not finished. Callers hold s.mu.
func (s *Sim) versionInUse(key string) bool {
	for _, r := range s.running {
		if r.VersionKey == key {
			return true
		}
	}
	for _, d := range s.deployments {
		if d.finished() {
			continue
		}
		for _, op := range d.ops {
			if op.ApplicationVersionKey == key {
				return true
			}
		}
	}
	return false
}

// wireDownloadLink is the swagger "DownloadLink" (camelCase fields).
type wireDownloadLink struct {
	URL     string   `json:"url"`
	Expires wireTime `json:"expires"`
}

// writeDownloadLink registers content under /downloads/{key} and answers
// with its DownloadLink and the Expires header (swagger: "[headers:
// Expires]"). Callers hold s.mu.
func (s *Sim) writeDownloadLink(w http.ResponseWriter, r *http.Request, status int, fileName, contentType string, content []byte) {
	d := s.addDownload(fileName, contentType, content)
	w.Header().Set("Expires", d.expires.UTC().Format(http.TimeFormat))
	writeJSON(w, status, wireDownloadLink{URL: requestBaseURL(r) + apiBase + "/downloads/" + d.key, Expires: wireTime(d.expires)})
}

// requestBaseURL returns scheme://host of the request, so that download
// links point back at the simulator that served them.
func requestBaseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
