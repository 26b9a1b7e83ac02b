package sim

import (
	"fmt"
	"time"
)

// DeploymentStatus is the DeploymentStatus of a plan
// (lifetime-rest-api.md §4.1).
type DeploymentStatus string

// The deployment statuses of the LifeTime API v2.
const (
	StatusSaved                 DeploymentStatus = "saved"
	StatusRunning               DeploymentStatus = "running"
	StatusNeedsUserIntervention DeploymentStatus = "needs_user_intervention"
	StatusAborting              DeploymentStatus = "aborting"
	StatusAborted               DeploymentStatus = "aborted"
	StatusFinishedSuccessful    DeploymentStatus = "finished_successful"
	StatusFinishedWithWarnings  DeploymentStatus = "finished_with_warnings"
	StatusFinishedWithErrors    DeploymentStatus = "finished_with_errors"
	StatusForceFinished         DeploymentStatus = "force_finished"
)

// Info values of needs_user_intervention (lifetime-rest-api.md §4.1).
const (
	InfoDeploymentPrepared               = "deployment_prepared"
	InfoBusinessProcessImpact            = "business_process_impact"
	InfoNeedsConfigurationOrConfirmation = "needs_configuration_or_confirmation"
	InfoDeploymentSuspended              = "deployment_suspended"
)

// Outcome is how a deployment ends once every pause is passed.
type Outcome int

// Deployment outcomes.
const (
	OutcomeSuccess Outcome = iota
	OutcomeWarnings
	OutcomeErrors
)

// DeploymentBehaviour says how a deployment runs in simulated time. It can be
// set per application (SetApplicationBehaviour: a plan takes the longest
// duration, the worst outcome and every pause of its applications) or per
// deployment (SetDeploymentBehaviour).
type DeploymentBehaviour struct {
	// StepDuration is how long each running step takes (0: the simulator's
	// DeploymentDuration). A deployment with n pauses runs n+1 steps.
	StepDuration time.Duration
	// Pauses are the Info values the deployment pauses with, in order, at the
	// end of each step; e.g. InfoDeploymentPrepared for a two-stage
	// deployment. needs_configuration_or_confirmation is added automatically
	// when an extension's logical databases are not mapped in the target.
	Pauses []string
	// Outcome is the final state after the last step.
	Outcome Outcome
	// FailingModule names the module blamed in the error or warning message.
	FailingModule string
}

// DeploymentMessage is one entry of a deployment's log.
type DeploymentMessage struct {
	Instant time.Time
	Message string
	// Type is "Info", "Warning" or "Error".
	Type string
}

// DeploymentOperation is one application operation of a plan.
type DeploymentOperation struct {
	ApplicationKey        string
	ApplicationVersionKey string
	DeploymentZoneKey     string
}

// Deployment is a snapshot of a deployment plan, for inspection.
type Deployment struct {
	Key                  string
	SourceEnvironmentKey string
	TargetEnvironmentKey string
	Notes                string
	Status               DeploymentStatus
	Info                 string
	Operations           []DeploymentOperation
	// Binary is true for plans created from a binary package.
	Binary    bool
	CreatedOn time.Time
	StartedOn time.Time
	AbortedOn time.Time
	Log       []DeploymentMessage
}

// deployment is the simulator's state of one plan.
type deployment struct {
	key, source, target, notes string
	createdOn, savedOn         time.Time
	startedOn, abortedOn       time.Time
	createdBy, savedBy         *ServiceAccount
	startedBy, abortedBy       *ServiceAccount
	ops                        []DeploymentOperation
	binaryApps                 []binaryApp
	status                     DeploymentStatus
	info                       string
	log                        []DeploymentMessage

	behaviour    *DeploymentBehaviour // per-deployment override
	plan         DeploymentBehaviour  // resolved at start
	pauses       []string             // pauses still to come
	stepStart    time.Time
	stepDuration time.Duration
	step         int
	stepLogged   int
	abortStart   time.Time
	applied      bool
	// doNothing marks applications kept as "Do Nothing" by an update
	// before LifeTime 11.22.0.
	doNothing map[string]bool
	// dbConfirmed is set once the operator continued past (or completed)
	// the DB-mapping pause.
	dbConfirmed bool
}

