package lifetime

import (
	"context"
	"fmt"
)

// DeployOptions configure [DeploymentsService.DeployAndWait].
type DeployOptions struct {
	// Start are the options of the start command; nil sends
	// RedeployOutdated=true, as outsystems-pipeline does.
	Start *CommandOptions
	// AllowConflicts starts a plan that has application conflicts with
	// ContinueWithErrors=true and RedeployOutdated=false (the pipeline's
	// ALLOW_CONTINUE_WITH_ERRORS). Without it, such a plan is not started.
	AllowConflicts bool
	// KeepPlanOnConflict keeps a plan with conflicts saved; by default it
	// is deleted.
	KeepPlanOnConflict bool
	// Wait configures the wait after the start.
	Wait *WaitOptions
}

// ConflictError is returned by DeployAndWait when the new plan has
// application conflicts and AllowConflicts is not set.
type ConflictError struct {
	// DeploymentKey is the plan that has conflicts.
	DeploymentKey string
	// Conflicts are the conflicts LifeTime reported.
	Conflicts []ApplicationConflict
	// Deleted is true when the plan was deleted.
	Deleted bool
	// DeleteErr is the error of that delete, if it failed.
	DeleteErr error
}

// Error describes the conflicts.
func (e *ConflictError) Error() string {
	s := fmt.Sprintf("lifetime: deployment %s has %d application conflicts", e.DeploymentKey, len(e.Conflicts))
	if len(e.Conflicts) > 0 && e.Conflicts[0].Message != "" {
		s += ", first: " + e.Conflicts[0].Message
	}
	switch {
	case e.Deleted:
		s += " (plan deleted)"
	case e.DeleteErr != nil:
		s += " (deleting the plan failed: " + e.DeleteErr.Error() + ")"
	}
	return s
}

// Unwrap returns the delete error, if any.
func (e *ConflictError) Unwrap() error { return e.DeleteErr }

// DeployAndWait creates a plan, validates it (conflicts), starts it and
// waits for it by key. It returns the plan's key as soon as it exists,
// with the final progress, or the first error: [*UnknownOutcomeError] from
// the create, [*ConflictError], an [*APIError] from the start (the plan
// stays saved), or Wait's errors.
func (s *DeploymentsService) DeployAndWait(ctx context.Context, body DeploymentCreateRequest, opts *DeployOptions) (string, *DeploymentProgress, error) {
	var o DeployOptions
	if opts != nil {
		o = *opts
	}
	key, _, err := s.Create(ctx, body)
	if err != nil {
		return "", nil, err
	}
	details, _, err := s.Get(ctx, key)
	if err != nil {
		return key, nil, err
	}
	start := o.Start
	if start == nil {
		redeploy := true
		start = &CommandOptions{RedeployOutdated: &redeploy}
	}
	if len(details.ApplicationConflicts) > 0 {
		if !o.AllowConflicts {
			ce := &ConflictError{DeploymentKey: key, Conflicts: details.ApplicationConflicts}
			if !o.KeepPlanOnConflict {
				if _, err := s.Delete(ctx, key); err != nil {
					ce.DeleteErr = err
				} else {
					ce.Deleted = true
				}
			}
			return key, nil, ce
		}
		c := *start
		no := false
		c.RedeployOutdated = &no
		c.ContinueWithErrors = true
		start = &c
	}
	if _, err := s.Start(ctx, key, start); err != nil {
		return key, nil, err
	}
	p, err := s.Wait(ctx, key, o.Wait)
	return key, p, err
}
