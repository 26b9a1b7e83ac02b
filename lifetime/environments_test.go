package lifetime

import (
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const environmentJSON = `{"Key":"f3582e43-0000","Name":"Development","OSVersion":"11.27.0.43322","Order":1,
"DetailsURL":"https://lt/x","HostName":"dev.example.com","UseHTTPS":true,"EnvironmentType":"Development",
"NumberOfFrontEnds":2,"ApplicationServerType":".NET","ApplicationServer":"IIS","DatabaseProvider":"SQLServer",
"IsCloudEnvironment":true,"IsOffline":false,"SomethingNew":"ignored"}`

var wantEnvironment = Environment{
	Key: "f3582e43-0000", Name: "Development", OSVersion: "11.27.0.43322", Order: 1,
	DetailsURL: "https://lt/x", HostName: "dev.example.com", UseHTTPS: true, EnvironmentType: "Development",
	NumberOfFrontEnds: 2, ApplicationServerType: ".NET", ApplicationServer: "IIS", DatabaseProvider: "SQLServer",
	IsCloudEnvironment: true,
}

func TestEnvironmentsList(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/environments/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		testQuery(t, r, nil)
		testNoBody(t, r)
		writeJSON(w, 200, `[`+environmentJSON+`]`)
	})
	got, resp, err := client.Environments.List(t.Context())
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if resp.StatusCode != 200 {
		t.Errorf("status = %d", resp.StatusCode)
	}
	if diff := cmp.Diff([]*Environment{&wantEnvironment}, got); diff != "" {
		t.Errorf("List (-want +got):\n%s", diff)
	}
}

func TestEnvironmentsListEmpty(t *testing.T) {
	for _, tt := range []struct {
		name   string
		status int
		body   string
	}{{"204 no body", 204, ""}, {"200 empty array (Java stack)", 200, "[]"}} {
		t.Run(tt.name, func(t *testing.T) {
			client, mux := setup(t)
			mux.HandleFunc("/environments/", func(w http.ResponseWriter, r *http.Request) {
				if tt.body == "" {
					w.WriteHeader(tt.status)
					return
				}
				writeJSON(w, tt.status, tt.body)
			})
			got, _, err := client.Environments.List(t.Context())
			if err != nil {
				t.Fatalf("List: %v", err)
			}
			if got == nil || len(got) != 0 {
				t.Errorf("List = %#v, want empty non-nil", got)
			}
		})
	}
}

func TestEnvironmentsGet(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/environments/f3582e43-0000/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		writeJSON(w, 200, environmentJSON)
	})
	mux.HandleFunc("/environments/missing/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 404, `{"Errors":["Failed to retrieve the environment with key: missing."],"StatusCode":404}`)
	})
	got, _, err := client.Environments.Get(t.Context(), "f3582e43-0000")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if diff := cmp.Diff(&wantEnvironment, got); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}
	_, _, err = client.Environments.Get(t.Context(), "missing")
	testAPIError(t, err, 404, "Environments_Get")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
	if _, _, err := client.Environments.Get(t.Context(), ""); !errors.Is(err, ErrEmptyKey) {
		t.Errorf("empty key: err = %v", err)
	}
}
