package lifetime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/go-outsystems/outsystems/internal/transport"
)

// apiPath is the path of the LifeTime REST API v2 under the host.
const apiPath = "/lifetimeapi/rest/v2/"

// Client is a LifeTime REST API v2 client. Create it with [NewClient]; it is
// safe for concurrent use. The services group the operations as the
// swagger's tags do.
type Client struct {
	baseURL  *url.URL // absolute, ends with "/lifetimeapi/rest/v2/"
	token    string
	pipeline *transport.Pipeline
	logger   *slog.Logger // nil = silent

	common service

	// Applications: applications, their versions and configurations.
	Applications *ApplicationsService
	// Auth: token renewal.
	Auth *AuthService
	// DBConnections: database connections of environments.
	DBConnections *DBConnectionsService
	// Deployments: deployment plans, commands, status and the waiter.
	Deployments *DeploymentsService
	// Environments: environments, running applications, deployment zones,
	// maintenance mode, templates, CSP, source code and solutions.
	Environments *EnvironmentsService
	// Modules: modules and their versions.
	Modules *ModulesService
	// Roles: roles and permission levels.
	Roles *RolesService
	// Teams: teams, their users and applications.
	Teams *TeamsService
	// Users: IT users and service accounts.
	Users *UsersService
}

// service is the common base of the services.
type service struct {
	client *Client
}

// ApplicationsService groups the operations of the /applications tag.
type ApplicationsService service

// AuthService groups the operations of the /auth tag.
type AuthService service

// DBConnectionsService groups the database connection operations.
type DBConnectionsService service

// DeploymentsService groups the operations of the /deployments tag.
type DeploymentsService service

// EnvironmentsService groups the operations of the /environments tag.
type EnvironmentsService service

// ModulesService groups the operations of the /modules tag.
type ModulesService service

// RolesService groups the operations of the /roles tag.
type RolesService service

// TeamsService groups the operations of the /teams tag.
type TeamsService service

// UsersService groups the operations of the /users tag.
type UsersService service

// NewClient returns a client for the LifeTime at baseURL, which is either
// the LifeTime host ("https://lt.example.com") or the full API base
// ("https://lt.example.com/lifetimeapi/rest/v2"), with or without trailing
// slash; a path prefix before /lifetimeapi (reverse proxy) is kept. The
// scheme must be https unless [WithInsecureHTTP] is given. NewClient does no
// network I/O.
func NewClient(baseURL string, opts ...Option) (*Client, error) {
	var o clientOptions
	for _, opt := range opts {
		if opt == nil {
			return nil, optionError(errNilOption)
		}
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	u, err := parseBaseURL(baseURL, o.insecureHTTP)
	if err != nil {
		return nil, err
	}
	hc, err := o.http.Build()
	if err != nil {
		return nil, optionError(err)
	}
	pol := DefaultRetryPolicy()
	if o.retry != nil {
		pol = *o.retry
	}
	var secrets []string
	if o.token != "" {
		secrets = append(secrets, o.token)
	}
	p, err := transport.New(transport.Config{
		HTTPClient: hc,
		Logger:     o.logger,
		UserAgent:  o.userAgent,
		Retry:      pol.toTransport(),
		Secrets:    secrets,
	})
	if err != nil {
		return nil, optionError(err)
	}
	c := &Client{baseURL: u, token: o.token, pipeline: p, logger: o.logger}
	c.common.client = c
	c.Applications = (*ApplicationsService)(&c.common)
	c.Auth = (*AuthService)(&c.common)
	c.DBConnections = (*DBConnectionsService)(&c.common)
	c.Deployments = (*DeploymentsService)(&c.common)
	c.Environments = (*EnvironmentsService)(&c.common)
	c.Modules = (*ModulesService)(&c.common)
	c.Roles = (*RolesService)(&c.common)
	c.Teams = (*TeamsService)(&c.common)
	c.Users = (*UsersService)(&c.common)
	return c, nil
}

// parseBaseURL validates raw and returns the API base ending with
// "/lifetimeapi/rest/v2/".
func parseBaseURL(raw string, insecure bool) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, fmt.Errorf("%w: empty", ErrInvalidBaseURL)
	}
	u, err := url.Parse(raw)
	if err != nil {
		// *url.Error quotes the whole URL, user information included: keep
		// only the reason.
		if ue, ok := errors.AsType[*url.Error](err); ok {
			err = ue.Err
		}
		return nil, fmt.Errorf("%w: %w", ErrInvalidBaseURL, err)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !insecure {
			return nil, fmt.Errorf("%w: %s uses http; use https or pass WithInsecureHTTP()", ErrInvalidBaseURL, transport.SanitizeURL(u))
		}
	default:
		return nil, fmt.Errorf("%w: scheme %q, want https (e.g. https://lt.example.com)", ErrInvalidBaseURL, u.Scheme)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("%w: no host in %q", ErrInvalidBaseURL, transport.SanitizeURL(u))
	}
	if u.User != nil {
		return nil, fmt.Errorf("%w: user information in the URL is not supported; use WithToken", ErrInvalidBaseURL)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%w: query or fragment in %q", ErrInvalidBaseURL, transport.SanitizeURL(u))
	}
	p := strings.TrimRight(u.Path, "/")
	switch {
	case strings.HasSuffix(p, "/lifetimeapi/rest/v2"):
		p += "/"
	case strings.HasSuffix(p, "/lifetimeapi/rest/v1"):
		return nil, fmt.Errorf("%w: LifeTime API v1 is not supported; use the v2 base", ErrInvalidBaseURL)
	case strings.Contains(p, "/lifetimeapi"):
		return nil, fmt.Errorf("%w: path %q is not the API v2 base (/lifetimeapi/rest/v2)", ErrInvalidBaseURL, u.Path)
	default:
		p += apiPath
	}
	u.Path = p
	u.RawPath = ""
	return u, nil
}

