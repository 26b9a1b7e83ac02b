package sim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Tests of the people routes (/users, /roles, /teams, /auth, DB connections,
// blocked logins) over HTTP with plain net/http. Every exchange goes through
// a conformanceRecorder, so each answer is also validated against the
// swagger (when it is available).

// peopleEnv is a simulator with two environments, one application, an IT
// user and a DB connection, served over HTTP through the conformance recorder.
type peopleEnv struct {
	t      *testing.T
	sim    *Sim
	clock  *ManualClock
	url    string
	token  string
	devKey string
	prdKey string
	appKey string
	user   User
}

func newPeopleEnv(t *testing.T, opts Options) *peopleEnv {
	t.Helper()
	w := newAliceWorld(t, opts, "Developer", Application{Name: "Orders"})
	s := w.sim
	prd, err := s.AddEnvironment(Environment{Name: "Production", HostName: "prd.example.test", Type: "Production", OSVersion: "11.30.1.41234", Order: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddDBConnection(w.dev.Key, DBConnection{Name: "CRM", ProviderKey: "SqlServer", Description: "CRM database", Username: "crm", Password: "crm-pass"}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(newConformanceRecorder(t, s))
	t.Cleanup(srv.Close)
	return &peopleEnv{t: t, sim: s, clock: w.clock, url: srv.URL, token: s.Token(), devKey: w.dev.Key, prdKey: prd.Key, appKey: w.app.Key, user: w.user}
}

// reply is one answer.
type reply struct {
	status int
	header http.Header
	body   string
}

// do sends method path (relative to the API base) with a JSON body (a
// string is sent as is) and the bearer token.
func (e *peopleEnv) do(method, path string, body any) reply {
	e.t.Helper()
	return e.doAs(e.token, method, path, body)
}

func (e *peopleEnv) doAs(token, method, path string, body any) reply {
	e.t.Helper()
	contentType := ""
	if body != nil {
		contentType = "application/json"
	}
	return e.send(token, method, path, contentType, requestBody(e.t, body))
}

// send sends a request with any body and content type.
func (e *peopleEnv) send(token, method, path, contentType string, body io.Reader) reply {
	e.t.Helper()
	req, err := http.NewRequestWithContext(e.t.Context(), method, e.url+restBasePath+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: string(data)}
}

// want checks the status of a reply and returns it.
func (e *peopleEnv) want(status int, rep reply) reply {
	e.t.Helper()
	if rep.status != status {
		e.t.Fatalf("status %d, want %d; body: %s", rep.status, status, rep.body)
	}
	return rep
}

// decode unmarshals a reply's JSON body into v.
func (e *peopleEnv) decode(rep reply, v any) {
	e.t.Helper()
	if err := json.Unmarshal([]byte(rep.body), v); err != nil {
		e.t.Fatalf("decode %s: %v", rep.body, err)
	}
}

// wantError checks an Exception answer with status.
func (e *peopleEnv) wantError(status int, rep reply) {
	e.t.Helper()
	e.want(status, rep)
	var ex struct {
		Errors     []string
		StatusCode int
	}
	e.decode(rep, &ex)
	if len(ex.Errors) == 0 || ex.StatusCode != status {
		e.t.Fatalf("want Exception body with StatusCode %d, got %s", status, rep.body)
	}
}

func TestPeopleUsers(t *testing.T) {
	e := newPeopleEnv(t, Options{})
	tester, _ := e.sim.RoleByName("Tester")

	// Create: 201 with the key as a JSON string.
	var key string
	e.decode(e.want(201, e.do("POST", "/users/", map[string]any{"Username": "bob", "Name": "Bob", "Email": "bob@example.test", "RoleKey": tester.Key})), &key)
	if !guidPattern.MatchString(key) {
		t.Fatalf("key %q", key)
	}
	e.wantError(400, e.do("POST", "/users/", map[string]any{"Username": "bob", "Name": "Bob 2", "RoleKey": tester.Key}))
	e.wantError(400, e.do("POST", "/users/", map[string]any{"Username": "carol", "Name": "Carol", "RoleKey": "no-such-role"}))
	e.wantError(400, e.do("POST", "/users/", map[string]any{"Username": "carol", "RoleKey": tester.Key}))
	e.wantError(400, e.do("POST", "/users/", "{not json"))

	var got wireUser
	e.decode(e.want(200, e.do("GET", "/users/"+key+"/", nil)), &got)
	if diff := cmp.Diff(wireUser{Key: key, Username: "bob", Name: "Bob", Email: "bob@example.test", IsActive: true, RoleKey: tester.Key, RoleName: "Tester"}, got); diff != "" {
		t.Errorf("user (-want +got):\n%s", diff)
	}
	e.wantError(404, e.do("GET", "/users/00000000-0000-0000-0000-000000000000/", nil))

	// Update: 200 with the key as text.
	rep := e.want(200, e.do("PUT", "/users/"+key+"/", map[string]any{"Name": "Robert", "IsActive": false}))
	if rep.body != key || !strings.HasPrefix(rep.header.Get("Content-Type"), "text/plain") {
		t.Errorf("update answered %q (%s)", rep.body, rep.header.Get("Content-Type"))
	}
	e.wantError(400, e.do("PUT", "/users/"+key+"/", map[string]any{"Username": "alice"}))
	e.wantError(404, e.do("PUT", "/users/nope/", map[string]any{"Name": "X"}))

	// List: active users by default, inactive on request.
	names := func(path string) []string {
		var list []wireUser
		e.decode(e.want(200, e.do("GET", path, nil)), &list)
		var out []string
		for _, u := range list {
			out = append(out, u.Username)
		}
		return out
	}
	if diff := cmp.Diff([]string{"alice"}, names("/users/")); diff != "" {
		t.Errorf("active users (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"alice", "bob"}, names("/users/?IncludeInactive=True")); diff != "" {
		t.Errorf("all users (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"alice"}, names("/users/?IncludeInactive=maybe")); diff != "" {
		t.Errorf("a flag that is not a boolean counts as false (-want +got):\n%s", diff)
	}

	// Application roles and teams appear only when asked for.
	admin, _ := e.sim.RoleByName("Administrator")
	e.want(201, e.do("POST", "/users/"+key+"/applications/", map[string]string{"applicationKey": e.appKey, "roleKey": admin.Key}))
	e.wantError(400, e.do("POST", "/users/"+key+"/applications/", map[string]string{"applicationKey": "nope", "roleKey": admin.Key}))
	e.wantError(404, e.do("POST", "/users/nope/applications/", map[string]string{"applicationKey": e.appKey, "roleKey": admin.Key}))
	team := e.want(201, e.do("POST", "/teams/", map[string]string{"name": "Billing"}))
	var tm wireTeam
	e.decode(team, &tm)
	e.want(201, e.do("POST", "/teams/"+tm.Key+"/users/", map[string]string{"userKey": key, "roleKey": tester.Key}))

	e.decode(e.want(200, e.do("GET", "/users/"+key+"/?includeTeams=true&includeApplicationRoles=true", nil)), &got)
	want := wireUser{Key: key, Username: "bob", Name: "Robert", Email: "bob@example.test", RoleKey: tester.Key, RoleName: "Tester",
		ApplicationRoles: []wireApplicationRole{{ApplicationKey: e.appKey, ApplicationName: "Orders", RoleKey: admin.Key, RoleName: "Administrator"}},
		Teams:            []wireTeamRole{{TeamKey: tm.Key, TeamName: "Billing", RoleKey: tester.Key, RoleName: "Tester"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("user with roles and teams (-want +got):\n%s", diff)
	}
	e.want(204, e.do("DELETE", "/users/"+key+"/applications/"+e.appKey+"/", nil))
	e.wantError(404, e.do("DELETE", "/users/"+key+"/applications/"+e.appKey+"/", nil))

	// Passwords: validated, stored, never echoed.
	e.wantError(400, e.do("POST", "/users/"+key+"/setpassword/", map[string]string{"password": "12345"}))
	rep = e.want(200, e.do("POST", "/users/"+key+"/setpassword/", map[string]string{"password": "s3cret-pass"}))
	if rep.body != "" {
		t.Errorf("setpassword body %q", rep.body)
	}
	e.wantError(404, e.do("POST", "/users/nope/setpassword/", map[string]string{"password": "s3cret-pass"}))
}

func TestPeopleUsersEmptyListIs204(t *testing.T) {
	e := newPeopleEnv(t, Options{})
	e.want(200, e.do("PUT", "/users/"+e.user.Key+"/", map[string]any{"IsActive": false}))
	rep := e.want(204, e.do("GET", "/users/", nil))
	if rep.body != "" {
		t.Errorf("204 with body %q", rep.body)
	}
	rep = e.want(204, e.do("GET", "/teams/", nil))
	if rep.body != "" {
		t.Errorf("204 with body %q", rep.body)
	}
}

func TestPeopleRoles(t *testing.T) {
	e := newPeopleEnv(t, Options{})
	body := map[string]any{"name": "Release Manager", "description": "Ships", "manageInfrastructure": false, "manageTeams": true,
		"environmentPermissions": []map[string]any{{"environmentKey": e.prdKey, "level": 5, "createApplications": true}}}
	rep := e.want(201, e.do("POST", "/roles/", body))
	key := rep.body
	if !guidPattern.MatchString(key) || !strings.HasPrefix(rep.header.Get("Content-Type"), "text/plain") {
		t.Fatalf("create answered %q (%s)", key, rep.header.Get("Content-Type"))
	}
	var got wireRole
	e.decode(e.want(200, e.do("GET", "/roles/"+key+"/?IncludeEnvPermissions=true", nil)), &got)
	want := wireRole{Key: key, Name: "Release Manager", Description: "Ships", ManageTeams: true, EnvironmentPermissions: []wireEnvironmentPermission{
		{EnvironmentKey: e.devKey, EnvironmentName: "Development", Level: 2, LevelLabel: "List Applications"},
		{EnvironmentKey: e.prdKey, EnvironmentName: "Production", Level: 5, LevelLabel: "Change and Deploy Applications", CreateApplications: true},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("role (-want +got):\n%s", diff)
	}
	if !strings.Contains(e.do("GET", "/roles/"+key+"/", nil).body, `"Key":"`+key+`"`) {
		t.Error(`the role key is not spelled "Key" as on the real server`)
	}

	for name, bad := range map[string]any{
		"duplicate name":           map[string]any{"name": "developer"},
		"empty name":               map[string]any{"name": " "},
		"infrastructure w/o teams": map[string]any{"name": "Ops", "manageInfrastructure": true},
		"unknown environment":      map[string]any{"name": "Ops", "environmentPermissions": []map[string]any{{"environmentKey": "nope", "level": 1}}},
		"level out of range":       map[string]any{"name": "Ops", "environmentPermissions": []map[string]any{{"environmentKey": e.devKey, "level": 7}}},
	} {
		t.Run(name, func(t *testing.T) { e.wantError(400, e.do("POST", "/roles/", bad)) })
	}

	rep = e.want(200, e.do("PUT", "/roles/"+key+"/", map[string]any{"name": "Release Lead", "manageInfrastructure": true, "manageTeams": true}))
	if rep.body != key {
		t.Errorf("update answered %q", rep.body)
	}
	admin, _ := e.sim.RoleByName("Administrator")
	e.wantError(400, e.do("PUT", "/roles/"+admin.Key+"/", map[string]any{"name": "Boss"}))
	e.wantError(404, e.do("PUT", "/roles/nope/", map[string]any{"name": "X"}))

	var list []wireRole
	e.decode(e.want(200, e.do("GET", "/roles/", nil)), &list)
	var names []string
	for _, r := range list {
		names = append(names, r.Name)
		if r.EnvironmentPermissions != nil {
			t.Errorf("role %s lists permissions without IncludeEnvPermissions", r.Name)
		}
	}
	if diff := cmp.Diff([]string{"Administrator", "Developer", "Tester", "Release Lead"}, names); diff != "" {
		t.Errorf("roles (-want +got):\n%s", diff)
	}

	var levels []wirePermissionLevel
	e.decode(e.want(200, e.do("GET", "/roles/permissionlevels/", nil)), &levels)
	if len(levels) != 7 || levels[6] != (wirePermissionLevel{Level: 6, LevelLabel: "Full Control", Description: environmentPermissionLevels[6].description}) {
		t.Errorf("permission levels: %+v", levels)
	}

	// Delete: reserved roles refused; users need a replacement role.
	e.want(200, e.do("PUT", "/users/"+e.user.Key+"/", map[string]any{"RoleKey": key}))
	e.wantError(400, e.do("DELETE", "/roles/"+admin.Key+"/", nil))
	e.wantError(400, e.do("DELETE", "/roles/"+key+"/", nil))
	tester, _ := e.sim.RoleByName("Tester")
	e.want(204, e.do("DELETE", "/roles/"+key+"/?UsersNewRoleKey="+tester.Key, nil))
	e.wantError(404, e.do("GET", "/roles/"+key+"/", nil))
	e.wantError(404, e.do("DELETE", "/roles/"+key+"/", nil))
	var u wireUser
	e.decode(e.want(200, e.do("GET", "/users/"+e.user.Key+"/", nil)), &u)
	if u.RoleName != "Tester" {
		t.Errorf("user moved to role %q, want Tester", u.RoleName)
	}
}

func TestPeopleTeams(t *testing.T) {
	e := newPeopleEnv(t, Options{})
	var team wireTeam
	e.decode(e.want(201, e.do("POST", "/teams/", map[string]string{"name": "Billing", "description": "Pays"})), &team)
	if diff := cmp.Diff(wireTeam{Key: team.Key, Name: "Billing", Description: "Pays", Users: []wireUserRole{}, Applications: []wireApplicationShortInfo{}}, team); diff != "" {
		t.Errorf("created team (-want +got):\n%s", diff)
	}
	e.wantError(400, e.do("POST", "/teams/", map[string]string{"name": "billing"}))
	e.wantError(400, e.do("POST", "/teams/", map[string]string{"description": "no name"}))

	dev, _ := e.sim.RoleByName("Developer")
	e.want(201, e.do("POST", "/teams/"+team.Key+"/users/", map[string]string{"userKey": e.user.Key, "roleKey": dev.Key}))
	e.wantError(400, e.do("POST", "/teams/"+team.Key+"/users/", map[string]string{"userKey": "nope", "roleKey": dev.Key}))
	e.wantError(404, e.do("POST", "/teams/nope/users/", map[string]string{"userKey": e.user.Key, "roleKey": dev.Key}))
	e.want(201, e.do("POST", "/teams/"+team.Key+"/applications/", map[string]string{"Key": e.appKey}))
	e.wantError(400, e.do("POST", "/teams/"+team.Key+"/applications/", map[string]string{"Key": "nope"}))

	var got wireTeam
	e.decode(e.want(200, e.do("GET", "/teams/"+team.Key+"/?IncludeUsers=true&IncludeApplications=true", nil)), &got)
	want := wireTeam{Key: team.Key, Name: "Billing", Description: "Pays",
		Users:        []wireUserRole{{UserKey: e.user.Key, Name: "Alice", Username: "alice", RoleKey: dev.Key, RoleName: "Developer"}},
		Applications: []wireApplicationShortInfo{{Key: e.appKey, Name: "Orders"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("team (-want +got):\n%s", diff)
	}
	var list []wireTeam
	e.decode(e.want(200, e.do("GET", "/teams/", nil)), &list)
	if diff := cmp.Diff([]wireTeam{{Key: team.Key, Name: "Billing", Description: "Pays"}}, list); diff != "" {
		t.Errorf("teams without includes (-want +got):\n%s", diff)
	}

	e.decode(e.want(200, e.do("PUT", "/teams/"+team.Key+"/", map[string]string{"name": "Payments", "description": "Pays more"})), &got)
	if got.Name != "Payments" || len(got.Users) != 1 {
		t.Errorf("updated team %+v", got)
	}
	e.wantError(404, e.do("PUT", "/teams/nope/", map[string]string{"name": "X"}))
	e.wantError(404, e.do("GET", "/teams/nope/", nil))

	// Removals answer 200 with no body; the application path has no trailing slash in the swagger.
	rep := e.want(200, e.do("DELETE", "/teams/"+team.Key+"/applications/"+e.appKey, nil))
	if rep.body != "" {
		t.Errorf("body %q", rep.body)
	}
	e.wantError(404, e.do("DELETE", "/teams/"+team.Key+"/applications/"+e.appKey, nil))
	e.wantError(400, e.do("DELETE", "/teams/"+team.Key+"/applications/nope", nil))
	e.want(200, e.do("DELETE", "/teams/"+team.Key+"/users/"+e.user.Key+"/", nil))
	e.wantError(404, e.do("DELETE", "/teams/"+team.Key+"/users/"+e.user.Key+"/", nil))
	e.want(204, e.do("DELETE", "/teams/"+team.Key+"/", nil))
	e.wantError(404, e.do("DELETE", "/teams/"+team.Key+"/", nil))
}

func TestPeopleAuthToken(t *testing.T) {
	e := newPeopleEnv(t, Options{})
	old := e.token
	e.wantError(400, e.do("POST", "/auth/tokens/", map[string]any{"timePeriod": 0, "unit": "M"}))
	e.wantError(400, e.do("POST", "/auth/tokens/", map[string]any{"timePeriod": 3, "unit": "Y"}))
	var got struct {
		Token     string `json:"token"`
		ExpiresAt string `json:"expiresAt"`
	}
	e.decode(e.want(200, e.do("POST", "/auth/tokens/", map[string]any{"timePeriod": 3, "unit": "M"})), &got)
	if got.Token == "" || got.Token == old || got.ExpiresAt != "2026-06-02T09:00:00Z" {
		t.Fatalf("renewed token %+v", got)
	}
	e.wantError(401, e.doAs(old, "GET", "/roles/", nil))
	e.want(200, e.doAs(got.Token, "GET", "/roles/", nil))
	if e.sim.Token() != got.Token {
		t.Error("Sim.Token does not return the renewed token")
	}
	e.clock.Advance(92 * 24 * time.Hour)
	e.wantError(401, e.doAs(got.Token, "GET", "/roles/", nil))
}

func TestPeopleAuthorization(t *testing.T) {
	e := newPeopleEnv(t, Options{})
	reader, err := e.sim.AddServiceAccount(ServiceAccount{Username: "reader", Permissions: []Permission{PermRead}})
	if err != nil {
		t.Fatal(err)
	}
	e.wantError(401, e.doAs("", "GET", "/users/", nil))
	e.wantError(401, e.doAs("wrong-token", "GET", "/teams/", nil))
	e.want(200, e.doAs(reader.Token, "GET", "/users/", nil))
	e.wantError(403, e.doAs(reader.Token, "POST", "/users/", map[string]string{"Username": "x"}))
	e.wantError(403, e.doAs(reader.Token, "POST", "/roles/", map[string]string{"name": "x"}))
	e.wantError(403, e.doAs(reader.Token, "DELETE", "/teams/x/", nil))
}

func TestPeopleBlockedLogins(t *testing.T) {
	e := newPeopleEnv(t, Options{})
	for _, l := range []LoginAttempt{
		{UserID: 7, Username: "alice", IPAddress: "10.0.0.1", EnvironmentKey: e.devKey, Blocked: true, UsernameFailureCount: 5, Result: "Blocked"},
		{UserID: 7, Username: "alice", IPAddress: "10.0.0.2", EnvironmentKey: e.prdKey, Blocked: true, UsernameFailureCount: 5, Result: "Blocked"},
		{UserID: 8, Username: "mallory", IPAddress: "10.0.0.9", EnvironmentKey: e.prdKey, Blocked: true, OriginAddressFailureCount: 20, Result: "Blocked"},
		{UserID: 7, Username: "alice", IPAddress: "10.0.0.1", EnvironmentKey: e.devKey, Success: true, Result: "Success"},
	} {
		if err := e.sim.AddLoginAttempt(l); err != nil {
			t.Fatal(err)
		}
	}
	ips := func(path string) []string {
		t.Helper()
		rep := e.want(200, e.do("GET", path, nil))
		if rep.header.Get("Success") != "true" || rep.header.Get("StatusCode") != "200" {
			t.Errorf("headers %v", rep.header)
		}
		var list []struct{ Username, IPAddress, EnvironmentName string }
		e.decode(rep, &list)
		out := []string{}
		for _, l := range list {
			out = append(out, l.Username+"@"+l.IPAddress+"/"+l.EnvironmentName)
		}
		return out
	}
	if diff := cmp.Diff([]string{"alice@10.0.0.1/Development", "alice@10.0.0.2/Production"}, ips("/users/"+e.user.Key+"/blockedlogins/")); diff != "" {
		t.Errorf("alice blocked (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"alice@10.0.0.2/Production", "mallory@10.0.0.9/Production"}, ips("/environments/blockedipaddresses/?EnvironmentKey="+e.prdKey)); diff != "" {
		t.Errorf("blocked in production (-want +got):\n%s", diff)
	}
	e.wantError(404, e.do("GET", "/environments/blockedipaddresses/?EnvironmentKey=nope", nil))
	e.wantError(404, e.do("GET", "/users/nope/blockedlogins/", nil))

	e.want(200, e.do("DELETE", "/users/"+e.user.Key+"/blockedlogins/?EnvironmentKey="+e.devKey, nil))
	if diff := cmp.Diff([]string{"alice@10.0.0.2/Production"}, ips("/users/"+e.user.Key+"/blockedlogins/")); diff != "" {
		t.Errorf("after unblocking alice in development (-want +got):\n%s", diff)
	}
	e.want(200, e.do("DELETE", "/environments/blockedipaddresses/10.0.0.9/", nil))
	e.wantError(404, e.do("DELETE", "/environments/blockedipaddresses/10.0.0.9/?EnvironmentKey=nope", nil))
	e.wantError(404, e.do("DELETE", "/users/nope/blockedlogins/", nil))
	if diff := cmp.Diff([]string{"alice@10.0.0.2/Production"}, ips("/environments/blockedipaddresses/")); diff != "" {
		t.Errorf("after unblocking 10.0.0.9 (-want +got):\n%s", diff)
	}

	old := newPeopleEnv(t, Options{ConsoleVersion: "11.12.0"})
	old.wantError(501, old.do("GET", "/environments/blockedipaddresses/", nil))
	old.wantError(404, old.do("GET", "/environments/"+old.devKey+"/dbconnections/", nil))
}

func TestPeopleRoutesNeedLifeTime11_5(t *testing.T) {
	e := newPeopleEnv(t, Options{ConsoleVersion: "11.4.2"})
	for _, path := range []string{"/roles/", "/users/", "/teams/"} {
		e.wantError(404, e.do("GET", path, nil))
	}
	current := newPeopleEnv(t, Options{ConsoleVersion: "11.5.0"})
	current.want(200, current.do("GET", "/roles/", nil))
}

func TestPeopleDBConnections(t *testing.T) {
	e := newPeopleEnv(t, Options{})
	base := "/environments/" + e.devKey + "/dbconnections/"
	var list []wireDBConnection
	rep := e.want(200, e.do("GET", base, nil))
	if rep.header.Get("Success") != "true" {
		t.Errorf("Success header %q", rep.header.Get("Success"))
	}
	e.decode(rep, &list)
	if diff := cmp.Diff([]wireDBConnection{{DBConnectionName: "CRM", Description: "CRM database", ProviderName: "SQL Server"}}, list); diff != "" {
		t.Errorf("connections (-want +got):\n%s", diff)
	}
	e.wantError(404, e.do("GET", "/environments/nope/dbconnections/", nil))

	in := map[string]string{"dbConnectionName": "ERP", "providerKey": "Oracle", "description": "ERP", "dbConfigParams": "Host=erp;Port=1521", "dbPassword": "p@ss"}
	var created wireDBConnection
	rep = e.want(201, e.do("POST", base, in))
	e.decode(rep, &created)
	if diff := cmp.Diff(wireDBConnection{DBConnectionName: "ERP", Description: "ERP", ProviderName: "Oracle", IsAdvancedConfiguration: true, DatabaseConfiguration: "Host=erp;Port=1521"}, created); diff != "" {
		t.Errorf("created (-want +got):\n%s", diff)
	}
	if strings.Contains(rep.body, "p@ss") {
		t.Error("the password is echoed")
	}
	e.wantError(400, e.do("POST", base, in)) // duplicate
	e.wantError(400, e.do("POST", base, map[string]string{"dbConnectionName": "X", "providerKey": "Nope", "dbUsername": "u", "dbPassword": "p"}))
	e.wantError(400, e.do("POST", base, map[string]string{"dbConnectionName": "X", "providerKey": "MySQL"}))

	e.want(200, e.do("PUT", base+"ERP/", map[string]string{"dbConnectionName": "ERP2", "providerKey": "Oracle", "dbUsername": "erp", "dbPassword": "x"}))
	var one wireDBConnection
	e.decode(e.want(200, e.do("GET", base+"erp2/", nil)), &one)
	if one.DBConnectionName != "ERP2" || one.IsAdvancedConfiguration {
		t.Errorf("edited connection %+v", one)
	}
	e.wantError(400, e.do("PUT", base+"ERP2/", map[string]string{"dbConnectionName": "CRM", "providerKey": "Oracle", "dbUsername": "erp", "dbPassword": "x"}))
	e.wantError(404, e.do("GET", base+"ERP/", nil))

	// Permission levels for roles and users.
	level := func(path string) int {
		t.Helper()
		var l wireDBPermissionLevel
		e.decode(e.want(200, e.do("GET", path, nil)), &l)
		return l.Level
	}
	if got := level(base + "CRM/rolepermissionlevel/Developer/"); got != 0 {
		t.Errorf("default role level %d", got)
	}
	e.want(200, e.do("PUT", base+"CRM/rolepermissionlevel/", map[string]any{"role": "Developer", "permissionLevel": 2}))
	e.want(200, e.do("PUT", base+"CRM/userpermissionlevel/", map[string]any{"username": "alice", "permissionLevel": 1}))
	if got := level(base + "CRM/rolepermissionlevel/developer/"); got != 2 {
		t.Errorf("role level %d, want 2", got)
	}
	if got := level(base + "CRM/userpermissionlevel/alice/"); got != 1 {
		t.Errorf("user level %d, want 1", got)
	}
	e.wantError(400, e.do("PUT", base+"CRM/rolepermissionlevel/", map[string]any{"role": "Developer", "permissionLevel": 3}))
	e.wantError(400, e.do("PUT", base+"CRM/userpermissionlevel/", map[string]any{"permissionLevel": 1}))
	e.wantError(404, e.do("PUT", base+"CRM/rolepermissionlevel/", map[string]any{"role": "Ghost", "permissionLevel": 1}))
	e.wantError(404, e.do("GET", base+"CRM/userpermissionlevel/ghost/", nil))
	e.wantError(404, e.do("GET", base+"NOPE/rolepermissionlevel/Developer/", nil))
	e.want(200, e.do("DELETE", base+"CRM/rolepermissionlevel/", map[string]string{"role": "Developer"}))
	e.want(200, e.do("DELETE", base+"CRM/userpermissionlevel/", map[string]string{"username": "alice"}))
	e.wantError(404, e.do("DELETE", base+"CRM/userpermissionlevel/", map[string]string{"username": "ghost"}))
	e.wantError(400, e.do("DELETE", base+"CRM/rolepermissionlevel/", map[string]string{}))
	if got := level(base + "CRM/rolepermissionlevel/Developer/"); got != 0 {
		t.Errorf("revoked role level %d", got)
	}

	var providers []struct{ DisplayName, ProviderKey string }
	e.decode(e.want(200, e.do("GET", "/environments/"+e.devKey+"/dbconnection/dbproviders/", nil)), &providers)
	if len(providers) != len(dbProviders) || providers[0].ProviderKey != "SqlServer" {
		t.Errorf("providers %+v", providers)
	}
	e.wantError(404, e.do("GET", "/environments/nope/dbconnection/dbproviders/", nil))
	var levels []struct{ DbConnectionPermissionLevel wireDBPermissionLevel }
	e.decode(e.want(200, e.do("GET", "/environments/dbconnection/permissionlevels/", nil)), &levels)
	if len(levels) != 3 || levels[2].DbConnectionPermissionLevel.Label != "Full Control" {
		t.Errorf("levels %+v", levels)
	}

	e.want(200, e.do("POST", "/environments/"+e.devKey+"/testdbconnection/", map[string]string{"dbConnectionName": "T", "providerKey": "SqlServer", "dbUsername": "u", "dbPassword": "p"}))
	e.wantError(400, e.do("POST", "/environments/"+e.devKey+"/testdbconnection/", map[string]string{"dbConnectionName": "T", "providerKey": "SqlServer"}))
	e.wantError(404, e.do("POST", "/environments/nope/testdbconnection/", map[string]string{"dbConnectionName": "T"}))

	e.want(204, e.do("DELETE", base+"ERP2/", nil))
	e.wantError(404, e.do("DELETE", base+"ERP2/", nil))
	e.decode(e.want(200, e.do("GET", base, nil)), &list)
	if len(list) != 1 {
		t.Errorf("connections after delete: %+v", list)
	}
}
