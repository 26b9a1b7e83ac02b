package transport

import (
	"errors"
	"net/http"
)

// RoundTripper returns the pipeline as an http.RoundTripper, for libraries
// that take an *http.Client (such as gowsdl's soap.WithHTTPClient). classify
// tells, per request, the operation name and whether it is safe to repeat;
// a nil classify treats every request as a non-retryable call named after
// its method. The request's Close flag is cleared (gowsdl sets it) so that
// connections are kept alive.
func (p *Pipeline) RoundTripper(classify func(*http.Request) Call) http.RoundTripper {
	return &roundTripper{p: p, classify: classify}
}

// HTTPClient returns an *http.Client whose transport is
// [Pipeline.RoundTripper](classify). Redirects are followed by the
// pipeline's own client, so the returned client does not follow them again.
func (p *Pipeline) HTTPClient(classify func(*http.Request) Call) *http.Client {
	return &http.Client{
		Transport: p.RoundTripper(classify),
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

type roundTripper struct {
	p        *Pipeline
	classify func(*http.Request) Call
}

// RoundTrip sends req through the pipeline.
func (rt *roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	if req == nil {
		return nil, errors.New("transport: nil request")
	}
	var call Call
	if rt.classify != nil {
		call = rt.classify(req)
	} else {
		call = Call{Operation: req.Method}
	}
	r := req.Clone(req.Context())
	r.Close = false
	if req.Body != nil && req.Body != http.NoBody {
		// RoundTrip must close the request body, even on errors; Do
		// consumes r.Body which is req.Body.
		r.Body = req.Body
	}
	return rt.p.Do(req.Context(), r, call)
}
