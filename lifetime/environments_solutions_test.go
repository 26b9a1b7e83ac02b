package lifetime

import (
	"context"
	"net/http"
	"testing"
)

func TestSolutionsOperations(t *testing.T) {
	t.Parallel()
	wantLink := &DownloadLink{URL: "https://lt.example.com/lifetimeapi/rest/v2/downloads/osp1", Expires: wireTime(t, "2024-05-01T10:00:00Z")}
	runOpCases(t, []opCase{{
		name: "CreateSolution text key", method: http.MethodPost, path: "/environments/e1/solution",
		body:  `{"SolutionName":"Plugins","ApplicationKeys":["a1","a2"]}`,
		reply: "9b1c0d2e-aaaa-bbbb-cccc-ddddeeeeffff", ctype: "text/plain",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.CreateSolution(ctx, "e1", &SolutionCreateRequest{SolutionName: "Plugins", ApplicationKeys: []string{"a1", "a2"}})
		},
		want: "9b1c0d2e-aaaa-bbbb-cccc-ddddeeeeffff",
	}, {
		name: "CreateSolution without references", method: http.MethodPost, path: "/environments/e1/solution",
		body:  `{"ApplicationKeys":["a1"],"IncludeReferences":false}`,
		reply: `"s1"`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.CreateSolution(ctx, "e1", &SolutionCreateRequest{ApplicationKeys: []string{"a1"}, IncludeReferences: new(false)})
		},
		want: "s1",
	}, {
		name: "SolutionStatus as object (real server)", method: http.MethodGet, path: "/environments/e1/solutionstatus/s1",
		reply: `{"Status":"Gathering Dependencies","StatusReason":""}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.SolutionStatus(ctx, "e1", "s1")
		},
		want: &SolutionStatus{Status: SolutionGatheringDependencies},
	}, {
		name: "SolutionStatus as array (swagger)", method: http.MethodGet, path: "/environments/e1/solutionstatus/s1",
		reply: `[{"Status":"Aborted","StatusReason":"Module X is broken"}]`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.SolutionStatus(ctx, "e1", "s1")
		},
		want: &SolutionStatus{Status: SolutionAborted, StatusReason: "Module X is broken"},
	}, {
		name: "SolutionDownloadLink real spelling", method: http.MethodGet, path: "/environments/e1/solution/s1",
		reply: `{"url":"https://lt.example.com/lifetimeapi/rest/v2/downloads/osp1","expires":"2024-05-01T10:00:00Z"}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.SolutionDownloadLink(ctx, "e1", "s1")
		},
		want: wantLink,
	}, {
		name: "SolutionDownloadLink swagger spelling", method: http.MethodGet, path: "/environments/e1/solution/s1",
		reply: `[{"Url":"https://lt.example.com/lifetimeapi/rest/v2/downloads/osp1","ExpiresAt":"2024-05-01T10:00:00Z"}]`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.SolutionDownloadLink(ctx, "e1", "s1")
		},
		want: wantLink,
	}})
	runErrCases(t, []errCase{{
		name: "SolutionDownloadLink 400 not completed", status: http.StatusBadRequest, reply: exception(400, "Invalid request due to invalid input paramenters."),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.SolutionDownloadLink(ctx, "e1", "s1")
		},
		wantIs: ErrBadRequest, wantOp: "Environments_SolutionDownload",
	}, {
		name: "CreateSolution 405 older LifeTime", status: http.StatusMethodNotAllowed, reply: exception(405, "The requested resource does not exist"),
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.CreateSolution(ctx, "e1", &SolutionCreateRequest{ApplicationKeys: []string{"a1"}})
		},
		wantIs: ErrMethodNotAllowed, wantOp: "Environments_SolutionCreate",
	}, {
		name: "SolutionStatus empty array", status: http.StatusOK, reply: `[]`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.SolutionStatus(ctx, "e1", "s1")
		},
		wantIs: ErrUnexpectedResponse,
	}, {
		name: "SolutionStatus array of null", status: http.StatusOK, reply: `[null]`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.SolutionStatus(ctx, "e1", "s1")
		},
		wantIs: ErrUnexpectedResponse,
	}, {
		name: "SolutionStatus wrong shape", status: http.StatusOK, reply: `{"Status":42}`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.SolutionStatus(ctx, "e1", "s1")
		},
		wantIs: ErrUnexpectedResponse,
	}, {
		name: "SolutionDownloadLink not JSON", status: http.StatusOK, reply: `not json`,
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.SolutionDownloadLink(ctx, "e1", "s1")
		},
		wantIs: ErrUnexpectedResponse,
	}, {
		name: "CreateSolution without applications",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.CreateSolution(ctx, "e1", &SolutionCreateRequest{SolutionName: "x"})
		},
		wantIs: ErrInvalidArgument,
	}, {
		name: "CreateSolution empty application key",
		do: func(ctx context.Context, c *Client) (any, *Response, error) {
			return c.Environments.CreateSolution(ctx, "e1", &SolutionCreateRequest{ApplicationKeys: []string{"a1", ""}})
		},
		wantIs: ErrEmptyKey,
	}})
}

func TestSolutionStateDone(t *testing.T) {
	t.Parallel()
	for _, s := range []SolutionState{SolutionCreated, SolutionReady, SolutionGatheringDependencies, SolutionGettingBinaries, SolutionGeneratingMetaModel, SolutionGeneratingSolution, "Something New"} {
		if s.Done() {
			t.Errorf("%q.Done() = true, want false", s)
		}
	}
	for _, s := range []SolutionState{SolutionCompleted, SolutionAborted} {
		if !s.Done() {
			t.Errorf("%q.Done() = false, want true", s)
		}
	}
}
