package sim

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
)

// environmentRoutes are the /environments operations of the swagger except
// the DB connections and blocked IP addresses (rest_people*.go).
func (s *Sim) environmentRoutes() []route {
	return []route{
		{Pattern: "POST /environments", Op: "Environment_Register", Perm: PermManageInfrastructure, Since: "11.11.0", Handler: s.registerEnvironment},
		{Pattern: "GET /environments", Op: "Environments_List", Perm: PermRead, Handler: s.listEnvironments},
		{Pattern: "DELETE /environments/{EnvironmentKey}", Op: "Environment_Unregister", Perm: PermManageInfrastructure, Since: "11.11.0", Handler: s.unregisterEnvironment},
		{Pattern: "GET /environments/{EnvironmentKey}", Op: "Environments_Get", Perm: PermRead, Handler: s.getEnvironment},
		{Pattern: "GET /environments/{EnvironmentKey}/applications", Op: "Environments_GetRunningApps", Perm: PermRead, Handler: s.listRunningApps},
		{Pattern: "POST /environments/{EnvironmentKey}/applications", Op: "Environments_Applications_Create", Perm: PermDeploy, Since: "11.5.0", Handler: s.createApplication},
		{Pattern: "GET /environments/{EnvironmentKey}/applications/{ApplicationKey}", Op: "Environments_GetRunningApp", Perm: PermRead, Handler: s.getRunningApp},
		{Pattern: "GET /environments/{EnvironmentKey}/applications/{ApplicationKey}/content", Op: "Environments_DownloadRunningApp", Perm: PermSourceCode, Handler: s.downloadRunningApp},
		{Pattern: "POST /environments/{EnvironmentKey}/applications/{ApplicationKey}/versions", Op: "Environments_Applications_Versions_Create", Perm: PermDeploy, Handler: s.createVersion},
		{Pattern: "GET /environments/{EnvironmentKey}/deploymentzones", Op: "Environments_GetDeploymentZones", Perm: PermRead, Handler: s.listDeploymentZones},
		{Pattern: "PUT /environments/{EnvironmentKey}/maintenancemode", Op: "Environments_SetMaintenanceMode", Perm: PermManageInfrastructure, Handler: s.setMaintenanceMode},
		{Pattern: "GET /environments/{EnvironmentKey}/templates", Op: "Environments_GetTemplates", Perm: PermRead, Since: "11.5.0", Handler: s.listTemplates},
		{Pattern: "GET /environments/{EnvironmentKey}/content_security_policies", Op: "Environment_GetCSP", Perm: PermRead, Since: "11.10.3", Handler: s.getCSP},
		{Pattern: "PUT /environments/{EnvironmentKey}/content_security_policies", Op: "Environments_SetCSP", Perm: PermManageInfrastructure, Since: "11.10.3", Handler: s.setCSP},
	}
}

// pathEnv resolves the {EnvironmentKey} path value, writing 404 when it is
// unknown. Callers hold s.mu.
func (s *Sim) pathEnv(w http.ResponseWriter, r *http.Request) *environment {
	return pathItem(w, r, "EnvironmentKey", "Failed to retrieve the environment with key: %s.", s.env)
}

// environmentRegistration is the swagger "EnvironmentRegistration".
type environmentRegistration struct {
	EnvironmentName            string
	EnvironmentAddress         string
	ServiceCenterUsername      string
	ServiceCenterPassword      string
	LifeTimeAddress            string
	EnvironmentPosition        *int
	OverridePreviousLifetime   bool
	EnvironmentRolePermissions []struct {
		RoleKey                    string
		PermissionLevel            int
		CanCreateApplications      bool
		CanAddDependenciesToSystem bool
	}
}

