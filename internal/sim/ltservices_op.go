package sim

import (
	"reflect"

	"github.com/go-outsystems/outsystems/internal/sim/soapenv"
)

// One LifeTime Services operation is a function over its request and
// response messages; ltsOp adds what every operation shares (decoding,
// authentication, the Success/Status pair) and keeps the message types, from
// which the WSDL is generated (ltservices_wsdl.go).

// ltsOperation is a served operation.
type ltsOperation struct {
	run       func(call *soapenv.Request) (any, error) // runs with s.mu held
	req, resp reflect.Type                             // the message types
}

// ltsCredentials is implemented by every request message.
type ltsCredentials interface{ credentials() ltsAuthentication }

// ltsResultSetter is implemented by every response message (through the
// embedded ltsResult).
type ltsResultSetter interface{ setResult(ltsResult) }

// ltsAuthenticated starts every request but Authentication_GetToken's.
type ltsAuthenticated struct {
	Authentication ltsAuthentication `xml:"Authentication"`
}

func (a *ltsAuthenticated) credentials() ltsAuthentication { return a.Authentication }

func (r *ltsResult) setResult(x ltsResult) { *r = x }

// ltsAuthOnly is the request of operations without parameters.
type ltsAuthOnly struct {
	ltsAuthenticated
}

// ltsNoPayload is the response of operations that only answer Success and Status.
type ltsNoPayload struct {
	ltsResult
}

// ltsOp builds an operation from body, which runs once the caller is
// authenticated and fills resp; its error becomes the in-band status, and a
// failed operation answers no payload.
func ltsOp[Req, Resp any, PReq interface {
	*Req
	ltsCredentials
}, PResp interface {
	*Resp
	ltsResultSetter
}](s *Sim, body func(req PReq, resp PResp) *ltsError) ltsOperation {
	return ltsOperation{
		run: func(call *soapenv.Request) (any, error) {
			req := PReq(new(Req))
			if err := call.Decode(req); err != nil {
				return nil, err
			}
			resp := PResp(new(Resp))
			err := s.ltsAuthenticate(req.credentials())
			if err == nil {
				err = body(req, resp)
			}
			if err != nil {
				resp = PResp(new(Resp))
			}
			resp.setResult(ltsResultOf(err))
			return resp, nil
		},
		req:  reflect.TypeFor[Req](),
		resp: reflect.TypeFor[Resp](),
	}
}
