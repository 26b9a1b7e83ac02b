package lifetime

// DeploymentStatus is the state of a deployment plan as the API reports it
// (GET /deployments/{DeploymentKey}/status/).
type DeploymentStatus string

// The deployment states documented in the swagger. Values not listed here
// may appear on newer LifeTime versions; [DeploymentsService.Wait] never
// treats them as success.
const (
	// DeploymentSaved: saved, not started. The only state DELETE accepts.
	DeploymentSaved DeploymentStatus = "saved"
	// DeploymentRunning: staging is running.
	DeploymentRunning DeploymentStatus = "running"
	// DeploymentNeedsUserIntervention: paused; Info says why.
	DeploymentNeedsUserIntervention DeploymentStatus = "needs_user_intervention"
	// DeploymentAborting: abort in progress.
	DeploymentAborting DeploymentStatus = "aborting"
	// DeploymentAborted: aborted (terminal, failure).
	DeploymentAborted DeploymentStatus = "aborted"
	// DeploymentFinishedSuccessful: done (terminal, success).
	DeploymentFinishedSuccessful DeploymentStatus = "finished_successful"
	// DeploymentFinishedWithWarnings: done with warnings in the log
	// (terminal, success that callers should show).
	DeploymentFinishedWithWarnings DeploymentStatus = "finished_with_warnings"
	// DeploymentFinishedWithErrors: done with errors (terminal, failure).
	DeploymentFinishedWithErrors DeploymentStatus = "finished_with_errors"
	// DeploymentForceFinished: forcefully finished from the console
	// (terminal; never treated as success).
	DeploymentForceFinished DeploymentStatus = "force_finished"
)

// Known reports whether s is one of the documented states.
func (s DeploymentStatus) Known() bool {
	switch s {
	case DeploymentSaved, DeploymentRunning, DeploymentNeedsUserIntervention, DeploymentAborting,
		DeploymentAborted, DeploymentFinishedSuccessful, DeploymentFinishedWithWarnings,
		DeploymentFinishedWithErrors, DeploymentForceFinished:
		return true
	}
	return false
}

// Terminal reports whether the plan can no longer change state.
func (s DeploymentStatus) Terminal() bool {
	switch s {
	case DeploymentAborted, DeploymentFinishedSuccessful, DeploymentFinishedWithWarnings,
		DeploymentFinishedWithErrors, DeploymentForceFinished:
		return true
	}
	return false
}

// Succeeded reports whether s is finished_successful or
// finished_with_warnings.
func (s DeploymentStatus) Succeeded() bool {
	return s == DeploymentFinishedSuccessful || s == DeploymentFinishedWithWarnings
}

// DeploymentInfo tells why a deployment needs user intervention; it is
// empty in the other states.
type DeploymentInfo string

// The documented Info values of needs_user_intervention.
const (
	// InfoDeploymentPrepared: two-step deployment, stage one done; continue
	// runs stage two.
	InfoDeploymentPrepared DeploymentInfo = "deployment_prepared"
	// InfoBusinessProcessImpact: warnings about business processes must
	// be reviewed before continuing.
	InfoBusinessProcessImpact DeploymentInfo = "business_process_impact"
	// InfoNeedsConfigurationOrConfirmation: waiting for settings, e.g.
	// unmapped extension logical databases (see
	// [DeploymentsService.GetMissingDBMappings]).
	InfoNeedsConfigurationOrConfirmation DeploymentInfo = "needs_configuration_or_confirmation"
	// InfoDeploymentSuspended: a step failed; read the log, then continue
	// or abort.
	InfoDeploymentSuspended DeploymentInfo = "deployment_suspended"
)

// DeploymentCommand is a command of POST /deployments/{DeploymentKey}/{Command}/.
type DeploymentCommand string

// The commands LifeTime accepts.
const (
	CommandStart    DeploymentCommand = "start"
	CommandContinue DeploymentCommand = "continue"
	CommandAbort    DeploymentCommand = "abort"
)

// DeploymentCreateRequest is the body of Create and Update (swagger
// ApplicationVersionKeyDeploymentZoneKeyRecordListTextTextTextRecord). All
// four fields are required by the schema and always sent.
type DeploymentCreateRequest struct {
	// Notes describe the plan.
	Notes string `json:"Notes"`
	// SourceEnvironmentKey is where the application versions come from.
	SourceEnvironmentKey string `json:"SourceEnvironmentKey"`
	// TargetEnvironmentKey is where they are deployed.
	TargetEnvironmentKey string `json:"TargetEnvironmentKey"`
	// ApplicationOperations lists the versions to deploy.
	ApplicationOperations []DeploymentAppVersion `json:"ApplicationOperations"`
}

// DeploymentAppVersion is one application version of a plan with its
// deployment zone (swagger TextTextRecord). An empty DeploymentZoneKey
// keeps the application's current (or the default) zone.
type DeploymentAppVersion struct {
	// ApplicationVersionKey is the version to deploy.
	ApplicationVersionKey string `json:"ApplicationVersionKey"`
	// DeploymentZoneKey is the target deployment zone; "" keeps the current or default one.
	DeploymentZoneKey string `json:"DeploymentZoneKey"`
}

