package upgrade

import (
	"context"
	"time"
)

// The interfaces below are all the package needs from the LifeTime REST
// client, the Service Center client of the LifeTime environment and package
// compat. Each is small so that callers can substitute their own (a fake in
// tests, a proxy, a client of another SDK). [FromClients] builds all of them
// from this module's clients.

// EnvironmentLister lists the environments registered in LifeTime.
type EnvironmentLister interface {
	// ListEnvironments returns every registered environment with its
	// Platform Server version.
	ListEnvironments(ctx context.Context) ([]Environment, error)
}

// DeploymentLister lists the console's deployment plans with their status.
type DeploymentLister interface {
	// ListDeployments returns the deployment plans created since the given
	// time, each with its current status.
	ListDeployments(ctx context.Context, since time.Time) ([]Deployment, error)
}

// ConsoleProber tells whether the LifeTime console answers.
type ConsoleProber interface {
	// Ping makes one cheap, read-only, authenticated call to the console
	// and returns its error. While LifeTime is being upgraded it fails
	// with 503 answers or refused connections.
	Ping(ctx context.Context) error
}

// ConsoleVersionReader reads the version of the LifeTime console.
type ConsoleVersionReader interface {
	// ConsoleVersion returns what is known of the console's version.
	ConsoleVersion(ctx context.Context) (ConsoleVersion, error)
}

// ModuleLister lists the modules of the LifeTime environment.
type ModuleLister interface {
	// ListModules returns the modules published in the LifeTime
	// environment, with their system and outdated flags.
	ListModules(ctx context.Context) ([]Module, error)
}

// PluginPublisher republishes the plugin modules through the Service
// Center of the LifeTime environment.
type PluginPublisher interface {
	// PublishPlugins creates (or refreshes) a solution named solution that
	// holds the given modules, publishes it and returns the publication ID.
	// Implementations that can only publish every non-system module of the
	// environment say so in their documentation.
	PublishPlugins(ctx context.Context, solution string, modules []string) (int64, error)
	// WaitPublish waits for the publication to finish and returns its
	// messages per module. progress, when not nil, receives each message
	// as it arrives. A publication that ends with errors is not an error
	// of WaitPublish: the errors are in the result.
	WaitPublish(ctx context.Context, publicationID int64, progress func(message string)) (PublishResult, error)
}

// SmokeCaller makes read-only calls that integrations depend on.
type SmokeCaller interface {
	// Smoke makes one read-only call of the given kind to the resource or
	// operation named by what (see [Integration.Uses]). It returns
	// [ErrNoSmokeCall] when it has no call for what.
	Smoke(ctx context.Context, kind IntegrationKind, what string) error
}

// RuleInput is what the rules of [Rules] look at.
type RuleInput struct {
	// Target is the LifeTime version to upgrade to.
	Target string
	// Facts are the caller's facts.
	Facts Facts
	// Inventory is what the inventory step read.
	Inventory Inventory
	// Plugins are the plugin modules found in the LifeTime environment.
	Plugins []Module
	// Now is the time rules use for support dates.
	Now time.Time
}

// Rules holds the OutSystems knowledge the checks apply: versions, the
// release catalogue, support rules and breaking changes. [CompatRules]
// implements it with package compat.
type Rules interface {
	// TargetVersion checks the target itself: known, newer than the
	// running console, not retracted.
	TargetVersion(in RuleInput) ([]Finding, error)
	// SupportedVersions checks that every application environment runs a
	// supported OutSystems version that LifeTime can manage.
	SupportedVersions(in RuleInput) ([]Finding, error)
	// DedicatedLifeTime checks that a self-managed LifeTime runs in a
	// dedicated environment.
	DedicatedLifeTime(in RuleInput) ([]Finding, error)
	// HybridLicence checks that a hybrid infrastructure has a licence
	// bought before January 2020.
	HybridLicence(in RuleInput) ([]Finding, error)
	// BreakingChanges lists the breaking changes between the running and
	// the target LifeTime that affect the plugins and integrations.
	BreakingChanges(in RuleInput) ([]Finding, error)
	// AtTarget compares the console's version with the target: certain
	// when the console is surely at the target or newer, possible when the
	// target is one of the versions it may run (an inferred version that
	// cannot tell neighbouring releases apart).
	AtTarget(console ConsoleVersion, target string) (certain, possible bool, err error)
}

// Clients are the dependencies of the ready-made steps. A step returns
// [ErrMissingClient] when a client it needs is nil; fill only what the
// steps you run need.
type Clients struct {
	// ConsoleHost is the LifeTime console's host name, used to detect a
	// LifeTime that shares an application environment's servers.
	ConsoleHost string
	// Environments, Deployments, Console and Smoke talk to the LifeTime
	// REST API.
	Environments EnvironmentLister // inventory
	Deployments  DeploymentLister  // check-deployment-queue
	Console      ConsoleProber     // wait-for-console
	Smoke        SmokeCaller       // verify-integrations
	// Version, Modules and Publisher talk to the Service Center of the
	// LifeTime environment.
	Version   ConsoleVersionReader // inventory, wait-for-console
	Modules   ModuleLister         // detect-plugins, verify-plugins
	Publisher PluginPublisher      // republish-plugins
	// Rules is the OutSystems knowledge (package compat).
	Rules Rules
}
