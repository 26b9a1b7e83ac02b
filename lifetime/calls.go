package lifetime

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// This file holds the small request plumbing the typed methods of every
// service share: key paths, one call, lists, single objects, keys, download
// links and the lenient one-or-many decoding.

// ErrNoBinary is returned (wrapped) by the download-link operations when
// LifeTime has no binary for the given keys (HTTP 204).
var ErrNoBinary = errors.New("lifetime: no binary available")

// invalidOption reports an option or body field refused locally, before
// anything is sent, because LifeTime would refuse it anyway. It wraps
// [ErrInvalidArgument].
func invalidOption(field, problem string) error {
	return fmt.Errorf("%w: %s %s", ErrInvalidArgument, field, problem)
}

// checkKey refuses empty keys and keys that would change the path; the
// error wraps [ErrEmptyKey] or [ErrPathTraversal].
func checkKey(field, key string) error {
	_, err := escapeKey(field, key)
	return err
}

// keyPath fills the {Placeholders} of a swagger path template, in order,
// with the given keys, validating and escaping each one.
func keyPath(template string, keys ...string) (string, error) {
	var b strings.Builder
	rest := template
	for _, key := range keys {
		open := strings.IndexByte(rest, '{')
		end := strings.IndexByte(rest, '}')
		if open < 0 || end < open {
			return "", fmt.Errorf("lifetime: internal error: path template %q has fewer placeholders than keys", template)
		}
		escaped, err := escapeKey(rest[open+1:end], key)
		if err != nil {
			return "", err
		}
		b.WriteString(rest[:open])
		b.WriteString(escaped)
		rest = rest[end+1:]
	}
	if strings.IndexByte(rest, '{') >= 0 {
		return "", fmt.Errorf("lifetime: internal error: path template %q has more placeholders than keys", template)
	}
	b.WriteString(rest)
	return b.String(), nil
}

// flag is a boolean query parameter; LifeTime reads a missing one as false.
type flag struct {
	name string
	on   bool
}

// flagQuery returns a query with name=true for each flag that is on.
func flagQuery(flags ...flag) url.Values {
	q := url.Values{}
	for _, f := range flags {
		if f.on {
			q.Set(f.name, "true")
		}
	}
	return q
}

// call builds and sends one request, decoding a JSON answer into v when v is
// not nil.
func call(ctx context.Context, c *Client, method, op, path string, q url.Values, body, v any) (*Response, error) {
	req, err := c.NewRequest(ctx, method, path, q, body)
	if err != nil {
		return nil, err
	}
	return c.Do(req, op, v)
}

// listOf GETs a list. 204 (or 200 with no body or []) gives an empty,
// non-nil slice; null entries are dropped so callers never meet nil.
func listOf[T any](ctx context.Context, c *Client, op, path string, q url.Values) ([]*T, *Response, error) {
	var out []*T
	resp, err := call(ctx, c, http.MethodGet, op, path, q, nil, &out)
	if err != nil {
		return nil, resp, err
	}
	return withoutNil(out), resp, nil
}

// withoutNil returns s without its nil entries, never nil itself.
func withoutNil[T any](s []*T) []*T {
	out := make([]*T, 0, len(s))
	for _, v := range s {
		if v != nil {
			out = append(out, v)
		}
	}
	return out
}

// oneOf sends a request whose answer is one JSON object. An answer without a
// body is an error wrapping ErrUnexpectedResponse.
func oneOf[T any](ctx context.Context, c *Client, method, op, path string, q url.Values, body any) (*T, *Response, error) {
	var out *T
	resp, err := call(ctx, c, method, op, path, q, body, &out)
	if err != nil {
		return nil, resp, err
	}
	if out == nil {
		return nil, resp, emptyAnswer(op)
	}
	return out, resp, nil
}

// keyOf sends a create or update whose answer is a key (plain text, a
// quoted JSON string or a JSON object).
func keyOf(ctx context.Context, c *Client, method, op, path string, body any) (string, *Response, error) {
	req, err := c.NewRequest(ctx, method, path, nil, body)
	if err != nil {
		return "", nil, err
	}
	return c.DoKey(req, op)
}

// downloadLinkOf GETs a DownloadLink; 204 gives ErrNoBinary.
func downloadLinkOf(ctx context.Context, c *Client, op, path string, q url.Values) (*DownloadLink, *Response, error) {
	var out *DownloadLink
	resp, err := call(ctx, c, http.MethodGet, op, path, q, nil, &out)
	if err != nil {
		return nil, resp, err
	}
	if out == nil || out.URL == "" {
		if resp != nil && resp.StatusCode == http.StatusNoContent {
			return nil, resp, fmt.Errorf("lifetime: %s: %w", op, ErrNoBinary)
		}
		return nil, resp, emptyAnswer(op)
	}
	return out, resp, nil
}

// undecodable reports a 2xx answer whose JSON does not fit the model.
func undecodable(op string, err error) error {
	return &OperationError{Operation: op, Err: fmt.Errorf("%w: %w", ErrUnexpectedResponse, err)}
}

// emptyAnswer reports a 2xx answer without the content op promises.
func emptyAnswer(op string) error {
	return &OperationError{Operation: op, Err: fmt.Errorf("%w: the answer has no content", ErrUnexpectedResponse)}
}

// oneOrManyOf GETs path and decodes either a JSON object or an array of
// objects into a slice; an empty body gives an empty slice. The swagger and
// the real server disagree on this shape for several operations.
func oneOrManyOf[T any](ctx context.Context, c *Client, op, path string, q url.Values) ([]*T, *Response, error) {
	var raw json.RawMessage
	resp, err := call(ctx, c, http.MethodGet, op, path, q, nil, &raw)
	if err != nil {
		return nil, resp, err
	}
	raw = bytes.TrimSpace(raw)
	out := []*T{}
	switch {
	case len(raw) == 0 || bytes.Equal(raw, []byte("null")):
	case raw[0] == '[':
		if err := json.Unmarshal(raw, &out); err != nil {
			return nil, resp, undecodable(op, err)
		}
		out = withoutNil(out)
	default:
		v := new(T)
		if err := json.Unmarshal(raw, v); err != nil {
			return nil, resp, undecodable(op, err)
		}
		out = append(out, v)
	}
	return out, resp, nil
}
