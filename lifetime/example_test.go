package lifetime_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/go-outsystems/outsystems/lifetime"
	"github.com/go-outsystems/outsystems/lifetime/lifetimetest"
)

func ExampleNewClient() {
	// The token comes from the environment, never from a command line.
	client, err := lifetime.NewClient("https://lt.example.com",
		lifetime.WithToken(os.Getenv("LIFETIME_TOKEN")),
		lifetime.WithRetry(lifetime.RetryPolicy{MaxAttempts: 5, MaxElapsedTime: 3 * time.Minute}),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.BaseURL())
}

// startSimulator starts a simulated LifeTime infrastructure and a client
// for it. Against a real LifeTime, use its https address and a token.
func startSimulator() (*lifetimetest.Server, *lifetime.Client, error) {
	srv, err := lifetimetest.NewServer(lifetimetest.WithDeploymentStepDuration(300 * time.Millisecond))
	if err != nil {
		return nil, nil, err
	}
	client, err := lifetime.NewClient(srv.URL,
		lifetime.WithToken(srv.Token()),
		lifetime.WithHTTPClient(srv.Client()),
		lifetime.WithInsecureHTTP(), // the simulator listens on plain http
	)
	if err != nil {
		srv.Close()
		return nil, nil, err
	}
	return srv, client, nil
}

func ExampleEnvironmentsService_List() {
	srv, client, err := startSimulator()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()

	envs, _, err := client.Environments.List(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range envs {
		fmt.Println(e.Name, e.OSVersion)
	}
	// Output:
	// Development 11.34.1.44911
	// Test 11.34.1.44911
	// Production 11.34.1.44911
}

func ExampleDeploymentsService_DeployAndWait() {
	srv, client, err := startSimulator()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ctx := context.Background()

	// Find the environments and the version to deploy.
	envs, _, err := client.Environments.List(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	keys := map[string]string{}
	for _, e := range envs {
		keys[e.Name] = e.Key
	}
	app, _ := srv.Sim().ApplicationByName("Core Services")
	version, _ := srv.Sim().TagVersion(app.Key, keys["Development"], "1.3", "example") // the simulator's shortcut for tagging

	_, progress, err := client.Deployments.DeployAndWait(ctx, lifetime.DeploymentCreateRequest{
		Notes:                 "Core Services 1.3 to Test",
		SourceEnvironmentKey:  keys["Development"],
		TargetEnvironmentKey:  keys["Test"],
		ApplicationOperations: []lifetime.DeploymentAppVersion{{ApplicationVersionKey: version.Key}},
	}, &lifetime.DeployOptions{
		Wait: &lifetime.WaitOptions{
			PollInterval:  50 * time.Millisecond, // LifeTime users poll every 20 s (the default)
			Timeout:       time.Minute,
			AbortOnCancel: true,
			OnProgress: func(e lifetime.DeploymentEvent) {
				if e.StatusChanged {
					fmt.Println("status:", e.Status)
				}
			},
		},
	})
	var depErr *lifetime.DeploymentError
	switch {
	case errors.As(err, &depErr):
		fmt.Println("deployment failed:", depErr.Status, depErr.Info)
	case err != nil:
		fmt.Println(err)
	default:
		fmt.Println("done:", progress.DeploymentStatus)
	}
	// Output:
	// status: running
	// status: finished_successful
	// done: finished_successful
}
