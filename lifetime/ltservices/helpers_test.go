package ltservices_test

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/go-outsystems/outsystems/internal/soap/soaptest"
	"github.com/go-outsystems/outsystems/lifetime/ltservices"
)

var update = flag.Bool("update", false, "rewrite the golden request files under testdata/requests")

const (
	testUser     = "it.admin"
	testPassword = "s3cret-pass"
	// serviceToken is longer than the documented 50 characters on purpose.
	serviceToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzZXJ2aWNlLWFjY291bnQiLCJleHAiOjE5MDAwMDAwMDB9.c2lnbmF0dXJl"
)

// recorded is one request as the fake saw it.
type recorded struct {
	Path, SOAPAction, ContentType, Body string
	UserAgent                           string
}

// operation returns the operation name of the SOAPAction.
func (r recorded) operation() string {
	a := strings.Trim(r.SOAPAction, `"`)
	return a[strings.LastIndex(a, "/")+1:]
}

// fakeLT answers LifeTime Services requests: Authentication_GetToken with
// tokens "token-1", "token-2"...; other operations with respond(op,
// token), which returns the inner XML of the response element (by
// default a Success=true Status).
type fakeLT struct {
	*httptest.Server
	mu       sync.Mutex
	requests []recorded
	tokens   int
	respond  func(op, token string) string
}

func okStatus() string {
	return "<Success>true</Success><Status><Id>0</Id><ResponseId>1</ResponseId><ResponseMessage>OK</ResponseMessage><ResponseAdditionalInfo /></Status>"
}

func failStatus(id int, msg, info string) string {
	return fmt.Sprintf("<Success>false</Success><Status><Id>0</Id><ResponseId>%d</ResponseId><ResponseMessage>%s</ResponseMessage><ResponseAdditionalInfo>%s</ResponseAdditionalInfo></Status>", id, msg, info)
}

func envelope(op, inner string) string {
	return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
		`<` + op + `Response xmlns="http://www.outsystems.com">` + inner + `</` + op + `Response></soap:Body></soap:Envelope>`
}

// tokenOf extracts <Token>...</Token> from a request body.
func tokenOf(body string) string {
	_, after, ok := strings.Cut(body, "<Token>")
	if !ok {
		return ""
	}
	tok, _, _ := strings.Cut(after, "</Token>")
	return tok
}

func newFake(t testing.TB, respond func(op, token string) string) *fakeLT {
	t.Helper()
	f := &fakeLT{respond: respond}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeLT) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec := recorded{r.URL.Path, r.Header.Get("SOAPAction"), r.Header.Get("Content-Type"), string(body), r.Header.Get("User-Agent")}
	f.mu.Lock()
	f.requests = append(f.requests, rec)
	op := rec.operation()
	var inner string
	if op == "Authentication_GetToken" {
		f.tokens++
		inner = okStatus() + fmt.Sprintf("<Token>token-%d</Token>", f.tokens)
	} else if f.respond != nil {
		inner = f.respond(op, tokenOf(rec.Body))
	}
	if inner == "" {
		inner = okStatus()
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	io.WriteString(w, envelope(op, inner))
}

// calls counts the requests per operation.
func (f *fakeLT) calls() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]int{}
	for _, r := range f.requests {
		out[r.operation()]++
	}
	return out
}

func (f *fakeLT) recorded() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}

func newClient(t testing.TB, url string, opts ...ltservices.Option) *ltservices.Client {
	t.Helper()
	c, err := ltservices.NewClient(url, append([]ltservices.Option{ltservices.WithInsecureHTTP()}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkGolden compares the request with testdata/requests/<name>.xml.
func checkGolden(t *testing.T, name string, r recorded) {
	t.Helper()
	soaptest.CheckGolden(t, name, soaptest.Request{Path: r.Path, SOAPAction: r.SOAPAction, ContentType: r.ContentType, Body: r.Body}, *update)
}
