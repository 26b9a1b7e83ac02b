package servicecenter_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/go-outsystems/outsystems/internal/httpclient/httpclienttest"
	"github.com/go-outsystems/outsystems/servicecenter"
)

// TestTLSOptions calls GetPlatformInfo over HTTPS with a certificate no
// system root trusts: refused by default, accepted with WithCABundle,
// WithCAFile or WithTLSConfig; bad input is an invalid option.
func TestTLSOptions(t *testing.T) {
	answer := soapOK("GetPlatformInfo", platformAnswer)
	httpclienttest.Run(t, httpclienttest.Client[servicecenter.Option]{
		TLSConfig:  servicecenter.WithTLSConfig,
		CABundle:   servicecenter.WithCABundle,
		CAFile:     servicecenter.WithCAFile,
		HTTPClient: servicecenter.WithHTTPClient,
		Call: func(ctx context.Context, url string, opts ...servicecenter.Option) error {
			c, err := servicecenter.NewClient(url, append(opts, servicecenter.WithRetry(servicecenter.RetryPolicy{MaxAttempts: 1}))...)
			if err != nil {
				return err
			}
			info, err := c.PlatformInfo(ctx)
			if err != nil {
				return err
			}
			if want := (servicecenter.PlatformInfo{Version: "11.31.0.44210", Serial: "SER-1"}); *info != want {
				return fmt.Errorf("PlatformInfo = %+v, want %+v", *info, want)
			}
			return nil
		},
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", answer.ctype)
			io.WriteString(w, answer.body)
		}),
		InvalidOption: servicecenter.ErrInvalidOption,
	})
}
