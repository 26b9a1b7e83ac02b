package soap

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	gsoap "github.com/hooklift/gowsdl/soap"

	"github.com/go-outsystems/outsystems/internal/transport"
)

// MaxResponseBody bounds a successful answer (Download returns a whole
// solution pack, base64-encoded, in the body): 1 GiB.
const MaxResponseBody = 1 << 30

// Doer implements gowsdl's soap.HTTPClient over a transport pipeline. It
// is safe for concurrent use; it keeps no per-call state.
type Doer struct {
	pipeline *transport.Pipeline
	readOnly map[string]bool
	maxBody  int64 // bound of a successful answer: MaxResponseBody (tests lower it)
}

// NewDoer returns a Doer sending through p. readOnly lists the SOAPActions
// (e.g. "http://ServiceCenter/Solutions/GetMessages") that are safe to
// repeat; every other operation is sent exactly once.
func NewDoer(p *transport.Pipeline, readOnly ...string) *Doer {
	m := make(map[string]bool, len(readOnly))
	for _, a := range readOnly {
		m[a] = true
	}
	return &Doer{pipeline: p, readOnly: m, maxBody: MaxResponseBody}
}

// NewClient returns a gowsdl client for the endpoint URL that sends through d.
func (d *Doer) NewClient(endpoint string) *gsoap.Client {
	return gsoap.NewClient(endpoint, gsoap.WithHTTPClient(d))
}

// OperationName turns a SOAPAction "http://<Module>/<Service>/<Operation>"
// into "Service.Operation".
func OperationName(action string) string {
	parts := strings.Split(strings.TrimSuffix(strings.Trim(action, `"`), "/"), "/")
	if len(parts) >= 2 {
		return parts[len(parts)-2] + "." + parts[len(parts)-1]
	}
	return action
}

// Do sends a request built by gowsdl. See the package documentation for
// what it changes and how answers are classified.
func (d *Doer) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	action := strings.Trim(req.Header.Get("SOAPAction"), `"`)
	op := OperationName(action)
	r := req.Clone(ctx)
	r.Close = false
	r.Header.Set("SOAPAction", `"`+action+`"`)
	r.Header.Set("Content-Type", "text/xml; charset=utf-8")
	r.Header.Del("User-Agent") // gowsdl's "gowsdl/0.1"; the pipeline sets ours
	resp, err := d.pipeline.Do(ctx, r, transport.Call{Operation: op, Retryable: d.readOnly[action]})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()

	limit := d.maxBody
	if resp.StatusCode >= 300 {
		limit = transport.MaxErrorBody
	}
	body, readErr := transport.ReadBounded(resp.Body, limit)
	if readErr != nil && !errors.Is(readErr, transport.ErrBodyTooLarge) {
		return nil, fmt.Errorf("%s: reading the answer: %w", op, readErr)
	}
	ctype := resp.Header.Get("Content-Type")
	fault, inspectErr := inspect(body)
	if inspectErr == nil && fault != nil {
		return nil, &Fault{
			Operation:  op,
			StatusCode: resp.StatusCode,
			Code:       fault.Code,
			String:     fault.String,
			Actor:      fault.Actor,
			Detail:     strings.TrimSpace(fault.Detail.Inner),
		}
	}
	httpErr := func(reason string) error {
		if int64(len(body)) > transport.MaxErrorBody {
			body = body[:transport.MaxErrorBody]
		}
		return &HTTPError{Operation: op, StatusCode: resp.StatusCode, ContentType: ctype, Body: body, Reason: reason}
	}
	switch {
	case inspectErr != nil:
		return nil, httpErr(inspectErr.Error())
	case resp.StatusCode < 200 || resp.StatusCode >= 300:
		return nil, httpErr("unexpected HTTP status for a SOAP answer")
	case readErr != nil:
		return nil, httpErr(readErr.Error())
	}
	out := *resp
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.ContentLength = int64(len(body))
	return &out, nil
}