// registerEnvironment serves Environment_Register (LifeTime >= 11.11.0;
// 405 where the feature is disabled, e.g. OutSystems Cloud:
// lifetime-rest-api.md §2.2).
func (s *Sim) registerEnvironment(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	if s.opts.Cloud {
		writeError(w, http.StatusMethodNotAllowed, "Failed to register the environment because the feature is not enabled.")
		return
	}
	var in environmentRegistration
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to register the environment because there are invalid parameters in the request: %v.", err)
		return
	}
	var missing []string
	for name, v := range map[string]string{"EnvironmentName": in.EnvironmentName, "EnvironmentAddress": in.EnvironmentAddress, "ServiceCenterUsername": in.ServiceCenterUsername, "ServiceCenterPassword": in.ServiceCenterPassword, "LifeTimeAddress": in.LifeTimeAddress} {
		if strings.TrimSpace(v) == "" {
			missing = append(missing, name)
		}
	}
	if in.EnvironmentPosition == nil {
		missing = append(missing, "EnvironmentPosition")
	}
	if len(missing) > 0 {
		writeErrorf(w, http.StatusBadRequest, "Failed to register the environment because there are invalid parameters in the request: missing %s.", strings.Join(sortedStrings(missing), ", "))
		return
	}
	for _, p := range in.EnvironmentRolePermissions {
		if s.role(p.RoleKey) == nil || p.PermissionLevel < 0 || p.PermissionLevel > 6 {
			writeErrorf(w, http.StatusBadRequest, "Failed to register the environment because there are invalid parameters in the request: invalid role permission for role %s.", p.RoleKey)
			return
		}
	}
	host := in.EnvironmentAddress
	host = strings.TrimPrefix(strings.TrimPrefix(host, "https://"), "http://")
	e, err := s.addEnvironment(Environment{Name: in.EnvironmentName, HostName: strings.TrimSuffix(host, "/"), Order: *in.EnvironmentPosition, UseHTTPS: !strings.HasPrefix(in.EnvironmentAddress, "http://"), OSVersion: s.lifetime.PlatformServerVersion})
	if err != nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to register the environment because there are invalid parameters in the request: %s.", strings.TrimPrefix(err.Error(), "sim: "))
		return
	}
	for _, p := range in.EnvironmentRolePermissions {
		s.role(p.RoleKey).Environments[e.Key] = EnvironmentPermission{Level: p.PermissionLevel, CreateApplications: p.CanCreateApplications, AddDependenciesToSystem: p.CanAddDependenciesToSystem}
	}
	type importedUser struct{ Username, Name, Email string }
	writeJSON(w, http.StatusCreated, struct {
		EnvironmentKey string
		ImportedUsers  []importedUser
	}{EnvironmentKey: e.Key, ImportedUsers: []importedUser{}})
}

func (s *Sim) listEnvironments(w http.ResponseWriter, _ *http.Request, _ *ServiceAccount) {
	var out []wireEnvironment
	for _, e := range s.sortedEnvs() {
		out = append(out, s.toWireEnvironment(e))
	}
	writeList(w, out)
}

func (s *Sim) getEnvironment(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	if e := s.pathEnv(w, r); e != nil {
		writeJSON(w, http.StatusOK, s.toWireEnvironment(e))
	}
}

// unregisterEnvironment serves Environment_Unregister: 204, 404, 405 where
// the feature is disabled.
func (s *Sim) unregisterEnvironment(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	if s.opts.Cloud {
		writeError(w, http.StatusMethodNotAllowed, "Failed to unregister the environment because the feature is not enabled.")
		return
	}
	e := pathItem(w, r, "EnvironmentKey", "Failed to unregister the environment with key %s because it was not found.", s.env)
	if e == nil {
		return
	}
	for _, d := range s.deployments {
		if d.busy() && (d.target == e.Key || d.source == e.Key) {
			// The swagger's only refusal besides 404/405 is its 500.
			writeErrorf(w, http.StatusInternalServerError, "Failed to unregister environment from LifeTime: deployment %s is in progress.", d.key)
			return
		}
	}
	for i, x := range s.envs {
		if x == e {
			s.envs = append(s.envs[:i], s.envs[i+1:]...)
			break
		}
	}
	for k := range s.running {
		if strings.HasPrefix(k, e.Key+"/") {
			delete(s.running, k)
		}
	}
	for _, role := range s.roles {
		delete(role.Environments, e.Key)
	}
	writeNoContent(w)
}

