package sim

import (
	"fmt"
	"sort"
	"time"
)

// scenario builds a named infrastructure on a fresh simulator.
type scenario struct {
	description string
	console     string
	cloud       bool
	build       func(s *Sim, meta *Meta) error
}

// targetLifeTime is the LifeTime version the scenarios' upgrades aim at: the
// latest release in the compat snapshot (compat-facts.md §2.1, 11.30.1).
const targetLifeTime = "11.30.1"

// appPlatformServer is the Platform Server of the scenarios' O11 application
// environments: a supported O11 release (compat-facts.md §2.2, 11.34.1).
const appPlatformServer = "11.34.1.44911"

// scenarios returns the named scenarios NewScenario builds.
func scenarios() map[string]scenario {
	return map[string]scenario{
		"default": {
			description: "Self-managed infrastructure: a dedicated LifeTime environment on LifeTime 11.25.4 managing Development, Test and Production on Platform Server 11.34.1, with two LifeTime plugins.",
			console:     "11.25.4",
			build:       func(s *Sim, m *Meta) error { return buildStandard(s, m, "self-managed", false) },
		},
		"cloud": {
			description: "OutSystems Cloud: LifeTime 11.27.4 and its environments run in OutSystems Cloud; LifeTime upgrades go through a support case.",
			console:     "11.27.4",
			cloud:       true,
			build:       func(s *Sim, m *Meta) error { return buildStandard(s, m, "cloud", true) },
		},
		"hybrid-old-licence": {
			description: "Hybrid: LifeTime in OutSystems Cloud managing self-managed environments, licence bought in 2019 (hybrid is supported for licences bought before 2020-01-01).",
			console:     "11.25.4",
			cloud:       true,
			build: func(s *Sim, m *Meta) error {
				m.LicensePurchased = time.Date(2019, 6, 14, 0, 0, 0, 0, time.UTC)
				return buildStandard(s, m, "hybrid", false)
			},
		},
		"hybrid-new-licence": {
			description: "Hybrid: LifeTime in OutSystems Cloud managing self-managed environments, licence bought in 2021 (hybrid is not supported for licences bought from 2020-01-01).",
			console:     "11.25.4",
			cloud:       true,
			build: func(s *Sim, m *Meta) error {
				m.LicensePurchased = time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)
				return buildStandard(s, m, "hybrid", false)
			},
		},
		"shared-lifetime": {
			description: "Self-managed, but LifeTime is installed in the Production environment instead of a dedicated one (unsupported: compat-facts.md S10-S11).",
			console:     "11.25.4",
			build: func(s *Sim, m *Meta) error {
				if err := buildStandard(s, m, "self-managed", false); err != nil {
					return err
				}
				prod, _ := s.EnvironmentByName("Production")
				s.mu.Lock()
				defer s.mu.Unlock()
				e := s.env(prod.Key)
				e.HostName = s.lifetime.HostName
				e.OSVersion = s.lifetime.PlatformServerVersion
				s.lifetime.SharedWithEnvironment = e.Key
				// One environment, one Service Center: Production's is LifeTime's,
				// with the Production applications' modules next to the plugins.
				e.sc = s.sc
				s.syncServiceCenter(e)
				return nil
			},
		},
		"o10-environment": {
			description: "Self-managed; besides Development, Test and Production on O11, a Legacy environment still runs Platform Server 10 (past end of support; LifeTime 11 still manages it).",
			console:     "11.25.4",
			build: func(s *Sim, m *Meta) error {
				if err := buildStandard(s, m, "self-managed", false); err != nil {
					return err
				}
				legacy, err := s.AddEnvironment(Environment{Name: "Legacy", Type: "Production", Order: 3, OSVersion: "10.0.1115.0", UseHTTPS: true})
				if err != nil {
					return err
				}
				app, err := s.AddApplication(Application{Name: "Legacy Claims", Modules: []Module{{Name: "LegacyClaims"}}})
				if err != nil {
					return err
				}
				v, err := s.TagVersion(app.Key, "", "3.2", "Last O10 release")
				if err != nil {
					return err
				}
				return s.RunApplication(legacy.Key, app.Key, v.Key, false)
			},
		},
		"plugin-publish-fails": {
			description: "Like default, but republishing the LifeTime plugin AuditTrailPlugin fails in the LifeTime environment's Service Center.",
			console:     "11.25.4",
			build: func(s *Sim, m *Meta) error {
				if err := buildStandard(s, m, "self-managed", false); err != nil {
					return err
				}
				s.sc.FailPublishOf("AuditTrailPlugin")
				return nil
			},
		},
		"slow-console-return": {
			description: "Like default, but after UpgradeConsole the console stays unavailable for at least 45 minutes of simulated time, whatever downtime is asked for.",
			console:     "11.25.4",
			build: func(s *Sim, m *Meta) error {
				s.minUpgradeDowntime = 45 * time.Minute
				return buildStandard(s, m, "self-managed", false)
			},
		},
	}
}

