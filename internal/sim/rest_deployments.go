package sim

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// deploymentRoutes are the /deployments operations of the swagger plus the
// binary deployment POST /environments/{k}/deployment/.
func (s *Sim) deploymentRoutes() []route {
	return []route{
		{Pattern: "GET /deployments", Op: "Deployments_List", Perm: PermRead, Handler: s.listDeployments},
		{Pattern: "POST /deployments", Op: "Deployments_Create", Perm: PermDeploy, Handler: s.createDeployment},
		{Pattern: "GET /deployments/{DeploymentKey}", Op: "Deployments_Get", Perm: PermRead, Handler: s.getDeployment},
		{Pattern: "PUT /deployments/{DeploymentKey}", Op: "Deployments_Update", Perm: PermDeploy, Handler: s.updateDeployment},
		{Pattern: "DELETE /deployments/{DeploymentKey}", Op: "Deployments_Delete", Perm: PermDeploy, Handler: s.deleteDeployment},
		{Pattern: "POST /deployments/{DeploymentKey}/{Command}", Op: "Deployments_ExecuteCommand", Perm: PermDeploy, Handler: s.executeCommand},
		{Pattern: "GET /deployments/{DeploymentKey}/status", Op: "Deployments_GetStatus", Perm: PermRead, Handler: s.getDeploymentStatus},
		{Pattern: "GET /deployments/{DeploymentKey}/getmissingdbmappings", Op: "Deployments_GetMissingDbMappings", Perm: PermRead, Since: "11.21.1", Handler: s.getMissingDBMappings},
		{Pattern: "POST /deployments/{DeploymentKey}/configuration", Op: "Deployments_Configuration", Perm: PermDeploy, Since: "11.21.1", Handler: s.configureDeployment},
		{Pattern: "POST /environments/{EnvironmentKey}/deployment", Op: "Deployments_CreateWithBinary", Perm: PermDeploy, Since: "11.22.0", Handler: s.createBinaryDeployment},
	}
}

// pathDeployment resolves {DeploymentKey}, writing 404 when unknown. Callers
// hold s.mu.
func (s *Sim) pathDeployment(w http.ResponseWriter, r *http.Request) *deployment {
	return pathItem(w, r, "DeploymentKey", "Deployment with key %s not found.", s.deployment)
}

// deploymentRequest is the swagger
// "ApplicationVersionKeyDeploymentZoneKeyRecordListTextTextTextRecord".
type deploymentRequest struct {
	Notes                 string
	SourceEnvironmentKey  string
	TargetEnvironmentKey  string
	ApplicationOperations []struct {
		ApplicationVersionKey string
		DeploymentZoneKey     string
	}
}

// validatePlan checks a create or update body; on failure it returns the
// status and message to answer. Callers hold s.mu.
func (s *Sim) validatePlan(in deploymentRequest) ([]DeploymentOperation, int, string) {
	if strings.TrimSpace(in.SourceEnvironmentKey) == "" || strings.TrimSpace(in.TargetEnvironmentKey) == "" {
		return nil, http.StatusBadRequest, "Invalid request: SourceEnvironmentKey and TargetEnvironmentKey are required."
	}
	src, tgt := s.env(in.SourceEnvironmentKey), s.env(in.TargetEnvironmentKey)
	if src == nil || tgt == nil {
		return nil, http.StatusNotFound, "Source or target environment not found."
	}
	if src == tgt {
		return nil, http.StatusBadRequest, "Invalid request: the source and target environments are the same."
	}
	if len(in.ApplicationOperations) == 0 {
		return nil, http.StatusBadRequest, "Invalid request: ApplicationOperations is empty."
	}
	var ops []DeploymentOperation
	seen := map[string]bool{}
	for _, op := range in.ApplicationOperations {
		v := s.versions[strings.ToLower(op.ApplicationVersionKey)]
		if v == nil {
			return nil, http.StatusBadRequest, fmt.Sprintf("Invalid request: application version %s not found.", op.ApplicationVersionKey)
		}
		if seen[v.ApplicationKey] {
			return nil, http.StatusBadRequest, fmt.Sprintf("Invalid request: application %s appears more than once.", v.ApplicationKey)
		}
		seen[v.ApplicationKey] = true
		if reason, blocked := tgt.blockedApps[v.ApplicationKey]; blocked {
			return nil, http.StatusBadRequest, fmt.Sprintf("Invalid request: application %s is blocked from deployment to %s (%s).", s.app(v.ApplicationKey).Name, tgt.Name, reason)
		}
		if op.DeploymentZoneKey != "" && !tgt.hasZone(op.DeploymentZoneKey) {
			return nil, http.StatusBadRequest, fmt.Sprintf("Invalid request: deployment zone %s not found in %s.", op.DeploymentZoneKey, tgt.Name)
		}
		ops = append(ops, DeploymentOperation{ApplicationKey: v.ApplicationKey, ApplicationVersionKey: v.Key, DeploymentZoneKey: op.DeploymentZoneKey})
	}
	return ops, 0, ""
}

