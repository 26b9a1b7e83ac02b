package sim

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Seeding and lookup. The AddXxx methods copy their argument, fill defaults
// (keys are generated from the seed when empty) and return the stored value.

// AddEnvironment registers an environment with a default deployment zone,
// the standard templates and an empty content security policy. Roles get the
// registration defaults: Administrator Full Control, others List Applications
// (docs api-register-env.md, lifetime-rest-api.md §2.2).
func (s *Sim) AddEnvironment(e Environment) (Environment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addEnvironment(e)
}

func (s *Sim) addEnvironment(e Environment) (Environment, error) {
	if strings.TrimSpace(e.Name) == "" {
		return Environment{}, fmt.Errorf("sim: environment name is empty")
	}
	if e.OSVersion != "" {
		if err := validVersion(e.OSVersion); err != nil {
			return Environment{}, fmt.Errorf("sim: environment %s: %w", e.Name, err)
		}
	}
	for _, x := range s.envs {
		if strings.EqualFold(x.Name, e.Name) {
			return Environment{}, fmt.Errorf("sim: environment %q already exists", e.Name)
		}
		if e.Key != "" && strings.EqualFold(x.Key, e.Key) {
			return Environment{}, fmt.Errorf("sim: environment key %s already exists", e.Key)
		}
	}
	if e.Key == "" {
		e.Key = s.newKey()
	}
	if e.HostName == "" {
		e.HostName = strings.ToLower(strings.ReplaceAll(e.Name, " ", "-")) + ".example.test"
	}
	if e.NumberOfFrontEnds == 0 {
		e.NumberOfFrontEnds = 1
	}
	if e.ApplicationServerType == "" {
		e.ApplicationServerType = ".NET"
	}
	if e.ApplicationServer == "" {
		e.ApplicationServer = "IIS"
	}
	if e.DatabaseProvider == "" {
		e.DatabaseProvider = "SQLServer"
	}
	env := &environment{
		Environment:  e,
		csp:          map[string]CSPDirective{},
		dbMappings:   map[string]string{},
		blockedApps:  map[string]string{},
		registeredOn: s.now(),
	}
	env.sc = s.newServiceCenter(e.OSVersion)
	env.zones = []DeploymentZone{{Key: s.newKey(), Name: "Global", IsDefault: true, TechnologyKey: s.newKey(), TechnologyName: "Classic"}}
	env.templates = []Template{
		{Key: s.newKey(), Name: "Reactive Web App", Description: "Web application with a responsive layout", ApplicationKind: "Reactive"},
		{Key: s.newKey(), Name: "Phone App", Description: "Mobile application for phones", ApplicationKind: "Mobile"},
		{Key: s.newKey(), Name: "Service", Description: "Application with reusable services", ApplicationKind: "Service"},
	}
	for i, name := range cspDirectiveNames {
		env.csp[name] = CSPDirective{ID: i + 1}
	}
	for _, r := range s.roles {
		if _, ok := r.Environments[e.Key]; ok {
			continue
		}
		level := 2
		if r.Reserved {
			level = 6
		}
		r.Environments[e.Key] = EnvironmentPermission{Level: level, CreateApplications: r.Reserved, AddDependenciesToSystem: r.Reserved}
	}
	s.envs = append(s.envs, env)
	return e, nil
}

// env returns the environment with key, or nil. Callers hold s.mu.
func (s *Sim) env(key string) *environment {
	return findFold(s.envs, key, func(e *environment) string { return e.Key })
}

// Environments returns the registered environments in staging order.
func (s *Sim) Environments() []Environment {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tick()
	out := make([]Environment, 0, len(s.envs))
	for _, e := range s.sortedEnvs() {
		out = append(out, e.Environment)
	}
	return out
}

// sortedEnvs returns the environments by Order, then name. Callers hold s.mu.
func (s *Sim) sortedEnvs() []*environment {
	out := slices.Clone(s.envs)
	slices.SortStableFunc(out, func(a, b *environment) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), strings.Compare(a.Name, b.Name))
	})
	return out
}

