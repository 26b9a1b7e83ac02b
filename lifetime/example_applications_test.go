package lifetime_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/go-outsystems/outsystems/lifetime"
)

// fakeLifeTime serves canned answers for the examples, standing in for a
// real LifeTime console.
func fakeLifeTime() *httptest.Server {
	mux := http.NewServeMux()
	answer := func(status int, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = io.WriteString(w, body)
		}
	}
	const base = "/lifetimeapi/rest/v2"
	mux.Handle("GET "+base+"/applications/{$}", answer(200, `[
	 {"Key":"a1","Name":"EmployeeBackoffice","Kind":"WebResponsive","AppStatusInEnvs":[
	   {"EnvironmentKey":"dev","BaseApplicationVersionKey":"v3","IsModified":true},
	   {"EnvironmentKey":"qa","BaseApplicationVersionKey":"v2","IsModified":false}]},
	 {"Key":"a2","Name":"Customers","Kind":"Mobile","AppStatusInEnvs":[
	   {"EnvironmentKey":"dev","BaseApplicationVersionKey":"v7","IsModified":false}]}]`))
	mux.Handle("POST "+base+"/environments/dev/solution", answer(200, `9b1c0d2e-aaaa-bbbb-cccc-ddddeeeeffff`))
	mux.Handle("GET "+base+"/environments/dev/solutionstatus/{key}", answer(200, `{"Status":"Completed","StatusReason":""}`))
	mux.Handle("GET "+base+"/environments/dev/solution/{key}", answer(200, `{"url":"https://lt.example.com/lifetimeapi/rest/v2/downloads/osp1","expires":"2030-01-01T10:00:00Z"}`))
	return httptest.NewServer(mux)
}

// List the applications with their status per environment and tell which
// ones have changes that were not tagged yet.
func ExampleApplicationsService_List() {
	srv := fakeLifeTime() // stands in for https://lt.example.com
	defer srv.Close()
	client, err := lifetime.NewClient(srv.URL, lifetime.WithToken("service-account-token"), lifetime.WithInsecureHTTP())
	if err != nil {
		log.Fatal(err)
	}
	apps, _, err := client.Applications.List(context.Background(), &lifetime.ApplicationListOptions{IncludeEnvStatus: true})
	if err != nil {
		log.Fatal(err)
	}
	for _, app := range apps {
		for _, st := range app.AppStatusInEnvs {
			if st.IsModified {
				fmt.Printf("%s has untagged changes in %s (based on %s)\n", app.Name, st.EnvironmentKey, st.BaseApplicationVersionKey)
			}
		}
	}
	// Output:
	// EmployeeBackoffice has untagged changes in dev (based on v3)
}

// Build a solution (.osp) of applications running in an environment, wait
// until LifeTime has built it, and get its download link.
func ExampleEnvironmentsService_WaitSolution() {
	srv := fakeLifeTime()
	defer srv.Close()
	client, err := lifetime.NewClient(srv.URL, lifetime.WithToken("service-account-token"), lifetime.WithInsecureHTTP())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	key, _, err := client.Environments.CreateSolution(ctx, "dev", &lifetime.SolutionCreateRequest{
		SolutionName:    "Plugins",
		ApplicationKeys: []string{"a1", "a2"},
	})
	if err != nil {
		log.Fatal(err)
	}
	status, err := client.Environments.WaitSolution(ctx, "dev", key, &lifetime.PackageWaitOptions{
		OnStatus: func(state string) { fmt.Println("solution:", state) },
	})
	if err != nil {
		log.Fatal(err)
	}
	link, _, err := client.Environments.SolutionDownloadLink(ctx, "dev", key)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(status.Status, link.URL)
	// Output:
	// solution: Completed
	// Completed https://lt.example.com/lifetimeapi/rest/v2/downloads/osp1
}