func (e *environment) hasZone(key string) bool {
	for _, z := range e.zones {
		if strings.EqualFold(z.Key, key) {
			return true
		}
	}
	return false
}

// parallelCreateAllowed reports whether several plans may exist for one
// target: LifeTime 11.21.0 self-managed, 11.18 Cloud (lifetime-rest-api.md
// §4.4; docs src/deploying-apps/deployment-plans.md). Callers hold s.mu.
func (s *Sim) parallelCreateAllowed() bool {
	if s.opts.Cloud {
		return versionAtLeast(s.consoleVersion, "11.18.0")
	}
	return versionAtLeast(s.consoleVersion, "11.21.0")
}

// parallelRunAllowed reports whether several plans may run on one target:
// LifeTime 11.24.0 self-managed, 11.21 Cloud (same sources). Callers hold s.mu.
func (s *Sim) parallelRunAllowed() bool {
	if s.opts.Cloud {
		return versionAtLeast(s.consoleVersion, "11.21.0")
	}
	return versionAtLeast(s.consoleVersion, "11.24.0")
}

// createDeployment serves Deployments_Create: 201 with the key as plain text
// (the swagger says 200, the v1 docs and outsystems-pipeline 201, and the body
// is only the key: lifetime-rest-api.md §0 items 3-4, §1.3).
func (s *Sim) createDeployment(w http.ResponseWriter, r *http.Request, a *ServiceAccount) {
	var in deploymentRequest
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Invalid request: %v.", err)
		return
	}
	ops, status, msg := s.validatePlan(in)
	if status != 0 {
		writeError(w, status, msg)
		return
	}
	tgt := s.env(in.TargetEnvironmentKey)
	if !s.parallelCreateAllowed() {
		for _, d := range s.deployments {
			if d.target == tgt.Key && (d.status == StatusSaved || d.busy()) {
				writeErrorf(w, http.StatusBadRequest, "Invalid request: there is already a deployment plan for environment %s.", tgt.Name)
				return
			}
		}
	}
	d := s.newDeployment(a, s.env(in.SourceEnvironmentKey).Key, tgt.Key, in.Notes)
	d.ops = ops
	writeText(w, http.StatusCreated, d.key)
}

// newDeployment creates a saved plan. Callers hold s.mu.
func (s *Sim) newDeployment(a *ServiceAccount, source, target, notes string) *deployment {
	now := s.now()
	d := &deployment{key: s.newKey(), source: source, target: target, notes: notes, createdOn: now, savedOn: now, createdBy: a, savedBy: a, status: StatusSaved, doNothing: map[string]bool{}}
	s.deployments = append(s.deployments, d)
	s.counters.DeploymentsCreated++
	return d
}

// wireAppOperation is the swagger "ApplicationOperation_v2".
type wireAppOperation struct {
	ApplicationKey        string `json:"ApplicationKey"`
	ApplicationVersionKey string `json:"ApplicationVersionKey"`
	DeploymentOperation   string `json:"DeploymentOperation"`
	DeploymentZoneKey     string `json:"DeploymentZoneKey"`
}

