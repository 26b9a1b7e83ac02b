package sim

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Tests of the LifeTime Services SOAP API over HTTP, with plain net/http and
// hand-written envelopes; answers are decoded with test-local structs whose
// tags carry the OutSystems namespace, so a namespace mistake fails them.

const testNS = "http://www.outsystems.com"

// ltsFixture is a simulator with one environment, one application, an IT
// user "alice" (password "secret1") and the built-in roles.
type ltsFixture struct {
	sim    *Sim
	clock  *ManualClock
	srv    *httptest.Server
	envKey string
	appKey string
}

func newLTSFixture(t *testing.T, opts Options) *ltsFixture {
	t.Helper()
	w := newAliceWorld(t, opts, "Administrator", Application{Name: "Orders", Description: "Order management"})
	s := w.sim
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &ltsFixture{sim: s, clock: w.clock, srv: srv, envKey: w.dev.Key, appKey: w.app.Key}
}

// call posts a SOAP 1.1 request of op on service; inner is the XML inside
// the operation element. It returns the HTTP status and the raw body.
func (f *ltsFixture) call(t *testing.T, service, op, inner string) (int, string) {
	t.Helper()
	env := `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
		`<` + op + ` xmlns="` + testNS + `">` + inner + `</` + op + `></soap:Body></soap:Envelope>`
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, f.srv.URL+"/LifeTimeServices/"+service+".asmx", strings.NewReader(env))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"http://LifeTimeServices/`+service+`/`+op+`"`)
	return doRaw(t, req)
}

func doRaw(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// auth returns the Authentication element for a token or for alice's password.
func tokenAuth(token string) string {
	return `<Authentication><Token>` + token + `</Token></Authentication>`
}

const aliceAuth = `<Authentication><Username>alice</Username><Password>secret1</Password></Authentication>`

// testStatus is APIStatus as a client reads it.
type testStatus struct {
	Success bool `xml:"http://www.outsystems.com Success"`
	Status  struct {
		ResponseID             int    `xml:"http://www.outsystems.com ResponseId"`
		ResponseMessage        string `xml:"http://www.outsystems.com ResponseMessage"`
		ResponseAdditionalInfo string `xml:"http://www.outsystems.com ResponseAdditionalInfo"`
	} `xml:"http://www.outsystems.com Status"`
}

// decodeBody decodes the response element inside a SOAP 1.1 envelope into v,
// checking the element is <op>Response in the OutSystems namespace.
func decodeBody(t *testing.T, body, op string, v any) {
	t.Helper()
	var env struct {
		XMLName xml.Name `xml:"http://schemas.xmlsoap.org/soap/envelope/ Envelope"`
		Body    struct {
			Inner []byte `xml:",innerxml"`
		} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Body"`
	}
	if err := xml.Unmarshal([]byte(body), &env); err != nil {
		t.Fatalf("not a SOAP 1.1 envelope: %v\n%s", err, body)
	}
	dec := xml.NewDecoder(strings.NewReader(string(env.Body.Inner)))
	for {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("no response element: %v\n%s", err, body)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name != (xml.Name{Space: testNS, Local: op + "Response"}) {
				t.Fatalf("response element %v, want {%s}%sResponse", se.Name, testNS, op)
			}
			if err := dec.DecodeElement(v, &se); err != nil {
				t.Fatalf("decode %sResponse: %v\n%s", op, err, body)
			}
			return
		}
	}
}

// status calls an operation and returns its Success/Status.
func (f *ltsFixture) status(t *testing.T, service, op, inner string) testStatus {
	t.Helper()
	code, body := f.call(t, service, op, inner)
	if code != http.StatusOK {
		t.Fatalf("%s: HTTP %d, want 200\n%s", op, code, body)
	}
	var st testStatus
	decodeBody(t, body, op, &st)
	return st
}

// wantOK fails unless the status is Success with ResponseId 1.
func wantOK(t *testing.T, op string, st testStatus) {
	t.Helper()
	if !st.Success || st.Status.ResponseID != 1 || st.Status.ResponseMessage != "OK" {
		t.Fatalf("%s: got %+v, want Success with ResponseId 1 OK", op, st)
	}
}

// wantCode fails unless the status is a failure with the given ResponseId.
func wantCode(t *testing.T, op string, st testStatus, code int) {
	t.Helper()
	if st.Success || st.Status.ResponseID != code {
		t.Fatalf("%s: got %+v, want Success=false ResponseId %d", op, st, code)
	}
}

var guidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func TestLTServicesAuthenticationToken(t *testing.T) {
	f := newLTSFixture(t, Options{})
	code, body := f.call(t, "AuthenticationService", "Authentication_GetToken", `<Username>alice</Username><Password>secret1</Password>`)
	if code != http.StatusOK {
		t.Fatalf("HTTP %d\n%s", code, body)
	}
	var got struct {
		testStatus
		Token string `xml:"http://www.outsystems.com Token"`
	}
	decodeBody(t, body, "Authentication_GetToken", &got)
	wantOK(t, "Authentication_GetToken", got.testStatus)
	if !guidPattern.MatchString(got.Token) {
		t.Fatalf("token %q is not a GUID", got.Token)
	}

	wantOK(t, "User_List with fresh token", f.status(t, "UserManagementService", "User_List", tokenAuth(got.Token)+`<ShowInactive>false</ShowInactive>`))
	f.clock.Advance(4*time.Minute + 59*time.Second)
	wantOK(t, "User_List at 4m59s", f.status(t, "UserManagementService", "User_List", tokenAuth(got.Token)+`<ShowInactive>false</ShowInactive>`))
	f.clock.Advance(time.Second)
	st := f.status(t, "UserManagementService", "User_List", tokenAuth(got.Token)+`<ShowInactive>false</ShowInactive>`)
	wantCode(t, "User_List at 5m", st, 201)
	if st.Status.ResponseAdditionalInfo != "Invalid or expired token." {
		t.Errorf("additional info %q", st.Status.ResponseAdditionalInfo)
	}

	var bad struct {
		testStatus
		Token string `xml:"http://www.outsystems.com Token"`
	}
	_, body = f.call(t, "AuthenticationService", "Authentication_GetToken", `<Username>alice</Username><Password>wrong-password</Password>`)
	decodeBody(t, body, "Authentication_GetToken", &bad)
	wantCode(t, "Authentication_GetToken with a wrong password", bad.testStatus, 200)
	if bad.Token != "" {
		t.Errorf("failed login returned token %q", bad.Token)
	}
	if strings.Contains(body, "wrong-password") {
		t.Errorf("the answer echoes the password:\n%s", body)
	}
}

func TestLTServicesServiceAccountToken(t *testing.T) {
	for _, tc := range []struct {
		console string
		want    int // ResponseId
	}{
		{"11.12.0", 201}, // service-account tokens are accepted from 11.13.0
		{"11.13.0", 1},
		{"11.25.4", 1},
	} {
		t.Run(tc.console, func(t *testing.T) {
			f := newLTSFixture(t, Options{ConsoleVersion: tc.console})
			st := f.status(t, "RoleManagementService", "Role_List", tokenAuth(f.sim.Token()))
			if st.Status.ResponseID != tc.want || st.Success != (tc.want == 1) {
				t.Fatalf("Role_List with the service-account token on %s: %+v, want ResponseId %d", tc.console, st, tc.want)
			}
		})
	}
}

