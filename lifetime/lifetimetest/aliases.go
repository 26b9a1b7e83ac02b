package lifetimetest

import (
	"time"

	"github.com/go-outsystems/outsystems/internal/sim"
	"github.com/go-outsystems/outsystems/internal/sim/scsim"
)

// Types of the simulator, usable by tests outside this module.
type (
	// Sim is the simulated infrastructure behind a Server: seed it
	// (AddEnvironment, AddApplication, TagVersion, ...), inspect it
	// (Deployment, Counters, Running), inject faults (InjectFault) and
	// upgrade the console (UpgradeConsole).
	Sim = sim.Sim
	// Clock is the source of simulated time.
	Clock = sim.Clock
	// ManualClock is a Clock that moves only when the test advances it.
	ManualClock = sim.ManualClock
	// RealClock follows the wall clock, optionally sped up.
	RealClock = sim.RealClock
	// Environment describes a registered environment.
	Environment = sim.Environment
	// LifeTimeEnvironment describes the environment LifeTime runs in.
	LifeTimeEnvironment = sim.LifeTimeEnvironment
	// Application describes an application and its modules.
	Application = sim.Application
	// Module describes a module.
	Module = sim.Module
	// ApplicationVersion is a tagged application version.
	ApplicationVersion = sim.ApplicationVersion
	// MobileVersion is the native version of a mobile application version.
	MobileVersion = sim.MobileVersion
	// RunningApp is what an environment runs of an application.
	RunningApp = sim.RunningApp
	// Role is a LifeTime role.
	Role = sim.Role
	// EnvironmentPermission is a role's permission in one environment.
	EnvironmentPermission = sim.EnvironmentPermission
	// User is an IT user.
	User = sim.User
	// Team is a team of users and applications.
	Team = sim.Team
	// TeamMember is a user's membership of a team.
	TeamMember = sim.TeamMember
	// DBConnection is a DB connection of an environment.
	DBConnection = sim.DBConnection
	// LoginAttempt is a (possibly blocked) login attempt.
	LoginAttempt = sim.LoginAttempt
	// ServiceAccount is a service account with its token.
	ServiceAccount = sim.ServiceAccount
	// Permission limits what a service-account token may do.
	Permission = sim.Permission
	// Deployment is a snapshot of a deployment plan.
	Deployment = sim.Deployment
	// DeploymentStatus is a plan's DeploymentStatus.
	DeploymentStatus = sim.DeploymentStatus
	// DeploymentMessage is an entry of a deployment log.
	DeploymentMessage = sim.DeploymentMessage
	// DeploymentOperation is an application operation of a plan.
	DeploymentOperation = sim.DeploymentOperation
	// DeploymentBehaviour says how deployments run in simulated time.
	DeploymentBehaviour = sim.DeploymentBehaviour
	// Outcome is how a deployment ends.
	Outcome = sim.Outcome
	// Fault describes a fault to inject.
	Fault = sim.Fault
	// FaultKind is a kind of fault.
	FaultKind = sim.FaultKind
	// Counters counts what the simulator served.
	Counters = sim.Counters
	// Meta holds the scenario's out-of-band facts (deployment model, licence
	// date, plugins, integrations) that no API returns.
	Meta = sim.Meta
	// Integration is a declared system calling the LifeTime APIs.
	Integration = sim.Integration
	// ServiceCenter is the LifeTime environment's simulated Service Center.
	ServiceCenter = scsim.ServiceCenter
	// ServiceCenterModule is a module of the LifeTime environment's Service
	// Center.
	ServiceCenterModule = scsim.Module
)

// Deployment statuses (lifetime-rest-api.md §4.1).
const (
	StatusSaved                 = sim.StatusSaved
	StatusRunning               = sim.StatusRunning
	StatusNeedsUserIntervention = sim.StatusNeedsUserIntervention
	StatusAborting              = sim.StatusAborting
	StatusAborted               = sim.StatusAborted
	StatusFinishedSuccessful    = sim.StatusFinishedSuccessful
	StatusFinishedWithWarnings  = sim.StatusFinishedWithWarnings
	StatusFinishedWithErrors    = sim.StatusFinishedWithErrors
	StatusForceFinished         = sim.StatusForceFinished
)

// Info values of needs_user_intervention.
const (
	InfoDeploymentPrepared               = sim.InfoDeploymentPrepared
	InfoBusinessProcessImpact            = sim.InfoBusinessProcessImpact
	InfoNeedsConfigurationOrConfirmation = sim.InfoNeedsConfigurationOrConfirmation
	InfoDeploymentSuspended              = sim.InfoDeploymentSuspended
)

// Deployment outcomes.
const (
	OutcomeSuccess  = sim.OutcomeSuccess
	OutcomeWarnings = sim.OutcomeWarnings
	OutcomeErrors   = sim.OutcomeErrors
)

// Fault kinds.
const (
	FaultLatency         = sim.FaultLatency
	FaultStatus          = sim.FaultStatus
	FaultTooManyRequests = sim.FaultTooManyRequests
	FaultResetBefore     = sim.FaultResetBefore
	FaultResetAfter      = sim.FaultResetAfter
	FaultTruncate        = sim.FaultTruncate
	FaultMalformed       = sim.FaultMalformed
	FaultSlowBody        = sim.FaultSlowBody
)

// Service-account permissions.
const (
	PermRead                 = sim.PermRead
	PermDeploy               = sim.PermDeploy
	PermSourceCode           = sim.PermSourceCode
	PermManageUsers          = sim.PermManageUsers
	PermManageInfrastructure = sim.PermManageInfrastructure
)

// NewManualClock returns a ManualClock reading t0.
func NewManualClock(t0 time.Time) *ManualClock { return sim.NewManualClock(t0) }

// NewRealClock returns a clock that runs speed times faster than the wall
// clock (speed <= 0 means 1).
func NewRealClock(speed float64) *RealClock { return sim.NewRealClock(speed) }

// ScenarioNames lists the scenarios WithScenario accepts.
func ScenarioNames() []string { return sim.ScenarioNames() }