// wireDeployment is the swagger "Deployment_v2".
type wireDeployment struct {
	Key                   string             `json:"Key"`
	SourceEnvironmentKey  string             `json:"SourceEnvironmentKey"`
	TargetEnvironmentKey  string             `json:"TargetEnvironmentKey"`
	DetailsURL            string             `json:"DetailsURL"`
	Notes                 string             `json:"Notes"`
	CreatedOn             wireTime           `json:"CreatedOn"`
	CreatedBy             string             `json:"CreatedBy"`
	CreatedByUsername     string             `json:"CreatedByUsername"`
	SavedOn               wireTime           `json:"SavedOn"`
	SavedBy               string             `json:"SavedBy"`
	SavedByUsername       string             `json:"SavedByUsername"`
	StartedOn             wireTime           `json:"StartedOn"`
	StartedBy             string             `json:"StartedBy"`
	StartedByUsername     string             `json:"StartedByUsername"`
	AbortedOn             wireTime           `json:"AbortedOn"`
	AbortedBy             string             `json:"AbortedBy"`
	AbortedByUsername     string             `json:"AbortedByUsername"`
	ApplicationOperations []wireAppOperation `json:"ApplicationOperations"`
}

func accountNames(a *ServiceAccount) (string, string) {
	if a == nil {
		return "", ""
	}
	return a.Name, a.Username
}

// toWireDeployment converts d. Callers hold s.mu.
func (s *Sim) toWireDeployment(d *deployment) wireDeployment {
	w := wireDeployment{
		Key: d.key, SourceEnvironmentKey: d.source, TargetEnvironmentKey: d.target, Notes: d.notes,
		DetailsURL: s.lifetimeURL("/lifetime/Staging_Detail.aspx?StagingKey=" + d.key),
		CreatedOn:  wireTime(d.createdOn), SavedOn: wireTime(d.savedOn), StartedOn: wireTime(d.startedOn), AbortedOn: wireTime(d.abortedOn),
		ApplicationOperations: []wireAppOperation{},
	}
	w.CreatedBy, w.CreatedByUsername = accountNames(d.createdBy)
	w.SavedBy, w.SavedByUsername = accountNames(d.savedBy)
	w.StartedBy, w.StartedByUsername = accountNames(d.startedBy)
	w.AbortedBy, w.AbortedByUsername = accountNames(d.abortedBy)
	for _, op := range d.ops {
		w.ApplicationOperations = append(w.ApplicationOperations, wireAppOperation{
			ApplicationKey: op.ApplicationKey, ApplicationVersionKey: op.ApplicationVersionKey,
			DeploymentOperation: s.operationLabel(d, op), DeploymentZoneKey: op.DeploymentZoneKey,
		})
	}
	return w
}

// operationLabel is the human label of an operation, e.g. "Deploy 1.0".
func (s *Sim) operationLabel(d *deployment, op DeploymentOperation) string {
	if d.doNothing[op.ApplicationKey] {
		return "Do Nothing"
	}
	if v := s.versions[op.ApplicationVersionKey]; v != nil {
		return "Deploy " + v.Version
	}
	return "Deploy"
}

// listDeployments serves Deployments_List: plans created between MinDate and
// MaxDate (YYYY-MM-DD, inclusive; default the last 7 days), optionally for
// one target, newest first; 204 when there are none.
func (s *Sim) listDeployments(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	now := s.now().UTC()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	minDate, maxDate := today.AddDate(0, 0, -7), today
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"MinDate", &minDate}, {"MaxDate", &maxDate}} {
		v, ok := queryValue(r, p.name)
		if !ok || v == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			writeErrorf(w, http.StatusBadRequest, "Invalid request for list of deployments: %s %q is not a date (YYYY-MM-DD).", p.name, v)
			return
		}
		*p.dst = t
	}
	target, _ := queryValue(r, "TargetEnvironmentKey")
	var out []wireDeployment
	for i := len(s.deployments) - 1; i >= 0; i-- {
		d := s.deployments[i]
		day := d.createdOn.UTC()
		if day.Before(minDate) || !day.Before(maxDate.AddDate(0, 0, 1)) {
			continue
		}
		if target != "" && !strings.EqualFold(d.target, target) {
			continue
		}
		out = append(out, s.toWireDeployment(d))
	}
	writeList(w, out)
}

