package scsim_test

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
	"github.com/google/go-cmp/cmp"
)

const textXML = "text/xml; charset=utf-8"

func TestRequestFaults(t *testing.T) {
	f := newFixture(t)
	loginBody := envelope11(`<TestLogin xmlns="http://www.outsystems.com">` + creds(testUser, testPass) + `</TestLogin>`)
	for _, tc := range []struct {
		name, path, contentType, action, body string
		wantCode, wantString                  string
	}{
		{
			name: "malformed XML", path: "/ServiceCenter/Solutions.asmx", contentType: textXML,
			action: `"http://ServiceCenter/Solutions/TestLogin"`, body: `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><TestLogin`,
			wantCode: "soap:Client", wantString: "Server was unable to read request. ---> There is an error in XML document. ---> soap:Body holds no operation element: XML syntax error on line 1: unexpected EOF",
		},
		{
			name: "unknown SOAPAction", path: "/ServiceCenter/Solutions.asmx", contentType: textXML,
			action: `"http://ServiceCenter/Solutions/Nope"`, body: loginBody,
			wantCode: "soap:Client", wantString: "Server did not recognize the value of HTTP Header SOAPAction: http://ServiceCenter/Solutions/Nope.",
		},
		{
			name: "SOAPAction of another service", path: "/ServiceCenter/Solutions.asmx", contentType: textXML,
			action: `"http://ServiceCenter/OutSystemsPlatform/GetPlatformInfo"`, body: loginBody,
			wantCode: "soap:Client", wantString: "Server did not recognize the value of HTTP Header SOAPAction: http://ServiceCenter/OutSystemsPlatform/GetPlatformInfo.",
		},
		{
			name: "no SOAPAction", path: "/ServiceCenter/Solutions.asmx", contentType: textXML,
			body:     loginBody,
			wantCode: "soap:Client", wantString: "Server did not recognize the value of HTTP Header SOAPAction: .",
		},
		{
			name: "body element does not match the action", path: "/ServiceCenter/Solutions.asmx", contentType: textXML,
			action: `"http://ServiceCenter/Solutions/GetMessages"`, body: loginBody,
			wantCode: "soap:Client", wantString: "Server was unable to read request. ---> There is an error in XML document. ---> <TestLogin xmlns='http://www.outsystems.com'> was not expected.",
		},
		{
			name: "element outside the OutSystems namespace", path: "/ServiceCenter/Solutions.asmx", contentType: textXML,
			action: `"http://ServiceCenter/Solutions/TestLogin"`, body: envelope11(`<TestLogin xmlns="http://tempuri.org/">` + creds(testUser, testPass) + `</TestLogin>`),
			wantCode: "soap:Client", wantString: "Server was unable to read request. ---> There is an error in XML document. ---> <TestLogin xmlns='http://tempuri.org/'> was not expected.",
		},
		{
			name: "not a SOAP envelope", path: "/ServiceCenter/Solutions.asmx", contentType: textXML,
			action: `"http://ServiceCenter/Solutions/TestLogin"`, body: `<TestLogin xmlns="http://www.outsystems.com"/>`,
			wantCode: "soap:Client", wantString: "Server was unable to read request. ---> The root element is {http://www.outsystems.com}TestLogin, not a SOAP 1.1 Envelope.",
		},
		{
			name: "empty body", path: "/ServiceCenter/Solutions.asmx", contentType: textXML,
			action: `"http://ServiceCenter/Solutions/TestLogin"`, body: envelope11(""),
			wantCode: "soap:Client", wantString: "Server was unable to read request. ---> There is an error in XML document. ---> soap:Body holds no operation element: unexpected end element Body",
		},
		{
			name: "JSON content type", path: "/ServiceCenter/Solutions.asmx", contentType: "application/json",
			action: `"http://ServiceCenter/Solutions/TestLogin"`, body: `{}`,
			wantCode: "soap:Client", wantString: `Content-Type "application/json" is not a SOAP content type.`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := wantFault(t, f.raw(t, tc.path, tc.contentType, tc.action, tc.body))
			if diff := cmp.Diff([]string{tc.wantCode, tc.wantString}, []string{got.Code, got.String}); diff != "" {
				t.Errorf("fault (-want +got):\n%s", diff)
			}
		})
	}
	c := f.sc.Counters()
	if c.Faults != 9 || c.Calls["Solutions.TestLogin"] != 0 {
		t.Errorf("Faults = %d, Calls[Solutions.TestLogin] = %d; want 9 and 0 (no fault reached the operation)", c.Faults, c.Calls["Solutions.TestLogin"])
	}
}

