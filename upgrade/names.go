package upgrade

// Names of the ready-made steps and plans, for editing plans with
// [Group.InsertAfter], [Group.Drop], [Group.Replace] and [Group.Wrap].
const (
	StepInventory              = "inventory"
	StepDetectPlugins          = "detect-plugins"
	StepCheckTargetVersion     = "check-target-version"
	StepCheckSupportedVersions = "check-supported-versions"
	StepCheckDedicatedLifeTime = "check-dedicated-lifetime"
	StepCheckHybridLicence     = "check-hybrid-licence"
	StepAssessBreakingChanges  = "assess-breaking-changes"
	StepCheckDeploymentQueue   = "check-deployment-queue"
	StepSupportCase            = "support-case"
	StepRunInstaller           = "run-installer"
	StepWaitForConsole         = "wait-for-console"
	StepRepublishPlugins       = "republish-plugins"
	StepVerifyPlugins          = "verify-plugins"
	StepVerifyIntegrations     = "verify-integrations"

	PlanPreflight       = "preflight"
	PlanPreflightChecks = "preflight-checks"
	PlanUpgradeWindow   = "upgrade-window"
	PlanPostUpgrade     = "post-upgrade"
	PlanWhole           = "lifetime-upgrade"
)
