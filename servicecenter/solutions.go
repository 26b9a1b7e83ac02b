package servicecenter

import (
	"context"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/go-outsystems/outsystems/internal/soapgen/scsolutions"
)

// TestLogin checks the credentials with a cheap call. It returns the status
// text Service Center answers (its meaning is not documented; refused
// credentials come back as a [*FaultError] matching [ErrLoginFailed]).
//
// Service Center SOAP: Solutions.TestLogin
func (c *Client) TestLogin(ctx context.Context) (string, error) {
	const op = "Solutions.TestLogin"
	user, pass, err := c.credentials(op)
	if err != nil {
		return "", err
	}
	resp, err := c.solutions.TestLoginContext(ctx, &scsolutions.TestLogin{Username: user, Password: pass})
	if err != nil {
		return "", wrapErr(ctx, op, err)
	}
	return resp.Status, nil
}

// CreateAllSolution creates a solution named name holding every
// application and module of the environment except the system ones, and
// returns its id. This is the first half of "republish all LifeTime
// plugins" on the LifeTime environment's Service Center (soap-apis.md §4,
// option A); publish it with [Client.PublishRunning].
//
// On self-managed installations OutSystems' SetupTools (2018) first set the
// OSSYS_PARAMETER EnableCloudServicesAPI=True; what Service Center does with
// an existing name is not documented. Never retried.
//
// Service Center SOAP: Solutions.CreateAllSolution
func (c *Client) CreateAllSolution(ctx context.Context, name string) (int64, error) {
	const op = "Solutions.CreateAllSolution"
	if strings.TrimSpace(name) == "" {
		return 0, fmt.Errorf("%s: %w: empty solution name", op, ErrInvalidArgument)
	}
	user, pass, err := c.credentials(op)
	if err != nil {
		return 0, err
	}
	resp, err := c.solutions.CreateAllSolutionContext(ctx, &scsolutions.CreateAllSolution{AllSolutionName: name, Username: user, Password: pass})
	if err != nil {
		return 0, wrapErr(ctx, op, err)
	}
	return resp.SolutionId, nil
}

// SolutionID returns the id of the solution named name. An answer of 0
// gives an error wrapping [ErrNotFound]; a Service Center that faults
// instead gives a [*FaultError].
//
// Service Center SOAP: Solutions.GetSolutionIdByName
func (c *Client) SolutionID(ctx context.Context, name string) (int64, error) {
	const op = "Solutions.GetSolutionIdByName"
	if strings.TrimSpace(name) == "" {
		return 0, fmt.Errorf("%s: %w: empty solution name", op, ErrInvalidArgument)
	}
	user, pass, err := c.credentials(op)
	if err != nil {
		return 0, err
	}
	resp, err := c.solutions.GetSolutionIdByNameContext(ctx, &scsolutions.GetSolutionIdByName{Username: user, Password: pass, SolutionName: name})
	if err != nil {
		return 0, wrapErr(ctx, op, err)
	}
	if resp.SolutionId == 0 {
		return 0, fmt.Errorf("%s: solution %q: %w", op, name, ErrNotFound)
	}
	return resp.SolutionId, nil
}

// PublishRunningOptions are the switches of [Client.PublishRunning]. The
// zero value (and nil) publishes without system applications and without
// a full compilation.
type PublishRunningOptions struct {
	// Optional: PublishSystemApplications also publishes the system
	// applications the solution holds (meaning inferred from the name).
	PublishSystemApplications bool
	// Optional: CleanPublish asks for full compilations ("Publish with full
	// compilations"; unverified).
	CleanPublish bool
}

// Publication identifies a publication that has started.
type Publication struct {
	// SolutionID is the id of the published solution.
	SolutionID int64
	// ID is the publication id to give [Client.Messages] and
	// [Client.WaitPublish].
	ID int64
}

// PublishRunning starts publishing the current running version of the
// named solution, the API form of Service Center's "Publish" of "Current
// Running Version". Follow it with [Client.WaitPublish]. An answer with
// publication id 0 gives an error wrapping [ErrPublishNotStarted]. Never
// retried: after an ambiguous failure, look at the solution's publications
// before starting another.
//
// Service Center SOAP: Solutions.PublishRunning
func (c *Client) PublishRunning(ctx context.Context, name string, opts *PublishRunningOptions) (*Publication, error) {
	const op = "Solutions.PublishRunning"
	if strings.TrimSpace(name) == "" {
		return nil, fmt.Errorf("%s: %w: empty solution name", op, ErrInvalidArgument)
	}
	user, pass, err := c.credentials(op)
	if err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &PublishRunningOptions{}
	}
	resp, err := c.solutions.PublishRunningContext(ctx, &scsolutions.PublishRunning{
		Username: user, Password: pass, SolutionName: name,
		PublishSystemApplications: opts.PublishSystemApplications, CleanPublish: opts.CleanPublish,
	})
	if err != nil {
		return nil, wrapErr(ctx, op, err)
	}
	if resp.SolutionPubId == 0 {
		return nil, fmt.Errorf("%s: solution %q: %w", op, name, ErrPublishNotStarted)
	}
	return &Publication{SolutionID: resp.SolutionId, ID: resp.SolutionPubId}, nil
}

// CatalogMapping maps a module (eSpace) to a database catalog on upload.
type CatalogMapping struct {
	// Module is the module (eSpace) name; Catalog the database catalog.
	Module  string
	Catalog string
}