// EnvironmentByName returns the environment called name.
func (s *Sim) EnvironmentByName(name string) (Environment, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tick()
	if e := findFold(s.envs, name, func(e *environment) string { return e.Name }); e != nil {
		return e.Environment, true
	}
	return Environment{}, false
}

// UpdateEnvironment changes an environment's description with fn (for
// example to take it offline or change its Platform Server version).
func (s *Sim) UpdateEnvironment(key string, fn func(*Environment)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.env(key)
	if e == nil {
		return fmt.Errorf("sim: environment %s not found", key)
	}
	k, v := e.Key, e.OSVersion
	fn(&e.Environment)
	e.Key = k
	if e.OSVersion != v {
		e.sc.SetVersion(fourPart(e.OSVersion))
	}
	return nil
}

// MaintenanceMode reports whether the environment is in maintenance mode.
func (s *Sim) MaintenanceMode(envKey string) (enabled bool, reason string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.env(envKey)
	if e == nil {
		return false, "", false
	}
	return e.maintenance, e.maintenanceReason, true
}

// AddApplication adds an application and its modules (each with one initial
// module version). It runs nowhere until RunApplication or a deployment.
func (s *Sim) AddApplication(a Application) (Application, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addApplication(a)
}

func (s *Sim) addApplication(a Application) (Application, error) {
	if strings.TrimSpace(a.Name) == "" {
		return Application{}, fmt.Errorf("sim: application name is empty")
	}
	for _, x := range s.apps {
		if strings.EqualFold(x.Name, a.Name) {
			return Application{}, fmt.Errorf("sim: application %q already exists", a.Name)
		}
	}
	if a.Key == "" {
		a.Key = s.newKey()
	}
	if a.Kind == "" {
		a.Kind = "WebResponsive"
	}
	if len(a.Modules) == 0 {
		a.Modules = []Module{{Name: strings.ReplaceAll(a.Name, " ", "")}}
	}
	mods := make([]Module, len(a.Modules))
	for i, m := range a.Modules {
		if m.Key == "" {
			m.Key = s.newKey()
		}
		if m.Kind == "" {
			m.Kind = "eSpace"
		}
		if _, dup := s.modules[m.Key]; dup {
			return Application{}, fmt.Errorf("sim: module key %s already exists", m.Key)
		}
		m.LogicalDatabases = append([]string(nil), m.LogicalDatabases...)
		mods[i] = m
	}
	a.Modules = mods
	a.DependsOn = append([]string(nil), a.DependsOn...)
	for _, m := range mods {
		s.modules[m.Key] = &module{Module: m, appKey: a.Key}
	}
	s.apps = append(s.apps, &application{Application: a})
	return a, nil
}

// app returns the application with key, or nil. Callers hold s.mu.
func (s *Sim) app(key string) *application {
	return findFold(s.apps, key, func(a *application) string { return a.Key })
}

// ApplicationByName returns the application called name.
func (s *Sim) ApplicationByName(name string) (Application, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := findFold(s.apps, name, func(a *application) string { return a.Name }); a != nil {
		return a.Application, true
	}
	return Application{}, false
}

// newModuleVersion creates a module version of m. Callers hold s.mu.
func (s *Sim) newModuleVersion(m *module, by string) *ModuleVersion {
	mv := &ModuleVersion{Key: s.newKey(), ModuleKey: m.Key, CreatedOn: s.now(), CreatedBy: by, CreatedByUsername: strings.ToLower(strings.ReplaceAll(by, " ", "")), GeneralHash: s.newHash()}
	m.versions = append(m.versions, mv)
	s.moduleVersions[mv.Key] = mv
	return mv
}

