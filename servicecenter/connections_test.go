package servicecenter_test

import (
	"context"
	"testing"
	"time"

	gsoap "github.com/hooklift/gowsdl/soap"

	"github.com/go-outsystems/outsystems/internal/soapgen/scplatform"
	"github.com/go-outsystems/outsystems/servicecenter"
)

const platformAnswer = "<Version>11.31.0.44210</Version><Serial>SER-1</Serial>"

// callers returns the two ways to call GetPlatformInfo on f: this SDK's
// client and gowsdl's generated code with its default runtime (which sets
// req.Close and builds a new http.Transport per call).
func callers(t testing.TB, f *fakeSC) map[string]func(context.Context) error {
	c, err := servicecenter.NewClient(f.URL, servicecenter.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	raw := scplatform.NewOutSystemsPlatformSoap(gsoap.NewClient(f.URL + "/ServiceCenter/OutSystemsPlatform.asmx"))
	return map[string]func(context.Context) error{
		"go-outsystems": func(ctx context.Context) error { _, err := c.PlatformInfo(ctx); return err },
		"gowsdl-default": func(ctx context.Context) error {
			_, err := raw.GetPlatformInfoContext(ctx, &scplatform.GetPlatformInfo{})
			return err
		},
	}
}

// TestSequentialCallsReuseOneConnection counts the TCP connections the
// server accepts for 100 sequential calls.
func TestSequentialCallsReuseOneConnection(t *testing.T) {
	want := map[string]int64{"go-outsystems": 1, "gowsdl-default": 100}
	for name := range want {
		t.Run(name, func(t *testing.T) {
			f := newFake(t, soapOK("GetPlatformInfo", platformAnswer))
			call := callers(t, f)[name]
			for range 100 {
				if err := call(t.Context()); err != nil {
					t.Fatal(err)
				}
			}
			if got := f.conns.Load(); got != want[name] {
				t.Errorf("100 calls opened %d connections, want %d", got, want[name])
			}
		})
	}
}

// BenchmarkSequentialCalls reports calls per second and TCP connections per
// 100 calls for this SDK's client and for gowsdl's default runtime.
//
//	go test ./servicecenter -run '^$' -bench SequentialCalls -benchtime 100x
func BenchmarkSequentialCalls(b *testing.B) {
	for _, name := range []string{"go-outsystems", "gowsdl-default"} {
		b.Run(name, func(b *testing.B) {
			f := newFake(b, soapOK("GetPlatformInfo", platformAnswer))
			call := callers(b, f)[name]
			ctx := context.Background()
			start := time.Now()
			for b.Loop() {
				if err := call(ctx); err != nil {
					b.Fatal(err)
				}
			}
			elapsed := time.Since(start)
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "calls/s")
			b.ReportMetric(float64(f.conns.Load())*100/float64(b.N), "conns/100calls")
		})
	}
}
