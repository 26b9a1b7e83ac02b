package scsim_test

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
	"github.com/google/go-cmp/cmp"
)

type getPlatformInfoResponse struct {
	XMLName xml.Name `xml:"http://www.outsystems.com GetPlatformInfoResponse"`
	Version string   `xml:"http://www.outsystems.com Version"`
	Serial  string   `xml:"http://www.outsystems.com Serial"`
}

func TestGetPlatformInfoNeedsNoCredentials(t *testing.T) {
	f := newFixture(t)
	var got getPlatformInfoResponse
	wantOK(t, f.call(t, "OutSystemsPlatform", "GetPlatformInfo", ""), &got)
	want := getPlatformInfoResponse{
		XMLName: xml.Name{Space: "http://www.outsystems.com", Local: "GetPlatformInfoResponse"},
		Version: "11.31.0.44210", Serial: "SERIAL-1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GetPlatformInfo (-want +got):\n%s", diff)
	}

	f.sc.SetVersion("11.34.1.45035")
	wantOK(t, f.call(t, "OutSystemsPlatform", "GetPlatformInfo", ""), &got)
	if got.Version != "11.34.1.45035" || f.sc.Version() != got.Version {
		t.Errorf("after SetVersion, GetPlatformInfo says %q and Version() %q, want 11.34.1.45035", got.Version, f.sc.Version())
	}
	if n := f.sc.Counters().Calls["OutSystemsPlatform.GetPlatformInfo"]; n != 2 {
		t.Errorf("Calls[OutSystemsPlatform.GetPlatformInfo] = %d, want 2", n)
	}
}

type testLoginResponse struct {
	Status string `xml:"http://www.outsystems.com status"`
}

func TestTestLogin(t *testing.T) {
	f := newFixture(t)
	for _, pass := range []string{testPass, testHash} {
		var got testLoginResponse
		wantOK(t, f.call(t, "Solutions", "TestLogin", creds("ADMIN", pass)), &got)
		if got.Status != "OK" {
			t.Errorf("status = %q, want OK", got.Status)
		}
	}
	for _, c := range []string{creds(testUser, "wrong"), creds("other", testPass), creds(testUser, ""), ""} {
		got := wantFault(t, f.call(t, "Solutions", "TestLogin", c))
		want := soapFault{
			XMLName: xml.Name{Space: "http://schemas.xmlsoap.org/soap/envelope/", Local: "Fault"},
			Code:    "soap:Server",
			String:  "Server was unable to process request. ---> Invalid username or password.",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("fault (-want +got):\n%s", diff)
		}
	}
}

func TestRequireHashedPasswordRefusesPlain(t *testing.T) {
	f := newFixture(t, func(c *scsim.Config) { c.RequireHashedPassword = true })
	wantFault(t, f.call(t, "Solutions", "TestLogin", creds(testUser, testPass)))
	var got testLoginResponse
	wantOK(t, f.call(t, "Solutions", "TestLogin", creds(testUser, testHash)), &got)
}

// TestEveryOperationChecksCredentials: every operation that takes a
// username and password refuses wrong ones with the login fault, before
// looking at its other arguments.
func TestEveryOperationChecksCredentials(t *testing.T) {
	f := newFixture(t)
	ops := map[string][]string{
		"Solutions": {"TestLogin", "CreateAllSolution", "GetSolutionIdByName", "PublishRunning", "PublishRunningVersion",
			"GetMessages", "Publish", "Download", "Delete", "Pack", "Pack2"},
		"PlatformServices_v8_0_0": {"Modules_Get", "SolutionPack_GetPublishMessages", "SolutionPack_PublishContinue", "SolutionPack_PublishAbort"},
	}
	for service, names := range ops {
		bad := creds(testUser, "wrong")
		if service == "PlatformServices_v8_0_0" {
			bad = psArgs(testUser, "wrong")
		}
		for _, op := range names {
			t.Run(op, func(t *testing.T) {
				got := wantFault(t, f.call(t, service, op, bad))
				if !strings.Contains(got.String, "Invalid username or password.") {
					t.Errorf("fault %q, want the login fault", got.String)
				}
			})
		}
	}
}
