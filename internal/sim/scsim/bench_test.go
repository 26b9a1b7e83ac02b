package scsim_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
)

// benchCall posts one prepared SOAP 1.1 request through the handler (no
// network), so the figure is the simulator's own cost per call.
func benchCall(b *testing.B, h http.Handler, service, op, inner string) {
	body := envelope11(`<` + op + ` xmlns="http://www.outsystems.com">` + inner + `</` + op + `>`)
	req := httptest.NewRequest(http.MethodPost, "/ServiceCenter/"+service+".asmx", strings.NewReader(body))
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"http://ServiceCenter/`+service+`/`+op+`"`)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("%s: status %d\n%s", op, rec.Code, rec.Body)
	}
	_, _ = io.Copy(io.Discard, rec.Body)
}

func BenchmarkGetPlatformInfo(b *testing.B) {
	h := scsim.New(scsim.Config{}).Handler()
	for b.Loop() {
		benchCall(b, h, "OutSystemsPlatform", "GetPlatformInfo", "")
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
}

// BenchmarkRepublishCycle is one plugin republish as a client does it:
// CreateAllSolution, PublishRunning and one GetMessages of the whole log, on
// an environment of 50 modules (instant publications).
func BenchmarkRepublishCycle(b *testing.B) {
	sc := scsim.New(scsim.Config{Username: testUser, Password: testPass, PublishDuration: -1})
	for i := range 50 {
		sc.AddModule(scsim.Module{Name: fmt.Sprintf("Plugin%02d", i), Plugin: true})
	}
	h := sc.Handler()
	c := creds(testUser, testPass)
	pubID := 0
	for b.Loop() {
		pubID++
		benchCall(b, h, "Solutions", "CreateAllSolution", "<AllSolutionName>All</AllSolutionName>"+c)
		benchCall(b, h, "Solutions", "PublishRunning", c+"<SolutionName>All</SolutionName><PublishSystemApplications>false</PublishSystemApplications><CleanPublish>false</CleanPublish>")
		benchCall(b, h, "Solutions", "GetMessages", c+fmt.Sprintf("<SolutionPubId>%d</SolutionPubId><LastSeenId>0</LastSeenId>", pubID))
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "cycles/s")
}
