package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/go-outsystems/outsystems/internal/sim"
)

// scenarioFile is the JSON format of -seed-from: a base scenario ("" for an
// empty console with the built-in roles) plus what to add to it. Everything
// refers to other things by name, not by key. Unknown fields are errors.
//
//	{
//	  "base": "",
//	  "consoleVersion": "11.25.4",
//	  "cloud": false,
//	  "environments": [{"name": "Dev", "type": "Development", "osVersion": "11.34.1.44911", "hostName": "dev.example.test"}],
//	  "applications": [{"name": "Orders", "modules": [{"name": "Orders_CS"}],
//	                    "versions": ["1.0", "1.1"], "running": {"Dev": "1.1"}}],
//	  "roles": [{"name": "Release Manager", "manageTeams": true, "levels": {"Dev": 5}}],
//	  "users": [{"username": "ana", "name": "Ana", "role": "Developer", "password": "secret1"}],
//	  "teams": [{"name": "Sales", "members": [{"username": "ana", "role": "Developer"}], "applications": ["Orders"]}],
//	  "dbConnections": [{"environment": "Dev", "name": "CRM", "providerKey": "SqlServer", "username": "crm", "password": "x"}],
//	  "blockedLogins": [{"username": "ana", "ipAddress": "192.0.2.1", "environment": "Dev"}],
//	  "serviceAccounts": [{"username": "ci", "token": "a-fixed-token", "permissions": ["read"]}],
//	  "plugins": [{"name": "AuditPlugin", "application": "Audit"}]
//	}
type scenarioFile struct {
	Base           string `json:"base"`
	ConsoleVersion string `json:"consoleVersion"`
	Cloud          bool   `json:"cloud"`
	Environments   []struct {
		Name              string `json:"name"`
		Type              string `json:"type"`
		OSVersion         string `json:"osVersion"`
		HostName          string `json:"hostName"`
		Order             *int   `json:"order"`
		IsCloud           bool   `json:"isCloud"`
		NumberOfFrontEnds int    `json:"numberOfFrontEnds"`
	} `json:"environments"`
	Applications []struct {
		Name        string `json:"name"`
		Kind        string `json:"kind"`
		Description string `json:"description"`
		Modules     []struct {
			Name             string   `json:"name"`
			Kind             string   `json:"kind"`
			LogicalDatabases []string `json:"logicalDatabases"`
		} `json:"modules"`
		// Versions are tagged in order (oldest first).
		Versions []string `json:"versions"`
		// Running maps environment names to the version label they run.
		Running map[string]string `json:"running"`
	} `json:"applications"`
	Roles []struct {
		Name                 string         `json:"name"`
		Description          string         `json:"description"`
		ManageInfrastructure bool           `json:"manageInfrastructure"`
		ManageTeams          bool           `json:"manageTeams"`
		Levels               map[string]int `json:"levels"` // environment name -> level 0-6
	} `json:"roles"`
	Users []struct {
		Username string `json:"username"`
		Name     string `json:"name"`
		Email    string `json:"email"`
		Role     string `json:"role"`
		Password string `json:"password"`
		Inactive bool   `json:"inactive"`
	} `json:"users"`
	Teams []struct {
		Name        string `json:"name"`
		Description string `json:"description"`
		Members     []struct {
			Username string `json:"username"`
			Role     string `json:"role"`
		} `json:"members"`
		Applications []string `json:"applications"`
	} `json:"teams"`
	DBConnections []struct {
		Environment  string `json:"environment"`
		Name         string `json:"name"`
		ProviderKey  string `json:"providerKey"`
		Description  string `json:"description"`
		Username     string `json:"username"`
		Password     string `json:"password"`
		ConfigParams string `json:"configParams"`
	} `json:"dbConnections"`
	BlockedLogins []struct {
		Username    string `json:"username"`
		IPAddress   string `json:"ipAddress"`
		Environment string `json:"environment"`
	} `json:"blockedLogins"`
	ServiceAccounts []struct {
		Username    string           `json:"username"`
		Token       string           `json:"token"`
		Permissions []sim.Permission `json:"permissions"`
	} `json:"serviceAccounts"`
	Plugins []struct {
		Name        string `json:"name"`
		Application string `json:"application"`
	} `json:"plugins"`
}

