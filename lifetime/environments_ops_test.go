package lifetime

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEnvironmentsRegister(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/environments/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testRawJSONBody(t, r, `{"EnvironmentName":"QA","EnvironmentAddress":"qa.example.com","ServiceCenterUsername":"admin",
		"ServiceCenterPassword":"pw-123456","LifeTimeAddress":"lt.example.com","EnvironmentPosition":2,"OverridePreviousLifetime":false,
		"EnvironmentRolePermissions":[{"RoleKey":"r1","PermissionLevel":6,"CanCreateApplications":true,"CanAddDependenciesToSystem":false}]}`)
		writeJSON(w, 201, `{"EnvironmentKey":"e-qa","ImportedUsers":[{"Username":"jd","Name":"John Doe","Email":"jd@example.com"}]}`)
	})
	reg := EnvironmentRegistration{
		EnvironmentName: "QA", EnvironmentAddress: "qa.example.com", ServiceCenterUsername: "admin",
		ServiceCenterPassword: "pw-123456", LifeTimeAddress: "lt.example.com", EnvironmentPosition: 2,
		EnvironmentRolePermissions: []EnvironmentRolePermission{{RoleKey: "r1", PermissionLevel: 6, CanCreateApplications: true}},
	}
	got, resp, err := client.Environments.Register(t.Context(), reg)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("Register: %v %v", resp, err)
	}
	want := &EnvironmentRegistrationResult{EnvironmentKey: "e-qa", ImportedUsers: []ImportedUser{{Username: "jd", Name: "John Doe", Email: "jd@example.com"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Register (-want +got):\n%s", diff)
	}
	if strings.Contains(reg.String(), "pw-123456") {
		t.Errorf("String() shows the password: %s", reg.String())
	}
	reg.ServiceCenterPassword = ""
	if _, _, err := client.Environments.Register(t.Context(), reg); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("missing password: %v", err)
	}
}

func TestEnvironmentsUnregister(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/environments/e-qa", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "DELETE")
		w.WriteHeader(204)
	})
	mux.HandleFunc("/environments/cloud", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 405, `{"Errors":["Failed to unregister the environment with key cloud because the feature is not enabled."],"StatusCode":405}`)
	})
	if resp, err := client.Environments.Unregister(t.Context(), "e-qa"); err != nil || resp.StatusCode != 204 {
		t.Errorf("Unregister: %v %v", resp, err)
	}
	_, err := client.Environments.Unregister(t.Context(), "cloud")
	if !errors.Is(err, ErrMethodNotAllowed) {
		t.Errorf("405: %v", err)
	}
}

func TestEnvironmentsRunningApplications(t *testing.T) {
	client, mux := setup(t)
	appJSON := `{"Key":"c9a7","Name":"EmployeeBackoffice","Kind":"WebResponsive","Team":"","Description":"","URLPath":"/EmployeeBackoffice","IsSystem":false}`
	mux.HandleFunc("/environments/dev/applications/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		testQuery(t, r, url.Values{"IncludeEnvStatus": {"true"}, "IncludeModules": {"true"}})
		writeJSON(w, 200, `[`+appJSON+`]`)
	})
	mux.HandleFunc("/environments/empty/applications/", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(204) })
	mux.HandleFunc("/environments/dev/applications/c9a7/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		testQuery(t, r, url.Values{"IncludeEnvStatus": {"true"}})
		writeJSON(w, 200, appJSON)
	})
	mux.HandleFunc("/environments/qa/applications/c9a7/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 404, `{"Errors":["The application does not exist in the environment."],"StatusCode":404}`)
	})
	want := &Application{Key: "c9a7", Name: "EmployeeBackoffice", Kind: ApplicationKindWebResponsive, URLPath: "/EmployeeBackoffice"}

	list, _, err := client.Environments.ListApplications(t.Context(), "dev", &RunningApplicationsOptions{IncludeEnvStatus: true, IncludeModules: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]*Application{want}, list); diff != "" {
		t.Errorf("ListApplications (-want +got):\n%s", diff)
	}
	if list, _, err := client.Environments.ListApplications(t.Context(), "empty", nil); err != nil || list == nil || len(list) != 0 {
		t.Errorf("empty: %#v %v", list, err)
	}
	if _, _, err := client.Environments.ListApplications(t.Context(), "dev", &RunningApplicationsOptions{IncludeModules: true}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("modules without status: %v", err)
	}
	got, _, err := client.Environments.GetApplication(t.Context(), "dev", "c9a7", &RunningApplicationsOptions{IncludeEnvStatus: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GetApplication (-want +got):\n%s", diff)
	}
	if _, _, err := client.Environments.GetApplication(t.Context(), "qa", "c9a7", nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("not in env: %v", err)
	}
}