// binaryApp is an application carried by a binary package.
type binaryApp struct {
	appKey     string
	versionKey string
	name       string
	label      string
	isNew      bool
}

// abortDuration is how long "aborting" lasts.
const abortDuration = 10 * time.Second

// stepMessages returns the log lines written during a running step, evenly spread
// over its duration.
func stepMessages() []string {
	return []string{
		"Validating the deployment plan from %[1]s to %[2]s.",
		"Uploading modules from %[1]s to %[2]s.",
		"Compiling modules for %[2]s.",
		"Deploying modules in %[2]s.",
		"Updating references in %[2]s.",
	}
}

// busy reports whether a plan occupies its target (saved plans excluded).
func (d *deployment) busy() bool {
	switch d.status {
	case StatusRunning, StatusNeedsUserIntervention, StatusAborting:
		return true
	}
	return false
}

// finished reports whether the plan reached a terminal state.
func (d *deployment) finished() bool {
	switch d.status {
	case StatusAborted, StatusFinishedSuccessful, StatusFinishedWithWarnings, StatusFinishedWithErrors, StatusForceFinished:
		return true
	}
	return false
}

// envName returns the name of environment key, or the key.
func (s *Sim) envName(key string) string {
	if e := s.env(key); e != nil {
		return e.Name
	}
	return key
}

// addLog appends a log message. Callers hold s.mu.
func (d *deployment) addLog(at time.Time, typ, format string, args ...any) {
	d.log = append(d.log, DeploymentMessage{Instant: at, Message: fmt.Sprintf(format, args...), Type: typ})
}

// startStep begins a running step at t. Callers hold s.mu.
func (d *deployment) startStep(t time.Time) {
	d.status = StatusRunning
	d.info = ""
	d.stepStart = t
	d.stepLogged = 0
	d.step++
}

// advanceDeployment evolves d up to now: logs grow as a step runs, a step
// ends in a pause or the final outcome, aborting ends in aborted. Callers hold
// s.mu.
func (s *Sim) advanceDeployment(d *deployment, now time.Time) {
	for {
		switch d.status {
		case StatusRunning:
			steps := stepMessages()
			n := len(steps)
			for d.stepLogged < n {
				at := d.stepStart.Add(d.stepDuration * time.Duration(d.stepLogged) / time.Duration(n))
				if at.After(now) {
					return
				}
				msg := steps[d.stepLogged]
				if d.step > 1 && d.stepLogged == 0 {
					msg = "Resuming deployment."
				}
				source := s.envName(d.source)
				if d.source == "" {
					source = "the binary package"
				}
				d.addLog(at, "Info", msg, source, s.envName(d.target))
				d.stepLogged++
			}
			end := d.stepStart.Add(d.stepDuration)
			if end.After(now) {
				return
			}
			s.endStep(d, end)
			if d.status == StatusRunning {
				continue
			}
			return
		case StatusAborting:
			end := d.abortStart.Add(abortDuration)
			if end.After(now) {
				return
			}
			d.status = StatusAborted
			d.addLog(end, "Info", "Deployment plan aborted.")
			return
		default:
			return
		}
	}
}