// parseScenarioFile decodes a scenario file strictly.
func parseScenarioFile(r io.Reader) (*scenarioFile, error) {
	dec := json.NewDecoder(io.LimitReader(r, 16<<20))
	dec.DisallowUnknownFields()
	var f scenarioFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("invalid scenario file: %w", err)
	}
	if dec.More() {
		return nil, errors.New("invalid scenario file: more than one JSON value")
	}
	return &f, nil
}

// build creates the simulator the file describes.
func (f *scenarioFile) build(opts sim.Options) (*sim.Sim, error) {
	opts.ConsoleVersion = f.ConsoleVersion
	opts.Cloud = f.Cloud
	var s *sim.Sim
	if f.Base == "" {
		s = sim.New(opts)
	} else {
		var err error
		if s, err = sim.NewScenario(f.Base, opts); err != nil {
			return nil, err
		}
	}
	b := &fileBuilder{s: s, userKeys: map[string]string{}}
	for _, step := range []func(*scenarioFile) error{b.environments, b.applications, b.roles, b.users, b.teams, b.connections, b.logins, b.accounts} {
		if err := step(f); err != nil {
			return nil, err
		}
	}
	for _, p := range f.Plugins {
		s.AddPlugin(p.Name, p.Application)
	}
	return s, nil
}

// fileBuilder resolves names while a scenario file is applied.
type fileBuilder struct {
	s        *sim.Sim
	userKeys map[string]string // username -> key, for users the file adds
}

func (b *fileBuilder) env(name string) (string, error) {
	e, ok := b.s.EnvironmentByName(name)
	if !ok {
		return "", fmt.Errorf("unknown environment %q", name)
	}
	return e.Key, nil
}

func (b *fileBuilder) role(name string) (string, error) {
	if name == "" {
		return "", nil
	}
	r, ok := b.s.RoleByName(name)
	if !ok {
		return "", fmt.Errorf("unknown role %q", name)
	}
	return r.Key, nil
}

func (b *fileBuilder) environments(f *scenarioFile) error {
	for _, e := range f.Environments {
		order := len(b.s.Environments())
		if e.Order != nil {
			order = *e.Order
		}
		if _, err := b.s.AddEnvironment(sim.Environment{Name: e.Name, Type: e.Type, OSVersion: e.OSVersion, HostName: e.HostName, Order: order, IsCloud: e.IsCloud, UseHTTPS: true, NumberOfFrontEnds: e.NumberOfFrontEnds}); err != nil {
			return fmt.Errorf("environment %q: %w", e.Name, err)
		}
	}
	return nil
}

func (b *fileBuilder) applications(f *scenarioFile) error {
	for _, a := range f.Applications {
		app := sim.Application{Name: a.Name, Kind: a.Kind, Description: a.Description}
		for _, m := range a.Modules {
			app.Modules = append(app.Modules, sim.Module{Name: m.Name, Kind: m.Kind, LogicalDatabases: m.LogicalDatabases})
		}
		added, err := b.s.AddApplication(app)
		if err != nil {
			return fmt.Errorf("application %q: %w", a.Name, err)
		}
		labels := map[string]string{}
		for _, v := range a.Versions {
			tag, err := b.s.TagVersion(added.Key, "", v, "Release "+v)
			if err != nil {
				return fmt.Errorf("application %q version %s: %w", a.Name, v, err)
			}
			labels[v] = tag.Key
		}
		for envName, label := range a.Running {
			envKey, err := b.env(envName)
			if err != nil {
				return fmt.Errorf("application %q: %w", a.Name, err)
			}
			key, ok := labels[label]
			if !ok {
				return fmt.Errorf("application %q runs version %q in %s, which is not in its versions", a.Name, label, envName)
			}
			if err := b.s.RunApplication(envKey, added.Key, key, false); err != nil {
				return fmt.Errorf("application %q in %s: %w", a.Name, envName, err)
			}
		}
	}
	return nil
}

