package compat

import (
	"fmt"
	"slices"
	"time"
)

// DeploymentModel is how the infrastructure is run.
type DeploymentModel int

const (
	// DeploymentUnknown: not stated; rules assume the stricter case and warn.
	DeploymentUnknown DeploymentModel = iota
	// Cloud: OutSystems Cloud; OutSystems upgrades LifeTime through a support case.
	Cloud
	// SelfManaged: installed and upgraded by the customer.
	SelfManaged
	// Hybrid: LifeTime in OutSystems Cloud managing self-managed environments.
	Hybrid
)

// String returns "unknown", "cloud", "self-managed" or "hybrid".
func (d DeploymentModel) String() string {
	switch d {
	case Cloud:
		return "cloud"
	case SelfManaged:
		return "self-managed"
	case Hybrid:
		return "hybrid"
	default:
		return "unknown"
	}
}

// Dedication says whether the LifeTime environment runs only LifeTime.
type Dedication int

const (
	// DedicationUnknown: not stated.
	DedicationUnknown Dedication = iota
	// Dedicated: the LifeTime environment runs LifeTime (and its plugins) only.
	Dedicated
	// Shared: LifeTime shares its environment with applications.
	Shared
)

// Environment is one application environment managed by LifeTime.
type Environment struct {
	Name           string  // as LifeTime shows it, such as "Production"
	PlatformServer Version // the OSVersion LifeTime reports; zero when unknown
}

// Infrastructure describes an OutSystems infrastructure as the rules need
// it. Zero values mean "unknown"; rules then warn rather than pass.
type Infrastructure struct {
	// LifeTime is the console's LifeTime version (no API returns it; see
	// [Catalog.InferLifeTime]).
	LifeTime Version
	// LifeTimePlatformServer is the Platform Server of the LifeTime environment.
	LifeTimePlatformServer Version
	Deployment             DeploymentModel
	// LicensePurchased is when the OutSystems licence was bought (hybrid
	// infrastructures need a licence bought before 2020-01-01).
	LicensePurchased time.Time
	// LifeTimeEnvironment says whether LifeTime has an environment of its own.
	LifeTimeEnvironment Dedication
	// Environments are the application environments LifeTime manages.
	Environments []Environment
	// Plugins reports LifeTime plugins installed in the LifeTime environment.
	Plugins bool
	// Integrations lists how other systems call LifeTime or Service Center.
	Integrations []IntegrationKind
}

// Validate checks that the versions carry the right products (a
// [ProductUnknown] version is accepted and read as the expected product).
func (in Infrastructure) Validate() error {
	if _, err := in.LifeTime.As(LifeTime); err != nil {
		return fmt.Errorf("compat: Infrastructure.LifeTime: %w", err)
	}
	if _, err := in.LifeTimePlatformServer.As(PlatformServer); err != nil {
		return fmt.Errorf("compat: Infrastructure.LifeTimePlatformServer: %w", err)
	}
	for i, e := range in.Environments {
		if _, err := e.PlatformServer.As(PlatformServer); err != nil {
			return fmt.Errorf("compat: Infrastructure.Environments[%d] (%s): %w", i, e.Name, err)
		}
	}
	for _, k := range in.Integrations {
		if k != IntegrationREST && k != IntegrationSOAP {
			return fmt.Errorf("compat: Infrastructure.Integrations: unknown kind %q", k)
		}
	}
	return nil
}

// Filter returns the breaking-change filter for this infrastructure.
func (in Infrastructure) Filter() Filter {
	return Filter{
		Plugins:                  in.Plugins,
		Integrations:             slices.Clone(in.Integrations),
		OutSystems10Environments: slices.ContainsFunc(in.Environments, func(e Environment) bool { return !e.PlatformServer.IsZero() && e.PlatformServer.Major() == 10 }),
	}
}

// normalized returns a copy with products assigned.
func (in Infrastructure) normalized() Infrastructure {
	in.LifeTime, _ = in.LifeTime.As(LifeTime)
	in.LifeTimePlatformServer, _ = in.LifeTimePlatformServer.As(PlatformServer)
	envs := make([]Environment, len(in.Environments))
	for i, e := range in.Environments {
		e.PlatformServer, _ = e.PlatformServer.As(PlatformServer)
		envs[i] = e
	}
	in.Environments = envs
	return in
}

func (e Environment) subject() string {
	if e.PlatformServer.IsZero() {
		return fmt.Sprintf("environment %s (version unknown)", e.Name)
	}
	return fmt.Sprintf("environment %s (%s)", e.Name, e.PlatformServer.Label())
}