// ScenarioNames lists the scenarios NewScenario accepts, sorted.
func ScenarioNames() []string {
	all := scenarios()
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// NewScenario returns a simulator seeded with the named scenario (see
// ScenarioNames). opts supplies the seed, clock, durations and logger; its
// ConsoleVersion and Cloud override the scenario's when set. The scenario's
// out-of-band facts are in Meta.
func NewScenario(name string, opts Options) (*Sim, error) {
	sc, ok := scenarios()[name]
	if !ok {
		return nil, fmt.Errorf("sim: unknown scenario %q (known: %v)", name, ScenarioNames())
	}
	if opts.ConsoleVersion == "" {
		opts.ConsoleVersion = sc.console
	}
	opts.Cloud = opts.Cloud || sc.cloud
	s := New(opts)
	meta := Meta{Scenario: name, Description: sc.description, TargetLifeTimeVersion: targetLifeTime, LicensePurchased: time.Date(2022, 5, 2, 0, 0, 0, 0, time.UTC)}
	if err := sc.build(s, &meta); err != nil {
		return nil, fmt.Errorf("sim: scenario %s: %w", name, err)
	}
	s.mu.Lock()
	s.meta = meta
	s.mu.Unlock()
	return s, nil
}

// buildStandard seeds Development, Test and Production with three
// applications, users, a team, DB connections and two LifeTime plugins.
func buildStandard(s *Sim, m *Meta, model string, cloud bool) error {
	m.DeploymentModel = model
	m.Plugins = []string{"AuditTrailPlugin", "DeploymentNotifierPlugin"}
	m.Integrations = []Integration{
		{Name: "Jenkins release pipeline", APIs: []string{"LifeTime REST v2"}},
		{Name: "Access review job", APIs: []string{"LifeTime Services"}},
	}
	var envs [3]Environment
	for i, spec := range []struct{ name, typ string }{{"Development", "Development"}, {"Test", "Test"}, {"Production", "Production"}} {
		e, err := s.AddEnvironment(Environment{Name: spec.name, Type: spec.typ, Order: i, OSVersion: appPlatformServer, UseHTTPS: true, IsCloud: cloud, NumberOfFrontEnds: 1 + i})
		if err != nil {
			return err
		}
		envs[i] = e
	}
	dev, test, prod := envs[0], envs[1], envs[2]
	core, err := s.AddApplication(Application{Name: "Core Services", Description: "Shared entities and services", Modules: []Module{{Name: "CoreServices_CS"}, {Name: "CoreServices_Lib", Kind: "Extension", LogicalDatabases: []string{"CoreDB"}}}})
	if err != nil {
		return err
	}
	portal, err := s.AddApplication(Application{Name: "Customer Portal", Description: "Self-service portal", Modules: []Module{{Name: "CustomerPortal"}, {Name: "CustomerPortal_Th"}}, DependsOn: []string{core.Key}})
	if err != nil {
		return err
	}
	mobile, err := s.AddApplication(Application{Name: "Field Inspections", Kind: "Mobile", Modules: []Module{{Name: "FieldInspections"}}})
	if err != nil {
		return err
	}
	for _, e := range envs {
		if err := s.AddDBConnection(e.Key, DBConnection{Name: "CoreDB_" + e.Name, ProviderKey: "SqlServer", Description: "Core database", Username: "core", Password: "not-a-secret", ConfigParams: "Server=db." + e.HostName + ";Database=core"}); err != nil {
			return err
		}
		if err := s.MapLogicalDatabase(e.Key, core.Modules[1].Key, "CoreDB", "CoreDB_"+e.Name); err != nil {
			return err
		}
	}
	tags := []struct {
		app      Application
		versions []string
	}{{core, []string{"1.0", "1.1", "1.2"}}, {portal, []string{"2.0", "2.1"}}, {mobile, []string{"0.9"}}}
	for _, t := range tags {
		var keys []string
		for _, v := range t.versions {
			av, err := s.TagVersion(t.app.Key, dev.Key, v, "Release "+v)
			if err != nil {
				return err
			}
			keys = append(keys, av.Key)
		}
		last := keys[len(keys)-1]
		if err := s.RunApplication(dev.Key, t.app.Key, last, t.app.Key == portal.Key); err != nil {
			return err
		}
		if err := s.RunApplication(test.Key, t.app.Key, last, false); err != nil {
			return err
		}
		if err := s.RunApplication(prod.Key, t.app.Key, keys[0], false); err != nil {
			return err
		}
	}
	dev2, err := s.AddUser(User{Username: "ana.silva", Name: "Ana Silva", Email: "ana.silva@example.test", IsActive: true})
	if err != nil {
		return err
	}
	ops, err := s.AddUser(User{Username: "joao.costa", Name: "João Costa", Email: "joao.costa@example.test", IsActive: true, RoleKey: s.mustRole("Administrator")})
	if err != nil {
		return err
	}
	if _, err := s.AddTeam(Team{Name: "Digital Channels", Description: "Customer-facing applications", Members: []TeamMember{{UserKey: dev2.Key, RoleKey: s.mustRole("Developer")}, {UserKey: ops.Key, RoleKey: s.mustRole("Administrator")}}, Apps: []string{portal.Key, mobile.Key}}); err != nil {
		return err
	}
	if err := s.AddLoginAttempt(LoginAttempt{UserID: 7, Username: "ana.silva", IPAddress: "198.51.100.23", UsernameFailureCount: 5, OriginAddressFailureCount: 5, UserAgent: "Mozilla/5.0", Result: "Blocked", EnvironmentKey: test.Key, Blocked: true}); err != nil {
		return err
	}
	for i, p := range m.Plugins {
		s.AddPlugin(p, []string{"Audit Trail", "Deployment Notifier"}[i])
	}
	return nil
}

// mustRole returns the key of a built-in role.
func (s *Sim) mustRole(name string) string {
	r, _ := s.RoleByName(name)
	return r.Key
}