func TestEnvironmentsApplicationDownloadLink(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/environments/dev/applications/a1/content/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		testQuery(t, r, url.Values{"Type": {"aab"}})
		w.Header().Set("Expires", "2024-01-01T13:00:00Z")
		writeJSON(w, 200, `{"url":"https://lt.example.com/lifetimeapi/rest/v2/downloads/f4ee541b","expires":"2024-01-01T13:00:00Z"}`)
	})
	mux.HandleFunc("/environments/dev/applications/web/content/", func(w http.ResponseWriter, r *http.Request) {
		testQuery(t, r, nil)
		w.WriteHeader(204)
	})
	got, _, err := client.Environments.ApplicationDownloadLink(t.Context(), "dev", "a1", BinaryAAB)
	if err != nil {
		t.Fatal(err)
	}
	want := &DownloadLink{URL: "https://lt.example.com/lifetimeapi/rest/v2/downloads/f4ee541b", Expires: mustTime(t, "2024-01-01T13:00:00Z")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("link (-want +got):\n%s", diff)
	}
	if _, _, err := client.Environments.ApplicationDownloadLink(t.Context(), "dev", "web", ""); !errors.Is(err, ErrNoBinary) {
		t.Errorf("204: %v", err)
	}
	if _, _, err := client.Environments.ApplicationDownloadLink(t.Context(), "dev", "a1", "exe"); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad type: %v", err)
	}
}

func TestEnvironmentsCreateApplicationAndVersion(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/environments/dev/applications/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testRawJSONBody(t, r, `{"TemplateKey":"tpl","TeamKey":"team","Name":"Orders","Color":"#1068EB"}`)
		writeJSON(w, 201, `{"ApplicationKey":"app-new"}`)
	})
	mux.HandleFunc("/environments/dev/applications/app-new/versions/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testRawJSONBody(t, r, `{"ChangeLog":"first","Version":"1.0.0","MobileVersions":null}`)
		writeJSON(w, 201, `{"ApplicationVersionKey":"ver-new"}`)
	})
	key, resp, err := client.Environments.CreateApplication(t.Context(), "dev", ApplicationCreateRequest{TemplateKey: "tpl", TeamKey: "team", Name: "Orders", Color: "#1068EB"})
	if err != nil || key != "app-new" || resp.StatusCode != 201 {
		t.Errorf("CreateApplication = %q %v %v", key, resp, err)
	}
	if _, _, err := client.Environments.CreateApplication(t.Context(), "dev", ApplicationCreateRequest{TemplateKey: "tpl", TeamKey: "team", Name: "Orders", Color: "blue"}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("bad color: %v", err)
	}
	v, _, err := client.Environments.CreateApplicationVersion(t.Context(), "dev", "app-new", ApplicationVersionCreateRequest{ChangeLog: "first", Version: "1.0.0"})
	if err != nil || v != "ver-new" {
		t.Errorf("CreateApplicationVersion = %q %v", v, err)
	}
	if _, _, err := client.Environments.CreateApplicationVersion(t.Context(), "dev", "app-new", ApplicationVersionCreateRequest{}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("no version: %v", err)
	}
}

