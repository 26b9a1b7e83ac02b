package lifetime

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/go-outsystems/outsystems/internal/transport"
)

// DeploymentListOptions filters [DeploymentsService.List]. LifeTime's
// default window is the last 7 days.
type DeploymentListOptions struct {
	// MinDate and MaxDate bound the creation date (day precision);
	// zero values are not sent.
	MinDate time.Time
	// MaxDate is the last creation day included.
	MaxDate time.Time
	// TargetEnvironmentKey keeps the plans of one target environment.
	TargetEnvironmentKey string
}

func (o *DeploymentListOptions) query() url.Values {
	if o == nil {
		return nil
	}
	q := url.Values{}
	if !o.MinDate.IsZero() {
		q.Set("MinDate", o.MinDate.Format(time.DateOnly))
	}
	if !o.MaxDate.IsZero() {
		q.Set("MaxDate", o.MaxDate.Format(time.DateOnly))
	}
	if o.TargetEnvironmentKey != "" {
		q.Set("TargetEnvironmentKey", o.TargetEnvironmentKey)
	}
	return q
}

// List returns the deployment plans, newest first. No plans gives an empty,
// non-nil slice.
//
// LifeTime API: GET /deployments/
func (s *DeploymentsService) List(ctx context.Context, opts *DeploymentListOptions) ([]*Deployment, *Response, error) {
	if opts != nil && !opts.MinDate.IsZero() && !opts.MaxDate.IsZero() && opts.MaxDate.Before(opts.MinDate) {
		return nil, nil, fmt.Errorf("%w: MaxDate %s before MinDate %s", ErrInvalidArgument,
			opts.MaxDate.Format(time.DateOnly), opts.MinDate.Format(time.DateOnly))
	}
	return listOf[Deployment](ctx, s.client, "Deployments_List", "deployments/", opts.query())
}

// Get returns a plan with its validation results. Note that LifeTime
// validates the plan on this call, which can change its state.
//
// LifeTime API: GET /deployments/{DeploymentKey}/
func (s *DeploymentsService) Get(ctx context.Context, deploymentKey string) (*DeploymentDetails, *Response, error) {
	k, err := escapeKey("DeploymentKey", deploymentKey)
	if err != nil {
		return nil, nil, err
	}
	req, err := s.client.NewRequest(ctx, http.MethodGet, "deployments/"+k+"/", nil, nil)
	if err != nil {
		return nil, nil, err
	}
	d := new(DeploymentDetails)
	resp, err := s.client.Do(req, "Deployments_Get", d)
	if err != nil {
		return nil, resp, err
	}
	return d, resp, nil
}

// Update replaces the notes and application versions of a saved plan.
// From LifeTime 11.22.0 applications left out are removed from the plan;
// before, they were set to "Do Nothing".
//
// LifeTime API: PUT /deployments/{DeploymentKey}/
func (s *DeploymentsService) Update(ctx context.Context, deploymentKey string, body DeploymentCreateRequest) (*DeploymentData, *Response, error) {
	k, err := escapeKey("DeploymentKey", deploymentKey)
	if err != nil {
		return nil, nil, err
	}
	if err := body.validate(); err != nil {
		return nil, nil, err
	}
	req, err := s.client.NewRequest(ctx, http.MethodPut, "deployments/"+k+"/", nil, body)
	if err != nil {
		return nil, nil, err
	}
	d := new(DeploymentData)
	resp, err := s.client.Do(req, "Deployments_Update", d)
	if err != nil {
		return nil, resp, err
	}
	return d, resp, nil
}

// Delete discards a plan. Only saved plans can be deleted; otherwise
// LifeTime answers 400, matched by [ErrConflict] (abort first).
//
// LifeTime API: DELETE /deployments/{DeploymentKey}/
func (s *DeploymentsService) Delete(ctx context.Context, deploymentKey string) (*Response, error) {
	k, err := escapeKey("DeploymentKey", deploymentKey)
	if err != nil {
		return nil, err
	}
	req, err := s.client.NewRequest(ctx, http.MethodDelete, "deployments/"+k+"/", nil, nil)
	if err != nil {
		return nil, err
	}
	return s.client.Do(req, "Deployments_Delete", nil)
}

