package servicecentertest_test

import (
	"context"
	"fmt"

	"github.com/go-outsystems/outsystems/servicecenter"
	"github.com/go-outsystems/outsystems/servicecenter/servicecentertest"
)

// The usual use: a servicecenter.Client pointed at the simulated Service
// Center over HTTPS, trusting its test certificate.
func ExampleNewServer_withClient() {
	srv := servicecentertest.NewServer(servicecentertest.WithTLS(),
		servicecentertest.WithVersion("11.31.0.44210"))
	defer srv.Close()

	c, err := servicecenter.NewClient(srv.URL,
		servicecenter.WithHTTPClient(srv.Client()),
		servicecenter.WithCredentials(srv.Username(), srv.Password()))
	if err != nil {
		fmt.Println(err)
		return
	}
	info, err := c.PlatformInfo(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = c.TestLogin(context.Background())
	fmt.Println(info.Version, err)
	// Output: 11.31.0.44210 <nil>
}
