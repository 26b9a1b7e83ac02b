package scsim

import "time"

// notSimulated is an operation the real service has (it is in the captured
// WSDL) but whose behaviour the facts do not establish, so the simulator
// does not pretend: it answers a server fault that says so. This differs on
// purpose from an unknown SOAPAction (a client fault), so a client calling a
// real operation can tell the two apart.
func notSimulated(service, name string) operation {
	return soapOp(name, func(_ *ServiceCenter, _ *struct{}, _ time.Time) (any, *fault) {
		return nil, serverFault("The simulator does not implement %s.%s.", service, name)
	})
}