// BaseURL returns the API base URL, ending with "/lifetimeapi/rest/v2/".
func (c *Client) BaseURL() *url.URL {
	u := *c.baseURL
	return &u
}

// NewRequest builds a request for the API. path is relative to the API
// base (e.g. "applications/{key}/versions/") with each key already escaped
// by the caller with url.PathEscape; "." and ".." segments and absolute
// paths are refused. query may be nil. body is nil, an io.Reader sent as is
// (set Content-Type yourself; it defaults to application/octet-stream), or
// a value encoded as JSON.
//
// NewRequest and [Client.Do] are the escape hatch for operations the typed
// methods do not cover.
func (c *Client) NewRequest(ctx context.Context, method, path string, query url.Values, body any) (*http.Request, error) {
	if ctx == nil {
		return nil, fmt.Errorf("%w: nil context", ErrInvalidArgument)
	}
	if err := checkRelativePath(path); err != nil {
		return nil, err
	}
	ref, err := url.Parse(path)
	if err != nil {
		return nil, fmt.Errorf("%w: path %q: %w", ErrInvalidArgument, path, err)
	}
	u := c.baseURL.ResolveReference(ref)
	if len(query) > 0 {
		u.RawQuery = query.Encode()
	}
	var (
		rdr         io.Reader
		contentType string
	)
	switch b := body.(type) {
	case nil:
	case io.Reader:
		rdr = b
		contentType = "application/octet-stream"
	default:
		buf, err := json.Marshal(body)
		if err != nil {
			return nil, fmt.Errorf("%w: encoding the request body: %w", ErrInvalidArgument, err)
		}
		rdr = bytes.NewReader(buf)
		contentType = "application/json"
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rdr)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidArgument, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	return req, nil
}

// checkRelativePath refuses absolute paths, schemes, queries and "." or
// ".." segments (also percent-encoded).
func checkRelativePath(path string) error {
	if path == "" {
		return nil
	}
	if strings.HasPrefix(path, "/") || strings.Contains(path, "://") || strings.HasPrefix(path, "\\") {
		return fmt.Errorf("%w: %q is not relative to the API base", ErrPathTraversal, path)
	}
	if strings.ContainsAny(path, "?#") {
		return fmt.Errorf("%w: path %q contains a query or fragment; pass query values separately", ErrInvalidArgument, path)
	}
	for _, seg := range strings.Split(path, "/") {
		dec, err := url.PathUnescape(seg)
		if err != nil {
			return fmt.Errorf("%w: path %q: %w", ErrInvalidArgument, path, err)
		}
		for _, part := range strings.FieldsFunc(dec, func(r rune) bool { return r == '/' || r == '\\' }) {
			if part == "." || part == ".." {
				return fmt.Errorf("%w: %q", ErrPathTraversal, path)
			}
		}
		if dec == "." || dec == ".." {
			return fmt.Errorf("%w: %q", ErrPathTraversal, path)
		}
	}
	return nil
}

// escapeKey validates a key argument and returns it escaped for a path.
func escapeKey(field, key string) (string, error) {
	if strings.TrimSpace(key) == "" {
		return "", keyError(field, "is empty", ErrEmptyKey)
	}
	if key == "." || key == ".." {
		return "", keyError(field, fmt.Sprintf("%q is not a key", key), ErrPathTraversal)
	}
	return url.PathEscape(key), nil
}

