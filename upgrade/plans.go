package upgrade

// PlanOptions configures the ready-made plans. Zero fields take defaults.
type PlanOptions struct {
	// Wait configures the wait for the console after the upgrade.
	Wait WaitOptions
	// Installer replaces the default [AwaitInstaller] step of a
	// self-managed upgrade, e.g. a step that runs the installer remotely.
	// Its name should be [StepRunInstaller]. Optional.
	Installer Step
	// Solution names the Service Center solution of the plugins.
	// Optional: default [DefaultSolutionName].
	Solution string
	// IntegrationChecks are the caller's checks run by verify-integrations.
	IntegrationChecks []IntegrationCheck
}

// Preflight returns the "before" plan: inventory, plugin detection, then
// every check (all of them run, so every blocker is reported together):
// target version, supported environment versions, dedicated LifeTime
// (self-managed only), hybrid licence (hybrid only), breaking changes for
// plugins and integrations, and the deployment queue. It changes nothing.
func Preflight(c Clients) *Group {
	return Sequence(PlanPreflight,
		TakeInventory(c),
		DetectPlugins(c),
		All(PlanPreflightChecks,
			CheckTargetVersion(c),
			CheckSupportedVersions(c),
			OnlyIf(WhenModel(SelfManaged), CheckDedicatedLifeTime(c)),
			OnlyIf(WhenModel(Hybrid), CheckHybridLicence(c)),
			AssessBreakingChanges(c),
			CheckDeploymentQueue(c),
		),
	)
}

// Upgrade returns the upgrade-window plan. On OutSystems Cloud and hybrid
// infrastructures it writes the support-case request (action required);
// when self-managed the installer is run by a person ([AwaitInstaller]) or
// by opts.Installer. Then it waits for the console to come back at the
// target version. It needs the inventory (run [Preflight] first, or put
// [TakeInventory] before it).
func Upgrade(c Clients, opts PlanOptions) *Group {
	installer := opts.Installer
	if installer == nil {
		installer = AwaitInstaller()
	}
	return Sequence(PlanUpgradeWindow,
		OnlyIf(WhenModel(Cloud, Hybrid), SupportCase()),
		OnlyIf(WhenModel(SelfManaged), installer),
		WaitForConsole(c, opts.Wait),
	)
}

// PostUpgrade returns the "after" plan: with plugins, republish them and
// verify them; with integrations (or caller checks), verify them. Without
// plugins or integrations every step is skipped: nothing else is needed.
func PostUpgrade(c Clients, opts PlanOptions) *Group {
	return Sequence(PlanPostUpgrade,
		OnlyIf(WhenPlugins(), RepublishPlugins(c, opts.Solution)),
		OnlyIf(WhenPlugins(), VerifyPlugins(c)),
		OnlyIf(whenVerifyIntegrations(opts), VerifyIntegrations(c, opts.IntegrationChecks...)),
	)
}

// Whole returns the whole procedure: [Preflight], [Upgrade] and
// [PostUpgrade] in one plan. The run stops after the pre-flight checks
// when any of them failed.
func Whole(c Clients, opts PlanOptions) *Group {
	return Sequence(PlanWhole, Preflight(c), Upgrade(c, opts), PostUpgrade(c, opts))
}

// whenVerifyIntegrations holds when there are integrations or checks.
func whenVerifyIntegrations(opts PlanOptions) Condition {
	return func(st *State) (bool, string) {
		if len(st.Facts.Integrations) == 0 && len(opts.IntegrationChecks) == 0 {
			return false, "no integrations declared"
		}
		return true, ""
	}
}