// wireConflict is the swagger "ApplicationConflict".
type wireConflict struct {
	Message                      string          `json:"Message"`
	ProducerApplicationOperation wireConflictOp  `json:"ProducerApplicationOperation"`
	ConsumerApplicationOperation wireConflictOp  `json:"ConsumerApplicationOperation"`
	ModuleConflict               wireModuleConfl `json:"ModuleConflict"`
}

// wireConflictOp is the swagger "ApplicationOperation".
type wireConflictOp struct {
	ApplicationKey        string `json:"ApplicationKey"`
	ApplicationVersionKey string `json:"ApplicationVersionKey"`
	DeploymentOperation   string `json:"DeploymentOperation"`
}

// wireModuleConfl is the swagger "ModuleConflict".
type wireModuleConfl struct {
	ProducerModuleKey     string `json:"ProducerModuleKey"`
	ConsumerModuleKey     string `json:"ConsumerModuleKey"`
	TotalRequiredElements int    `json:"TotalRequiredElements"`
	ConflictType          string `json:"ConflictType"`
}

// conflicts computes the plan's conflicts at read time: a consumer whose
// producer application is neither running in the target nor in the plan
// ("Producer Module Missing"), and source and target on different Platform
// Server majors ("IncompatiblePlatformServer": no deployments between majors,
// compat-facts.md S6). Callers hold s.mu.
func (s *Sim) conflicts(d *deployment) []wireConflict {
	out := []wireConflict{}
	inPlan := map[string]DeploymentOperation{}
	for _, op := range d.ops {
		if !d.doNothing[op.ApplicationKey] {
			inPlan[op.ApplicationKey] = op
		}
	}
	src, tgt := s.env(d.source), s.env(d.target)
	for _, op := range d.ops {
		if d.doNothing[op.ApplicationKey] {
			continue
		}
		a := s.app(op.ApplicationKey)
		if a == nil {
			continue
		}
		consumer := wireConflictOp{ApplicationKey: a.Key, ApplicationVersionKey: op.ApplicationVersionKey, DeploymentOperation: s.operationLabel(d, op)}
		if src != nil && tgt != nil && majorOf(src.OSVersion) != majorOf(tgt.OSVersion) {
			out = append(out, wireConflict{
				Message:                      fmt.Sprintf("Application %s cannot be deployed from %s (Platform Server %s) to %s (Platform Server %s): the environments run different Platform Server major versions.", a.Name, src.Name, src.OSVersion, tgt.Name, tgt.OSVersion),
				ProducerApplicationOperation: consumer, ConsumerApplicationOperation: consumer,
				ModuleConflict: wireModuleConfl{ProducerModuleKey: a.Modules[0].Key, ConsumerModuleKey: a.Modules[0].Key, ConflictType: "IncompatiblePlatformServer"},
			})
		}
		for _, pk := range a.DependsOn {
			p := s.app(pk)
			if p == nil {
				continue
			}
			if _, ok := inPlan[p.Key]; ok || (tgt != nil && s.running[tgt.Key+"/"+p.Key] != nil) {
				continue
			}
			out = append(out, wireConflict{
				Message:                      fmt.Sprintf("Application %s requires application %s, which is neither running in %s nor included in the deployment plan.", a.Name, p.Name, s.envName(d.target)),
				ProducerApplicationOperation: wireConflictOp{ApplicationKey: p.Key, DeploymentOperation: "Do Nothing"},
				ConsumerApplicationOperation: consumer,
				ModuleConflict:               wireModuleConfl{ProducerModuleKey: p.Modules[0].Key, ConsumerModuleKey: a.Modules[0].Key, TotalRequiredElements: 1, ConflictType: "Producer Module Missing"},
			})
		}
	}
	return out
}

// majorOf returns the first component of a version.
func majorOf(v string) string {
	major, _, _ := strings.Cut(v, ".")
	return major
}