func (s *Sim) listRunningApps(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	inc, ok := parseAppInclude(w, r)
	if !ok {
		return
	}
	e := s.pathEnv(w, r)
	if e == nil {
		return
	}
	var out []wireApplication
	for _, a := range s.apps {
		if s.running[e.Key+"/"+a.Key] != nil {
			out = append(out, s.toWireApplication(a, inc, e.Key))
		}
	}
	writeList(w, out)
}

// pathRunningApp resolves {EnvironmentKey} and {ApplicationKey} to an
// application running in that environment, writing 404 otherwise. Callers
// hold s.mu.
func (s *Sim) pathRunningApp(w http.ResponseWriter, r *http.Request) (*environment, *application, *running) {
	ek, ak := r.PathValue("EnvironmentKey"), r.PathValue("ApplicationKey")
	e, a := s.env(ek), s.app(ak)
	var run *running
	if e != nil && a != nil {
		run = s.running[e.Key+"/"+a.Key]
	}
	if run == nil {
		writeErrorf(w, http.StatusNotFound, "Failed to retrieve the environment with key %s or the application with key %s.", ek, ak)
		return nil, nil, nil
	}
	return e, a, run
}

func (s *Sim) getRunningApp(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	inc, ok := parseAppInclude(w, r)
	if !ok {
		return
	}
	if e, a, _ := s.pathRunningApp(w, r); a != nil {
		writeJSON(w, http.StatusOK, s.toWireApplication(a, inc, e.Key))
	}
}

// downloadRunningApp serves Environments_DownloadRunningApp: a DownloadLink
// for Type oap (default), apk, aab or ipa; 204 when the application has no
// such binary (a web application has no mobile binary). Asking for aab when
// only an apk exists returns the apk (swagger description).
func (s *Sim) downloadRunningApp(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	typ, _ := queryValue(r, "Type")
	typ = strings.ToLower(typ)
	if typ == "" {
		typ = "oap"
	}
	switch typ {
	case "oap", "apk", "aab", "ipa":
	default:
		writeErrorf(w, http.StatusBadRequest, "The required type %s is invalid for given keys (EnvironmentKey:%s; ApplicationKey:%s).", typ, r.PathValue("EnvironmentKey"), r.PathValue("ApplicationKey"))
		return
	}
	_, a, run := s.pathRunningApp(w, r)
	if a == nil {
		return
	}
	if typ != "oap" && a.Kind != "Mobile" {
		writeNoContent(w)
		return
	}
	if typ == "aab" {
		typ = "apk"
	}
	content := s.binaryPackage(a, s.versions[run.VersionKey])
	s.writeDownloadLink(w, r, http.StatusOK, a.Name+"."+typ, "application/octet-stream", content)
}

// applicationCreate is the swagger "ApplicationCreate".
type applicationCreate struct {
	TemplateKey, TeamKey, Name, Description, Color string
}

var hexColor = regexp.MustCompile(`^#?[0-9A-Fa-f]{6}$`)