func (b *fileBuilder) roles(f *scenarioFile) error {
	for _, r := range f.Roles {
		role := sim.Role{Name: r.Name, Description: r.Description, ManageInfrastructure: r.ManageInfrastructure, ManageTeams: r.ManageTeams, Environments: map[string]sim.EnvironmentPermission{}}
		for envName, level := range r.Levels {
			key, err := b.env(envName)
			if err != nil {
				return fmt.Errorf("role %q: %w", r.Name, err)
			}
			if level < 0 || level > 6 {
				return fmt.Errorf("role %q: level %d in %s is not 0-6", r.Name, level, envName)
			}
			role.Environments[key] = sim.EnvironmentPermission{Level: level}
		}
		if _, err := b.s.AddRole(role); err != nil {
			return fmt.Errorf("role %q: %w", r.Name, err)
		}
	}
	return nil
}

func (b *fileBuilder) users(f *scenarioFile) error {
	for _, u := range f.Users {
		roleKey, err := b.role(u.Role)
		if err != nil {
			return fmt.Errorf("user %q: %w", u.Username, err)
		}
		added, err := b.s.AddUser(sim.User{Username: u.Username, Name: u.Name, Email: u.Email, RoleKey: roleKey, Password: u.Password, IsActive: !u.Inactive})
		if err != nil {
			return fmt.Errorf("user %q: %w", u.Username, err)
		}
		b.userKeys[u.Username] = added.Key
	}
	return nil
}

func (b *fileBuilder) teams(f *scenarioFile) error {
	for _, t := range f.Teams {
		team := sim.Team{Name: t.Name, Description: t.Description}
		for _, m := range t.Members {
			userKey, ok := b.userKeys[m.Username]
			if !ok {
				return fmt.Errorf("team %q: user %q is not one of the file's users", t.Name, m.Username)
			}
			roleKey, err := b.role(m.Role)
			if err != nil || roleKey == "" {
				return fmt.Errorf("team %q: member %q needs a known role (%q)", t.Name, m.Username, m.Role)
			}
			team.Members = append(team.Members, sim.TeamMember{UserKey: userKey, RoleKey: roleKey})
		}
		for _, name := range t.Applications {
			app, ok := b.s.ApplicationByName(name)
			if !ok {
				return fmt.Errorf("team %q: unknown application %q", t.Name, name)
			}
			team.Apps = append(team.Apps, app.Key)
		}
		if _, err := b.s.AddTeam(team); err != nil {
			return fmt.Errorf("team %q: %w", t.Name, err)
		}
	}
	return nil
}

func (b *fileBuilder) connections(f *scenarioFile) error {
	for _, c := range f.DBConnections {
		envKey, err := b.env(c.Environment)
		if err != nil {
			return fmt.Errorf("DB connection %q: %w", c.Name, err)
		}
		if err := b.s.AddDBConnection(envKey, sim.DBConnection{Name: c.Name, ProviderKey: c.ProviderKey, Description: c.Description, Username: c.Username, Password: c.Password, ConfigParams: c.ConfigParams}); err != nil {
			return fmt.Errorf("DB connection %q: %w", c.Name, err)
		}
	}
	return nil
}

func (b *fileBuilder) logins(f *scenarioFile) error {
	for _, l := range f.BlockedLogins {
		envKey := ""
		if l.Environment != "" {
			var err error
			if envKey, err = b.env(l.Environment); err != nil {
				return fmt.Errorf("blocked login of %q: %w", l.Username, err)
			}
		}
		attempt := sim.LoginAttempt{Username: l.Username, IPAddress: l.IPAddress, EnvironmentKey: envKey, Blocked: true, UsernameFailureCount: 5, Result: "Blocked"}
		if err := b.s.AddLoginAttempt(attempt); err != nil {
			return fmt.Errorf("blocked login of %q: %w", l.Username, err)
		}
	}
	return nil
}

func (b *fileBuilder) accounts(f *scenarioFile) error {
	for _, a := range f.ServiceAccounts {
		if _, err := b.s.AddServiceAccount(sim.ServiceAccount{Username: a.Username, Token: a.Token, Permissions: a.Permissions}); err != nil {
			return fmt.Errorf("service account %q: %w", a.Username, err)
		}
	}
	return nil
}
