package sim

import (
	"time"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
)

// This file holds the simulator's data model. Exported types are seeding and
// inspection values (what callers pass to AddXxx and get back from the
// inspection methods); the simulator keeps its own copies, so mutating a value
// after passing it in has no effect. Wire (JSON) shapes live next to the
// handlers that produce them: the model is not the wire.

// Environment describes an environment registered in the simulated LifeTime.
type Environment struct {
	// Key is the environment key; a random GUID is generated when empty.
	Key string
	// Name is the display name, e.g. "Development".
	Name string
	// OSVersion is the Platform Server version, e.g. "11.30.1.41234".
	OSVersion string
	// Order is the staging position (0 first).
	Order int
	// HostName is the environment's host name.
	HostName string
	// UseHTTPS says whether LifeTime talks to the environment over HTTPS.
	UseHTTPS bool
	// Type is the EnvironmentType: "Development", "Test", "Production" or "".
	Type string
	// NumberOfFrontEnds is the number of front-end servers (default 1).
	NumberOfFrontEnds int
	// ApplicationServerType is ".NET" or "JAVA" (default ".NET").
	ApplicationServerType string
	// ApplicationServer is "IIS", "JBoss" or "WebLogic" (default "IIS").
	ApplicationServer string
	// DatabaseProvider is "SQLServer" (as the real server spells it) or "Oracle".
	DatabaseProvider string
	// IsCloud says whether the environment runs in OutSystems Cloud.
	IsCloud bool
	// IsOffline marks the environment unreachable: start and continue are refused.
	IsOffline bool
	// ParallelDeploymentLimit is the number of plans that may run at once on
	// this target (LifeTime >= 11.24.0 self-managed). 0 means the default, 5;
	// 1 disables parallel execution.
	ParallelDeploymentLimit int
	// AllowBinaryDeployments allows POST /environments/{k}/deployment/ to a
	// Production environment (the LifeTime setting is off by default).
	AllowBinaryDeployments bool
}

// DeploymentZone is a deployment zone of an environment.
type DeploymentZone struct {
	Key            string
	Name           string
	IsDefault      bool
	TechnologyKey  string
	TechnologyName string
}

// Template is an application template published in an environment.
type Template struct {
	Key             string
	Name            string
	Description     string
	ApplicationKind string
}

// Application is an application of the infrastructure.
type Application struct {
	// Key is the application key; generated when empty.
	Key string
	// Name must be unique.
	Name string
	// Kind is "WebResponsive", "Mobile", ... (default "WebResponsive").
	Kind        string
	Team        string
	Description string
	IsSystem    bool
	// Modules are the application's modules; keys are generated when empty.
	Modules []Module
	// DependsOn lists the keys of producer applications: a plan that deploys
	// this application to a target where a producer is neither running nor
	// deployed by the same plan gets a "Producer Module Missing" conflict.
	DependsOn []string
}

// Module is a module (eSpace or Extension).
type Module struct {
	Key         string
	Name        string
	Description string
	// Kind is "eSpace" (default) or "Extension".
	Kind string
	// LogicalDatabases are the logical databases of an extension; a
	// deployment of it to a target without a mapping for each pauses with
	// Info "needs_configuration_or_confirmation".
	LogicalDatabases []string
}

// ModuleVersion is a version of a module.
type ModuleVersion struct {
	Key               string
	ModuleKey         string
	CreatedOn         time.Time
	CreatedBy         string
	CreatedByUsername string
	GeneralHash       string
}

// MobileVersion is the native version of a mobile application version.
type MobileVersion struct {
	NativePlatform     string
	VersionNumber      string
	VersionDescription string
}

// ApplicationVersion is a tagged version of an application.
type ApplicationVersion struct {
	Key            string
	ApplicationKey string
	Version        string
	ChangeLog      string
	CreatedOn      time.Time
	MobileVersions []MobileVersion
	// ModuleVersionKeys are the module versions of the tag, one per module.
	ModuleVersionKeys []string
	// EnvironmentKey is the environment the tag was created from.
	EnvironmentKey string
}

// RunningApp is what an environment runs of an application.
type RunningApp struct {
	EnvironmentKey string
	ApplicationKey string
	// VersionKey is the tag the running code is based on ("" for never tagged).
	VersionKey string
	// IsModified says the running code changed since that tag.
	IsModified        bool
	DeploymentZoneKey string
}

// Role is a LifeTime role with its per-environment permission levels.
type Role struct {
	Key                  string
	Name                 string
	Description          string
	ManageInfrastructure bool
	ManageTeams          bool
	// Reserved roles (Administrator, ...) cannot be deleted or changed.
	Reserved bool
	// Environments maps environment keys to permissions.
	Environments map[string]EnvironmentPermission
}