// CommandOptions are the query parameters of a deployment command.
type CommandOptions struct {
	// RedeployOutdated, when set, sends RedeployOutdated=true|false:
	// redeploy the target's outdated applications.
	RedeployOutdated *bool
	// IncludeErrorDetails asks for more details in error messages.
	IncludeErrorDetails bool
	// ContinueWithErrors sends ContinueWithErrors=true, which the swagger
	// does not document but LifeTime honours: start a plan that has
	// conflicts. OutSystems' own outsystems-pipeline sends it (with
	// RedeployOutdated=false) since Sept 2021, commit 95b3c7c of
	// https://github.com/OutSystems/outsystems-pipeline.
	ContinueWithErrors bool
}

func (o *CommandOptions) query() url.Values {
	if o == nil {
		return nil
	}
	q := flagQuery(flag{"IncludeErrorDetails", o.IncludeErrorDetails}, flag{"ContinueWithErrors", o.ContinueWithErrors})
	if o.RedeployOutdated != nil {
		q.Set("RedeployOutdated", strconv.FormatBool(*o.RedeployOutdated))
	}
	return q
}

// ExecuteCommand runs start, continue or abort on a plan (202, no body).
// A command the plan's state refuses is a 400 matched by [ErrConflict].
// Commands are POSTs and are never retried.
//
// LifeTime API: POST /deployments/{DeploymentKey}/{Command}/
func (s *DeploymentsService) ExecuteCommand(ctx context.Context, deploymentKey string, cmd DeploymentCommand, opts *CommandOptions) (*Response, error) {
	k, err := escapeKey("DeploymentKey", deploymentKey)
	if err != nil {
		return nil, err
	}
	switch cmd {
	case CommandStart, CommandContinue, CommandAbort:
	default:
		return nil, fmt.Errorf("%w: deployment command %q (want start, continue or abort)", ErrInvalidArgument, cmd)
	}
	req, err := s.client.NewRequest(ctx, http.MethodPost, "deployments/"+k+"/"+string(cmd)+"/", opts.query(), nil)
	if err != nil {
		return nil, err
	}
	return s.client.Do(req, "Deployments_ExecuteCommand", nil)
}

// Start starts a saved plan ([DeploymentsService.ExecuteCommand] with
// start).
//
// LifeTime API: POST /deployments/{DeploymentKey}/{Command}/
func (s *DeploymentsService) Start(ctx context.Context, deploymentKey string, opts *CommandOptions) (*Response, error) {
	return s.ExecuteCommand(ctx, deploymentKey, CommandStart, opts)
}

// Continue resumes a plan waiting for user intervention.
//
// LifeTime API: POST /deployments/{DeploymentKey}/{Command}/
func (s *DeploymentsService) Continue(ctx context.Context, deploymentKey string, opts *CommandOptions) (*Response, error) {
	return s.ExecuteCommand(ctx, deploymentKey, CommandContinue, opts)
}

// Abort aborts a running plan, possible until staging reaches the target's
// Platform Server.
//
// LifeTime API: POST /deployments/{DeploymentKey}/{Command}/
func (s *DeploymentsService) Abort(ctx context.Context, deploymentKey string, opts *CommandOptions) (*Response, error) {
	return s.ExecuteCommand(ctx, deploymentKey, CommandAbort, opts)
}

// Status returns the execution state and log of a plan.
//
// LifeTime API: GET /deployments/{DeploymentKey}/status/
func (s *DeploymentsService) Status(ctx context.Context, deploymentKey string) (*DeploymentProgress, *Response, error) {
	k, err := escapeKey("DeploymentKey", deploymentKey)
	if err != nil {
		return nil, nil, err
	}
	req, err := s.client.NewRequest(ctx, http.MethodGet, "deployments/"+k+"/status/", nil, nil)
	if err != nil {
		return nil, nil, err
	}
	p := new(DeploymentProgress)
	resp, err := s.client.Do(req, "Deployments_GetStatus", p)
	if err != nil {
		return nil, resp, err
	}
	return p, resp, nil
}

