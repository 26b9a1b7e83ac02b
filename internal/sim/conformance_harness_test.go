package sim

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// The conformance harness: every REST exchange that goes through a
// conformanceRecorder is validated against the official LifeTime REST API v2
// swagger (kin-openapi), and the only tolerated differences are the rows of
// knownDifferences (conformance_differences_test.go).

// restBasePath is the swagger's basePath.
const restBasePath = "/lifetimeapi/rest/v2"

// swaggerPath returns where the official swagger is: $LIFETIME_SWAGGER, or
// ../shared/reference beside the repository (three levels up from this package).
func swaggerPath() string {
	if p := os.Getenv("LIFETIME_SWAGGER"); p != "" {
		return p
	}
	return filepath.Join("..", "..", "..", "shared", "reference", "lifetime-api-v2.swagger.json")
}

// conformanceSpec is the loaded swagger, converted to OpenAPI 3, with the
// spec-level corrections of knownDifferences applied.
type conformanceSpec struct {
	doc        *openapi3.T
	router     routers.Router
	operations []string // every operationId of the swagger, sorted
}

// loadConformanceSpec loads the swagger or skips the test when it is absent.
func loadConformanceSpec(t testing.TB) *conformanceSpec {
	t.Helper()
	path := swaggerPath()
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("LifeTime swagger not found at %s: set LIFETIME_SWAGGER to the path of lifetime-api-v2.swagger.json to run the conformance checks", path)
	}
	if err != nil {
		t.Fatalf("read swagger: %v", err)
	}
	var v2 openapi2.T
	if err := json.Unmarshal(raw, &v2); err != nil {
		t.Fatalf("parse swagger %s: %v", path, err)
	}
	doc, err := openapi2conv.ToV3(&v2)
	if err != nil {
		t.Fatalf("convert swagger to OpenAPI 3: %v", err)
	}
	for _, d := range knownDifferences() {
		if d.patch != nil {
			if err := d.patch(doc); err != nil {
				t.Fatalf("known difference %q: patch the swagger: %v", d.name, err)
			}
		}
	}
	// The upstream file has four defaults of the wrong type (lifetime-rest-api.md §1.6).
	opt := openapi3.DisableSchemaDefaultsValidation()
	if err := doc.Validate(context.Background(), opt); err != nil {
		t.Fatalf("swagger does not validate: %v", err)
	}
	// Paths are matched without the basePath (the legacy router ignores
	// relative server URLs), see check.
	doc.Servers = nil
	router, err := legacy.NewRouter(doc, opt)
	if err != nil {
		t.Fatalf("build router: %v", err)
	}
	cs := &conformanceSpec{doc: doc, router: router}
	for _, p := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(p).Operations() {
			cs.operations = append(cs.operations, op.OperationID)
		}
	}
	sort.Strings(cs.operations)
	return cs
}

// exchange is one recorded request and its answer.
type exchange struct {
	method    string
	path      string
	rawQuery  string
	reqHeader http.Header
	reqBody   []byte

	status   int
	header   http.Header
	body     []byte
	hijacked bool // the handler took the connection (fault injection): nothing to validate
}

func (ex *exchange) String() string {
	s := ex.method + " " + ex.path
	if ex.rawQuery != "" {
		s += "?" + ex.rawQuery
	}
	return fmt.Sprintf("%s -> %d", s, ex.status)
}

// conformanceRecorder is an http.Handler that records every exchange going
// through it to the wrapped handler.
type conformanceRecorder struct {
	next http.Handler

	mu        sync.Mutex
	exchanges []*exchange
}

// newConformanceRecorder wraps h. When the swagger is available, every REST
// exchange recorded during the test is validated at cleanup; the test fails
// on any difference not in knownDifferences. Without the swagger it only
// records.
func newConformanceRecorder(t *testing.T, h http.Handler) *conformanceRecorder {
	t.Helper()
	rec := &conformanceRecorder{next: h}
	if _, err := os.Stat(swaggerPath()); err != nil {
		t.Logf("conformance: swagger not found at %s, responses are not validated", swaggerPath())
		return rec
	}
	t.Cleanup(func() {
		cs := loadConformanceSpec(t)
		for _, ex := range rec.snapshot() {
			if _, err := cs.check(ex); err != nil {
				t.Errorf("conformance: %v", err)
			}
		}
	})
	return rec
}

// snapshot returns the exchanges recorded so far.
func (rec *conformanceRecorder) snapshot() []*exchange {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return slices.Clone(rec.exchanges)
}

func (rec *conformanceRecorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reqBody, _ := io.ReadAll(r.Body)
	_ = r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(reqBody))
	ex := &exchange{method: r.Method, path: r.URL.Path, rawQuery: r.URL.RawQuery, reqHeader: r.Header.Clone(), reqBody: reqBody}
	cw := &capturingWriter{ResponseWriter: w, ex: ex}
	rec.next.ServeHTTP(cw, r)
	if ex.status == 0 && !ex.hijacked {
		ex.status = http.StatusOK
		ex.header = w.Header().Clone()
	}
	rec.mu.Lock()
	rec.exchanges = append(rec.exchanges, ex)
	rec.mu.Unlock()
}

// capturingWriter copies the status, headers and body of a response.
type capturingWriter struct {
	http.ResponseWriter
	ex *exchange
}

func (cw *capturingWriter) WriteHeader(code int) {
	if cw.ex.status == 0 {
		cw.ex.status = code
		cw.ex.header = cw.Header().Clone()
	}
	cw.ResponseWriter.WriteHeader(code)
}