// endStep ends the current running step at t: the next pause, or the outcome.
func (s *Sim) endStep(d *deployment, t time.Time) {
	if missing := s.missingDBMappings(d); len(missing) > 0 && !d.dbConfirmed && !containsString(d.pauses, InfoNeedsConfigurationOrConfirmation) {
		d.pauses = append([]string{InfoNeedsConfigurationOrConfirmation}, d.pauses...)
	}
	if len(d.pauses) > 0 {
		d.status = StatusNeedsUserIntervention
		d.info = d.pauses[0]
		d.pauses = d.pauses[1:]
		switch d.info {
		case InfoDeploymentPrepared:
			d.addLog(t, "Info", "The first stage of the deployment finished: the new versions are prepared in %s. Continue to finish the deployment.", s.envName(d.target))
		case InfoNeedsConfigurationOrConfirmation:
			d.addLog(t, "Warning", "There is one or more Extensions with missing configuration which may lead to publishing errors. Please configure the Database Connections for the listed Extensions' Logical Databases.")
		case InfoBusinessProcessImpact:
			d.addLog(t, "Warning", "The deployment impacts running business processes. Review the warnings before continuing.")
		case InfoDeploymentSuspended:
			d.addLog(t, "Error", "The deployment was suspended because of an error in module %s.", s.failingModule(d))
		default:
			d.addLog(t, "Info", "The deployment needs user intervention (%s).", d.info)
		}
		return
	}
	switch d.plan.Outcome {
	case OutcomeWarnings:
		d.addLog(t, "Warning", "Module %s was published with warnings.", s.failingModule(d))
		d.addLog(t, "Info", "Deployment plan finished with warnings.")
		d.status = StatusFinishedWithWarnings
		s.applyDeployment(d)
	case OutcomeErrors:
		d.addLog(t, "Error", "Failed to publish module %s.", s.failingModule(d))
		d.addLog(t, "Info", "Deployment plan finished with errors.")
		d.status = StatusFinishedWithErrors
	default:
		d.addLog(t, "Info", "Deployment plan finished successfully.")
		d.status = StatusFinishedSuccessful
		s.applyDeployment(d)
	}
	d.info = ""
}

// failingModule names the module blamed in warning and error messages.
func (s *Sim) failingModule(d *deployment) string {
	if d.plan.FailingModule != "" {
		return d.plan.FailingModule
	}
	for _, key := range d.appKeys() {
		if a := s.app(key); a != nil && len(a.Modules) > 0 {
			return a.Modules[0].Name
		}
	}
	return "unknown"
}

// appKeys lists the applications of a plan.
func (d *deployment) appKeys() []string {
	var keys []string
	for _, op := range d.ops {
		keys = append(keys, op.ApplicationKey)
	}
	for _, b := range d.binaryApps {
		keys = append(keys, b.appKey)
	}
	return keys
}

// applyDeployment makes the target run the deployed versions. Callers hold s.mu.
func (s *Sim) applyDeployment(d *deployment) {
	if d.applied {
		return
	}
	d.applied = true
	consumers := s.appsToRedeploy(d)
	defer func() {
		target := s.env(d.target)
		s.syncServiceCenter(target)
		s.markConsumersOutdated(target, consumers)
	}()
	apply := func(appKey, versionKey, zone string) {
		v := s.versions[versionKey]
		if v == nil {
			return
		}
		r := s.runningOf(d.target, appKey, true)
		if r == nil { // the target was unregistered meanwhile
			return
		}
		r.VersionKey = versionKey
		r.IsModified = false
		r.DeploymentZoneKey = zone
		r.moduleVersions = map[string]string{}
		for _, mvk := range v.ModuleVersionKeys {
			if mv := s.moduleVersions[mvk]; mv != nil {
				r.moduleVersions[mv.ModuleKey] = mvk
			}
		}
	}
	for _, op := range d.ops {
		if !d.doNothing[op.ApplicationKey] {
			apply(op.ApplicationKey, op.ApplicationVersionKey, op.DeploymentZoneKey)
		}
	}
	for _, b := range d.binaryApps {
		if s.versions[b.versionKey] == nil {
			// A package from another infrastructure: the application and its
			// version appear in this one.
			a := s.app(b.appKey)
			if a == nil {
				if _, err := s.addApplication(Application{Key: b.appKey, Name: b.name}); err != nil {
					continue
				}
				a = s.app(b.appKey)
			}
			label := b.label
			if label == "" {
				label = "binary-" + d.key[:8]
			}
			v, err := s.tagVersion(a, "", label, "Deployed from a binary package", nil, "Administrator", true)
			if err != nil {
				continue
			}
			b.versionKey = v.Key
		}
		apply(b.appKey, b.versionKey, "")
	}
}

// resolveBehaviour computes how d runs: its own override, else the merge of
// its applications' behaviours, else the defaults.
func (s *Sim) resolveBehaviour(d *deployment) DeploymentBehaviour {
	var b DeploymentBehaviour
	if d.behaviour != nil {
		b = *d.behaviour
		b.Pauses = append([]string(nil), b.Pauses...)
	} else {
		for _, key := range d.appKeys() {
			ab, ok := s.appBehaviour[key]
			if !ok {
				continue
			}
			b.StepDuration = max(b.StepDuration, ab.StepDuration)
			b.Outcome = max(b.Outcome, ab.Outcome)
			if b.FailingModule == "" {
				b.FailingModule = ab.FailingModule
			}
			for _, p := range ab.Pauses {
				if !containsString(b.Pauses, p) {
					b.Pauses = append(b.Pauses, p)
				}
			}
		}
	}
	if b.StepDuration <= 0 {
		b.StepDuration = s.opts.DeploymentDuration
	}
	return b
}