func TestEnvelopeVariantsAreAccepted(t *testing.T) {
	f := newFixture(t)
	// A prefixed operation element whose namespace is declared on the
	// envelope, a SOAP header, and comments: all legal SOAP 1.1.
	body := `<?xml version="1.0"?><!-- client --><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:os="http://www.outsystems.com">` +
		`<s:Header><os:Ignored>1</os:Ignored></s:Header><s:Body><os:TestLogin><os:username>admin</os:username>` +
		`<os:password>` + testPass + `</os:password></os:TestLogin></s:Body></s:Envelope>`
	var got testLoginResponse
	wantOK(t, f.raw(t, "/servicecenter/SOLUTIONS.asmx", "text/xml", `"http://ServiceCenter/Solutions/TestLogin"`, body), &got)
	if got.Status != "OK" {
		t.Errorf("status = %q", got.Status)
	}
}

func TestNotFoundAndUnavailable(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct{ method, path string }{
		{http.MethodPost, "/ServiceCenter/Unknown.asmx"},
		{http.MethodPost, "/LifeTimeServices/UserManagementService.asmx"},
		{http.MethodGet, "/ServiceCenter/Solutions.asmx?WSDL"},
		{http.MethodGet, "/ServiceCenter/rest/PlatformServices/Staging_PublishWith2StepOption"},
	} {
		req, _ := http.NewRequestWithContext(t.Context(), tc.method, f.srv.URL+tc.path, strings.NewReader(envelope11("")))
		req.Header.Set("Content-Type", textXML)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s %s: status %d, want 404", tc.method, tc.path, resp.StatusCode)
		}
	}

	f.sc.SetAvailable(false)
	for _, svc := range []string{"OutSystemsPlatform", "Solutions", "PlatformServices_v8_0_0", "Unknown"} {
		a := f.call(t, svc, "GetPlatformInfo", "")
		if a.status != http.StatusServiceUnavailable {
			t.Errorf("%s while unavailable: status %d, want 503", svc, a.status)
		}
	}
	f.sc.SetAvailable(true)
	var info getPlatformInfoResponse
	wantOK(t, f.call(t, "OutSystemsPlatform", "GetPlatformInfo", ""), &info)

	c := f.sc.Counters()
	got := []int{c.Requests, c.NotFound, c.Unavailable, c.Calls["OutSystemsPlatform.GetPlatformInfo"]}
	if diff := cmp.Diff([]int{9, 4, 4, 1}, got); diff != "" {
		t.Errorf("counters [Requests, NotFound, Unavailable, GetPlatformInfo calls] (-want +got):\n%s", diff)
	}
}

func TestPublicationContinuesWhileUnavailable(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	createAll(t, f, "S")
	pub := publishRunning(t, f, "S")
	f.sc.SetAvailable(false)
	f.clock.Advance(time.Minute)
	f.sc.SetAvailable(true)
	_, msgs := messages(t, f, pub.SolutionPubID, 0)
	if last := msgs[len(msgs)-1]; last.Type != "Done" {
		t.Errorf("last message = %+v, want Done", last)
	}
}

func TestSOAP12(t *testing.T) {
	f := newFixture(t)
	env12 := func(inner string) string {
		return `<soap12:Envelope xmlns:soap12="http://www.w3.org/2003/05/soap-envelope"><soap12:Body>` + inner + `</soap12:Body></soap12:Envelope>`
	}
	// Without an action parameter, as the reconnaissance script U1 sends it
	// (soap-apis.md §1): routed by the body element.
	a := f.raw(t, "/ServiceCenter/OutSystemsPlatform.asmx", "application/soap+xml; charset=utf-8", "",
		env12(`<GetPlatformInfo xmlns="http://www.outsystems.com"/>`))
	if a.status != http.StatusOK || a.header.Get("Content-Type") != "application/soap+xml; charset=utf-8" {
		t.Fatalf("status %d, Content-Type %q\n%s", a.status, a.header.Get("Content-Type"), a.body)
	}
	var env struct {
		XMLName xml.Name
		Version string `xml:"Body>GetPlatformInfoResponse>Version"`
	}
	if err := xml.Unmarshal([]byte(a.body), &env); err != nil {
		t.Fatal(err)
	}
	if env.XMLName.Space != "http://www.w3.org/2003/05/soap-envelope" || env.Version != "11.31.0.44210" {
		t.Errorf("envelope %v, Version %q", env.XMLName, env.Version)
	}

	// Bad credentials: a SOAP 1.2 fault (Code/Reason) on HTTP 500.
	a = f.raw(t, "/ServiceCenter/Solutions.asmx", `application/soap+xml; charset=utf-8; action="http://ServiceCenter/Solutions/TestLogin"`, "",
		env12(`<TestLogin xmlns="http://www.outsystems.com">`+creds(testUser, "bad")+`</TestLogin>`))
	var fault struct {
		Code   string `xml:"Body>Fault>Code>Value"`
		Reason string `xml:"Body>Fault>Reason>Text"`
	}
	if err := xml.Unmarshal([]byte(a.body), &fault); err != nil {
		t.Fatal(err)
	}
	got := []string{fmt.Sprint(a.status), fault.Code, fault.Reason}
	want := []string{"500", "soap:Receiver", "Server was unable to process request. ---> Invalid username or password."}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SOAP 1.2 fault (-want +got):\n%s", diff)
	}

	// A SOAP 1.1 envelope sent as SOAP 1.2 is refused.
	a = f.raw(t, "/ServiceCenter/OutSystemsPlatform.asmx", "application/soap+xml", "", envelope11(`<GetPlatformInfo xmlns="http://www.outsystems.com"/>`))
	if a.status != http.StatusInternalServerError || !strings.Contains(a.body, "soap:Sender") {
		t.Errorf("1.1 envelope as 1.2: status %d\n%s", a.status, a.body)
	}
}

