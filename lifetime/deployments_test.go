package lifetime

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const deploymentJSON = `{"Key":"dce64ad4","SourceEnvironmentKey":"f3582e43","TargetEnvironmentKey":"849515f2",
"Notes":"Deployment Created via postman by Operator1","CreatedOn":"2018-10-10T15:02:09Z","CreatedBy":"John Doe","CreatedByUsername":"sa_op1",
"SavedOn":"2018-10-10T15:02:10.853Z","SavedBy":"John Doe","SavedByUsername":"sa_op1","StartedOn":"1900-01-01T00:00:00","StartedBy":"","StartedByUsername":"",
"AbortedOn":"1900-01-01T00:00:00","AbortedBy":"","AbortedByUsername":"",
"ApplicationOperations":[{"ApplicationKey":"c9a7a82e","ApplicationVersionKey":"b3d2ef6b","DeploymentOperation":"Deploy 1.0","DeploymentZoneKey":""}]}`

func mustTime(t *testing.T, s string) Time {
	t.Helper()
	v, err := ParseTime(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func wantDeployment(t *testing.T) Deployment {
	return Deployment{
		Key: "dce64ad4", SourceEnvironmentKey: "f3582e43", TargetEnvironmentKey: "849515f2",
		Notes:     "Deployment Created via postman by Operator1",
		CreatedOn: mustTime(t, "2018-10-10T15:02:09Z"), CreatedBy: "John Doe", CreatedByUsername: "sa_op1",
		SavedOn: mustTime(t, "2018-10-10T15:02:10.853Z"), SavedBy: "John Doe", SavedByUsername: "sa_op1",
		ApplicationOperations: []ApplicationOperation{{ApplicationKey: "c9a7a82e", ApplicationVersionKey: "b3d2ef6b", DeploymentOperation: "Deploy 1.0"}},
	}
}

var createBody = DeploymentCreateRequest{
	Notes: "release 1.2", SourceEnvironmentKey: "dev", TargetEnvironmentKey: "qa",
	ApplicationOperations: []DeploymentAppVersion{{ApplicationVersionKey: "v1"}, {ApplicationVersionKey: "v2", DeploymentZoneKey: "z1"}},
}

const createBodyJSON = `{"Notes":"release 1.2","SourceEnvironmentKey":"dev","TargetEnvironmentKey":"qa",
"ApplicationOperations":[{"ApplicationVersionKey":"v1","DeploymentZoneKey":""},{"ApplicationVersionKey":"v2","DeploymentZoneKey":"z1"}]}`

func TestDeploymentsCreate(t *testing.T) {
	for _, status := range []int{200, 201} {
		client, mux := setup(t)
		mux.HandleFunc("/deployments/", func(w http.ResponseWriter, r *http.Request) {
			testMethod(t, r, "POST")
			testRawJSONBody(t, r, createBodyJSON)
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(status)
			_, _ = io.WriteString(w, "dce64ad4-2ddf-4e54-a639-3524bcd5b9a1")
		})
		key, resp, err := client.Deployments.Create(t.Context(), createBody)
		if err != nil || key != "dce64ad4-2ddf-4e54-a639-3524bcd5b9a1" || resp.StatusCode != status {
			t.Errorf("status %d: Create = %q, %v, %v", status, key, resp, err)
		}
	}
}

func TestDeploymentsCreateValidates(t *testing.T) {
	client, _ := setup(t)
	bad := []DeploymentCreateRequest{
		{TargetEnvironmentKey: "qa", ApplicationOperations: createBody.ApplicationOperations},
		{SourceEnvironmentKey: "dev", ApplicationOperations: createBody.ApplicationOperations},
		{SourceEnvironmentKey: "dev", TargetEnvironmentKey: "qa"},
		{SourceEnvironmentKey: "dev", TargetEnvironmentKey: "qa", ApplicationOperations: []DeploymentAppVersion{{}}},
	}
	for i, b := range bad {
		if _, _, err := client.Deployments.Create(t.Context(), b); !errors.Is(err, ErrEmptyKey) && !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("case %d: err = %v", i, err)
		}
	}
}

func TestDeploymentsList(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/deployments/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		testQuery(t, r, url.Values{"MinDate": {"2024-01-02"}, "MaxDate": {"2024-01-09"}, "TargetEnvironmentKey": {"849515f2"}})
		writeJSON(w, 200, `[`+deploymentJSON+`]`)
	})
	got, _, err := client.Deployments.List(t.Context(), &DeploymentListOptions{
		MinDate: time.Date(2024, 1, 2, 23, 0, 0, 0, time.UTC), MaxDate: time.Date(2024, 1, 9, 0, 0, 0, 0, time.UTC), TargetEnvironmentKey: "849515f2",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := wantDeployment(t)
	if diff := cmp.Diff([]*Deployment{&want}, got); diff != "" {
		t.Errorf("List (-want +got):\n%s", diff)
	}
	if _, _, err := client.Deployments.List(t.Context(), &DeploymentListOptions{MinDate: time.Now(), MaxDate: time.Now().AddDate(0, 0, -2)}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("MaxDate before MinDate: err = %v", err)
	}
}

func TestDeploymentsListEmpty(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/deployments/", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		w.WriteHeader(204)
	})
	got, _, err := client.Deployments.List(t.Context(), nil)
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("List = %#v, %v; want empty non-nil", got, err)
	}
}