// ApplicationOperation is what a plan does with one application (swagger
// ApplicationOperation_v2; in conflicts, ApplicationOperation without a
// zone).
type ApplicationOperation struct {
	// ApplicationKey identifies the application.
	ApplicationKey string `json:"ApplicationKey"`
	// ApplicationVersionKey identifies the version deployed.
	ApplicationVersionKey string `json:"ApplicationVersionKey"`
	// DeploymentOperation is a label such as "Deploy 1.5".
	DeploymentOperation string `json:"DeploymentOperation"`
	// DeploymentZoneKey is the deployment zone (v2 plans only).
	DeploymentZoneKey string `json:"DeploymentZoneKey,omitempty"`
}

// Deployment is a deployment plan (swagger Deployment_v2).
type Deployment struct {
	// Key uniquely identifies the plan.
	Key string `json:"Key"`
	// SourceEnvironmentKey is where the versions come from ("" for binary deployments).
	SourceEnvironmentKey string `json:"SourceEnvironmentKey"`
	// TargetEnvironmentKey is where they are deployed.
	TargetEnvironmentKey string `json:"TargetEnvironmentKey"`
	// DetailsURL links to the plan in the console (newer versions).
	DetailsURL string `json:"DetailsURL,omitempty"`
	// Notes describe the plan.
	Notes string `json:"Notes"`
	// CreatedOn is when the plan was created.
	CreatedOn Time `json:"CreatedOn"`
	// CreatedBy is the creator's name.
	CreatedBy string `json:"CreatedBy"`
	// CreatedByUsername is the creator's user name.
	CreatedByUsername string `json:"CreatedByUsername"`
	// SavedOn is when the plan was last saved.
	SavedOn Time `json:"SavedOn"`
	// SavedBy is the name of who saved it last.
	SavedBy string `json:"SavedBy"`
	// SavedByUsername is the user name of who saved it last.
	SavedByUsername string `json:"SavedByUsername"`
	// StartedOn is when the plan started; not set (IsSet false) before.
	StartedOn Time `json:"StartedOn"`
	// StartedBy is the name of who started it.
	StartedBy string `json:"StartedBy"`
	// StartedByUsername is the user name of who started it.
	StartedByUsername string `json:"StartedByUsername"`
	// AbortedOn is when the plan was aborted; not set unless aborted.
	AbortedOn Time `json:"AbortedOn"`
	// AbortedBy is the name of who aborted it.
	AbortedBy string `json:"AbortedBy"`
	// AbortedByUsername is the user name of who aborted it.
	AbortedByUsername string `json:"AbortedByUsername"`
	// ApplicationOperations are what the plan does with each application.
	ApplicationOperations []ApplicationOperation `json:"ApplicationOperations"`
}

// DeploymentData is a plan as Update returns it (swagger
// DeploymentData_v2): its operations are version and zone pairs.
type DeploymentData struct {
	// Key uniquely identifies the plan.
	Key string `json:"Key"`
	// SourceEnvironmentKey is where the versions come from.
	SourceEnvironmentKey string `json:"SourceEnvironmentKey"`
	// TargetEnvironmentKey is where they are deployed.
	TargetEnvironmentKey string `json:"TargetEnvironmentKey"`
	// Notes describe the plan.
	Notes string `json:"Notes"`
	// CreatedOn is when the plan was created.
	CreatedOn Time `json:"CreatedOn"`
	// CreatedBy is the creator's name.
	CreatedBy string `json:"CreatedBy"`
	// CreatedByUsername is the creator's user name.
	CreatedByUsername string `json:"CreatedByUsername"`
	// SavedOn is when the plan was last saved.
	SavedOn Time `json:"SavedOn"`
	// SavedBy is the name of who saved it last.
	SavedBy string `json:"SavedBy"`
	// SavedByUsername is the user name of who saved it last.
	SavedByUsername string `json:"SavedByUsername"`
	// StartedOn is when the plan started; not set before.
	StartedOn Time `json:"StartedOn"`
	// StartedBy is the name of who started it.
	StartedBy string `json:"StartedBy"`
	// StartedByUsername is the user name of who started it.
	StartedByUsername string `json:"StartedByUsername"`
	// AbortedOn is when the plan was aborted; not set unless aborted.
	AbortedOn Time `json:"AbortedOn"`
	// AbortedBy is the name of who aborted it.
	AbortedBy string `json:"AbortedBy"`
	// AbortedByUsername is the user name of who aborted it.
	AbortedByUsername string `json:"AbortedByUsername"`
	// ApplicationOperations are the versions and zones of the plan.
	ApplicationOperations []DeploymentAppVersion `json:"ApplicationOperations"`
}