func TestEnvironmentsDeploymentZonesAndTemplates(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/environments/prod/deploymentzones/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		writeJSON(w, 200, `[{"Key":"z1","Name":"Global","IsDefault":true,"DeploymentTechnology":{"Key":"t1","Name":"Classic"}}]`)
	})
	mux.HandleFunc("/environments/unlicensed/deploymentzones/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 403, `{"Errors":["Feature not Licensed"],"StatusCode":403}`)
	})
	mux.HandleFunc("/environments/prod/templates/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		writeJSON(w, 200, `[{"Key":"tp","Name":"Reactive Web App","Description":"d","ApplicationKind":"Reactive"}]`)
	})
	zones, _, err := client.Environments.ListDeploymentZones(t.Context(), "prod")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]*DeploymentZone{{Key: "z1", Name: "Global", IsDefault: true, DeploymentTechnology: DeploymentTechnology{Key: "t1", Name: "Classic"}}}, zones); diff != "" {
		t.Errorf("zones (-want +got):\n%s", diff)
	}
	if _, _, err := client.Environments.ListDeploymentZones(t.Context(), "unlicensed"); !errors.Is(err, ErrForbidden) {
		t.Errorf("403: %v", err)
	}
	tpls, _, err := client.Environments.ListTemplates(t.Context(), "prod")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]*Template{{Key: "tp", Name: "Reactive Web App", Description: "d", ApplicationKind: "Reactive"}}, tpls); diff != "" {
		t.Errorf("templates (-want +got):\n%s", diff)
	}
}

func TestEnvironmentsMaintenanceMode(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("/environments/qa/maintenancemode", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "PUT")
		testJSONBody(t, r, MaintenanceModeSetting{IsMaintenanceModeEnabled: false, Reason: "done"})
		w.WriteHeader(200)
	})
	if resp, err := client.Environments.SetMaintenanceMode(t.Context(), "qa", MaintenanceModeSetting{Reason: "done"}); err != nil || resp.StatusCode != 200 {
		t.Errorf("SetMaintenanceMode: %v %v", resp, err)
	}
}

func TestEnvironmentsCSP(t *testing.T) {
	client, mux := setup(t)
	mux.HandleFunc("GET /environments/qa/content_security_policies/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"DefaultSrc":{"CSPDirectiveId":1,"Value":"'self'","IsSetForEnv":true},"ImgSrc":{"CSPDirectiveId":5,"Value":"","IsSetForEnv":false}}`)
	})
	mux.HandleFunc("PUT /environments/qa/content_security_policies/", func(w http.ResponseWriter, r *http.Request) {
		testRawJSONBody(t, r, `{"ScriptSrc":{"CSPDirectiveId":10,"Value":"cdn.example.com","IsSetForEnv":true},"FrameAncestors":{"CSPDirectiveId":12,"Value":"","IsSetForEnv":false}}`)
		writeJSON(w, 200, `{"Success":true,"EnvironmentKey":"qa","ErrorDirectives":[],"ErrorMessage":"","NeedsRecompilation":true,"AddedSelfDirectives":["script-src"]}`)
	})
	mux.HandleFunc("PUT /environments/bad/content_security_policies/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"Success":false,"EnvironmentKey":"bad","ErrorDirectives":["script-src"],"ErrorMessage":"invalid value"}`)
	})
	got, _, err := client.Environments.GetCSP(t.Context(), "qa")
	if err != nil {
		t.Fatal(err)
	}
	want := &CSPDirectives{DefaultSrc: &CSPDirective{CSPDirectiveID: 1, Value: "'self'", IsSetForEnv: true}, ImgSrc: &CSPDirective{CSPDirectiveID: 5}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GetCSP (-want +got):\n%s", diff)
	}
	set := CSPDirectives{ScriptSrc: &CSPDirective{CSPDirectiveID: 10, Value: "cdn.example.com", IsSetForEnv: true}, FrameAncestors: &CSPDirective{CSPDirectiveID: 12}}
	res, _, err := client.Environments.SetCSP(t.Context(), "qa", set)
	if err != nil {
		t.Fatal(err)
	}
	wantRes := &CSPResult{Success: true, EnvironmentKey: "qa", ErrorDirectives: []string{}, NeedsRecompilation: true, AddedSelfDirectives: []string{"script-src"}}
	if diff := cmp.Diff(wantRes, res); diff != "" {
		t.Errorf("SetCSP (-want +got):\n%s", diff)
	}
	res, _, err = client.Environments.SetCSP(t.Context(), "bad", set)
	if !errors.Is(err, ErrUnexpectedResponse) || res == nil || res.ErrorMessage != "invalid value" {
		t.Errorf("Success false: %+v %v", res, err)
	}
}