// appsToRedeploy lists applications running in the target that consume an
// application of the plan and are not in it (they become outdated).
// Callers hold s.mu.
func (s *Sim) appsToRedeploy(d *deployment) []string {
	out := []string{}
	keys := map[string]bool{}
	for _, k := range d.appKeys() {
		keys[k] = true
	}
	for _, a := range s.apps {
		if keys[a.Key] || s.running[d.target+"/"+a.Key] == nil {
			continue
		}
		for _, p := range a.DependsOn {
			if keys[p] {
				out = append(out, a.Key)
				break
			}
		}
	}
	return out
}

// getDeployment serves Deployments_Get: the plan with its conflicts, computed
// at read time (the real GET validates the plan: lifetime-rest-api.md §5.3
// item 3).
func (s *Sim) getDeployment(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	d := s.pathDeployment(w, r)
	if d == nil {
		return
	}
	type moduleInBinary struct {
		ModuleKey  string
		ModuleName string
		IsNew      bool
	}
	type appInBinary struct {
		ApplicationKey  string
		ApplicationName string
		IsNew           bool
		ModulesInBinary []moduleInBinary
	}
	type moduleToDelete struct{ Key, Name, Description string }
	toDeploy := []appInBinary{}
	for _, b := range d.binaryApps {
		toDeploy = append(toDeploy, appInBinary{ApplicationKey: b.appKey, ApplicationName: b.name, IsNew: b.isNew, ModulesInBinary: []moduleInBinary{}})
	}
	writeJSON(w, http.StatusOK, struct {
		Deployment             wireDeployment
		ApplicationsToDeploy   []appInBinary
		ApplicationsToRedeploy []string
		ApplicationConflicts   []wireConflict
		ModulesToDelete        []moduleToDelete
	}{s.toWireDeployment(d), toDeploy, s.appsToRedeploy(d), s.conflicts(d), []moduleToDelete{}})
}

// updateDeployment serves Deployments_Update, only while the plan is saved.
// Applications left out are removed from LifeTime 11.22.0 on, and kept as
// "Do Nothing" before (lifetime-rest-api.md §2.3, §5.3 item 14).
func (s *Sim) updateDeployment(w http.ResponseWriter, r *http.Request, a *ServiceAccount) {
	d := s.pathDeployment(w, r)
	if d == nil {
		return
	}
	var in deploymentRequest
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Invalid request: %v.", err)
		return
	}
	if d.status != StatusSaved || len(d.binaryApps) > 0 {
		writeErrorf(w, http.StatusBadRequest, "Invalid request: deployment %s can't be changed in status %s.", d.key, d.status)
		return
	}
	ops, status, msg := s.validatePlan(in)
	if status != 0 {
		writeError(w, status, msg)
		return
	}
	if !versionAtLeast(s.consoleVersion, "11.22.0") {
		kept := map[string]bool{}
		for _, op := range ops {
			kept[op.ApplicationKey] = true
		}
		for _, old := range d.ops {
			if !kept[old.ApplicationKey] {
				ops = append(ops, old)
				d.doNothing[old.ApplicationKey] = true
			} else {
				delete(d.doNothing, old.ApplicationKey)
			}
		}
	} else {
		d.doNothing = map[string]bool{}
	}
	d.ops = ops
	d.source, d.target, d.notes = s.env(in.SourceEnvironmentKey).Key, s.env(in.TargetEnvironmentKey).Key, in.Notes
	d.savedOn, d.savedBy = s.now(), a
	wd := s.toWireDeployment(d)
	type textText struct{ ApplicationVersionKey, DeploymentZoneKey string }
	out := struct {
		Key, SourceEnvironmentKey, TargetEnvironmentKey, Notes string
		CreatedOn                                              wireTime
		CreatedBy, CreatedByUsername                           string
		SavedOn                                                wireTime
		SavedBy, SavedByUsername                               string
		StartedOn                                              wireTime
		StartedBy, StartedByUsername                           string
		AbortedOn                                              wireTime
		AbortedBy, AbortedByUsername                           string
		ApplicationOperations                                  []textText
	}{wd.Key, wd.SourceEnvironmentKey, wd.TargetEnvironmentKey, wd.Notes, wd.CreatedOn, wd.CreatedBy, wd.CreatedByUsername, wd.SavedOn, wd.SavedBy, wd.SavedByUsername, wd.StartedOn, wd.StartedBy, wd.StartedByUsername, wd.AbortedOn, wd.AbortedBy, wd.AbortedByUsername, []textText{}}
	for _, op := range d.ops {
		out.ApplicationOperations = append(out.ApplicationOperations, textText{op.ApplicationVersionKey, op.DeploymentZoneKey})
	}
	writeJSON(w, http.StatusOK, out)
}