func TestStrictMode(t *testing.T) {
	login := envelope11(`<TestLogin xmlns="http://www.outsystems.com">` + creds(testUser, testPass) + `</TestLogin>`)
	getMessagesWithout := func(missing string) string {
		inner := creds(testUser, testPass)
		if missing != "SolutionPubId" {
			inner += "<SolutionPubId>1</SolutionPubId>"
		}
		if missing != "LastSeenId" {
			inner += "<LastSeenId>0</LastSeenId>"
		}
		return inner
	}

	t.Run("lenient by default, like ASP.NET", func(t *testing.T) {
		f := newFixture(t)
		seedPlugins(f)
		createAll(t, f, "S")
		publishRunning(t, f, "S")
		var got testLoginResponse
		wantOK(t, f.raw(t, "/ServiceCenter/Solutions.asmx", textXML, "http://ServiceCenter/Solutions/TestLogin", login), &got)
		// A missing LastSeenId reads as 0.
		var msgs messagesResponse
		wantOK(t, f.call(t, "Solutions", "GetMessages", getMessagesWithout("LastSeenId")), &msgs)
		if !strings.Contains(msgs.Messages, "<Id>1</Id>") {
			t.Errorf("messages without LastSeenId do not start at 1: %s", msgs.Messages)
		}
		if n := f.sc.Counters().UnquotedSOAPAction; n != 1 {
			t.Errorf("UnquotedSOAPAction = %d, want 1", n)
		}
	})

	t.Run("strict", func(t *testing.T) {
		f := newFixture(t, func(c *scsim.Config) { c.Strict = true })
		got := wantFault(t, f.raw(t, "/ServiceCenter/Solutions.asmx", textXML, "http://ServiceCenter/Solutions/TestLogin", login))
		if got.String != "SOAPAction header http://ServiceCenter/Solutions/TestLogin is not enclosed in quotes." {
			t.Errorf("unquoted: faultstring %q", got.String)
		}
		got = wantFault(t, f.call(t, "Solutions", "GetMessages", getMessagesWithout("LastSeenId")))
		if !strings.HasSuffix(got.String, "mandatory element(s) LastSeenId missing in GetMessages") || got.Code != "soap:Client" {
			t.Errorf("missing LastSeenId: fault %+v", got)
		}
		got = wantFault(t, f.call(t, "Solutions", "PublishRunning", creds(testUser, testPass)+"<SolutionName>S</SolutionName>"))
		if !strings.HasSuffix(got.String, "mandatory element(s) PublishSystemApplications, CleanPublish missing in PublishRunning") {
			t.Errorf("missing booleans: fault %+v", got)
		}
	})
}

func TestConcurrentClients(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	const workers = 8
	var wg sync.WaitGroup
	errs := make(chan string, workers*10)
	for w := range workers {
		wg.Go(func() {
			name := fmt.Sprintf("S%d", w)
			for range 5 {
				body := envelope11(`<CreateAllSolution xmlns="http://www.outsystems.com"><AllSolutionName>` + name +
					`</AllSolutionName>` + creds(testUser, testPass) + `</CreateAllSolution>`)
				req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/ServiceCenter/Solutions.asmx", strings.NewReader(body))
				req.Header.Set("Content-Type", textXML)
				req.Header.Set("SOAPAction", `"http://ServiceCenter/Solutions/CreateAllSolution"`)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					errs <- err.Error()
					continue
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs <- fmt.Sprintf("status %d", resp.StatusCode)
				}
				f.sc.Modules()
				f.clock.Advance(time.Second)
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	c := f.sc.Counters()
	if c.SolutionsCreated != workers || c.Calls["Solutions.CreateAllSolution"] != workers*5 {
		t.Errorf("SolutionsCreated = %d, CreateAllSolution calls = %d; want %d and %d", c.SolutionsCreated, c.Calls["Solutions.CreateAllSolution"], workers, workers*5)
	}
}