// PublishOptions are the switches of [Client.Publish]; nil means all false.
type PublishOptions struct {
	// Optional: JustUpload uploads the pack without publishing it.
	JustUpload bool
	// Optional: CleanPublish asks for full compilations.
	CleanPublish bool
	// Optional: FromOSPTool says the caller is non-interactive: per an
	// OutSystems R&D page the publication then does not stop for impact
	// analysis (unverified, soap-apis.md §2.2).
	FromOSPTool bool
	// Optional: CatalogMappings place modules' data in database catalogs.
	CatalogMappings []CatalogMapping
	// Optional: ReuseTablesOnMove is passed through as is.
	ReuseTablesOnMove string
}

// PublishResult is the answer to [Client.Publish].
type PublishResult struct {
	// PublicationID is the publication to wait for (0 when JustUpload).
	PublicationID int64
	// Messages are the messages the upload answered with.
	Messages []Message
	// PackUID and PackSchemaVersion identify the uploaded pack.
	PackUID           string
	PackSchemaVersion int64
	// NeedsConfiguration says the publication waits for configuration
	// (site properties, database mappings) before going on.
	NeedsConfiguration bool
}

// Publish uploads a solution pack (.osp) or application pack (.oap) read
// from r under filename and, unless opts.JustUpload, publishes it. The
// whole file travels base64-encoded in the SOAP body (about 1.33 times its
// size); IIS limits of the server apply. Never retried.
//
// Service Center SOAP: Solutions.Publish
func (c *Client) Publish(ctx context.Context, filename string, r io.Reader, opts *PublishOptions) (*PublishResult, error) {
	const op = "Solutions.Publish"
	if strings.TrimSpace(filename) == "" || path.Base(filename) != filename {
		return nil, fmt.Errorf("%s: %w: file name %q must be a plain name such as Plugins.osp", op, ErrInvalidArgument, filename)
	}
	if r == nil {
		return nil, fmt.Errorf("%s: %w: nil reader", op, ErrInvalidArgument)
	}
	user, pass, err := c.credentials(op)
	if err != nil {
		return nil, err
	}
	content, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: reading %s: %w", op, filename, err)
	}
	if len(content) == 0 {
		return nil, fmt.Errorf("%s: %w: %s is empty", op, ErrInvalidArgument, filename)
	}
	if opts == nil {
		opts = &PublishOptions{}
	}
	req := &scsolutions.Publish{
		Username: user, Password: pass, File: content, Filename: filename,
		JustUpload: opts.JustUpload, CleanPublish: opts.CleanPublish, FromOSPTool: opts.FromOSPTool,
		ReuseTablesOnMove: opts.ReuseTablesOnMove,
	}
	if len(opts.CatalogMappings) > 0 {
		req.CatalogMappings = &scsolutions.ArrayOfDBCatalogMapping{}
		for _, m := range opts.CatalogMappings {
			req.CatalogMappings.DBCatalogMapping = append(req.CatalogMappings.DBCatalogMapping,
				&scsolutions.DBCatalogMapping{EspaceName: m.Module, CatalogName: m.Catalog})
		}
	}
	resp, err := c.solutions.PublishContext(ctx, req)
	if err != nil {
		return nil, wrapErr(ctx, op, err)
	}
	msgs, err := parseMessages(resp.Messages)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	if !opts.JustUpload && resp.SolutionPubId == 0 {
		return &PublishResult{Messages: msgs, PackUID: resp.PackUID, PackSchemaVersion: resp.PackSchemaVersion},
			fmt.Errorf("%s: %s: %w", op, filename, ErrPublishNotStarted)
	}
	return &PublishResult{
		PublicationID: resp.SolutionPubId, Messages: msgs, PackUID: resp.PackUID,
		PackSchemaVersion: resp.PackSchemaVersion, NeedsConfiguration: resp.NeedsConfiguration,
	}, nil
}

// Download returns the solution pack (.osp bytes) of the named solution.
// versionID 0 asks for the running version (as public clients send it;
// meaning inferred). Large solutions take long to pack: give ctx a
// generous deadline.
//
// Service Center SOAP: Solutions.Download
func (c *Client) Download(ctx context.Context, name string, versionID int64) ([]byte, error) {
	const op = "Solutions.Download"
	if strings.TrimSpace(name) == "" || versionID < 0 {
		return nil, fmt.Errorf("%s: %w: solution %q version %d", op, ErrInvalidArgument, name, versionID)
	}
	user, pass, err := c.credentials(op)
	if err != nil {
		return nil, err
	}
	resp, err := c.solutions.DownloadContext(ctx, &scsolutions.Download{SolutionName: name, SolutionVersionId: versionID, Username: user, Password: pass})
	if err != nil {
		return nil, wrapErr(ctx, op, err)
	}
	return []byte(resp.File), nil
}

// Delete deletes the solution with this id (not its modules) and returns
// the messages Service Center answered with. Never retried.
//
// Service Center SOAP: Solutions.Delete
func (c *Client) Delete(ctx context.Context, solutionID int64) ([]Message, error) {
	const op = "Solutions.Delete"
	if solutionID <= 0 {
		return nil, fmt.Errorf("%s: %w: solution id %d", op, ErrInvalidArgument, solutionID)
	}
	user, pass, err := c.credentials(op)
	if err != nil {
		return nil, err
	}
	resp, err := c.solutions.DeleteContext(ctx, &scsolutions.Delete{SolutionID: solutionID, Username: user, Password: pass})
	if err != nil {
		return nil, wrapErr(ctx, op, err)
	}
	msgs, err := parseMessages(resp.Messages)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return msgs, nil
}
