package lifetime

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"
)

// reconcileClockSkew is how much earlier than the local start of a create
// attempt a plan's CreatedOn may be and still be considered created by it
// (the server's clock may differ from ours).
const reconcileClockSkew = 5 * time.Minute

// reconcileTimeout bounds the look-up after an ambiguous failure when the
// caller's context has already ended.
const reconcileTimeout = 30 * time.Second

// UnknownOutcomeError is returned when a create request failed in a way
// that leaves open whether LifeTime created the object (timeout, connection
// reset after sending, gateway error), and the look-up that followed could
// not settle it. Do not blindly retry: check Candidates, or list the
// target's deployments, first.
type UnknownOutcomeError struct {
	// Operation is the create operation, e.g. "Deployments_Create".
	Operation string
	// Err is the failure of the create request.
	Err error
	// Candidates are the keys of plans that match the request and were
	// created since the attempt; more than one means it cannot tell.
	Candidates []string
	// LookupErr is the error of the look-up itself, if it failed.
	LookupErr error
}

// Error describes the failure.
func (e *UnknownOutcomeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "lifetime: %s: outcome unknown after %v", e.Operation, e.Err)
	switch {
	case e.LookupErr != nil:
		fmt.Fprintf(&b, "; looking for the created plan failed: %v", e.LookupErr)
	case len(e.Candidates) == 0:
		b.WriteString("; no matching plan found (yet)")
	default:
		fmt.Fprintf(&b, "; %d matching plans: %s", len(e.Candidates), strings.Join(e.Candidates, ", "))
	}
	return b.String()
}

// Unwrap returns the create failure and the look-up failure.
func (e *UnknownOutcomeError) Unwrap() []error {
	if e.LookupErr != nil {
		return []error{e.Err, e.LookupErr}
	}
	return []error{e.Err}
}

func (r *DeploymentCreateRequest) validate() error {
	if r.SourceEnvironmentKey == "" {
		return fmt.Errorf("%w: SourceEnvironmentKey", ErrEmptyKey)
	}
	if r.TargetEnvironmentKey == "" {
		return fmt.Errorf("%w: TargetEnvironmentKey", ErrEmptyKey)
	}
	if len(r.ApplicationOperations) == 0 {
		return fmt.Errorf("%w: no ApplicationOperations", ErrInvalidArgument)
	}
	for i, op := range r.ApplicationOperations {
		if op.ApplicationVersionKey == "" {
			return fmt.Errorf("%w: ApplicationOperations[%d].ApplicationVersionKey", ErrEmptyKey, i)
		}
	}
	return nil
}

// Create creates a deployment plan in state saved and returns its key.
// Start it with [DeploymentsService.Start].
//
// Creating is not idempotent and is never retried. When the request fails
// ambiguously (timeout, connection lost after sending, 502/504 from a
// gateway, the context ending mid-request), Create lists the target's
// plans created since the attempt and returns the key of the one that
// matches the request (source, target, notes, application versions and
// zones). If none or several match, the error is an
// [*UnknownOutcomeError].
//
// LifeTime answers 200 (swagger) or 201 (v1 docs, outsystems-pipeline),
// with the key as plain text; both are accepted.
//
// LifeTime API: POST /deployments/
func (s *DeploymentsService) Create(ctx context.Context, body DeploymentCreateRequest) (string, *Response, error) {
	if err := body.validate(); err != nil {
		return "", nil, err
	}
	req, err := s.client.NewRequest(ctx, http.MethodPost, "deployments/", nil, body)
	if err != nil {
		return "", nil, err
	}
	if err := ctx.Err(); err != nil {
		return "", nil, &OperationError{Operation: "Deployments_Create", Err: err}
	}
	started := time.Now()
	key, resp, err := s.client.DoKey(req, "Deployments_Create")
	if err == nil || !ambiguous(err) {
		return key, resp, err
	}
	return s.reconcile(ctx, "Deployments_Create", body.TargetEnvironmentKey, started, body.matches, err)
}

// matches reports whether d is a plan created from r.
func (r *DeploymentCreateRequest) matches(d *Deployment) bool {
	if d.SourceEnvironmentKey != r.SourceEnvironmentKey || d.TargetEnvironmentKey != r.TargetEnvironmentKey || d.Notes != r.Notes {
		return false
	}
	if len(d.ApplicationOperations) != len(r.ApplicationOperations) {
		return false
	}
	want := make([]string, 0, len(r.ApplicationOperations))
	zones := map[string]string{}
	for _, op := range r.ApplicationOperations {
		want = append(want, op.ApplicationVersionKey)
		zones[op.ApplicationVersionKey] = op.DeploymentZoneKey
	}
	got := make([]string, 0, len(d.ApplicationOperations))
	for _, op := range d.ApplicationOperations {
		got = append(got, op.ApplicationVersionKey)
		if z := zones[op.ApplicationVersionKey]; z != "" && op.DeploymentZoneKey != "" && z != op.DeploymentZoneKey {
			return false
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	return slices.Equal(want, got)
}

// reconcile looks for the plan an ambiguous create attempt may have made.
func (s *DeploymentsService) reconcile(ctx context.Context, op, target string, started time.Time, match func(*Deployment) bool, cause error) (string, *Response, error) {
	lctx := ctx
	if ctx.Err() != nil {
		var cancel context.CancelFunc
		lctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), reconcileTimeout)
		defer cancel()
	}
	since := started.Add(-reconcileClockSkew)
	list, resp, err := s.List(lctx, &DeploymentListOptions{
		MinDate:              since.UTC().AddDate(0, 0, -1),
		TargetEnvironmentKey: target,
	})
	if err != nil {
		return "", resp, &UnknownOutcomeError{Operation: op, Err: cause, LookupErr: err}
	}
	var keys []string
	for _, d := range list {
		if d.TargetEnvironmentKey != "" && d.TargetEnvironmentKey != target {
			continue
		}
		if d.CreatedOn.IsSet() && d.CreatedOn.Before(since) {
			continue
		}
		if match(d) {
			keys = append(keys, d.Key)
		}
	}
	if len(keys) == 1 {
		if l := s.client.logger; l != nil {
			l.LogAttrs(ctx, slog.LevelDebug, "deployment create reconciled after ambiguous failure",
				slog.String("operation", op), slog.String("deployment", keys[0]),
				slog.String("cause", s.client.pipeline.Redact(cause.Error())))
		}
		return keys[0], resp, nil
	}
	return "", resp, &UnknownOutcomeError{Operation: op, Err: cause, Candidates: keys}
}

// ambiguous reports whether a failed create may nevertheless have been
// carried out by the server.
func ambiguous(err error) bool {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode == http.StatusBadGateway || apiErr.StatusCode == http.StatusGatewayTimeout
	}
	var opErr *OperationError
	if !errors.As(err, &opErr) {
		return false // local validation or decoding problems
	}
	if errors.Is(err, ErrUnexpectedResponse) {
		// A 2xx whose key could not be read: the plan exists.
		return true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return false
	}
	var netOp *net.OpError
	if errors.As(err, &netOp) && netOp.Op == "dial" {
		return false
	}
	var recordHeader tls.RecordHeaderError
	var verify *tls.CertificateVerificationError
	if errors.As(err, &recordHeader) || errors.As(err, &verify) {
		return false
	}
	return true
}
