package servicecenter_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
	"github.com/go-outsystems/outsystems/servicecenter"
)

// exampleServiceCenter starts a simulated Service Center of a LifeTime
// environment with two plugin modules.
func exampleServiceCenter() *httptest.Server {
	sc := scsim.New(scsim.Config{Username: "admin", Password: "secret", Version: "11.31.0.44210", PublishDuration: -1})
	sc.AddModule(scsim.Module{Name: "PluginCore", Plugin: true})
	sc.AddModule(scsim.Module{Name: "PluginUI", Plugin: true})
	return httptest.NewServer(sc.Handler())
}

// Republish every non-system module of the LifeTime environment, the step
// that follows a LifeTime upgrade.
func ExampleClient_PublishRunning() {
	srv := exampleServiceCenter()
	defer srv.Close()
	ctx := context.Background()

	sc, err := servicecenter.NewClient(srv.URL,
		servicecenter.WithInsecureHTTP(), // a loopback simulator; use https in production
		servicecenter.WithCredentials("admin", "secret"))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := sc.CreateAllSolution(ctx, "All_Plugins"); err != nil {
		log.Fatal(err)
	}
	pub, err := sc.PublishRunning(ctx, "All_Plugins", nil)
	if err != nil {
		log.Fatal(err)
	}
	res, err := sc.WaitPublish(ctx, pub.ID, &servicecenter.WaitOptions{Interval: 10 * time.Millisecond})
	if errors.Is(err, servicecenter.ErrPublishFailed) {
		for _, m := range res.Modules {
			fmt.Println(m.Module, len(m.Errors), "errors")
		}
	} else if err != nil {
		log.Fatal(err)
	}
	fmt.Println("finished:", res.Finished, "errors:", len(res.Errors))
	// Output: finished: true errors: 0
}

// Read the Platform Server version of an environment; no credentials needed.
func ExampleClient_PlatformInfo() {
	srv := exampleServiceCenter()
	defer srv.Close()

	sc, err := servicecenter.NewClient(srv.URL, servicecenter.WithInsecureHTTP())
	if err != nil {
		log.Fatal(err)
	}
	info, err := sc.PlatformInfo(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.Version)
	// Output: 11.31.0.44210
}

// Refused credentials are a SOAP fault that matches ErrLoginFailed.
func ExampleFaultError() {
	srv := exampleServiceCenter()
	defer srv.Close()

	sc, err := servicecenter.NewClient(srv.URL, servicecenter.WithInsecureHTTP(),
		servicecenter.WithCredentials("admin", "wrong"))
	if err != nil {
		log.Fatal(err)
	}
	_, err = sc.TestLogin(context.Background())
	var fault *servicecenter.FaultError
	if errors.As(err, &fault) {
		fmt.Println(fault.Operation, errors.Is(err, servicecenter.ErrLoginFailed))
	}
	// Output: Solutions.TestLogin true
}