func TestDeploymentsGet(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/deployments/dce64ad4/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		writeJSON(w, 200, `{"Deployment":`+deploymentJSON+`,"ApplicationsToRedeploy":["a1"],
		"ApplicationsToDeploy":[{"ApplicationKey":"g1","ApplicationName":"Google Maps Web","IsNew":true,"ModulesInBinary":[{"ModuleKey":"m1","ModuleName":"Maps","IsNew":true}]}],
		"ModulesToDelete":[{"Key":"m9","Name":"Old","Description":"gone"}],
		"ApplicationConflicts":[{"Message":"Producer missing","ProducerApplicationOperation":{"ApplicationKey":"p","ApplicationVersionKey":"pv","DeploymentOperation":"Deploy 1.0"},
		"ConsumerApplicationOperation":{"ApplicationKey":"c","ApplicationVersionKey":"cv","DeploymentOperation":"Deploy 2.0"},
		"ModuleConflict":{"ProducerModuleKey":"pm","ConsumerModuleKey":"cm","TotalRequiredElements":3,"ConflictType":"Producer Module Missing"}}]}`)
	})
	mux.HandleFunc("/deployments/missing/", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 404, notFoundBody) })
	got, _, err := client.Deployments.Get(t.Context(), "dce64ad4")
	if err != nil {
		t.Fatal(err)
	}
	want := &DeploymentDetails{
		Deployment:             wantDeployment(t),
		ApplicationsToRedeploy: []string{"a1"},
		ApplicationsToDeploy:   []ApplicationInBinary{{ApplicationKey: "g1", ApplicationName: "Google Maps Web", IsNew: true, ModulesInBinary: []ModuleInBinary{{ModuleKey: "m1", ModuleName: "Maps", IsNew: true}}}},
		ModulesToDelete:        []ModuleToDelete{{Key: "m9", Name: "Old", Description: "gone"}},
		ApplicationConflicts: []ApplicationConflict{{
			Message:                      "Producer missing",
			ProducerApplicationOperation: ApplicationOperation{ApplicationKey: "p", ApplicationVersionKey: "pv", DeploymentOperation: "Deploy 1.0"},
			ConsumerApplicationOperation: ApplicationOperation{ApplicationKey: "c", ApplicationVersionKey: "cv", DeploymentOperation: "Deploy 2.0"},
			ModuleConflict:               ModuleConflict{ProducerModuleKey: "pm", ConsumerModuleKey: "cm", TotalRequiredElements: 3, ConflictType: "Producer Module Missing"},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}
	_, _, err = client.Deployments.Get(t.Context(), "missing")
	testAPIError(t, err, 404, "Deployments_Get")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v", err)
	}
	if _, _, err := client.Deployments.Get(t.Context(), " "); !errors.Is(err, ErrEmptyKey) {
		t.Errorf("empty key: %v", err)
	}
}

