package lifetime_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/go-outsystems/outsystems/internal/httpclient/httpclienttest"
	"github.com/go-outsystems/outsystems/lifetime"
)

// TestTLSOptions lists environments over HTTPS with a certificate no system
// root trusts: refused by default, accepted with WithCABundle, WithCAFile or
// WithTLSConfig; bad input is an invalid option. The Service Center and
// LifeTime Services clients run the same suite.
func TestTLSOptions(t *testing.T) {
	httpclienttest.Run(t, httpclienttest.Client[lifetime.Option]{
		TLSConfig:  lifetime.WithTLSConfig,
		CABundle:   lifetime.WithCABundle,
		CAFile:     lifetime.WithCAFile,
		HTTPClient: lifetime.WithHTTPClient,
		Call: func(ctx context.Context, url string, opts ...lifetime.Option) error {
			c, err := lifetime.NewClient(url, append(opts, lifetime.WithToken("tls-test-token"), lifetime.WithRetry(lifetime.NoRetry()))...)
			if err != nil {
				return err
			}
			_, _, err = c.Environments.List(ctx)
			return err
		},
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `[{"Key":"e1","Name":"Development"}]`)
		}),
		InvalidOption: lifetime.ErrInvalidOption,
	})
}
