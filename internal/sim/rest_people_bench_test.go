package sim

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkServeUsersList measures one authenticated
// GET /users/?IncludeTeams=true&IncludeApplicationRoles=true of the default
// scenario, in process (no network).
func BenchmarkServeUsersList(b *testing.B) {
	benchServeGET(b, "/users/?IncludeTeams=true&IncludeApplicationRoles=true")
}

// BenchmarkServeLTServicesRoleList measures one SOAP Role_List of the
// default scenario authenticated with the service-account token, in process:
// envelope parsing, dispatch, and the encoded answer.
func BenchmarkServeLTServicesRoleList(b *testing.B) {
	s := benchScenario(b)
	body := `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Role_List xmlns="http://www.outsystems.com"><Authentication><Token>` +
		s.Token() + `</Token></Authentication></Role_List></soap:Body></soap:Envelope>`
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/LifeTimeServices/RoleManagementService.asmx", strings.NewReader(body))
		req.Header.Set("Content-Type", "text/xml; charset=utf-8")
		req.Header.Set("SOAPAction", `"http://LifeTimeServices/RoleManagementService/Role_List"`)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "<Success>true</Success>") {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}