func TestDeploymentsUpdate(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/deployments/dce64ad4/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "PUT")
		testRawJSONBody(t, r, createBodyJSON)
		writeJSON(w, 200, `{"Key":"dce64ad4","SourceEnvironmentKey":"dev","TargetEnvironmentKey":"qa","Notes":"release 1.2",
		"CreatedOn":"2024-01-02T03:04:05Z","StartedOn":"1900-01-01T00:00:00",
		"ApplicationOperations":[{"ApplicationVersionKey":"v1","DeploymentZoneKey":"zd"},{"ApplicationVersionKey":"v2","DeploymentZoneKey":"z1"}]}`)
	})
	got, _, err := client.Deployments.Update(t.Context(), "dce64ad4", createBody)
	if err != nil {
		t.Fatal(err)
	}
	want := &DeploymentData{Key: "dce64ad4", SourceEnvironmentKey: "dev", TargetEnvironmentKey: "qa", Notes: "release 1.2",
		CreatedOn:             mustTime(t, "2024-01-02T03:04:05Z"),
		ApplicationOperations: []DeploymentAppVersion{{ApplicationVersionKey: "v1", DeploymentZoneKey: "zd"}, {ApplicationVersionKey: "v2", DeploymentZoneKey: "z1"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Update (-want +got):\n%s", diff)
	}
}

func TestDeploymentsDelete(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/deployments/saved1/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "DELETE")
		w.WriteHeader(204)
	})
	mux.HandleFunc("/deployments/running1/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 400, `{"Errors":["Deployment with key running1 cannot be deleted"],"StatusCode":400}`)
	})
	resp, err := client.Deployments.Delete(t.Context(), "saved1")
	if err != nil || resp.StatusCode != 204 {
		t.Errorf("Delete = %v, %v", resp, err)
	}
	_, err = client.Deployments.Delete(t.Context(), "running1")
	if !errors.Is(err, ErrConflict) || !errors.Is(err, ErrBadRequest) {
		t.Errorf("Delete running: err = %v, want ErrConflict", err)
	}
}

func TestDeploymentsCommands(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		name      string
		call      func(c *Client) (*Response, error)
		wantPath  string
		wantQuery url.Values
	}{
		{"start", func(c *Client) (*Response, error) {
			return c.Deployments.Start(t.Context(), "k1", &CommandOptions{RedeployOutdated: &yes})
		}, "/deployments/k1/start/", url.Values{"RedeployOutdated": {"true"}}},
		{"start with errors", func(c *Client) (*Response, error) {
			return c.Deployments.Start(t.Context(), "k1", &CommandOptions{RedeployOutdated: &no, ContinueWithErrors: true, IncludeErrorDetails: true})
		}, "/deployments/k1/start/", url.Values{"RedeployOutdated": {"false"}, "ContinueWithErrors": {"true"}, "IncludeErrorDetails": {"true"}}},
		{"continue", func(c *Client) (*Response, error) { return c.Deployments.Continue(t.Context(), "k1", nil) }, "/deployments/k1/continue/", nil},
		{"abort", func(c *Client) (*Response, error) { return c.Deployments.Abort(t.Context(), "k1", nil) }, "/deployments/k1/abort/", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, mux := setup(t)
			mux.HandleFunc(tt.wantPath, func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, "POST")
				testQuery(t, r, tt.wantQuery)
				testNoBody(t, r)
				w.WriteHeader(202)
			})
			resp, err := tt.call(client)
			if err != nil || resp.StatusCode != 202 {
				t.Errorf("got %v, %v", resp, err)
			}
		})
	}
	client, mux := setup(t)
	mux.HandleFunc("/deployments/k2/start/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 400, `{"Errors":["Command start can't be executed for deployment k2."],"StatusCode":400}`)
	})
	_, err := client.Deployments.Start(t.Context(), "k2", nil)
	if !errors.Is(err, ErrConflict) {
		t.Errorf("refused start: err = %v", err)
	}
	if _, err := client.Deployments.ExecuteCommand(t.Context(), "k2", "explode", nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad command: err = %v", err)
	}
}

