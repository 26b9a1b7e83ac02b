package sim

import (
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzLTServicesRequest sends arbitrary bodies and SOAPActions to the
// LifeTime Services endpoints: the simulator must never panic, and must
// answer either a well-formed SOAP envelope (200 with Success, or a 500
// fault) or a plain HTTP error.
func FuzzLTServicesRequest(f *testing.F) {
	for _, seed := range []struct{ action, body string }{
		{"http://LifeTimeServices/RoleManagementService/Role_List", `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Role_List xmlns="http://www.outsystems.com"><Authentication><Username>alice</Username><Password>secret1</Password></Authentication></Role_List></soap:Body></soap:Envelope>`},
		{"http://LifeTimeServices/UserManagementService/User_CreateOrUpdate", `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><User_CreateOrUpdate xmlns="http://www.outsystems.com"><Authentication><Token>x</Token></Authentication><Username>u</Username><EncryptPassword>maybe</EncryptPassword></User_CreateOrUpdate></soap:Body></soap:Envelope>`},
		{"", `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header/><soap:Body/></soap:Envelope>`},
		{"http://LifeTimeServices/TeamManagementService/Team_List", `<?xml version="1.0"?><a:Envelope xmlns:a="urn:x"><a:Body>`},
		{"\"http://LifeTimeServices/AuthenticationService/Authentication_GetToken\"", `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Authentication_GetToken xmlns="http://www.outsystems.com"><Username>alice</Username><Password>secret1</Password></Authentication_GetToken></soap:Body></soap:Envelope>`},
	} {
		f.Add(seed.action, seed.body)
	}
	s := New(Options{Clock: NewManualClock(t0)})
	admin, _ := s.RoleByName("Administrator")
	if _, err := s.AddUser(User{Username: "alice", Name: "Alice", IsActive: true, RoleKey: admin.Key, Password: "secret1"}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, action, body string) {
		service := "RoleManagementService"
		if i := strings.LastIndex(action, "/"); i > 0 {
			if j := strings.LastIndex(action[:i], "/"); j >= 0 {
				service = strings.Trim(action[j+1:i], `"`)
			}
		}
		// The service name comes from the fuzzed action: escape it so that the
		// request line stays valid whatever it holds.
		req := httptest.NewRequest(http.MethodPost, "/LifeTimeServices/"+url.PathEscape(service)+".asmx", strings.NewReader(body))
		req.Header.Set("Content-Type", "text/xml; charset=utf-8")
		req.Header.Set("SOAPAction", action)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusInternalServerError:
			var env struct {
				XMLName xml.Name `xml:"http://schemas.xmlsoap.org/soap/envelope/ Envelope"`
				Body    struct {
					Inner []byte `xml:",innerxml"`
				} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Body"`
			}
			if err := xml.Unmarshal(rec.Body.Bytes(), &env); err != nil {
				t.Fatalf("HTTP %d with a body that is not a SOAP 1.1 envelope: %v\n%s", rec.Code, err, rec.Body)
			}
			inner := string(env.Body.Inner)
			if rec.Code == http.StatusOK && !strings.Contains(inner, "<Success>") {
				t.Fatalf("200 without Success:\n%s", rec.Body)
			}
			if rec.Code == http.StatusInternalServerError && !strings.Contains(inner, "<soap:Fault>") {
				t.Fatalf("500 without a fault:\n%s", rec.Body)
			}
		case http.StatusNotFound:
		default:
			t.Fatalf("unexpected HTTP %d:\n%s", rec.Code, rec.Body)
		}
	})
}