// GetMissingDBMappings lists the extension logical databases that need a
// database connection in the target (LifeTime 11.21.1 or later). None
// gives an empty, non-nil slice.
//
// LifeTime API: GET /deployments/{DeploymentKey}/getmissingdbmappings/
func (s *DeploymentsService) GetMissingDBMappings(ctx context.Context, deploymentKey string) ([]*MissingDBMapping, *Response, error) {
	p, err := keyPath("deployments/{DeploymentKey}/getmissingdbmappings/", deploymentKey)
	if err != nil {
		return nil, nil, err
	}
	return listOf[MissingDBMapping](ctx, s.client, "Deployments_GetMissingDbMappings", p, nil)
}

// Configure maps extension logical databases to database connections of
// the target and resumes the deployment (LifeTime 11.21.1 or later).
//
// LifeTime API: POST /deployments/{DeploymentKey}/configuration/
func (s *DeploymentsService) Configure(ctx context.Context, deploymentKey string, mappings []ExtensionDBMapping) (*Response, error) {
	k, err := escapeKey("DeploymentKey", deploymentKey)
	if err != nil {
		return nil, err
	}
	if len(mappings) == 0 {
		return nil, fmt.Errorf("%w: no extension mappings", ErrInvalidArgument)
	}
	for i, m := range mappings {
		if m.ExtensionKey == "" {
			return nil, fmt.Errorf("%w: mappings[%d].ExtensionKey", ErrEmptyKey, i)
		}
		if len(m.DBMapping) == 0 {
			return nil, fmt.Errorf("%w: mappings[%d] (%s) has no DBMapping", ErrInvalidArgument, i, m.ExtensionKey)
		}
	}
	req, err := s.client.NewRequest(ctx, http.MethodPost, "deployments/"+k+"/configuration/", nil, mappings)
	if err != nil {
		return nil, err
	}
	return s.client.Do(req, "Deployments_Configuration", nil)
}

// CreateWithBinary creates a plan deploying an application package
// (.oap) or solution (.osp) to an environment, without impact analysis
// (LifeTime 11.22.0 or later). The body is streamed as
// application/octet-stream with no per-attempt timeout (the context bounds
// it); the new plan's key is returned (LifeTime sends it as text or as
// {"DeploymentKey": ...}). Never retried: after an
// ambiguous failure the error is an [*UnknownOutcomeError] listing the
// saved binary plans of the target created since the attempt.
//
// LifeTime API: POST /environments/{EnvironmentKey}/deployment/
func (s *DeploymentsService) CreateWithBinary(ctx context.Context, environmentKey string, binary io.Reader) (string, *Response, error) {
	k, err := escapeKey("EnvironmentKey", environmentKey)
	if err != nil {
		return "", nil, err
	}
	if binary == nil {
		return "", nil, fmt.Errorf("%w: nil binary", ErrInvalidArgument)
	}
	req, err := s.client.NewRequest(ctx, http.MethodPost, "environments/"+k+"/deployment/", nil, binary)
	if err != nil {
		return "", nil, err
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	if err := ctx.Err(); err != nil {
		return "", nil, &OperationError{Operation: "Deployments_CreateWithBinary", Err: err}
	}
	started := time.Now()
	// Sending a large package counts against a per-attempt timeout, so
	// none is used here; the context bounds the upload.
	key, resp, err := s.client.doKey(req, transport.Call{Operation: "Deployments_CreateWithBinary", AttemptTimeout: -1})
	if err == nil || !ambiguous(err) {
		return key, resp, err
	}
	match := func(d *Deployment) bool { return d.SourceEnvironmentKey == "" && len(d.ApplicationOperations) == 0 }
	return s.reconcile(ctx, "Deployments_CreateWithBinary", environmentKey, started, match, err)
}