// deleteDeployment serves Deployments_Delete: only saved plans can be
// deleted, others get 400 (lifetime-rest-api.md §5.3 item 13).
func (s *Sim) deleteDeployment(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	d := s.pathDeployment(w, r)
	if d == nil {
		return
	}
	if d.status != StatusSaved {
		writeErrorf(w, http.StatusBadRequest, "Deployment with key %s cannot be deleted.", d.key)
		return
	}
	for i, x := range s.deployments {
		if x == d {
			s.deployments = append(s.deployments[:i], s.deployments[i+1:]...)
			break
		}
	}
	writeNoContent(w)
}

// executeCommand serves Deployments_ExecuteCommand (start, continue, abort):
// 202 with an empty body; 400 when the command can't run in the plan's state
// (rules in lifetime-rest-api.md §2.3 "When commands are accepted"); 404 for
// an unknown command. ContinueWithErrors is undocumented but sent by
// outsystems-pipeline to start plans that have conflicts (§2.3).
func (s *Sim) executeCommand(w http.ResponseWriter, r *http.Request, a *ServiceAccount) {
	cmd := strings.ToLower(r.PathValue("Command"))
	if cmd != "start" && cmd != "continue" && cmd != "abort" {
		writeErrorf(w, http.StatusNotFound, "Command %s not found.", r.PathValue("Command"))
		return
	}
	var flags [3]bool
	for i, name := range []string{"RedeployOutdated", "IncludeErrorDetails", "ContinueWithErrors"} {
		b, err := queryBool(r, name)
		if err != nil {
			writeErrorf(w, http.StatusBadRequest, "Invalid request: %v.", err)
			return
		}
		flags[i] = b
	}
	continueWithErrors := flags[2]
	d := s.pathDeployment(w, r)
	if d == nil {
		return
	}
	refuse := func(why string) {
		if flags[1] {
			writeErrorf(w, http.StatusBadRequest, "Command %s can't be executed for deployment %s. %s", cmd, d.key, why)
			return
		}
		writeErrorf(w, http.StatusBadRequest, "Command %s can't be executed for deployment %s.", cmd, d.key)
	}
	now := s.now()
	tgt := s.env(d.target)
	switch cmd {
	case "start":
		if d.status != StatusSaved {
			refuse(fmt.Sprintf("The deployment is %s.", d.status))
			return
		}
		if len(d.activeApps()) == 0 {
			refuse("The deployment plan has no applications.")
			return
		}
		if why := s.targetUnavailable(tgt); why != "" {
			refuse(why)
			return
		}
		if len(s.conflicts(d)) > 0 && !continueWithErrors {
			refuse("The deployment plan has conflicts.")
			return
		}
		if why := s.parallelBlock(d, tgt); why != "" {
			refuse(why)
			return
		}
		d.startedOn, d.startedBy = now, a
		d.plan = s.resolveBehaviour(d)
		d.pauses = append([]string(nil), d.plan.Pauses...)
		d.stepDuration = d.plan.StepDuration
		d.startStep(now)
	case "continue":
		if d.status != StatusNeedsUserIntervention {
			refuse(fmt.Sprintf("The deployment is %s.", d.status))
			return
		}
		if why := s.targetUnavailable(tgt); why != "" {
			refuse(why)
			return
		}
		if d.info == InfoNeedsConfigurationOrConfirmation {
			d.dbConfirmed = true
		}
		d.startStep(now)
	case "abort":
		canAbort := d.status == StatusNeedsUserIntervention ||
			d.status == StatusRunning && now.Sub(d.stepStart) < d.stepDuration/2
		if !canAbort {
			refuse(fmt.Sprintf("The deployment is %s and can no longer be aborted.", d.status))
			return
		}
		d.status, d.info = StatusAborting, ""
		d.abortStart, d.abortedOn, d.abortedBy = now, now, a
		d.addLog(now, "Info", "Deployment plan abort requested by %s.", a.Name)
	}
	s.counters.Commands[cmd]++
	writeEmpty(w, http.StatusAccepted)
}