// TagVersion creates an application version (a tag) with a new version of
// every module, as if the application had been developed in envKey; pass ""
// to create it without an environment. The version label must be unique.
func (s *Sim) TagVersion(appKey, envKey, version, changeLog string) (ApplicationVersion, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.app(appKey)
	if a == nil {
		return ApplicationVersion{}, fmt.Errorf("sim: application %s not found", appKey)
	}
	v, err := s.tagVersion(a, envKey, version, changeLog, nil, "Administrator", true)
	if err != nil {
		return ApplicationVersion{}, err
	}
	return *v, nil
}

// tagVersion creates a version of a. With fresh, each module gets a new
// module version; otherwise the module versions running in envKey are
// reused where the running code is unmodified. Callers hold s.mu.
func (s *Sim) tagVersion(a *application, envKey, version, changeLog string, mobile []MobileVersion, by string, fresh bool) (*ApplicationVersion, error) {
	if strings.TrimSpace(version) == "" {
		return nil, fmt.Errorf("sim: version label is empty")
	}
	for _, v := range a.versions {
		if v.Version == version {
			return nil, fmt.Errorf("sim: application %s already has version %s", a.Name, version)
		}
	}
	v := &ApplicationVersion{Key: s.newKey(), ApplicationKey: a.Key, Version: version, ChangeLog: changeLog, CreatedOn: s.now(), MobileVersions: append([]MobileVersion(nil), mobile...), EnvironmentKey: envKey}
	var r *running
	if envKey != "" {
		r = s.runningOf(envKey, a.Key, false)
	}
	for _, m := range a.Modules {
		mod := s.modules[m.Key]
		var mvKey string
		if !fresh && r != nil && !r.IsModified {
			mvKey = r.moduleVersions[m.Key]
		}
		if mvKey == "" {
			mvKey = s.newModuleVersion(mod, by).Key
		}
		v.ModuleVersionKeys = append(v.ModuleVersionKeys, mvKey)
	}
	a.versions = append(a.versions, v)
	s.versions[v.Key] = v
	if r != nil {
		r.VersionKey = v.Key
		r.IsModified = false
		r.moduleVersions = map[string]string{}
		for _, mvk := range v.ModuleVersionKeys {
			r.moduleVersions[s.moduleVersions[mvk].ModuleKey] = mvk
		}
	}
	return v, nil
}

// RunApplication makes envKey run versionKey of the application (as after a
// deployment); with modified, the running code has untagged changes.
func (s *Sim) RunApplication(envKey, appKey, versionKey string, modified bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.env(envKey) == nil {
		return fmt.Errorf("sim: environment %s not found", envKey)
	}
	a := s.app(appKey)
	if a == nil {
		return fmt.Errorf("sim: application %s not found", appKey)
	}
	v := s.versions[versionKey]
	if versionKey != "" && (v == nil || v.ApplicationKey != a.Key) {
		return fmt.Errorf("sim: version %s of application %s not found", versionKey, a.Name)
	}
	r := s.runningOf(envKey, a.Key, true)
	r.VersionKey = versionKey
	r.IsModified = modified
	r.moduleVersions = map[string]string{}
	if v != nil {
		for _, mvk := range v.ModuleVersionKeys {
			r.moduleVersions[s.moduleVersions[mvk].ModuleKey] = mvk
		}
	} else {
		for _, m := range a.Modules {
			r.moduleVersions[m.Key] = s.newModuleVersion(s.modules[m.Key], "Administrator").Key
		}
	}
	s.syncServiceCenter(s.env(envKey))
	return nil
}

// ModifyApplication marks the application's running code in envKey as
// changed since its last tag (a developer published changes).
func (s *Sim) ModifyApplication(envKey, appKey string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.runningOf(envKey, appKey, false)
	if r == nil {
		return fmt.Errorf("sim: application %s does not run in environment %s", appKey, envKey)
	}
	r.IsModified = true
	return nil
}

// Running returns what envKey runs of the application.
func (s *Sim) Running(envKey, appKey string) (RunningApp, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tick()
	r := s.runningOf(envKey, appKey, false)
	if r == nil {
		return RunningApp{}, false
	}
	return r.RunningApp, true
}