func (cw *capturingWriter) Write(p []byte) (int, error) {
	if cw.ex.status == 0 {
		cw.WriteHeader(http.StatusOK)
	}
	cw.ex.body = append(cw.ex.body, p...)
	return cw.ResponseWriter.Write(p)
}

func (cw *capturingWriter) Flush() {
	if f, ok := cw.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (cw *capturingWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	hj, ok := cw.ResponseWriter.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("conformance recorder: the underlying ResponseWriter cannot hijack")
	}
	cw.ex.hijacked = true
	return hj.Hijack()
}

// Unwrap lets http.ResponseController reach the real writer.
func (cw *capturingWriter) Unwrap() http.ResponseWriter { return cw.ResponseWriter }

// check validates one exchange and returns the operationId it exercised
// ("" for exchanges outside the REST API: SOAP, hijacked connections).
// Rows of knownDifferences first rewrite the exchange (rewrite) or replace
// the validation of the exchanges they cover (matches/check); everything
// else is validated against the swagger as is.
func (cs *conformanceSpec) check(ex *exchange) (string, error) {
	if ex.hijacked || !strings.HasPrefix(ex.path, restBasePath+"/") {
		return "", nil
	}
	opID, _, _ := cs.findRoute(ex)
	for _, d := range knownDifferences() {
		if d.rewrite != nil {
			if next := d.rewrite(opID, ex); next != nil {
				ex = next
			}
		}
	}
	for _, d := range knownDifferences() {
		if d.matches != nil && d.matches(opID, ex) {
			if err := d.check(cs, ex); err != nil {
				return opID, fmt.Errorf("%v: %s (known difference %q, %s): %w", ex, opID, d.name, d.source, err)
			}
			return opID, nil
		}
	}
	if opID == "" {
		return "", fmt.Errorf("%v: no operation of the swagger matches this request", ex)
	}
	if err := cs.validate(ex); err != nil {
		return opID, fmt.Errorf("%v: %s: response differs from the swagger: %v\nbody: %.600s", ex, opID, err, ex.body)
	}
	return opID, nil
}

// validate checks an exchange against the swagger (strictly: the status
// must be declared).
func (cs *conformanceSpec) validate(ex *exchange) error {
	_, route, params := cs.findRoute(ex)
	if route == nil {
		return errors.New("no operation of the swagger matches this request")
	}
	req, err := http.NewRequest(ex.method, "http://sim"+strings.TrimPrefix(ex.path, restBasePath)+"?"+ex.rawQuery, bytes.NewReader(ex.reqBody))
	if err != nil {
		return err
	}
	req.Header = ex.reqHeader.Clone()
	noAuth := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: noAuth},
		Status:                 ex.status,
		Header:                 ex.header,
		Body:                   io.NopCloser(bytes.NewReader(ex.body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	return openapi3filter.ValidateResponse(context.Background(), in)
}

// responseSchema returns the JSON schema of an operation's answer with status.
func (cs *conformanceSpec) responseSchema(ex *exchange, status int) (*openapi3.Schema, error) {
	_, route, _ := cs.findRoute(ex)
	if route == nil {
		return nil, errors.New("no operation of the swagger matches this request")
	}
	resp := route.Operation.Responses.Status(status)
	if resp == nil || resp.Value == nil {
		return nil, fmt.Errorf("the swagger declares no %d", status)
	}
	for _, mt := range resp.Value.Content {
		if mt.Schema != nil && mt.Schema.Value != nil {
			return mt.Schema.Value, nil
		}
	}
	return nil, fmt.Errorf("the swagger declares no schema for %d", status)
}

// clone returns a copy of ex that a rewrite may change.
func (ex *exchange) clone() *exchange {
	c := *ex
	c.header = ex.header.Clone()
	c.body = slices.Clone(ex.body)
	return &c
}

// findRoute matches an exchange to a swagger operation.
func (cs *conformanceSpec) findRoute(ex *exchange) (string, *routers.Route, map[string]string) {
	req := httptest.NewRequest(ex.method, "http://sim"+strings.TrimPrefix(ex.path, restBasePath), nil)
	route, params, err := cs.router.FindRoute(req)
	if err != nil || route == nil || route.Operation == nil {
		return "", nil, nil
	}
	return route.Operation.OperationID, route, params
}

// coverage is what a set of exchanges exercised, per operationId.
type coverage map[string]*opCoverage

type opCoverage struct {
	success, failure []int // statuses seen
}

// coverageOf validates exchanges and returns the coverage and every error.
func (cs *conformanceSpec) coverageOf(exs []*exchange) (coverage, []error) {
	cov := coverage{}
	var errs []error
	for _, ex := range exs {
		opID, err := cs.check(ex)
		if err != nil {
			errs = append(errs, err)
		}
		if opID == "" {
			continue
		}
		c := cov[opID]
		if c == nil {
			c = &opCoverage{}
			cov[opID] = c
		}
		if ex.status >= 200 && ex.status < 300 {
			c.success = append(c.success, ex.status)
		} else {
			c.failure = append(c.failure, ex.status)
		}
	}
	return cov, errs
}

// missing lists the swagger operations without a success and a failure.
func (cs *conformanceSpec) missing(cov coverage) (noSuccess, noFailure []string) {
	for _, op := range cs.operations {
		c := cov[op]
		if c == nil || len(c.success) == 0 {
			noSuccess = append(noSuccess, op)
		}
		if c == nil || len(c.failure) == 0 {
			noFailure = append(noFailure, op)
		}
	}
	return noSuccess, noFailure
}