// activeApps lists the applications a plan deploys.
func (d *deployment) activeApps() []string {
	var out []string
	for _, k := range d.appKeys() {
		if !d.doNothing[k] {
			out = append(out, k)
		}
	}
	return out
}

// targetUnavailable says why start and continue are refused on the target
// ("" if they are not): maintenance mode or offline (Deployments_ExecuteCommand
// description).
func (s *Sim) targetUnavailable(e *environment) string {
	switch {
	case e == nil:
		return "The target environment no longer exists."
	case e.maintenance:
		return fmt.Sprintf("The target environment %s is in maintenance mode.", e.Name)
	case e.IsOffline:
		return fmt.Sprintf("The target environment %s is offline.", e.Name)
	}
	return ""
}

// parallelBlock says why d cannot start now on target because of other
// plans ("" if it can). Before parallel execution (LifeTime 11.24.0
// self-managed) one plan runs per target. After, up to the environment's
// parallel deployment limit (default 5; 1 disables parallel runs) and only
// when no application is already being deployed to the target by another plan
// (lifetime-rest-api.md §4.4). Callers hold s.mu.
func (s *Sim) parallelBlock(d *deployment, target *environment) string {
	var busy []*deployment
	for _, o := range s.deployments {
		if o != d && o.target == d.target && o.busy() {
			busy = append(busy, o)
		}
	}
	if len(busy) == 0 {
		return ""
	}
	if !s.parallelRunAllowed() {
		return fmt.Sprintf("Another deployment is running for environment %s.", target.Name)
	}
	limit := target.ParallelDeploymentLimit
	if limit <= 0 {
		limit = 5
	}
	if len(busy) >= limit {
		return fmt.Sprintf("The parallel deployment limit (%d) of environment %s is reached.", limit, target.Name)
	}
	mine := map[string]bool{}
	for _, k := range d.activeApps() {
		mine[k] = true
	}
	for _, o := range busy {
		for _, k := range o.activeApps() {
			if mine[k] {
				return fmt.Sprintf("Application %s is already being deployed to %s by another deployment.", s.app(k).Name, target.Name)
			}
		}
	}
	return ""
}

// getDeploymentStatus serves Deployments_GetStatus.
func (s *Sim) getDeploymentStatus(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	d := s.pathDeployment(w, r)
	if d == nil {
		return
	}
	type message struct {
		Instant wireTime
		Message string
		Type    string
	}
	log := []message{}
	for _, m := range d.log {
		log = append(log, message{wireTime(m.Instant), m.Message, m.Type})
	}
	writeJSON(w, http.StatusOK, struct {
		DeploymentStatus string
		Info             string
		DeploymentLog    []message
	}{string(d.status), d.info, log})
}

// getMissingDBMappings serves Deployments_GetMissingDbMappings (LifeTime >=
// 11.21.1): the swagger lists an unknown deployment under 400.
func (s *Sim) getMissingDBMappings(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	key := r.PathValue("DeploymentKey")
	d := s.deployment(key)
	if d == nil {
		writeErrorf(w, http.StatusBadRequest, "The deployment provided does not exist: %s.", key)
		return
	}
	out := []missingLogicalDB{}
	if !d.dbConfirmed {
		out = append(out, s.missingDBMappings(d)...)
	}
	writeJSON(w, http.StatusOK, out)
}