func TestDeploymentsStatus(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/deployments/k1/status/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		writeJSON(w, 200, `{"DeploymentStatus":"needs_user_intervention","Info":"needs_configuration_or_confirmation","DeploymentLog":[
		{"Instant":"2023-02-01T15:53:53.637Z","Message":"Uploading modules from DEV to QA"},
		{"Instant":"2023-02-01T15:54:01.907Z","Message":"Configure the Database Connections.","Type":"Warning"}]}`)
	})
	got, _, err := client.Deployments.Status(t.Context(), "k1")
	if err != nil {
		t.Fatal(err)
	}
	want := &DeploymentProgress{
		DeploymentStatus: DeploymentNeedsUserIntervention, Info: InfoNeedsConfigurationOrConfirmation,
		DeploymentLog: []DeploymentMessage{
			{Instant: mustTime(t, "2023-02-01T15:53:53.637Z"), Message: "Uploading modules from DEV to QA"},
			{Instant: mustTime(t, "2023-02-01T15:54:01.907Z"), Message: "Configure the Database Connections.", Type: "Warning"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Status (-want +got):\n%s", diff)
	}
}

func TestDeploymentsMissingDBMappingsAndConfigure(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/deployments/k1/getmissingdbmappings/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		writeJSON(w, 200, `[{"ExtensionKey":"e1","ExtensionName":"CRMConnector","LogicalDatabase":"CRM"}]`)
	})
	mux.HandleFunc("/deployments/k1/configuration/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testRawJSONBody(t, r, `[{"ExtensionKey":"e1","DBMapping":[{"DatabaseName":"CRM_QA","LogicalDatabaseName":"CRM"}]}]`)
		w.WriteHeader(200)
	})
	mux.HandleFunc("/deployments/k2/getmissingdbmappings/", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })
	got, _, err := client.Deployments.GetMissingDBMappings(t.Context(), "k1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]*MissingDBMapping{{ExtensionKey: "e1", ExtensionName: "CRMConnector", LogicalDatabase: "CRM"}}, got); diff != "" {
		t.Errorf("GetMissingDBMappings (-want +got):\n%s", diff)
	}
	if got, _, err := client.Deployments.GetMissingDBMappings(t.Context(), "k2"); err != nil || got == nil || len(got) != 0 {
		t.Errorf("empty: %#v %v", got, err)
	}
	resp, err := client.Deployments.Configure(t.Context(), "k1", []ExtensionDBMapping{{ExtensionKey: "e1", DBMapping: []LogicalDBMapping{{DatabaseName: "CRM_QA", LogicalDatabaseName: "CRM"}}}})
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("Configure: %v %v", resp, err)
	}
	if _, err := client.Deployments.Configure(t.Context(), "k1", nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("no mappings: %v", err)
	}
}

func TestDeploymentsCreateWithBinary(t *testing.T) {
	for _, body := range []string{`{"DeploymentKey":"bin-1"}`, "bin-1", `"bin-1"`} {
		client, mux := setup(t)
		mux.HandleFunc("/environments/qa/deployment/", func(w http.ResponseWriter, r *http.Request) {
			testMethod(t, r, "POST")
			testHeader(t, r, "Content-Type", "application/octet-stream")
			b, _ := io.ReadAll(r.Body)
			if string(b) != "PK\x03\x04oap-bytes" {
				t.Errorf("body = %q", b)
			}
			w.WriteHeader(201)
			_, _ = io.WriteString(w, body)
		})
		key, resp, err := client.Deployments.CreateWithBinary(t.Context(), "qa", strings.NewReader("PK\x03\x04oap-bytes"))
		if err != nil || key != "bin-1" || resp.StatusCode != 201 {
			t.Errorf("body %s: %q %v %v", body, key, resp, err)
		}
	}
	client, _ := setup(t)
	if _, _, err := client.Deployments.CreateWithBinary(t.Context(), "qa", nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("nil binary: %v", err)
	}
}