// EnvironmentPermission is a role's permission in one environment.
type EnvironmentPermission struct {
	// Level: 0 No Access, 1 Access, 2 List Applications, 3 Monitor and Add
	// Dependencies, 4 Open and Debug Applications, 5 Change and Deploy
	// Applications, 6 Full Control (docs api-register-env.md).
	Level                   int
	CreateApplications      bool
	AddDependenciesToSystem bool
}

// User is a LifeTime IT user.
type User struct {
	Key      string
	Username string
	Name     string
	Email    string
	IsActive bool
	RoleKey  string
	Password string
	// ApplicationRoles maps application keys to role keys.
	ApplicationRoles map[string]string
}

// Team groups users (each with a role in the team) and applications.
type Team struct {
	Key         string
	Name        string
	Description string
	Members     []TeamMember
	Apps        []string
}

// TeamMember is a user's membership of a team.
type TeamMember struct {
	UserKey string
	RoleKey string
}

// DBConnection is a database connection of an environment.
type DBConnection struct {
	Name         string
	ProviderKey  string
	Description  string
	Username     string
	Password     string
	ConfigParams string
	// RolePermissions maps role names to DB-connection permission levels.
	RolePermissions map[string]int
	// UserPermissions maps usernames to DB-connection permission levels.
	UserPermissions map[string]int
}

// LoginAttempt is a (possibly blocked) login attempt on an environment.
type LoginAttempt struct {
	UserID                    int
	Username                  string
	Success                   bool
	Instant                   time.Time
	IPAddress                 string
	UsernameFailureCount      int
	OriginAddressFailureCount int
	UserAgent                 string
	Visitor                   string
	RequestKey                string
	Result                    string
	EnvironmentKey            string
	// Blocked is true until the user or the IP address is unblocked.
	Blocked bool
}

// Permission is a capability a service-account token can be limited to.
// A route needing a permission the token lacks answers 403.
type Permission string

// Permissions checked by the REST routes.
const (
	// PermRead allows every read-only call.
	PermRead Permission = "read"
	// PermDeploy allows creating, changing and commanding deployments,
	// tagging versions, creating applications and application configurations.
	PermDeploy Permission = "deploy"
	// PermSourceCode allows source-code and binary downloads.
	PermSourceCode Permission = "source_code"
	// PermManageUsers allows users, roles and teams changes.
	PermManageUsers Permission = "manage_users"
	// PermManageInfrastructure allows environment registration, maintenance
	// mode, CSP, DB connections and unblocking logins.
	PermManageInfrastructure Permission = "manage_infrastructure"
)

// ServiceAccount is a LifeTime service account with its token.
type ServiceAccount struct {
	Key      string
	Username string
	Name     string
	// Token is the bearer token; generated when empty.
	Token string
	// Permissions limits what the token may do; empty means everything.
	Permissions []Permission
	// ExpiresAt is when the token expires (zero: never).
	ExpiresAt time.Time
}

// CSPDirective is one content security policy directive of an environment.
type CSPDirective struct {
	ID          int
	Value       string
	IsSetForEnv bool
}

// cspDirectiveNames are the directives of the CSPDirectives record, in the
// swagger's order.
var cspDirectiveNames = [...]string{"BaseUri", "ChildSrc", "ConnectSrc", "DefaultSrc", "FontSrc", "ImgSrc", "MediaSrc", "ObjectSrc", "PluginTypes", "ScriptSrc", "StyleSrc", "FrameAncestors", "ReportTo", "Other"}

// environment is the simulator's state of one environment.
type environment struct {
	Environment
	maintenance       bool
	maintenanceReason string
	zones             []DeploymentZone
	templates         []Template
	csp               map[string]CSPDirective
	dbConnections     []*DBConnection
	// dbMappings maps "extensionKey/logicalDatabase" to a DB connection name.
	dbMappings map[string]string
	// blockedApps maps application keys to the reason they are blocked from
	// deployment to this environment.
	blockedApps  map[string]string
	registeredOn time.Time
	// sc is the environment's Service Center.
	sc *scsim.ServiceCenter
}

// application is the simulator's state of one application.
type application struct {
	Application
	versions []*ApplicationVersion // oldest first
}

// module is the simulator's state of a module.
type module struct {
	Module
	appKey   string
	versions []*ModuleVersion // oldest first
}

// running is the state of an application in an environment.
type running struct {
	RunningApp
	// moduleVersions maps module keys to the module version running.
	moduleVersions map[string]string
}

// download is a short-lived link served by GET /downloads/{key}.
type download struct {
	key         string
	fileName    string
	contentType string
	content     []byte
	expires     time.Time
}

// ltsSession is a LifeTime Services (SOAP) session token.
type ltsSession struct {
	Username string
	Expires  time.Time
}