// configureDeployment serves Deployments_Configuration (LifeTime >= 11.21.1):
// maps the extensions' logical databases to DB connections of the target and
// resumes the deployment (lifetime-rest-api.md §2.3).
func (s *Sim) configureDeployment(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	d := s.pathDeployment(w, r)
	if d == nil {
		return
	}
	var in []struct {
		ExtensionKey string
		DBMapping    []struct{ DatabaseName, LogicalDatabaseName string }
	}
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Invalid request: %v.", err)
		return
	}
	if d.status != StatusNeedsUserIntervention || d.info != InfoNeedsConfigurationOrConfirmation {
		writeError(w, http.StatusBadRequest, "The deployment provided is not awaiting for confirmation.")
		return
	}
	if len(in) == 0 {
		writeError(w, http.StatusBadRequest, "Extension mappings were not provided.")
		return
	}
	tgt := s.env(d.target)
	missing := map[string]bool{}
	for _, m := range s.missingDBMappings(d) {
		missing[m.ExtensionKey+"/"+m.LogicalDatabase] = true
	}
	var problems []string
	for _, ext := range in {
		if len(ext.DBMapping) == 0 {
			problems = append(problems, fmt.Sprintf("DB mappings were not provided for extension %s.", ext.ExtensionKey))
		}
		for _, m := range ext.DBMapping {
			if !missing[ext.ExtensionKey+"/"+m.LogicalDatabaseName] {
				problems = append(problems, fmt.Sprintf("Logical database %s of extension %s does not need a mapping.", m.LogicalDatabaseName, ext.ExtensionKey))
			}
			if tgt.dbConnection(m.DatabaseName) == nil {
				problems = append(problems, fmt.Sprintf("Database connection %s does not exist in %s.", m.DatabaseName, tgt.Name))
			}
		}
	}
	if len(problems) > 0 {
		writeError(w, http.StatusBadRequest, problems...)
		return
	}
	for _, ext := range in {
		for _, m := range ext.DBMapping {
			tgt.dbMappings[ext.ExtensionKey+"/"+m.LogicalDatabaseName] = tgt.dbConnection(m.DatabaseName).Name
		}
	}
	if len(s.missingDBMappings(d)) > 0 {
		writeError(w, http.StatusBadRequest, "DB mappings were not provided for every logical database.")
		return
	}
	d.startStep(s.now())
	s.counters.Commands["configuration"]++
	writeEmpty(w, http.StatusOK)
}

// createBinaryDeployment serves Deployments_CreateWithBinary (LifeTime >=
// 11.22.0): the body is an .oap/.osp; the plan has no source environment and
// lists the package's applications in ApplicationsToDeploy
// (lifetime-rest-api.md §2.2). The answer is 201 with the key as plain text,
// as the docs example shows ("Response body: 16e9ad8a-..."), where the swagger
// says a DeploymentResponse object (§1.3). Binary deployments to Production
// are off by default.
func (s *Sim) createBinaryDeployment(w http.ResponseWriter, r *http.Request, a *ServiceAccount) {
	e := s.pathEnv(w, r)
	if e == nil {
		return
	}
	body, err := readAll(r)
	if err != nil {
		writeErrorf(w, http.StatusBadRequest, "Invalid request: %v.", err)
		return
	}
	app, ok := parseBinaryPackage(body)
	if !ok {
		writeError(w, http.StatusBadRequest, "Invalid request: the body is not an application package (.oap or .osp).")
		return
	}
	if strings.EqualFold(e.Type, "Production") && !e.AllowBinaryDeployments {
		writeErrorf(w, http.StatusBadRequest, "Invalid request: binary deployments to the production environment %s are disabled.", e.Name)
		return
	}
	if reason, blocked := e.blockedApps[app.appKey]; blocked {
		writeErrorf(w, http.StatusBadRequest, "Invalid request: application %s is blocked from deployment to %s (%s).", app.name, e.Name, reason)
		return
	}
	app.isNew = s.running[e.Key+"/"+app.appKey] == nil
	d := s.newDeployment(a, "", e.Key, "Binary deployment of "+app.name)
	d.binaryApps = []binaryApp{app}
	writeText(w, http.StatusCreated, d.key)
}

// parseBinaryPackage reads the header of a simulated package
// (binaryPackage).
func parseBinaryPackage(body []byte) (binaryApp, bool) {
	sc := bufio.NewScanner(bytes.NewReader(body))
	if !sc.Scan() || sc.Text() != oapMagic {
		return binaryApp{}, false
	}
	var b binaryApp
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "=")
		switch k {
		case "application":
			b.appKey = v
		case "name":
			b.name = v
		case "version":
			b.versionKey = v
		case "label":
			b.label = v
		}
	}
	return b, b.appKey != "" && b.name != ""
}
