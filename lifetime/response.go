package lifetime

import "net/http"

// requestIDHeaders are the headers that may carry a request identifier,
// in order of preference. LifeTime documents none; proxies and gateways
// in front of it often add one.
var requestIDHeaders = []string{"X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-Trace-Id"}

// Response is the HTTP response of an API call. Its body has been read and
// closed.
type Response struct {
	*http.Response

	// RequestID is the request identifier header of the answer, if any.
	RequestID string
}

func newResponse(r *http.Response) *Response {
	resp := &Response{Response: r}
	for _, h := range requestIDHeaders {
		if v := r.Header.Get(h); v != "" {
			resp.RequestID = v
			break
		}
	}
	return resp
}