func TestLTServicesUsers(t *testing.T) {
	f := newLTSFixture(t, Options{})
	const svc = "UserManagementService"

	type platformUser struct {
		ID       int    `xml:"http://www.outsystems.com Id"`
		Username string `xml:"http://www.outsystems.com Username"`
		Name     string `xml:"http://www.outsystems.com Name"`
		Email    string `xml:"http://www.outsystems.com Email"`
		RoleName string `xml:"http://www.outsystems.com RoleName"`
	}
	listUsers := func(showInactive bool) []string {
		t.Helper()
		_, body := f.call(t, svc, "User_List", aliceAuth+fmt.Sprintf(`<ShowInactive>%t</ShowInactive>`, showInactive))
		var got struct {
			testStatus
			Users []platformUser `xml:"http://www.outsystems.com PlatformUsers>PlatformUser"`
		}
		decodeBody(t, body, "User_List", &got)
		wantOK(t, "User_List", got.testStatus)
		var names []string
		for _, u := range got.Users {
			names = append(names, u.Username+"/"+u.RoleName)
		}
		return names
	}

	// Create, then update by username.
	_, body := f.call(t, svc, "User_CreateOrUpdate", aliceAuth+`<Username>bob</Username><Password>hunter22</Password><EncryptPassword>false</EncryptPassword><Name>Bob</Name><Email>bob@example.test</Email><RoleName>Developer</RoleName>`)
	var created struct {
		testStatus
		User platformUser `xml:"http://www.outsystems.com PlatformUser"`
	}
	decodeBody(t, body, "User_CreateOrUpdate", &created)
	wantOK(t, "User_CreateOrUpdate", created.testStatus)
	if created.User.ID == 0 {
		t.Error("created user has Id 0")
	}
	created.User.ID = 0
	if diff := cmp.Diff(platformUser{Username: "bob", Name: "Bob", Email: "bob@example.test", RoleName: "Developer"}, created.User); diff != "" {
		t.Errorf("created user (-want +got):\n%s", diff)
	}
	wantOK(t, "update", f.status(t, svc, "User_CreateOrUpdate", aliceAuth+`<Username>bob</Username><EncryptPassword>false</EncryptPassword><Name>Bob B.</Name><Email>bob@example.test</Email><RoleName>Tester</RoleName>`))
	if diff := cmp.Diff([]string{"alice/Administrator", "bob/Tester"}, listUsers(false)); diff != "" {
		t.Errorf("users after update (-want +got):\n%s", diff)
	}

	// Validation errors, in-band.
	wantCode(t, "empty username", f.status(t, svc, "User_CreateOrUpdate", aliceAuth+`<Username></Username><EncryptPassword>false</EncryptPassword><Name>X</Name><RoleName>Tester</RoleName>`), 10)
	wantCode(t, "empty name", f.status(t, svc, "User_CreateOrUpdate", aliceAuth+`<Username>carol</Username><Password>123456</Password><EncryptPassword>false</EncryptPassword><RoleName>Tester</RoleName>`), 11)
	wantCode(t, "short password", f.status(t, svc, "User_CreateOrUpdate", aliceAuth+`<Username>carol</Username><Password>12345</Password><EncryptPassword>false</EncryptPassword><Name>Carol</Name><RoleName>Tester</RoleName>`), 15)
	wantCode(t, "unknown role", f.status(t, svc, "User_CreateOrUpdate", aliceAuth+`<Username>carol</Username><Password>123456</Password><EncryptPassword>false</EncryptPassword><Name>Carol</Name><RoleName>Nobody</RoleName>`), 303)

	// Password and username changes; the new password logs in.
	wantCode(t, "short new password", f.status(t, svc, "User_ChangePassword", aliceAuth+`<Username>bob</Username><NewPassword>123</NewPassword><EncryptPassword>false</EncryptPassword>`), 15)
	wantOK(t, "User_ChangePassword", f.status(t, svc, "User_ChangePassword", aliceAuth+`<Username>bob</Username><NewPassword>n3w-secret</NewPassword><EncryptPassword>false</EncryptPassword>`))
	wantCode(t, "rename to an existing username", f.status(t, svc, "User_ChangeUsername", aliceAuth+`<OldUsername>bob</OldUsername><NewUsername>alice</NewUsername>`), 100)
	wantOK(t, "User_ChangeUsername", f.status(t, svc, "User_ChangeUsername", aliceAuth+`<OldUsername>bob</OldUsername><NewUsername>robert</NewUsername>`))
	wantOK(t, "login as robert", f.status(t, svc, "User_List", `<Authentication><Username>robert</Username><Password>n3w-secret</Password></Authentication><ShowInactive>false</ShowInactive>`))
	wantCode(t, "unknown user", f.status(t, svc, "User_SetInactive", aliceAuth+`<Username>bob</Username>`), 101)

	// Inactive users are listed only with ShowInactive and cannot log in.
	wantOK(t, "User_SetInactive", f.status(t, svc, "User_SetInactive", aliceAuth+`<Username>robert</Username>`))
	if diff := cmp.Diff([]string{"alice/Administrator"}, listUsers(false)); diff != "" {
		t.Errorf("active users (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"alice/Administrator", "robert/Tester"}, listUsers(true)); diff != "" {
		t.Errorf("all users (-want +got):\n%s", diff)
	}
	wantCode(t, "inactive login", f.status(t, svc, "User_List", `<Authentication><Username>robert</Username><Password>n3w-secret</Password></Authentication><ShowInactive>false</ShowInactive>`), 200)
	wantOK(t, "User_SetActive", f.status(t, svc, "User_SetActive", aliceAuth+`<Username>robert</Username>`))

	// Application roles and permissions.
	type envPerm struct {
		EnvironmentKey  string `xml:"http://www.outsystems.com EnvironmentKey"`
		EnvironmentName string `xml:"http://www.outsystems.com EnvironmentName"`
		Level           int    `xml:"http://www.outsystems.com ApplicationPermissionLevelId"`
	}
	appPerms := func() (bool, []envPerm) {
		t.Helper()
		_, body := f.call(t, svc, "User_GetApplicationPermissions", aliceAuth+`<Username>robert</Username><ApplicationKey>`+f.appKey+`</ApplicationKey>`)
		var got struct {
			testStatus
			Platform bool      `xml:"http://www.outsystems.com ArePlatformRolePermissions"`
			Perms    []envPerm `xml:"http://www.outsystems.com ApplicationPermissions>ApplicationPermissions>EnvironmentPermissionForApplication"`
		}
		decodeBody(t, body, "User_GetApplicationPermissions", &got)
		wantOK(t, "User_GetApplicationPermissions", got.testStatus)
		return got.Platform, got.Perms
	}
	platform, perms := appPerms()
	if !platform {
		t.Error("ArePlatformRolePermissions = false before any application role")
	}
	if diff := cmp.Diff([]envPerm{{EnvironmentKey: f.envKey, EnvironmentName: "Development", Level: 2}}, perms); diff != "" {
		t.Errorf("permissions from the Tester platform role (-want +got):\n%s", diff)
	}
	wantCode(t, "unknown application", f.status(t, svc, "User_SetApplicationRole", aliceAuth+`<Username>robert</Username><ApplicationKey>nope</ApplicationKey><RoleName>Developer</RoleName>`), 400)
	wantCode(t, "empty application key", f.status(t, svc, "User_SetApplicationRole", aliceAuth+`<Username>robert</Username><ApplicationKey></ApplicationKey><RoleName>Developer</RoleName>`), 12)
	wantOK(t, "User_SetApplicationRole", f.status(t, svc, "User_SetApplicationRole", aliceAuth+`<Username>robert</Username><ApplicationKey>`+f.appKey+`</ApplicationKey><RoleName>Administrator</RoleName>`))
	platform, perms = appPerms()
	if platform {
		t.Error("ArePlatformRolePermissions = true with an application role")
	}
	if diff := cmp.Diff([]envPerm{{EnvironmentKey: f.envKey, EnvironmentName: "Development", Level: 6}}, perms); diff != "" {
		t.Errorf("application permissions (-want +got):\n%s", diff)
	}

	_, body = f.call(t, svc, "User_GetAllPermissions", aliceAuth+`<Username>robert</Username>`)
	var all struct {
		testStatus
		Apps []struct {
			Key   string    `xml:"http://www.outsystems.com ssSTApplicationShortInfo>Key"`
			Name  string    `xml:"http://www.outsystems.com ssSTApplicationShortInfo>Name"`
			Perms []envPerm `xml:"http://www.outsystems.com ssSTApplicationPermissions>ApplicationPermissions>EnvironmentPermissionForApplication"`
		} `xml:"http://www.outsystems.com ApplicationPermissions>WORCApplicationShortInfoApplicationPermissionsRecord"`
		Platform []envPerm `xml:"http://www.outsystems.com PlatformRolePermissions>ApplicationPermissions>EnvironmentPermissionForApplication"`
	}
	decodeBody(t, body, "User_GetAllPermissions", &all)
	wantOK(t, "User_GetAllPermissions", all.testStatus)
	if len(all.Apps) != 1 || all.Apps[0].Key != f.appKey || all.Apps[0].Name != "Orders" || len(all.Apps[0].Perms) != 1 || all.Apps[0].Perms[0].Level != 6 {
		t.Errorf("application permissions: %+v", all.Apps)
	}
	if len(all.Platform) != 1 || all.Platform[0].Level != 2 { // Tester: List Applications by default
		t.Errorf("platform role permissions: %+v", all.Platform)
	}

	wantOK(t, "User_DeleteApplicationPermission", f.status(t, svc, "User_DeleteApplicationPermission", aliceAuth+`<Username>robert</Username><ApplicationKey>`+f.appKey+`</ApplicationKey>`))
	wantCode(t, "delete again", f.status(t, svc, "User_DeleteApplicationPermission", aliceAuth+`<Username>robert</Username><ApplicationKey>`+f.appKey+`</ApplicationKey>`), 402)
	if platform, _ := appPerms(); !platform {
		t.Error("ArePlatformRolePermissions = false after deleting the application role")
	}
}

func TestLTServicesRoles(t *testing.T) {
	f := newLTSFixture(t, Options{})
	const svc = "RoleManagementService"
	type role struct {
		Name        string `xml:"http://www.outsystems.com Name"`
		Description string `xml:"http://www.outsystems.com Description"`
		Infra       bool   `xml:"http://www.outsystems.com CanManageInfrastructure"`
		Protected   bool   `xml:"http://www.outsystems.com IsProtected"`
		Levels      []int  `xml:"http://www.outsystems.com PermissionsPerEnvironment>EnvironmentPermissionForRole>EnvironmentPermissionLevelId"`
	}
	listRoles := func() []role {
		t.Helper()
		_, body := f.call(t, svc, "Role_List", aliceAuth)
		var got struct {
			testStatus
			Roles []role `xml:"http://www.outsystems.com PlatformRoles>PlatformRole"`
		}
		decodeBody(t, body, "Role_List", &got)
		wantOK(t, "Role_List", got.testStatus)
		return got.Roles
	}
	_, body := f.call(t, svc, "Role_CreateOrUpdate", aliceAuth+`<RoleName>Release Manager</RoleName><CanConfigureInfrastructure>true</CanConfigureInfrastructure><RoleDescription>Ships releases</RoleDescription>`)
	var created struct {
		testStatus
		Role role `xml:"http://www.outsystems.com PlatformRole"`
	}
	decodeBody(t, body, "Role_CreateOrUpdate", &created)
	wantOK(t, "Role_CreateOrUpdate", created.testStatus)
	if diff := cmp.Diff(role{Name: "Release Manager", Description: "Ships releases", Infra: true, Levels: []int{0}}, created.Role); diff != "" {
		t.Errorf("created role (-want +got):\n%s", diff)
	}
	wantCode(t, "protected role", f.status(t, svc, "Role_CreateOrUpdate", aliceAuth+`<RoleName>Administrator</RoleName><CanConfigureInfrastructure>false</CanConfigureInfrastructure>`), 301)
	wantCode(t, "empty name", f.status(t, svc, "Role_CreateOrUpdate", aliceAuth+`<RoleName> </RoleName><CanConfigureInfrastructure>false</CanConfigureInfrastructure>`), 14)

	wantCode(t, "level out of range", f.status(t, svc, "Role_UpdatePermission", aliceAuth+`<RoleName>Release Manager</RoleName><EnvironmentKey>`+f.envKey+`</EnvironmentKey><NewPermissionLevelId>7</NewPermissionLevelId>`), 401)
	wantOK(t, "Role_UpdatePermission", f.status(t, svc, "Role_UpdatePermission", aliceAuth+`<RoleName>Release Manager</RoleName><EnvironmentKey>`+f.envKey+`</EnvironmentKey><NewPermissionLevelId>5</NewPermissionLevelId>`))
	_, body = f.call(t, svc, "Role_GetPermissions", aliceAuth+`<RoleName>release manager</RoleName>`)
	var perms struct {
		testStatus
		Levels []int    `xml:"http://www.outsystems.com PlatformRolePermissions>EnvironmentPermissionForRole>EnvironmentPermissionLevelId"`
		Keys   []string `xml:"http://www.outsystems.com PlatformRolePermissions>EnvironmentPermissionForRole>EnvironmentKey"`
	}
	decodeBody(t, body, "Role_GetPermissions", &perms)
	wantOK(t, "Role_GetPermissions", perms.testStatus)
	if diff := cmp.Diff([]int{5}, perms.Levels); diff != "" || len(perms.Keys) != 1 || perms.Keys[0] != f.envKey {
		t.Errorf("permissions %v %v (-want +got levels):\n%s", perms.Keys, perms.Levels, diff)
	}

	wantCode(t, "rename to existing", f.status(t, svc, "Role_ChangeName", aliceAuth+`<OldRoleName>Release Manager</OldRoleName><NewRoleName>Tester</NewRoleName>`), 302)
	wantOK(t, "Role_ChangeName", f.status(t, svc, "Role_ChangeName", aliceAuth+`<OldRoleName>Release Manager</OldRoleName><NewRoleName>Release Lead</NewRoleName>`))

	// Deleting a role moves its users to the replacement role.
	wantOK(t, "create user", f.status(t, "UserManagementService", "User_CreateOrUpdate", aliceAuth+`<Username>dave</Username><Password>123456</Password><EncryptPassword>false</EncryptPassword><Name>Dave</Name><RoleName>Release Lead</RoleName>`))
	wantCode(t, "delete without a replacement", f.status(t, svc, "Role_Delete", aliceAuth+`<RoleName>Release Lead</RoleName>`), 303)
	_, body = f.call(t, svc, "Role_Delete", aliceAuth+`<RoleName>Release Lead</RoleName><UsersNewRoleName>Developer</UsersNewRoleName>`)
	var deleted struct {
		testStatus
		Affected []string `xml:"http://www.outsystems.com AffectedPlatformUsers>PlatformUser>Username"`
		Roles    []string `xml:"http://www.outsystems.com AffectedPlatformUsers>PlatformUser>RoleName"`
	}
	decodeBody(t, body, "Role_Delete", &deleted)
	wantOK(t, "Role_Delete", deleted.testStatus)
	if diff := cmp.Diff([]string{"dave"}, deleted.Affected); diff != "" || deleted.Roles[0] != "Developer" {
		t.Errorf("affected users %v roles %v (-want +got):\n%s", deleted.Affected, deleted.Roles, diff)
	}
	var names []string
	for _, r := range listRoles() {
		names = append(names, r.Name)
	}
	if diff := cmp.Diff([]string{"Administrator", "Developer", "Tester"}, names); diff != "" {
		t.Errorf("roles after delete (-want +got):\n%s", diff)
	}
	wantCode(t, "delete the administrator", f.status(t, svc, "Role_Delete", aliceAuth+`<RoleName>Administrator</RoleName><UsersNewRoleName>Developer</UsersNewRoleName>`), 301)
	wantCode(t, "unknown role", f.status(t, svc, "Role_GetPermissions", aliceAuth+`<RoleName>Ghost</RoleName>`), 303)

	_, body = f.call(t, svc, "Role_GetEnvironmentPermissionsLevels", aliceAuth)
	var levels struct {
		testStatus
		Labels []string `xml:"http://www.outsystems.com RolePermissionLevels>EnvironmentPermissionLevel>Label"`
	}
	decodeBody(t, body, "Role_GetEnvironmentPermissionsLevels", &levels)
	wantOK(t, "Role_GetEnvironmentPermissionsLevels", levels.testStatus)
	if diff := cmp.Diff([]string{"No Access", "Access", "List Applications", "Monitor and Add Dependencies", "Open and Debug Applications", "Change and Deploy Applications", "Full Control"}, levels.Labels); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
}

func TestLTServicesTeams(t *testing.T) {
	f := newLTSFixture(t, Options{})
	const svc = "TeamManagementService"
	type team struct {
		Name        string   `xml:"http://www.outsystems.com Name"`
		Description string   `xml:"http://www.outsystems.com Description"`
		Apps        []string `xml:"http://www.outsystems.com ApplicationList>ApplicationShortInfo>Name"`
		Users       []string `xml:"http://www.outsystems.com UserList>PlatformUser>Username"`
		UserRoles   []string `xml:"http://www.outsystems.com UserList>PlatformUser>RoleName"`
	}
	details := func(name string) team {
		t.Helper()
		_, body := f.call(t, svc, "Team_GetDetails", aliceAuth+`<TeamName>`+name+`</TeamName>`)
		var got struct {
			testStatus
			Team team `xml:"http://www.outsystems.com PlatformTeam"`
		}
		decodeBody(t, body, "Team_GetDetails", &got)
		wantOK(t, "Team_GetDetails", got.testStatus)
		return got.Team
	}
	wantOK(t, "Team_CreateOrUpdate", f.status(t, svc, "Team_CreateOrUpdate", aliceAuth+`<TeamName>Billing</TeamName><Description>Billing squad</Description>`))
	wantOK(t, "Team_AddUser", f.status(t, svc, "Team_AddUser", aliceAuth+`<TeamName>Billing</TeamName><Username>alice</Username><RoleName>Developer</RoleName>`))
	wantOK(t, "Team_AssignApplication", f.status(t, svc, "Team_AssignApplication", aliceAuth+`<TeamName>Billing</TeamName><ApplicationKey>`+f.appKey+`</ApplicationKey>`))
	if diff := cmp.Diff(team{Name: "Billing", Description: "Billing squad", Apps: []string{"Orders"}, Users: []string{"alice"}, UserRoles: []string{"Developer"}}, details("Billing")); diff != "" {
		t.Errorf("team details (-want +got):\n%s", diff)
	}

	_, body := f.call(t, svc, "Team_List", aliceAuth)
	var list struct {
		testStatus
		Teams []team `xml:"http://www.outsystems.com PlatformTeams>PlatformTeam"`
	}
	decodeBody(t, body, "Team_List", &list)
	wantOK(t, "Team_List", list.testStatus)
	if diff := cmp.Diff([]team{{Name: "Billing", Description: "Billing squad"}}, list.Teams); diff != "" {
		t.Errorf("Team_List leaves the lists empty (-want +got):\n%s", diff)
	}

	wantCode(t, "add unknown user", f.status(t, svc, "Team_AddUser", aliceAuth+`<TeamName>Billing</TeamName><Username>nobody</Username><RoleName>Developer</RoleName>`), 101)
	wantCode(t, "assign unknown app", f.status(t, svc, "Team_AssignApplication", aliceAuth+`<TeamName>Billing</TeamName><ApplicationKey>nope</ApplicationKey>`), 400)
	wantCode(t, "unknown team", f.status(t, svc, "Team_GetDetails", aliceAuth+`<TeamName>Ghosts</TeamName>`), ltsTeamNotFound)

	wantOK(t, "Team_RemoveUser", f.status(t, svc, "Team_RemoveUser", aliceAuth+`<TeamName>Billing</TeamName><Username>alice</Username>`))
	wantCode(t, "remove again", f.status(t, svc, "Team_RemoveUser", aliceAuth+`<TeamName>Billing</TeamName><Username>alice</Username>`), 101)
	wantOK(t, "Team_RemoveApplication", f.status(t, svc, "Team_RemoveApplication", aliceAuth+`<TeamName>Billing</TeamName><ApplicationKey>`+f.appKey+`</ApplicationKey>`))
	wantCode(t, "remove app again", f.status(t, svc, "Team_RemoveApplication", aliceAuth+`<TeamName>Billing</TeamName><ApplicationKey>`+f.appKey+`</ApplicationKey>`), 400)
	if diff := cmp.Diff(team{Name: "Billing", Description: "Billing squad"}, details("Billing")); diff != "" {
		t.Errorf("emptied team (-want +got):\n%s", diff)
	}
	wantOK(t, "Team_Delete", f.status(t, svc, "Team_Delete", aliceAuth+`<TeamName>Billing</TeamName>`))
	wantCode(t, "deleted team", f.status(t, svc, "Team_Delete", aliceAuth+`<TeamName>Billing</TeamName>`), ltsTeamNotFound)
}

func TestLTServicesProtocol(t *testing.T) {
	f := newLTSFixture(t, Options{})
	post := func(path, contentType, action, body string) (int, string) {
		t.Helper()
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, f.srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", contentType)
		if action != "" {
			req.Header.Set("SOAPAction", action)
		}
		return doRaw(t, req)
	}
	const roleList11 = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Role_List xmlns="http://www.outsystems.com">` + aliceAuth + `</Role_List></soap:Body></soap:Envelope>`

	t.Run("prefixed namespace declared on the envelope, header skipped", func(t *testing.T) {
		body := `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:os="http://www.outsystems.com"><s:Header><os:Ignored>x</os:Ignored></s:Header><s:Body>` +
			`<os:Role_List><os:Authentication><os:Username>alice</os:Username><os:Password>secret1</os:Password></os:Authentication></os:Role_List></s:Body></s:Envelope>`
		code, resp := post("/LifeTimeServices/RoleManagementService.asmx", "text/xml; charset=utf-8", `"http://LifeTimeServices/RoleManagementService/Role_List"`, body)
		if code != http.StatusOK {
			t.Fatalf("HTTP %d\n%s", code, resp)
		}
		var st testStatus
		decodeBody(t, resp, "Role_List", &st)
		wantOK(t, "Role_List", st)
	})
	t.Run("SOAP 1.2 with the action in the content type", func(t *testing.T) {
		body := strings.ReplaceAll(roleList11, "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope")
		code, resp := post("/LifeTimeServices/rolemanagementservice.asmx", `application/soap+xml; charset=utf-8; action="http://LifeTimeServices/RoleManagementService/Role_List"`, "", body)
		if code != http.StatusOK || !strings.Contains(resp, `xmlns:soap="http://www.w3.org/2003/05/soap-envelope"`) || !strings.Contains(resp, "<Success>true</Success>") {
			t.Fatalf("HTTP %d\n%s", code, resp)
		}
	})

	faultCases := []struct {
		name, path, contentType, action, body string
		wantStatus                            int
		wantText                              string
	}{
		{"unknown SOAPAction", "/LifeTimeServices/RoleManagementService.asmx", "text/xml", `"http://LifeTimeServices/RoleManagementService/Role_Nuke"`, roleList11, 500, "Server did not recognize the value of HTTP Header SOAPAction: http://LifeTimeServices/RoleManagementService/Role_Nuke."},
		{"action of another service", "/LifeTimeServices/UserManagementService.asmx", "text/xml", `"http://LifeTimeServices/RoleManagementService/Role_List"`, roleList11, 500, "<faultcode>soap:Client</faultcode>"},
		{"body element differs from the action", "/LifeTimeServices/RoleManagementService.asmx", "text/xml", `"http://LifeTimeServices/RoleManagementService/Role_Delete"`, roleList11, 500, "was not expected"},
		{"malformed XML", "/LifeTimeServices/RoleManagementService.asmx", "text/xml", `"http://LifeTimeServices/RoleManagementService/Role_List"`, `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Role_List`, 500, "Server was unable to read request."},
		{"SOAP 1.2 envelope sent as SOAP 1.1", "/LifeTimeServices/RoleManagementService.asmx", "text/xml", `"http://LifeTimeServices/RoleManagementService/Role_List"`, strings.ReplaceAll(roleList11, "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope"), 500, "Possible SOAP version mismatch"},
		{"not SOAP", "/LifeTimeServices/RoleManagementService.asmx", "application/json", "", `{}`, 415, "Unsupported media type"},
		{"unknown service", "/LifeTimeServices/EnvironmentManagementService.asmx", "text/xml", "", roleList11, 404, "cannot be found"},
		{"not an asmx", "/LifeTimeServices/RoleManagementService", "text/xml", "", roleList11, 404, "cannot be found"},
	}
	for _, tc := range faultCases {
		t.Run(tc.name, func(t *testing.T) {
			code, resp := post(tc.path, tc.contentType, tc.action, tc.body)
			if code != tc.wantStatus || !strings.Contains(resp, tc.wantText) {
				t.Fatalf("HTTP %d, want %d with %q\n%s", code, tc.wantStatus, tc.wantText, resp)
			}
		})
	}
	t.Run("GET is refused", func(t *testing.T) {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, f.srv.URL+"/LifeTimeServices/RoleManagementService.asmx", nil)
		if code, resp := doRaw(t, req); code != http.StatusMethodNotAllowed {
			t.Fatalf("HTTP %d\n%s", code, resp)
		}
	})
	t.Run("switched off answers 404, back on answers again", func(t *testing.T) {
		f.sim.SetLTServicesEnabled(false)
		if code, _ := post("/LifeTimeServices/RoleManagementService.asmx", "text/xml", `"http://LifeTimeServices/RoleManagementService/Role_List"`, roleList11); code != http.StatusNotFound {
			t.Fatalf("disabled: HTTP %d, want 404", code)
		}
		f.sim.SetLTServicesEnabled(true)
		if code, _ := post("/LifeTimeServices/RoleManagementService.asmx", "text/xml", `"http://LifeTimeServices/RoleManagementService/Role_List"`, roleList11); code != http.StatusOK {
			t.Fatalf("enabled again: HTTP %d, want 200", code)
		}
	})
	t.Run("unavailable while the console is upgraded", func(t *testing.T) {
		g := newLTSFixture(t, Options{ConsoleVersion: "11.14.0"})
		if err := g.sim.UpgradeConsole("11.16.0", 20*time.Minute); err != nil {
			t.Fatal(err)
		}
		if code, body := g.call(t, "RoleManagementService", "Role_List", aliceAuth); code != http.StatusServiceUnavailable {
			t.Fatalf("during the upgrade: HTTP %d, want 503\n%s", code, body)
		}
		g.clock.Advance(21 * time.Minute)
		wantOK(t, "Role_List after the upgrade", g.status(t, "RoleManagementService", "Role_List", tokenAuth(g.sim.Token())))
	})
	t.Run("disabled by option", func(t *testing.T) {
		g := newLTSFixture(t, Options{DisableLifeTimeServices: true})
		code, _ := g.call(t, "RoleManagementService", "Role_List", aliceAuth)
		if code != http.StatusNotFound {
			t.Fatalf("HTTP %d, want 404", code)
		}
	})
}
