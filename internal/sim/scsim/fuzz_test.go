package scsim_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
)

// FuzzSolutionsRequest feeds arbitrary bodies and SOAPActions to the
// Solutions service: every answer must be 200 or a SOAP fault on 500, never
// a panic or another status.
func FuzzSolutionsRequest(f *testing.F) {
	f.Add(`"http://ServiceCenter/Solutions/TestLogin"`, envelope11(`<TestLogin xmlns="http://www.outsystems.com">`+creds(testUser, testPass)+`</TestLogin>`))
	f.Add(`"http://ServiceCenter/Solutions/GetMessages"`, envelope11(`<GetMessages xmlns="http://www.outsystems.com">`+creds(testUser, testPass)+`<SolutionPubId>1</SolutionPubId><LastSeenId>-5</LastSeenId></GetMessages>`))
	f.Add(`"http://ServiceCenter/Solutions/Publish"`, envelope11(`<Publish xmlns="http://www.outsystems.com">`+creds(testUser, testPass)+`<File>UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==</File></Publish>`))
	f.Add(`http://ServiceCenter/Solutions/CreateAllSolution`, `<a:Envelope xmlns:a="http://schemas.xmlsoap.org/soap/envelope/"><a:Body><x/></a:Body></a:Envelope>`)
	f.Fuzz(func(t *testing.T, action, body string) {
		sc := scsim.New(scsim.Config{Username: testUser, Password: testPass, PublishDuration: -1})
		sc.AddModule(scsim.Module{Name: "M"})
		req := httptest.NewRequest(http.MethodPost, "/ServiceCenter/Solutions.asmx", strings.NewReader(body))
		req.Header.Set("Content-Type", "text/xml; charset=utf-8")
		req.Header.Set("SOAPAction", action)
		rec := httptest.NewRecorder()
		sc.Handler().ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK:
		case http.StatusInternalServerError:
			if !strings.Contains(rec.Body.String(), "<soap:Fault>") {
				t.Fatalf("500 without a SOAP fault:\n%s", rec.Body.String())
			}
		default:
			t.Fatalf("status %d", rec.Code)
		}
	})
}
