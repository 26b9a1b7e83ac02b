package upgrade

import "time"

// DeploymentModel says who runs the LifeTime console.
type DeploymentModel string

// Deployment models of an OutSystems infrastructure.
const (
	// SelfManaged: the customer installs and upgrades LifeTime.
	SelfManaged DeploymentModel = "self-managed"
	// Cloud: OutSystems Cloud; OutSystems upgrades LifeTime on a support case.
	Cloud DeploymentModel = "cloud"
	// Hybrid: LifeTime runs in OutSystems Cloud and manages self-managed
	// environments; supported only for licences bought before January 2020.
	Hybrid DeploymentModel = "hybrid"
)

// valid reports whether m is one of the known models.
func (m DeploymentModel) valid() bool {
	return m == SelfManaged || m == Cloud || m == Hybrid
}

// IntegrationKind is the API an integration calls.
type IntegrationKind string

// Kinds of integrations with LifeTime.
const (
	// IntegrationREST calls the LifeTime REST API v2.
	IntegrationREST IntegrationKind = "rest"
	// IntegrationSOAP calls the LifeTime Services SOAP API (deprecated
	// upstream since LifeTime 11.16.0).
	IntegrationSOAP IntegrationKind = "soap"
)

// Integration is an application or system that calls the LifeTime APIs
// directly. No API lists them: the caller declares them in [Facts].
type Integration struct {
	// Name identifies the integration in the report, e.g. "jenkins".
	Name string `json:"name"`
	// Kind is the API it calls.
	Kind IntegrationKind `json:"kind"`
	// Uses lists what it calls. For REST, resource names as in the API
	// paths ("environments", "applications", "deployments", "modules",
	// "users", "roles", "teams"); verify-integrations makes one read-only
	// smoke call per resource. For SOAP, operation names.
	Uses []string `json:"uses,omitempty"`
}

// Facts are what the caller knows about the infrastructure that no API
// says: who runs it, when the licence was bought, which integrations call
// LifeTime, which modules are plugins.
type Facts struct {
	// Model is the deployment model. Required.
	Model DeploymentModel
	// LicencePurchased is when the OutSystems licence was bought.
	// Required when Model is Hybrid.
	LicencePurchased time.Time
	// Infrastructure names the infrastructure in the support case,
	// e.g. the customer's subscription name. Optional.
	Infrastructure string
	// ConsoleVersion is the running LifeTime version when the caller knows
	// it (the LifeTime footer shows it). Optional: without it the version is
	// inferred from the LifeTime environment's Platform Server.
	ConsoleVersion string
	// DedicatedLifeTime overrides the detection of whether LifeTime runs in
	// an environment of its own. Optional.
	DedicatedLifeTime *bool
	// PluginModules names the modules of the LifeTime plugins installed in
	// the LifeTime environment. Optional: when empty, every non-system
	// module of the LifeTime environment counts as a plugin module, which is
	// right for a dedicated LifeTime environment.
	PluginModules []string
	// Integrations lists the integrations that call LifeTime. Optional.
	Integrations []Integration
	// Window is the maintenance window to ask for in the support case,
	// free text. Optional.
	Window string
}

// Environment is an application environment registered in LifeTime.
type Environment struct {
	// Key is the LifeTime environment key.
	Key string `json:"key"`
	// Name is the environment name, e.g. "Production".
	Name string `json:"name"`
	// HostName is the environment's host.
	HostName string `json:"host_name,omitempty"`
	// PlatformServer is the environment's Platform Server version
	// (LifeTime's OSVersion field), as LifeTime prints it.
	PlatformServer string `json:"platform_server"`
	// Cloud is true for an OutSystems Cloud environment.
	Cloud bool `json:"cloud,omitempty"`
}

