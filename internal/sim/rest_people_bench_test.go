package sim

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// BenchmarkServeUsersList measures one authenticated
// GET /users/?IncludeTeams=true&IncludeApplicationRoles=true of the default
// scenario, in process (no network).
func BenchmarkServeUsersList(b *testing.B) {
	s, err := NewScenario("default", Options{Seed: 1, Clock: NewManualClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))})
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest("GET", apiBase+"/users/?IncludeTeams=true&IncludeApplicationRoles=true", nil)
	req.Header.Set("Authorization", "Bearer "+s.Token())
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// BenchmarkServeLTServicesRoleList measures one SOAP Role_List of the
// default scenario authenticated with the service-account token, in process:
// envelope parsing, dispatch, and the encoded answer.
func BenchmarkServeLTServicesRoleList(b *testing.B) {
	s, err := NewScenario("default", Options{Seed: 1, Clock: NewManualClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))})
	if err != nil {
		b.Fatal(err)
	}
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