// createApplication serves Environments_Applications_Create: 201
// {"ApplicationKey": "..."}; the application runs, untagged, in the
// environment.
func (s *Sim) createApplication(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	e := s.pathEnv(w, r)
	if e == nil {
		return
	}
	var in applicationCreate
	bad := func(reason string) {
		writeErrorf(w, http.StatusBadRequest, "Failed to create the application in the environment with key %s because there are invalid parameters in the request: %s.", e.Key, reason)
	}
	if err := decodeJSON(r, &in); err != nil {
		bad(err.Error())
		return
	}
	switch {
	case strings.TrimSpace(in.Name) == "":
		bad("Name is required")
		return
	case !hexColor.MatchString(in.Color):
		bad("Color must be a hexadecimal color")
		return
	case s.team(in.TeamKey) == nil:
		bad("team " + in.TeamKey + " not found")
		return
	}
	var tpl *Template
	for i := range e.templates {
		if strings.EqualFold(e.templates[i].Key, in.TemplateKey) {
			tpl = &e.templates[i]
		}
	}
	if tpl == nil {
		bad("template " + in.TemplateKey + " is not published in the environment")
		return
	}
	kind := "WebResponsive"
	if tpl.ApplicationKind == "Mobile" {
		kind = "Mobile"
	}
	a, err := s.addApplication(Application{Name: in.Name, Description: in.Description, Kind: kind})
	if err != nil {
		bad(strings.TrimPrefix(err.Error(), "sim: "))
		return
	}
	t := s.team(in.TeamKey)
	t.Apps = append(t.Apps, a.Key)
	run := s.runningOf(e.Key, a.Key, true)
	run.IsModified = true
	for _, m := range a.Modules {
		run.moduleVersions[m.Key] = s.newModuleVersion(s.modules[m.Key], "Administrator").Key
	}
	s.syncServiceCenter(e)
	s.counters.ApplicationsCreated++
	writeJSON(w, http.StatusCreated, struct{ ApplicationKey string }{a.Key})
}

// applicationVersionCreate is the swagger "ApplicationVersionCreate".
type applicationVersionCreate struct {
	ChangeLog         string
	Version           string
	MobileVersions    []MobileVersion
	ModuleVersionKeys []string
}

// createVersion serves Environments_Applications_Versions_Create: tags the
// running code, 201 {"ApplicationVersionKey": "..."}. The deprecated
// ModuleVersionKeys are still validated when sent (lifetime-rest-api.md §2.2).
func (s *Sim) createVersion(w http.ResponseWriter, r *http.Request, a *ServiceAccount) {
	var in applicationVersionCreate
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Invalid request: %v.", err)
		return
	}
	e, app, run := s.pathRunningApp(w, r)
	if app == nil {
		return
	}
	if strings.TrimSpace(in.Version) == "" {
		writeError(w, http.StatusBadRequest, "Invalid request: Version is required.")
		return
	}
	if len(in.ModuleVersionKeys) > 0 {
		want := map[string]bool{}
		for _, k := range run.moduleVersions {
			want[k] = true
		}
		for _, k := range in.ModuleVersionKeys {
			if !want[k] || run.IsModified {
				writeError(w, http.StatusBadRequest, "Invalid request: the module versions given are not the ones running in the environment.")
				return
			}
		}
	}
	v, err := s.tagVersion(app, e.Key, in.Version, in.ChangeLog, in.MobileVersions, a.Name, false)
	if err != nil {
		writeErrorf(w, http.StatusBadRequest, "Invalid request: %s.", strings.TrimPrefix(err.Error(), "sim: "))
		return
	}
	s.counters.VersionsCreated++
	writeJSON(w, http.StatusCreated, struct{ ApplicationVersionKey string }{v.Key})
}

func (s *Sim) listDeploymentZones(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	e := s.pathEnv(w, r)
	if e == nil {
		return
	}
	type tech struct{ Key, Name string }
	type zone struct {
		Key                  string
		Name                 string
		IsDefault            bool
		DeploymentTechnology tech
	}
	out := []zone{}
	for _, z := range e.zones {
		out = append(out, zone{Key: z.Key, Name: z.Name, IsDefault: z.IsDefault, DeploymentTechnology: tech{z.TechnologyKey, z.TechnologyName}})
	}
	writeJSON(w, http.StatusOK, out)
}

// setMaintenanceMode serves Environments_SetMaintenanceMode: 200, empty body.
// An environment in maintenance mode refuses start and continue.
func (s *Sim) setMaintenanceMode(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	e := s.pathEnv(w, r)
	if e == nil {
		return
	}
	var in struct {
		IsMaintenanceModeEnabled *bool
		Reason                   string
	}
	if err := decodeJSON(r, &in); err != nil || in.IsMaintenanceModeEnabled == nil {
		writeError(w, http.StatusBadRequest, "Failed to update the maintenance mode status due to a bad request.")
		return
	}
	e.maintenance = *in.IsMaintenanceModeEnabled
	e.maintenanceReason = in.Reason
	writeEmpty(w, http.StatusOK)
}