// retryable reports whether a request with this method is safe to repeat.
func retryable(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// Do sends req (from [Client.NewRequest]) as the operation op (the
// swagger operationId) and decodes a JSON answer into v when v is not nil.
// An empty 2xx body (204 on empty lists) leaves v untouched. Answers
// outside 2xx return an [*APIError]. GET, PUT, DELETE and HEAD are retried
// by the retry policy; other methods are sent once.
func (c *Client) Do(req *http.Request, op string, v any) (*Response, error) {
	resp, err := c.send(req, op)
	if err != nil {
		return resp, err
	}
	defer resp.Body.Close()
	if v == nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, transport.MaxErrorBody))
		return resp, nil
	}
	if err := decodeJSON(resp.Body, v); err != nil {
		return resp, c.decodeError(req, op, err)
	}
	return resp, nil
}

// DoKey sends req like [Client.Do] for a create operation answering with
// the new object's key, which LifeTime sends as plain text, as a quoted
// JSON string or as a JSON object with a "Key" (or single "...Key") field.
func (c *Client) DoKey(req *http.Request, op string) (string, *Response, error) {
	return c.doKey(req, c.call(req, op))
}

// doKey is DoKey with an explicit pipeline call.
func (c *Client) doKey(req *http.Request, call transport.Call) (string, *Response, error) {
	op := call.Operation
	resp, err := c.sendCall(req, call)
	if err != nil {
		return "", resp, err
	}
	defer resp.Body.Close()
	body, err := transport.ReadBounded(resp.Body, transport.MaxErrorBody)
	if err != nil {
		return "", resp, c.decodeError(req, op, err)
	}
	key, err := parseKey(body)
	if err != nil {
		return "", resp, c.decodeError(req, op, err)
	}
	return key, resp, nil
}

// send runs the request through the pipeline and turns answers outside 2xx
// into *APIError. On success the caller owns resp.Body.
func (c *Client) send(req *http.Request, op string) (*Response, error) {
	return c.sendCall(req, c.call(req, op))
}

// call describes req for the pipeline: GET, HEAD, PUT and DELETE are safe
// to repeat.
func (c *Client) call(req *http.Request, op string) transport.Call {
	call := transport.Call{Operation: op}
	if req != nil {
		call.Retryable = retryable(req.Method)
	}
	return call
}

// sendCall is send with an explicit pipeline call.
func (c *Client) sendCall(req *http.Request, call transport.Call) (*Response, error) {
	op := call.Operation
	if req == nil {
		return nil, fmt.Errorf("%w: nil request", ErrInvalidArgument)
	}
	ctx := req.Context()
	hr, err := c.pipeline.Do(ctx, req, call)
	if err != nil {
		return nil, &OperationError{Operation: op, Err: err}
	}
	resp := newResponse(hr)
	if hr.StatusCode >= 200 && hr.StatusCode <= 299 {
		return resp, nil
	}
	defer hr.Body.Close()
	body, _ := transport.ReadBounded(hr.Body, transport.MaxErrorBody)
	return resp, c.apiError(hr, op, body, resp.RequestID)
}

// apiError builds the APIError of a non-2xx answer.
func (c *Client) apiError(hr *http.Response, op string, body []byte, requestID string) *APIError {
	e := &APIError{
		StatusCode: hr.StatusCode,
		Operation:  op,
		Method:     hr.Request.Method,
		URL:        c.pipeline.Redact(transport.SanitizeURL(hr.Request.URL)),
		RequestID:  requestID,
		Body:       body,
	}
	var env struct {
		Errors     []string `json:"Errors"`
		StatusCode int      `json:"StatusCode"`
	}
	if json.Unmarshal(body, &env) == nil {
		for _, m := range env.Errors {
			e.Errors = append(e.Errors, c.pipeline.Redact(m))
		}
		e.BodyStatusCode = env.StatusCode
	}
	if len(e.Errors) == 0 && len(body) > 0 && len(body) <= 200 && isPrintable(body) {
		e.summary = c.pipeline.Redact(strings.TrimSpace(string(body)))
	}
	return e
}

func (c *Client) decodeError(req *http.Request, op string, err error) error {
	return &OperationError{Operation: op, Err: fmt.Errorf("%w: %s %s: %w", ErrUnexpectedResponse,
		req.Method, c.pipeline.Redact(transport.SanitizeURL(req.URL)), err)}
}

// decodeJSON decodes r into v; an empty body leaves v untouched.
func decodeJSON(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return err
	}
	return nil
}

// OperationError wraps a failure that is not an answer from LifeTime
// (connection errors, timeouts, canceled contexts, unreadable bodies) with
// the operation it happened in. errors.Is(err, context.Canceled) and
// similar work through it.
type OperationError struct {
	// Operation is the swagger operationId.
	Operation string
	// Err is the underlying error.
	Err error
}

// Error returns "lifetime: <operation>: <error>".
func (e *OperationError) Error() string { return "lifetime: " + e.Operation + ": " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *OperationError) Unwrap() error { return e.Err }
