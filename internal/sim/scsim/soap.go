package scsim

import (
	"fmt"

	"github.com/go-outsystems/outsystems/internal/sim/soapenv"
)

// Wire constants shared by every Service Center service (soap-apis.md §1);
// the envelope codec is package soapenv, shared with the LifeTime Services
// simulator.
const (
	// schemaNS is the namespace of every request and response element
	// (elementFormDefault="qualified").
	schemaNS = "http://www.outsystems.com"

	// maxRequestBody bounds what the simulator reads from one request. Real
	// servers are configured up to 256 MiB for OSP uploads (soap-apis.md §6);
	// the simulator has no reason to hold more than this.
	maxRequestBody = 64 << 20
)

// fault is a SOAP fault the simulator answers with HTTP 500.
type fault = soapenv.Fault

// clientFault builds a fault the request is to blame for (soap:Client).
func clientFault(format string, args ...any) *fault {
	return &fault{Client: true, Message: fmt.Sprintf(format, args...)}
}

// serverFault builds the fault of an operation that failed, with the text
// ASP.NET ASMX services put before an exception's message (soap:Server).
func serverFault(format string, args ...any) *fault {
	return &fault{Message: soapenv.ProcessPrefix + fmt.Sprintf(format, args...)}
}

// readFault is the client fault of a request that cannot be deserialized.
func readFault(err error) *fault { return soapenv.ReadFault(err) }