// runningOf returns the running state of an application in an environment,
// creating it when create is set. Callers hold s.mu.
func (s *Sim) runningOf(envKey, appKey string, create bool) *running {
	e, a := s.env(envKey), s.app(appKey)
	if e == nil || a == nil {
		return nil
	}
	k := e.Key + "/" + a.Key
	r := s.running[k]
	if r == nil && create {
		r = &running{RunningApp: RunningApp{EnvironmentKey: e.Key, ApplicationKey: a.Key}, moduleVersions: map[string]string{}}
		s.running[k] = r
	}
	return r
}

// AddRole adds a role. Permissions for environments not listed default to
// level 2 (List Applications).
func (s *Sim) AddRole(r Role) (Role, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.TrimSpace(r.Name) == "" {
		return Role{}, fmt.Errorf("sim: role name is empty")
	}
	if s.roleByName(r.Name) != nil {
		return Role{}, fmt.Errorf("sim: role %q already exists", r.Name)
	}
	if r.Key == "" {
		r.Key = s.newKey()
	}
	envs := map[string]EnvironmentPermission{}
	for k, v := range r.Environments {
		envs[k] = v
	}
	for _, e := range s.envs {
		if _, ok := envs[e.Key]; !ok {
			envs[e.Key] = EnvironmentPermission{Level: 2}
		}
	}
	r.Environments = envs
	s.roles = append(s.roles, &r)
	return r, nil
}

// role returns the role with key, or nil. Callers hold s.mu.
func (s *Sim) role(key string) *Role {
	return findFold(s.roles, key, func(r *Role) string { return r.Key })
}

// roleByName returns the role called name, or nil. Callers hold s.mu.
func (s *Sim) roleByName(name string) *Role {
	return findFold(s.roles, name, func(r *Role) string { return r.Name })
}

// RoleByName returns the role called name.
func (s *Sim) RoleByName(name string) (Role, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.roleByName(name)
	if r == nil {
		return Role{}, false
	}
	return *r, true
}

// AddUser adds an IT user; RoleKey defaults to the Developer role.
func (s *Sim) AddUser(u User) (User, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.TrimSpace(u.Username) == "" {
		return User{}, fmt.Errorf("sim: username is empty")
	}
	if s.userByUsername(u.Username) != nil {
		return User{}, fmt.Errorf("sim: user %q already exists", u.Username)
	}
	if u.Key == "" {
		u.Key = s.newKey()
	}
	if u.RoleKey == "" {
		u.RoleKey = s.roleByName("Developer").Key
	} else if s.role(u.RoleKey) == nil {
		return User{}, fmt.Errorf("sim: role %s not found", u.RoleKey)
	}
	roles := map[string]string{}
	for k, v := range u.ApplicationRoles {
		roles[k] = v
	}
	u.ApplicationRoles = roles
	s.users = append(s.users, &u)
	return u, nil
}

// user returns the user with key, or nil. Callers hold s.mu.
func (s *Sim) user(key string) *User {
	return findFold(s.users, key, func(u *User) string { return u.Key })
}

// userByUsername returns the user called username, or nil. Callers hold s.mu.
func (s *Sim) userByUsername(username string) *User {
	return findFold(s.users, username, func(u *User) string { return u.Username })
}

// AddTeam adds a team.
func (s *Sim) AddTeam(t Team) (Team, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.TrimSpace(t.Name) == "" {
		return Team{}, fmt.Errorf("sim: team name is empty")
	}
	if findFold(s.teams, t.Name, func(x *Team) string { return x.Name }) != nil {
		return Team{}, fmt.Errorf("sim: team %q already exists", t.Name)
	}
	if t.Key == "" {
		t.Key = s.newKey()
	}
	t.Members = append([]TeamMember(nil), t.Members...)
	t.Apps = append([]string(nil), t.Apps...)
	s.teams = append(s.teams, &t)
	return t, nil
}

