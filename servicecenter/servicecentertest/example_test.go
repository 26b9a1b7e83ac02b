package servicecentertest_test

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/servicecenter/servicecentertest"
)

// A test starts a simulated Service Center and points the code under test
// at srv.URL with srv.Username() and srv.Password(). Here the "code under
// test" is a hand-written SOAP call of GetPlatformInfo.
func ExampleNewServer() {
	srv := servicecentertest.NewServer(servicecentertest.WithVersion("11.31.0.44210"))
	defer srv.Close()

	body := `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body><GetPlatformInfo xmlns="http://www.outsystems.com"/></soap:Body>
</soap:Envelope>`
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/ServiceCenter/OutSystemsPlatform.asmx", strings.NewReader(body))
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"http://ServiceCenter/OutSystemsPlatform/GetPlatformInfo"`)
	resp, err := srv.Client().Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()

	var env struct {
		Version string `xml:"Body>GetPlatformInfoResponse>Version"`
	}
	if err := xml.NewDecoder(resp.Body).Decode(&env); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StatusCode, env.Version)
	// Output: 200 11.31.0.44210
}

// soapCall posts one Solutions.asmx operation with the server's credentials,
// as the code under test would, and returns the HTTP status.
func soapCall(srv *servicecentertest.Server, op, args string) int {
	body := `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>` +
		`<` + op + ` xmlns="http://www.outsystems.com">` + args + `</` + op + `></soap:Body></soap:Envelope>`
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/ServiceCenter/Solutions.asmx", strings.NewReader(body))
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"http://ServiceCenter/Solutions/`+op+`"`)
	resp, err := srv.Client().Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Seed LifeTime plugins, outdate them as a console upgrade does, make one
// fail to publish, republish them all, and drive the publication with a
// manual clock.
func ExampleServer_ServiceCenter() {
	clock := servicecentertest.NewManualClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	srv := servicecentertest.NewServer(
		servicecentertest.WithCredentials("admin", "example-password"),
		servicecentertest.WithClock(clock),
		servicecentertest.WithPublishDuration(time.Minute),
		servicecentertest.WithModules(
			servicecentertest.Module{Name: "LifeTime", System: true},
			servicecentertest.Module{Name: "PluginA", Plugin: true},
			servicecentertest.Module{Name: "PluginB", Plugin: true},
		),
	)
	defer srv.Close()
	sc := srv.ServiceCenter()
	sc.MarkOutdated(func(m servicecentertest.Module) bool { return m.Plugin })
	sc.FailPublishOf("PluginB")

	creds := "<username>admin</username><password>example-password</password>"
	fmt.Println(soapCall(srv, "CreateAllSolution", "<AllSolutionName>Plugins</AllSolutionName>"+creds))
	fmt.Println(soapCall(srv, "PublishRunning", creds+"<SolutionName>Plugins</SolutionName>"+
		"<PublishSystemApplications>false</PublishSystemApplications><CleanPublish>false</CleanPublish>"))

	clock.Advance(time.Minute) // the publication takes one simulated minute
	for _, m := range sc.Modules() {
		fmt.Printf("%s plugin=%t outdated=%t\n", m.Name, m.Plugin, m.Outdated)
	}
	c := sc.Counters()
	fmt.Println("published:", c.ModulesPublished, "failed:", c.ModulePublishFailures)
	// Output:
	// 200
	// 200
	// LifeTime plugin=false outdated=false
	// PluginA plugin=true outdated=false
	// PluginB plugin=true outdated=true
	// published: 1 failed: 1
}