// missingLogicalDB is an extension logical database without a mapping in a
// deployment's target.
type missingLogicalDB struct {
	ExtensionKey    string
	ExtensionName   string
	LogicalDatabase string
}

// missingDBMappings lists the logical databases of the extensions deployed by
// d that the target does not map. Callers hold s.mu.
func (s *Sim) missingDBMappings(d *deployment) []missingLogicalDB {
	target := s.env(d.target)
	if target == nil {
		return nil
	}
	var out []missingLogicalDB
	for _, appKey := range d.appKeys() {
		a := s.app(appKey)
		if a == nil {
			continue
		}
		for _, m := range a.Modules {
			for _, ldb := range m.LogicalDatabases {
				if _, ok := target.dbMappings[m.Key+"/"+ldb]; !ok {
					out = append(out, missingLogicalDB{ExtensionKey: m.Key, ExtensionName: m.Name, LogicalDatabase: ldb})
				}
			}
		}
	}
	return out
}

// snapshot copies d for inspection.
func (d *deployment) snapshot() Deployment {
	return Deployment{
		Key:                  d.key,
		SourceEnvironmentKey: d.source,
		TargetEnvironmentKey: d.target,
		Notes:                d.notes,
		Status:               d.status,
		Info:                 d.info,
		Operations:           append([]DeploymentOperation(nil), d.ops...),
		Binary:               len(d.binaryApps) > 0,
		CreatedOn:            d.createdOn,
		StartedOn:            d.startedOn,
		AbortedOn:            d.abortedOn,
		Log:                  append([]DeploymentMessage(nil), d.log...),
	}
}

// deployment returns the plan with key, or nil. Callers hold s.mu.
func (s *Sim) deployment(key string) *deployment {
	return findFold(s.deployments, key, func(d *deployment) string { return d.key })
}

// Deployment returns a snapshot of the plan with key, evolved to now.
func (s *Sim) Deployment(key string) (Deployment, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tick()
	d := s.deployment(key)
	if d == nil {
		return Deployment{}, false
	}
	return d.snapshot(), true
}

// Deployments returns snapshots of every plan, oldest first.
func (s *Sim) Deployments() []Deployment {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tick()
	out := make([]Deployment, 0, len(s.deployments))
	for _, d := range s.deployments {
		out = append(out, d.snapshot())
	}
	return out
}

// SetDeploymentBehaviour sets how the plan with key will run once started.
func (s *Sim) SetDeploymentBehaviour(key string, b DeploymentBehaviour) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.deployment(key)
	if d == nil {
		return fmt.Errorf("sim: deployment %s not found", key)
	}
	b.Pauses = append([]string(nil), b.Pauses...)
	d.behaviour = &b
	return nil
}

// SetApplicationBehaviour sets how plans that deploy the application run.
func (s *Sim) SetApplicationBehaviour(appKey string, b DeploymentBehaviour) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.app(appKey) == nil {
		return fmt.Errorf("sim: application %s not found", appKey)
	}
	b.Pauses = append([]string(nil), b.Pauses...)
	s.appBehaviour[appKey] = b
	return nil
}

// ForceFinish marks a started plan force_finished, as an operator can do in
// the LifeTime UI (the API has no command for it).
func (s *Sim) ForceFinish(key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tick()
	d := s.deployment(key)
	if d == nil {
		return fmt.Errorf("sim: deployment %s not found", key)
	}
	if d.status == StatusSaved || d.finished() {
		return fmt.Errorf("sim: deployment %s is %s and cannot be force finished", key, d.status)
	}
	d.status = StatusForceFinished
	d.info = ""
	d.addLog(s.now(), "Warning", "Deployment plan was force finished by an operator.")
	return nil
}

func containsString(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
