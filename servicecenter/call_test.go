package servicecenter_test

import (
	"encoding/xml"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/go-outsystems/outsystems/servicecenter"
)

// getPropertiesForHandshake and its answer are Solutions.asmx types this
// package does not wrap (soap-apis.md §2.2), declared by the caller.
type getPropertiesForHandshake struct {
	XMLName xml.Name `xml:"http://www.outsystems.com GetPropertiesForHandshake"`
}

type getPropertiesForHandshakeResponse struct {
	XMLName    xml.Name `xml:"http://www.outsystems.com GetPropertiesForHandshakeResponse"`
	Properties []struct {
		Name  string `xml:"Name"`
		Value string `xml:"Value"`
	} `xml:"properties>Properties"`
}

func TestCallEscapeHatch(t *testing.T) {
	f := newFake(t, soapOK("GetPropertiesForHandshake", "<properties><Properties><Name>Version</Name><Value>11.31.0</Value></Properties></properties>"))
	c := f.client(t)
	var resp getPropertiesForHandshakeResponse
	if err := c.Call(t.Context(), "Solutions", "GetPropertiesForHandshake", &getPropertiesForHandshake{}, &resp); err != nil {
		t.Fatal(err)
	}
	if len(resp.Properties) != 1 || resp.Properties[0].Value != "11.31.0" {
		t.Errorf("decoded %+v", resp)
	}
	want := recorded{
		Path: "/ServiceCenter/Solutions.asmx", SOAPAction: `"http://ServiceCenter/Solutions/GetPropertiesForHandshake"`, ContentType: "text/xml; charset=utf-8",
		Body: `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetPropertiesForHandshake xmlns="http://www.outsystems.com"></GetPropertiesForHandshake></soap:Body></soap:Envelope>`,
	}
	if diff := cmp.Diff([]recorded{want}, f.recorded()); diff != "" {
		t.Errorf("request (-want +got):\n%s", diff)
	}
	if err := c.Call(t.Context(), "../x", "Op", &resp, &resp); !errors.Is(err, servicecenter.ErrInvalidArgument) {
		t.Errorf("bad service name: %v", err)
	}
}