// DeploymentDetails is a plan with its validation results (swagger
// ApplicationConflictListTextListDeployment_v2Record).
type DeploymentDetails struct {
	// Deployment is the plan itself.
	Deployment Deployment `json:"Deployment"`
	// ApplicationsToDeploy lists the applications of a binary deployment
	// (newer versions).
	ApplicationsToDeploy []ApplicationInBinary `json:"ApplicationsToDeploy,omitempty"`
	// ApplicationsToRedeploy are keys of outdated applications.
	ApplicationsToRedeploy []string `json:"ApplicationsToRedeploy"`
	// ApplicationConflicts found by the validation; empty when none.
	ApplicationConflicts []ApplicationConflict `json:"ApplicationConflicts"`
	// ModulesToDelete (newer versions).
	ModulesToDelete []ModuleToDelete `json:"ModulesToDelete,omitempty"`
}

// ApplicationInBinary is an application inside a deployed binary.
type ApplicationInBinary struct {
	// ApplicationKey identifies the application.
	ApplicationKey string `json:"ApplicationKey"`
	// ApplicationName is its name.
	ApplicationName string `json:"ApplicationName"`
	// IsNew is true when the target does not have it yet.
	IsNew bool `json:"IsNew"`
	// ModulesInBinary are its modules in the binary.
	ModulesInBinary []ModuleInBinary `json:"ModulesInBinary,omitempty"`
}

// ModuleInBinary is a module inside a deployed binary (swagger
// ModulesInBinary).
type ModuleInBinary struct {
	// ModuleKey identifies the module.
	ModuleKey string `json:"ModuleKey"`
	// ModuleName is its name.
	ModuleName string `json:"ModuleName"`
	// IsNew is true when the target does not have it yet.
	IsNew bool `json:"IsNew"`
}

// ModuleToDelete is a module the plan removes from the target.
type ModuleToDelete struct {
	// Key identifies the module.
	Key string `json:"Key"`
	// Name is the module's name.
	Name string `json:"Name"`
	// Description is the module's description.
	Description string `json:"Description"`
}

// ApplicationConflict is a dependency conflict found in a plan.
type ApplicationConflict struct {
	// Message describes the conflict.
	Message string `json:"Message"`
	// ProducerApplicationOperation is the operation on the producer application.
	ProducerApplicationOperation ApplicationOperation `json:"ProducerApplicationOperation"`
	// ConsumerApplicationOperation is the operation on the consumer application.
	ConsumerApplicationOperation ApplicationOperation `json:"ConsumerApplicationOperation"`
	// ModuleConflict details the modules involved.
	ModuleConflict ModuleConflict `json:"ModuleConflict"`
}

// ModuleConflict details a conflict between two modules.
type ModuleConflict struct {
	// ProducerModuleKey identifies the producer module.
	ProducerModuleKey string `json:"ProducerModuleKey"`
	// ConsumerModuleKey identifies the consumer module.
	ConsumerModuleKey string `json:"ConsumerModuleKey"`
	// TotalRequiredElements is how many elements the consumer requires.
	TotalRequiredElements int `json:"TotalRequiredElements"`
	// ConflictType is e.g. "Producer Module Missing",
	// "Consumer Module Outdated", "IncompatiblePlatformServer".
	ConflictType string `json:"ConflictType"`
}

// DeploymentProgress is the execution state of a plan (swagger
// DeploymentMessageListTextTextRecord).
type DeploymentProgress struct {
	// DeploymentStatus is the plan's state.
	DeploymentStatus DeploymentStatus `json:"DeploymentStatus"`
	// Info is set when DeploymentStatus is needs_user_intervention.
	Info DeploymentInfo `json:"Info"`
	// DeploymentLog is the whole log so far, oldest first.
	DeploymentLog []DeploymentMessage `json:"DeploymentLog"`
}

// DeploymentMessage is one entry of a deployment log.
type DeploymentMessage struct {
	// Instant is when the entry was logged.
	Instant Time `json:"Instant"`
	// Message is the text of the entry.
	Message string `json:"Message"`
	// Type is Info, Warning or Error; older servers omit it.
	Type string `json:"Type,omitempty"`
}

// MissingDBMapping is an extension logical database that needs a database
// connection in the target (swagger REST_LogicalDatabase).
type MissingDBMapping struct {
	// ExtensionKey identifies the extension.
	ExtensionKey string `json:"ExtensionKey"`
	// ExtensionName is its name.
	ExtensionName string `json:"ExtensionName"`
	// LogicalDatabase is the logical database to map.
	LogicalDatabase string `json:"LogicalDatabase"`
}

// ExtensionDBMapping maps the logical databases of one extension (swagger
// ExtensionDBFullMapping).
type ExtensionDBMapping struct {
	// ExtensionKey identifies the extension.
	ExtensionKey string `json:"ExtensionKey"`
	// DBMapping maps each of its logical databases.
	DBMapping []LogicalDBMapping `json:"DBMapping"`
}

// LogicalDBMapping maps a logical database to a database connection of the
// target (swagger ExtensionDBMapping).
type LogicalDBMapping struct {
	// DatabaseName is the database connection's name in the target.
	DatabaseName string `json:"DatabaseName"`
	// LogicalDatabaseName is the extension's logical database.
	LogicalDatabaseName string `json:"LogicalDatabaseName"`
}