func (s *Sim) listTemplates(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	e := s.pathEnv(w, r)
	if e == nil {
		return
	}
	type template struct{ Key, Name, Description, ApplicationKind string }
	out := []template{}
	for _, t := range e.templates {
		out = append(out, template(t))
	}
	writeJSON(w, http.StatusOK, out)
}

// wireCSPDirective is the swagger "CSPDirective".
type wireCSPDirective struct {
	CSPDirectiveID int    `json:"CSPDirectiveId"`
	Value          string `json:"Value"`
	IsSetForEnv    bool   `json:"IsSetForEnv"`
}

func (s *Sim) getCSP(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	e := s.pathEnv(w, r)
	if e == nil {
		return
	}
	out := map[string]wireCSPDirective{}
	for _, name := range cspDirectiveNames {
		d := e.csp[name]
		out[name] = wireCSPDirective{CSPDirectiveID: d.ID, Value: d.Value, IsSetForEnv: d.IsSetForEnv}
	}
	writeJSON(w, http.StatusOK, out)
}

// setCSP serves Environments_SetCSP: the directives present in the body are
// set; 200 with an Environment_CSP_Response.
func (s *Sim) setCSP(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	e := s.pathEnv(w, r)
	if e == nil {
		return
	}
	var in map[string]*struct {
		Value       string
		IsSetForEnv *bool
	}
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to set content security policies: %v.", err)
		return
	}
	var unknown []string
	for k := range in {
		if canonicalCSPName(k) == "" {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		writeErrorf(w, http.StatusBadRequest, "Failed to set content security policies: unknown directives %s.", strings.Join(sortedStrings(unknown), ", "))
		return
	}
	for k, v := range in {
		if v == nil {
			continue
		}
		name := canonicalCSPName(k)
		d := e.csp[name]
		d.Value = v.Value
		d.IsSetForEnv = v.Value != ""
		if v.IsSetForEnv != nil {
			d.IsSetForEnv = *v.IsSetForEnv
		}
		e.csp[name] = d
	}
	writeJSON(w, http.StatusOK, struct {
		Success                 bool
		EnvironmentKey          string
		ErrorDirectives         []string
		ErrorMessage            string
		NeedsRecompilation      bool
		AddedDataDirectives     []string
		AddedSelfDirectives     []string
		AddedInternalDirectives []string
		AddedGapDirectives      []string
	}{Success: true, EnvironmentKey: e.Key, ErrorDirectives: []string{}, NeedsRecompilation: true, AddedDataDirectives: []string{}, AddedSelfDirectives: []string{}, AddedInternalDirectives: []string{}, AddedGapDirectives: []string{}})
}

// canonicalCSPName returns the swagger spelling of a directive name, or "".
func canonicalCSPName(name string) string {
	for _, n := range cspDirectiveNames {
		if strings.EqualFold(n, name) {
			return n
		}
	}
	return ""
}

// binaryPackage returns the bytes of a simulated .oap of version v of a (v
// may be nil for never-tagged code). The format is the simulator's own: a
// text header that CreateWithBinary reads back.
func (s *Sim) binaryPackage(a *application, v *ApplicationVersion) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\napplication=%s\nname=%s\n", oapMagic, a.Key, a.Name)
	if v != nil {
		fmt.Fprintf(&b, "version=%s\nlabel=%s\n", v.Key, v.Version)
	}
	return []byte(b.String())
}

// oapMagic starts every simulated application package.
const oapMagic = "OUTSYSTEMS-SIM-OAP 1"

// readAll reads a bounded request body.
func readAll(r *http.Request) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r.Body, maxRequestBody))
}

func sortedStrings(v []string) []string {
	out := append([]string(nil), v...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
