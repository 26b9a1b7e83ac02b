package servicecenter_test

import (
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/go-outsystems/outsystems/servicecenter"
	"github.com/go-outsystems/outsystems/servicecenter/servicecentertest"
)

// exampleServiceCenter starts a simulated Service Center of a LifeTime
// environment with two plugin modules, over HTTPS.
func exampleServiceCenter() *servicecentertest.Server {
	return servicecentertest.NewServer(
		servicecentertest.WithTLS(),
		servicecentertest.WithVersion("11.31.0.44210"),
		servicecentertest.WithModules(
			servicecentertest.Module{Name: "PluginCore", Plugin: true},
			servicecentertest.Module{Name: "PluginUI", Plugin: true}))
}

// Republish every non-system module of the LifeTime environment, the step
// that follows a LifeTime upgrade.
func ExampleClient_PublishRunning() {
	srv := exampleServiceCenter()
	defer srv.Close()
	ctx := context.Background()

	sc, err := servicecenter.NewClient(srv.URL,
		servicecenter.WithHTTPClient(srv.Client()), // trusts the test certificate
		servicecenter.WithCredentials(srv.Username(), srv.Password()))
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
	res, err := sc.WaitPublish(ctx, pub.ID, &servicecenter.WaitOptions{
		Interval: 50 * time.Millisecond,
		OnMessage: func(m servicecenter.Message) {
			if m.Type == servicecenter.MessageError {
				fmt.Println("error in", m.Module+":", m.Text)
			}
		},
	})
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

	sc, err := servicecenter.NewClient(srv.URL, servicecenter.WithHTTPClient(srv.Client()))
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

	sc, err := servicecenter.NewClient(srv.URL, servicecenter.WithHTTPClient(srv.Client()),
		servicecenter.WithCredentials(srv.Username(), "wrong"))
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

// Trust the private certificate authority of a self-managed
// infrastructure (here the test server's certificate) besides the system
// roots; WithCAFile reads the same PEM from a file.
func ExampleWithCABundle() {
	srv := exampleServiceCenter()
	defer srv.Close()
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate()})

	sc, err := servicecenter.NewClient(srv.URL, servicecenter.WithCABundle(caPEM))
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
