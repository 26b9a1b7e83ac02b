package lifetime

import (
	"context"
	"net/http"
)

// SolutionState is the state of a solution being built.
type SolutionState string

// Solution states reported by LifeTime (docs and outsystems-pipeline,
// outsystems/vars/lifetime_vars.py). Every state other than Completed and
// Aborted means the solution is still being built.
const (
	SolutionCreated               SolutionState = "Created"
	SolutionReady                 SolutionState = "Ready"
	SolutionGatheringDependencies SolutionState = "Gathering Dependencies"
	SolutionGettingBinaries       SolutionState = "Getting Binaries"
	SolutionGeneratingMetaModel   SolutionState = "Generating Meta Model"
	SolutionGeneratingSolution    SolutionState = "Generating Solution"
	SolutionCompleted             SolutionState = "Completed"
	SolutionAborted               SolutionState = "Aborted"
)

// Done reports whether the state is final (Completed or Aborted).
func (s SolutionState) Done() bool { return s == SolutionCompleted || s == SolutionAborted }

// SolutionCreateRequest is the body of [EnvironmentsService.CreateSolution]
// (swagger Solution_Request_POST).
type SolutionCreateRequest struct {
	// Optional: the solution's name.
	SolutionName string `json:"SolutionName,omitempty"`
	// Required: the applications to put in the solution.
	ApplicationKeys []string `json:"ApplicationKeys"`
	// Optional: include the applications' references. Nil leaves the server
	// default (true); new(false) excludes them.
	IncludeReferences *bool `json:"IncludeReferences,omitempty"`
}

// SolutionStatus is the state of a solution being built.
type SolutionStatus struct {
	// Status is the solution's state.
	Status SolutionState `json:"Status"`
	// StatusReason explains an Aborted state.
	StatusReason string `json:"StatusReason"`
}

// CreateSolution starts building a temporary solution (an .osp) of
// applications running in an environment and returns the solution key
// (LifeTime 11.22.0 or later; 405, [ErrMethodNotAllowed], on older consoles).
// Poll [EnvironmentsService.SolutionStatus] until it is done, then get the
// link with [EnvironmentsService.SolutionDownloadLink].
//
// LifeTime API: POST /environments/{EnvironmentKey}/solution
func (s *EnvironmentsService) CreateSolution(ctx context.Context, environmentKey string, req *SolutionCreateRequest) (string, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/solution", environmentKey)
	if err != nil {
		return "", nil, err
	}
	if req == nil || len(req.ApplicationKeys) == 0 {
		return "", nil, invalidOption("ApplicationKeys", "at least one application key is required")
	}
	for _, k := range req.ApplicationKeys {
		if err := checkKey("ApplicationKeys", k); err != nil {
			return "", nil, err
		}
	}
	return keyOf(ctx, s.client, http.MethodPost, "Environments_SolutionCreate", p, req)
}

// SolutionStatus returns the state of a solution being built. The swagger
// documents a one-element array; the real server answers a single object
// (docs example and outsystems-pipeline, lifetime_solutions.py); both are
// accepted.
//
// LifeTime API: GET /environments/{EnvironmentKey}/solutionstatus/{SolutionKey}
func (s *EnvironmentsService) SolutionStatus(ctx context.Context, environmentKey, solutionKey string) (*SolutionStatus, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/solutionstatus/{SolutionKey}", environmentKey, solutionKey)
	if err != nil {
		return nil, nil, err
	}
	all, resp, err := oneOrManyOf[SolutionStatus](ctx, s.client, "Environments_SolutionStatus", p, nil)
	if err != nil {
		return nil, resp, err
	}
	if len(all) == 0 {
		return nil, resp, emptyAnswer("Environments_SolutionStatus")
	}
	return all[0], resp, nil
}

// solutionLink decodes both spellings of a solution download link: the
// swagger's {Url, ExpiresAt} and the real server's {url, expires} (docs
// example and outsystems-pipeline, lifetime_solutions.py, which reads
// response["url"]).
type solutionLink struct {
	URL       string `json:"url"`
	Expires   Time   `json:"expires"`
	ExpiresAt Time   `json:"ExpiresAt"`
}

// SolutionDownloadLink returns the download link of a completed solution.
// LifeTime answers 400 ([ErrBadRequest]) while the solution is not Completed.
//
// LifeTime API: GET /environments/{EnvironmentKey}/solution/{SolutionKey}
func (s *EnvironmentsService) SolutionDownloadLink(ctx context.Context, environmentKey, solutionKey string) (*DownloadLink, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/solution/{SolutionKey}", environmentKey, solutionKey)
	if err != nil {
		return nil, nil, err
	}
	all, resp, err := oneOrManyOf[solutionLink](ctx, s.client, "Environments_SolutionDownload", p, nil)
	if err != nil {
		return nil, resp, err
	}
	if len(all) == 0 || all[0].URL == "" {
		return nil, resp, emptyAnswer("Environments_SolutionDownload")
	}
	l := all[0]
	expires := l.Expires
	if expires.IsZero() {
		expires = l.ExpiresAt
	}
	return &DownloadLink{URL: l.URL, Expires: expires}, resp, nil
}

// WaitSolution polls a solution being built until it is Completed and
// returns its last status. Aborted ends the wait with a [*PackageError]
// carrying the StatusReason; states this SDK does not know are taken as
// still in progress, like the documented intermediate states.
func (s *EnvironmentsService) WaitSolution(ctx context.Context, environmentKey, solutionKey string, opts *PackageWaitOptions) (*SolutionStatus, error) {
	if _, err := keyPath("{EnvironmentKey}/{SolutionKey}", environmentKey, solutionKey); err != nil {
		return nil, err
	}
	var final *SolutionStatus
	err := waitPackage(ctx, opts, DefaultSolutionPollInterval, func(ctx context.Context) (string, bool, error) {
		st, _, err := s.SolutionStatus(ctx, environmentKey, solutionKey)
		if err != nil {
			return "", false, err
		}
		final = st
		switch st.Status {
		case SolutionCompleted:
			return string(st.Status), true, nil
		case SolutionAborted:
			return string(st.Status), true, &PackageError{Operation: "Environments_SolutionStatus", Key: solutionKey, State: string(st.Status), Reason: st.StatusReason}
		}
		return string(st.Status), false, nil
	})
	return final, err
}