// ConsoleVersion is what is known of the LifeTime console's version.
type ConsoleVersion struct {
	// PlatformServer is the Platform Server version of the LifeTime
	// environment (Service Center GetPlatformInfo on the console host).
	PlatformServer string `json:"platform_server,omitempty"`
	// LifeTime is the LifeTime version, when known exactly.
	LifeTime string `json:"lifetime,omitempty"`
	// LifeTimeMin and LifeTimeMax bound the LifeTime version when it was
	// inferred (LifeTimeMax empty means "or newer"). LifeTime has no API
	// that returns its own version.
	LifeTimeMin string `json:"lifetime_min,omitempty"`
	LifeTimeMax string `json:"lifetime_max,omitempty"`
	// Inferred is true when LifeTime is not known exactly.
	Inferred bool `json:"inferred,omitempty"`
}

// String renders the console version for people.
func (c ConsoleVersion) String() string {
	switch {
	case c.LifeTime != "" && !c.Inferred:
		return "LifeTime " + c.LifeTime
	case c.LifeTimeMin != "" && c.LifeTimeMax != "":
		return "LifeTime " + c.LifeTimeMin + " to " + c.LifeTimeMax + " (inferred from Platform Server " + c.PlatformServer + ")"
	case c.LifeTimeMin != "":
		return "LifeTime " + c.LifeTimeMin + " or newer (inferred from Platform Server " + c.PlatformServer + ")"
	case c.PlatformServer != "":
		return "unknown LifeTime on Platform Server " + c.PlatformServer
	default:
		return "unknown"
	}
}

// Dedication says whether LifeTime has an environment of its own.
type Dedication string

// Dedications of the LifeTime environment.
const (
	// DedicationUnknown: neither the caller nor the inventory could tell.
	DedicationUnknown Dedication = "unknown"
	// Dedicated: LifeTime runs in an environment of its own.
	Dedicated Dedication = "dedicated"
	// Shared: LifeTime shares an application environment's servers.
	Shared Dedication = "shared"
)

// Inventory is what the inventory step read from the infrastructure.
type Inventory struct {
	// ConsoleHost is the LifeTime console's host.
	ConsoleHost string `json:"console_host,omitempty"`
	// Console is the console's version.
	Console ConsoleVersion `json:"console"`
	// Environments are the application environments registered in LifeTime.
	Environments []Environment `json:"environments"`
	// Dedication says whether LifeTime runs in an environment of its own.
	Dedication Dedication `json:"dedication"`
	// SharedWith names the application environment LifeTime shares its
	// servers with, when it is not dedicated.
	SharedWith string `json:"shared_with,omitempty"`
}

// Module is a module of the LifeTime environment, as its Service Center
// lists it.
type Module struct {
	// Name is the module (eSpace or extension) name.
	Name string `json:"name"`
	// Key is the module key, when known.
	Key string `json:"key,omitempty"`
	// System is true for modules that ship with the platform or LifeTime.
	System bool `json:"system,omitempty"`
	// Outdated is true when Service Center says the module has outdated
	// references or was not published since the last version update.
	Outdated bool `json:"outdated,omitempty"`
}

// Deployment is a deployment plan of the console.
type Deployment struct {
	// Key is the deployment key.
	Key string `json:"key"`
	// Status is LifeTime's DeploymentStatus: saved, running,
	// needs_user_intervention, aborting, aborted, finished_successful, ...
	Status string `json:"status"`
	// Source and Target name the environments.
	Source string `json:"source,omitempty"`
	Target string `json:"target,omitempty"`
}

// PublishResult is the outcome of a publication of the plugin modules.
type PublishResult struct {
	// Solution is the Service Center solution that was published.
	Solution string `json:"solution"`
	// PublicationID identifies the publication in Service Center.
	PublicationID int64 `json:"publication_id"`
	// Modules holds the errors and warnings per module; modules without
	// messages may be missing.
	Modules []ModulePublish `json:"modules,omitempty"`
	// Errors and Warnings are messages not tied to one module.
	Errors   []string `json:"errors,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

// Failed reports whether the publication reported any error.
func (p PublishResult) Failed() bool {
	if len(p.Errors) > 0 {
		return true
	}
	for _, m := range p.Modules {
		if len(m.Errors) > 0 {
			return true
		}
	}
	return false
}

// ModulePublish is the publication result of one module.
type ModulePublish struct {
	// Module is the module name.
	Module string `json:"module"`
	// Errors and Warnings are the publication messages for this module.
	Errors   []string `json:"errors,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}