// team returns the team with key, or nil. Callers hold s.mu.
func (s *Sim) team(key string) *Team {
	return findFold(s.teams, key, func(t *Team) string { return t.Key })
}

// findFold returns the first item whose field, read by field, equals want
// ignoring case (the real server matches keys and names that way), or nil.
func findFold[T any](items []*T, want string, field func(*T) string) *T {
	for _, it := range items {
		if strings.EqualFold(field(it), want) {
			return it
		}
	}
	return nil
}

// AddServiceAccount adds a service account (for example one limited to
// PermRead, to exercise 403 answers) and returns it with its token.
func (s *Sim) AddServiceAccount(a ServiceAccount) (ServiceAccount, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.TrimSpace(a.Username) == "" {
		return ServiceAccount{}, fmt.Errorf("sim: service account username is empty")
	}
	if a.Key == "" {
		a.Key = s.newKey()
	}
	if a.Name == "" {
		a.Name = a.Username
	}
	if a.Token == "" {
		a.Token = s.newToken()
	} else if s.accountByToken(a.Token) != nil {
		return ServiceAccount{}, fmt.Errorf("sim: token already in use")
	}
	a.Permissions = append([]Permission(nil), a.Permissions...)
	s.accounts = append(s.accounts, &a)
	return a, nil
}

// AddDBConnection adds a DB connection to an environment.
func (s *Sim) AddDBConnection(envKey string, c DBConnection) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.env(envKey)
	if e == nil {
		return fmt.Errorf("sim: environment %s not found", envKey)
	}
	if strings.TrimSpace(c.Name) == "" {
		return fmt.Errorf("sim: DB connection name is empty")
	}
	if e.dbConnection(c.Name) != nil {
		return fmt.Errorf("sim: DB connection %q already exists in %s", c.Name, e.Name)
	}
	c.RolePermissions = cloneMap(c.RolePermissions)
	c.UserPermissions = cloneMap(c.UserPermissions)
	e.dbConnections = append(e.dbConnections, &c)
	return nil
}

// dbConnection returns the DB connection called name, or nil.
func (e *environment) dbConnection(name string) *DBConnection {
	for _, c := range e.dbConnections {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

// MapLogicalDatabase maps an extension's logical database to a DB connection
// of the environment, as a completed deployment configuration would.
func (s *Sim) MapLogicalDatabase(envKey, extensionKey, logicalDatabase, connection string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.env(envKey)
	if e == nil {
		return fmt.Errorf("sim: environment %s not found", envKey)
	}
	e.dbMappings[extensionKey+"/"+logicalDatabase] = connection
	return nil
}

// AddLoginAttempt records a login attempt (Blocked ones are listed by the
// blocked-logins endpoints until unblocked).
func (s *Sim) AddLoginAttempt(l LoginAttempt) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l.EnvironmentKey != "" && s.env(l.EnvironmentKey) == nil {
		return fmt.Errorf("sim: environment %s not found", l.EnvironmentKey)
	}
	if l.Instant.IsZero() {
		l.Instant = s.now()
	}
	if l.RequestKey == "" {
		l.RequestKey = s.newKey()
	}
	s.loginAttempts = append(s.loginAttempts, &l)
	return nil
}

// AddDownload registers bytes served by GET /downloads/{key} for an hour of
// simulated time and returns the key. Callers hold s.mu.
func (s *Sim) addDownload(fileName, contentType string, content []byte) *download {
	d := &download{key: s.newKey(), fileName: fileName, contentType: contentType, content: content, expires: s.now().Add(downloadLifetime)}
	s.downloads[d.key] = d
	return d
}

// downloadLifetime is how long download links live (lifetime-rest-api.md
// §2.1: "The link expires after 60 minutes").
const downloadLifetime = 60 * time.Minute

// teamsSnapshot copies the teams.
func (s *Sim) teamsSnapshot() []Team {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Team, 0, len(s.teams))
	for _, t := range s.teams {
		out = append(out, *t)
	}
	return out
}
