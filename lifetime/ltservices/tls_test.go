package ltservices_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/go-outsystems/outsystems/internal/httpclient/httpclienttest"
	"github.com/go-outsystems/outsystems/lifetime/ltservices"
)

// TestTLSOptions calls Role_List over HTTPS with a certificate no system
// root trusts: refused by default, accepted with WithCABundle, WithCAFile
// or WithTLSConfig; bad input is an invalid option.
func TestTLSOptions(t *testing.T) {
	body := envelope("Role_List", okStatus()+"<PlatformRoles><PlatformRole>"+roleXML+"</PlatformRole></PlatformRoles>")
	httpclienttest.Run(t, httpclienttest.Client[ltservices.Option]{
		TLSConfig:  ltservices.WithTLSConfig,
		CABundle:   ltservices.WithCABundle,
		CAFile:     ltservices.WithCAFile,
		HTTPClient: ltservices.WithHTTPClient,
		Call: func(ctx context.Context, url string, opts ...ltservices.Option) error {
			c, err := ltservices.NewClient(url, append(opts,
				ltservices.WithServiceAccountToken("tls-test-token"),
				ltservices.WithRetry(ltservices.RetryPolicy{MaxAttempts: 1}))...)
			if err != nil {
				return err
			}
			roles, err := c.Roles.List(ctx)
			if err != nil {
				return err
			}
			if len(roles) != 1 || roles[0].Name != "Developer" {
				return fmt.Errorf("Roles.List = %+v, want the role Developer", roles)
			}
			return nil
		},
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/xml; charset=utf-8")
			io.WriteString(w, body)
		}),
		InvalidOption: ltservices.ErrInvalidOption,
	})
}
