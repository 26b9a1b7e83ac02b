package servicecenter

import (
	"context"
	"fmt"
	"regexp"

	"github.com/go-outsystems/outsystems/internal/soap"
)

// identifier is what a Service Center service or operation name looks like.
var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Call is the escape hatch for Service Center operations this package does
// not wrap. It sends request, which must marshal with encoding/xml to the
// operation's element in the namespace http://www.outsystems.com, to
// https://<host>/ServiceCenter/<service>.asmx with the SOAPAction
// "http://ServiceCenter/<service>/<operation>", and decodes the
// <operation>Response element into response. Credentials, if the operation
// needs them, are the caller's to put in request. Faults and non-SOAP
// answers give [*FaultError] and [*HTTPError] as elsewhere. Never retried.
func (c *Client) Call(ctx context.Context, service, operation string, request, response any) error {
	if !identifier.MatchString(service) || !identifier.MatchString(operation) {
		return fmt.Errorf("servicecenter: Call: %w: service %q, operation %q", ErrInvalidArgument, service, operation)
	}
	if request == nil || response == nil {
		return fmt.Errorf("servicecenter: Call: %w: nil request or response", ErrInvalidArgument)
	}
	op := service + "." + operation
	sc := c.doer.NewClient(soap.Endpoint(c.base, "ServiceCenter", service))
	err := sc.CallContext(ctx, "http://ServiceCenter/"+service+"/"+operation, request, response)
	return wrapErr(ctx, op, err)
}
