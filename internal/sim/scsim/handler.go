package scsim

import (
	"encoding/xml"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim/soapenv"
)

// operation is one SOAP operation of a service.
type operation struct {
	name string
	call func(sc *ServiceCenter, req *soapenv.Request) (any, *fault)
}

// service is one .asmx endpoint: the module and service names that make its
// SOAPActions (http://<Module>/<Service>/<Operation>, soap-apis.md §1) and
// its operations by name.
type service struct {
	module, name string
	ops          map[string]operation
}

func (s service) action(op string) string { return "http://" + s.module + "/" + s.name + "/" + op }

// soapOp builds an operation whose request element decodes into Req. fn
// runs with sc.mu held, after the state was advanced to now, and only once
// the credentials of a Req that carries them (withCredentials) passed.
func soapOp[Req any](name string, fn func(sc *ServiceCenter, in *Req, now time.Time) (any, *fault)) operation {
	return operation{name: name, call: func(sc *ServiceCenter, req *soapenv.Request) (any, *fault) {
		var in Req
		if f := req.Decode(&in); f != nil {
			return nil, f
		}
		if sc.cfg.Strict {
			if missing := missingMandatory(&in); len(missing) > 0 {
				return nil, readFault(&missingError{op: name, elements: missing})
			}
		}
		sc.mu.Lock()
		defer sc.mu.Unlock()
		if c, ok := any(&in).(withCredentials); ok {
			if f := sc.authenticate(c.creds()); f != nil {
				return nil, f
			}
		}
		return fn(sc, &in, sc.now())
	}}
}

type missingError struct {
	op       string
	elements []string
}

func (e *missingError) Error() string {
	return "mandatory element(s) " + strings.Join(e.elements, ", ") + " missing in " + e.op
}

func newService(module, name string, ops ...operation) service {
	s := service{module: module, name: name, ops: map[string]operation{}}
	for _, op := range ops {
		s.ops[op.name] = op
	}
	return s
}

// routes maps lower-case paths (IIS paths are case-insensitive,
// soap-apis.md §3.2) to SOAP services.
func (sc *ServiceCenter) routes() map[string]service {
	return map[string]service{
		"/servicecenter/outsystemsplatform.asmx":      sc.platformService(),
		"/servicecenter/solutions.asmx":               sc.solutionsService(),
		"/servicecenter/platformservices_v8_0_0.asmx": sc.platformServicesService(),
	}
}

// stagingPath is the REST companion of PlatformServices (soap-apis.md §2.3).
const stagingPath = "/servicecenter/rest/platformservices/staging_publishwith2stepoption"

func (sc *ServiceCenter) serveHTTP(w http.ResponseWriter, r *http.Request) {
	sc.mu.Lock()
	sc.counters.Requests++
	available := sc.available
	if !available {
		sc.counters.Unavailable++
	}
	sc.mu.Unlock()
	if !available {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("<html><body><h1>Service Unavailable</h1></body></html>\n"))
		return
	}

	path := strings.ToLower(r.URL.Path)
	if path == stagingPath {
		sc.serveStaging(w, r)
		return
	}
	svc, ok := sc.services[path]
	if !ok || r.Method != http.MethodPost {
		// GET of an .asmx (its help page or ?WSDL) is not simulated.
		sc.count(func(c *Counters) { c.NotFound++ })
		http.NotFound(w, r)
		return
	}
	sc.serveSOAP(w, r, svc)
}

func (sc *ServiceCenter) count(f func(*Counters)) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	f(&sc.counters)
}

func (sc *ServiceCenter) serveSOAP(w http.ResponseWriter, r *http.Request, svc service) {
	req, err := soapenv.Read(r, maxRequestBody)
	version := req.Version
	var f *fault
	var mediaType *soapenv.MediaTypeError
	switch {
	case errors.As(err, &mediaType):
		sc.fail(w, version, clientFault("%s", mediaType.Error()))
		return
	case errors.As(err, &f):
		sc.fail(w, version, f)
		return
	}
	if version == soapenv.SOAP11 && !req.Quoted && req.Action != "" {
		sc.count(func(c *Counters) { c.UnquotedSOAPAction++ })
		if sc.cfg.Strict {
			sc.fail(w, version, clientFault("SOAPAction header %s is not enclosed in quotes.", req.Action))
			return
		}
	}

	// ASMX routes SOAP 1.1 by the SOAPAction header; SOAP 1.2 by the action
	// parameter when present, else by the body element.
	var op operation
	var found bool
	if req.Action != "" || version == soapenv.SOAP11 {
		name, ok := strings.CutPrefix(req.Action, svc.action(""))
		if ok {
			op, found = svc.ops[name]
		}
		if !found {
			sc.fail(w, version, clientFault("Server did not recognize the value of HTTP Header SOAPAction: %s.", req.Action))
			return
		}
	} else {
		op, found = svc.ops[req.Op.Name.Local]
		if !found {
			sc.fail(w, version, clientFault("Server did not recognize the request element %s.", req.Op.Name.Local))
			return
		}
	}
	if req.Op.Name.Local != op.name || req.Op.Name.Space != schemaNS {
		sc.fail(w, version, clientFault("Server was unable to read request. ---> There is an error in XML document. ---> <%s xmlns='%s'> was not expected.",
			req.Op.Name.Local, req.Op.Name.Space))
		return
	}

	sc.count(func(c *Counters) { c.Calls[svc.name+"."+op.name]++ })
	resp, f := op.call(sc, req)
	if f != nil {
		sc.fail(w, version, f)
		return
	}
	soapenv.WriteAnswer(w, version, xml.Name{}, resp)
}

func (sc *ServiceCenter) fail(w http.ResponseWriter, v soapenv.Version, f *fault) {
	sc.count(func(c *Counters) { c.Faults++ })
	soapenv.WriteFault(w, v, f)
}

// authenticate checks in-body credentials (soap-apis.md §2.5). The fault text
// is the one Service Center used before Platform Server 11.16.0 for every
// failed login. The caller holds sc.mu.
func (sc *ServiceCenter) authenticate(c credentials) *fault {
	userOK := sc.cfg.Username != "" && strings.EqualFold(c.Username, sc.cfg.Username)
	passOK := (!sc.cfg.RequireHashedPassword && sc.cfg.Password != "" && c.Password == sc.cfg.Password) ||
		(sc.cfg.HashedPassword != "" && c.Password == sc.cfg.HashedPassword)
	if !userOK || !passOK {
		return serverFault("Invalid username or password.")
	}
	return nil
}
