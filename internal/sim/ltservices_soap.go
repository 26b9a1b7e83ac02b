package sim

// The SOAP wire facts of the LifeTime Services API (/LifeTimeServices/*.asmx):
// envelope parsing and writing, SOAPAction routing and ASMX-style faults.
// Facts from soap-apis.md §1 and §3 (captured WSDLs of
// OutSystems/LifetimeServicesExample and sac-outsystems/wiremock-test):
//   - document/literal, SOAP 1.1 and SOAP 1.2 bindings;
//   - every message element lives in the schema namespace
//     http://www.outsystems.com, children qualified;
//   - SOAPAction is http://LifeTimeServices/<Service>/<Operation>, the same
//     string for both bindings (SOAP 1.1 sends it quoted in the SOAPAction
//     header, SOAP 1.2 in the action parameter of the Content-Type);
//   - business errors are in-band (HTTP 200, Success=false); only protocol
//     errors are SOAP faults (HTTP 500), as ASP.NET ASMX does.
//
// The envelope codec itself is package soapenv, shared with the Service
// Center simulator (scsim).

const (
	// ltsSchemaNS is the namespace of every LifeTime Services message element.
	ltsSchemaNS = "http://www.outsystems.com"
	// ltsActionPrefix starts every LifeTime Services SOAPAction.
	ltsActionPrefix = "http://LifeTimeServices/"
	// maxSOAPRequestBytes bounds what the simulator reads from one request.
	maxSOAPRequestBytes = 4 << 20
)
