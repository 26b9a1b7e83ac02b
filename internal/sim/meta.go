package sim

import "time"

// Meta holds facts about a simulated infrastructure that an upgrade needs but
// that no OutSystems API returns: they are out-of-band (a real tool gets them
// from its user or its configuration), and the simulator exposes them so that
// tests and examples can feed them to the code under test the way a user
// would.
type Meta struct {
	// Scenario is the scenario name ("" for New).
	Scenario string
	// Description says what the scenario models.
	Description string
	// DeploymentModel is "self-managed", "cloud" or "hybrid" (LifeTime in
	// OutSystems Cloud managing self-managed environments).
	DeploymentModel string
	// LicensePurchased is when the OutSystems licence was bought; hybrid
	// infrastructures are supported only for licences bought before
	// 2020-01-01 (compat-facts.md S12).
	LicensePurchased time.Time
	// TargetLifeTimeVersion is the LifeTime version the scenario's upgrade
	// aims at.
	TargetLifeTimeVersion string
	// Plugins are the names of the LifeTime plugin modules installed in the
	// LifeTime environment.
	Plugins []string
	// Integrations are the declared systems that call the LifeTime APIs.
	Integrations []Integration
}

// Integration is a system that calls the LifeTime APIs (declared by the
// user; nothing in LifeTime lists them).
type Integration struct {
	Name string
	// APIs lists what it calls, e.g. "LifeTime REST v2", "LifeTime Services".
	APIs []string
}

func (m Meta) clone() Meta {
	m.Plugins = append([]string(nil), m.Plugins...)
	ints := make([]Integration, len(m.Integrations))
	for i, in := range m.Integrations {
		in.APIs = append([]string(nil), in.APIs...)
		ints[i] = in
	}
	if m.Integrations == nil {
		ints = nil
	}
	m.Integrations = ints
	return m
}
