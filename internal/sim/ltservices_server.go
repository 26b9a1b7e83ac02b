package sim

import (
	"encoding/xml"
	"errors"
	"hash/crc32"
	"net/http"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim/soapenv"
)

// The LifeTime Services API (SOAP, /LifeTimeServices/<Service>.asmx):
// dispatch by service and SOAPAction, authentication, and the version gate.

// ltsTokenLifetime is how long an Authentication_GetToken token is valid:
// "valid for 5 minutes" (soap-apis.md §3.3, authenticationService.wsdl).
const ltsTokenLifetime = 5 * time.Minute

// ltsServiceAccountTokensSince is the first LifeTime accepting service-account
// tokens in WebServiceSimpleAuthentication.Token (LifeTime 11.13.0 release
// notes, soap-apis.md §3.1).
const ltsServiceAccountTokensSince = "11.13.0"

// ltsServices returns the services and their operations.
func (s *Sim) ltsServices() map[string]map[string]ltsOperation {
	return map[string]map[string]ltsOperation{
		"AuthenticationService": s.ltsAuthenticationService(),
		"UserManagementService": s.ltsUserManagementService(),
		"RoleManagementService": s.ltsRoleManagementService(),
		"TeamManagementService": s.ltsTeamManagementService(),
	}
}

// SetLTServicesEnabled turns the LifeTime Services API on or off at run time.
// Disabled, every /LifeTimeServices/ path answers 404, as on a console from
// which the deprecated API was removed (deprecated in LifeTime 11.16.0 and
// announced for removal by March 2023; the release that removed it is not
// documented, soap-apis.md §0 item 1, so this is a switch, not a version rule).
func (s *Sim) SetLTServicesEnabled(enabled bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.DisableLifeTimeServices = !enabled
}

// serveLTServices serves /LifeTimeServices/<Service>.asmx.
func (s *Sim) serveLTServices(services map[string]map[string]ltsOperation) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		disabled := s.opts.DisableLifeTimeServices
		s.mu.Unlock()
		file := strings.TrimPrefix(r.URL.Path, "/LifeTimeServices/")
		service, isASMX := cutSuffixFold(file, ".asmx")
		service, ops, known := lookupFold(services, service)
		if disabled || !isASMX || !known {
			http.Error(w, "The resource cannot be found.", http.StatusNotFound)
			return
		}
		if r.Method == http.MethodGet && wantsWSDL(r) {
			wsdl := ltsWSDL(service, ops, requestBaseURL(r)+"/LifeTimeServices/"+service+".asmx")
			w.Header().Set("Content-Type", "text/xml; charset=utf-8")
			_, _ = w.Write(wsdl)
			return
		}
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "Request format is unrecognized: LifeTime Services accept SOAP over HTTP POST (GET ?WSDL for the service description).", http.StatusMethodNotAllowed)
			return
		}
		call, err := soapenv.Read(r, maxSOAPRequestBytes)
		var mediaType *soapenv.MediaTypeError
		if errors.As(err, &mediaType) {
			http.Error(w, "Unsupported media type: send text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2).", http.StatusUnsupportedMediaType)
			return
		}
		var fault *soapenv.Fault
		if errors.As(err, &fault) {
			soapenv.WriteFault(w, call.Version, fault)
			return
		}
		opName, op, fault := routeLTSCall(service, ops, call)
		if fault != nil {
			soapenv.WriteFault(w, call.Version, fault)
			return
		}
		s.mu.Lock()
		s.tick()
		payload, err := op.run(call)
		s.mu.Unlock()
		if errors.As(err, &fault) {
			soapenv.WriteFault(w, call.Version, fault)
			return
		}
		if err != nil {
			soapenv.WriteFault(w, call.Version, &soapenv.Fault{Message: soapenv.ProcessPrefix + err.Error()})
			return
		}
		soapenv.WriteAnswer(w, call.Version, xml.Name{Space: ltsSchemaNS, Local: opName + "Response"}, payload)
	}
}

// routeLTSCall picks the operation: by SOAPAction when the client sent one
// (ASMX routes on it and rejects unknown actions), else by the body element
// (SOAP 1.2 without an action parameter). The body element must be the
// operation's request element in the OutSystems namespace.
func routeLTSCall(service string, ops map[string]ltsOperation, call *soapenv.Request) (string, ltsOperation, *soapenv.Fault) {
	opName := call.Op.Name.Local
	if call.Action != "" {
		prefix := ltsActionPrefix + service + "/"
		name, ok := strings.CutPrefix(call.Action, prefix)
		if _, known := ops[name]; !ok || !known {
			return "", ltsOperation{}, &soapenv.Fault{Client: true, Message: "Server did not recognize the value of HTTP Header SOAPAction: " + call.Action + "."}
		}
		opName = name
	}
	op, ok := ops[opName]
	if !ok || call.Op.Name.Local != opName || call.Op.Name.Space != ltsSchemaNS {
		return "", ltsOperation{}, &soapenv.Fault{Client: true, Message: "Server was unable to read request. ---> The request element <" + call.Op.Name.Local + " xmlns='" + call.Op.Name.Space + "'> was not expected: want <" + opName + " xmlns='" + ltsSchemaNS + "'>."}
	}
	return opName, op, nil
}

// wantsWSDL reports whether the query asks for the WSDL (?WSDL, any case).
func wantsWSDL(r *http.Request) bool {
	for k := range r.URL.Query() {
		if strings.EqualFold(k, "wsdl") {
			return true
		}
	}
	return false
}

// cutSuffixFold removes suffix from s, ignoring case (IIS paths are
// case-insensitive: the 2015 WSDL spells authenticationService.asmx).
func cutSuffixFold(s, suffix string) (string, bool) {
	if len(s) < len(suffix) || !strings.EqualFold(s[len(s)-len(suffix):], suffix) {
		return s, false
	}
	return s[:len(s)-len(suffix)], true
}

// lookupFold finds key in m ignoring case and returns the key as m spells it.
func lookupFold[V any](m map[string]V, key string) (string, V, bool) {
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return k, v, true
		}
	}
	var zero V
	return key, zero, false
}

// ltsAuthentication is WebServiceSimpleAuthentication: Username+Password, or
// a Token (soap-apis.md §3.3).
type ltsAuthentication struct {
	Username string `xml:"Username"`
	Password string `xml:"Password"`
	Token    string `xml:"Token"`
}

// ltsAuthenticate checks the credentials of a call. Callers hold s.mu.
func (s *Sim) ltsAuthenticate(a ltsAuthentication) *ltsError {
	if a.Token != "" {
		if sess, ok := s.ltsSessions[a.Token]; ok && s.now().Before(sess.Expires) {
			return nil
		}
		if versionAtLeast(s.consoleVersion, ltsServiceAccountTokensSince) {
			if acc := s.accountByToken(a.Token); acc != nil && (acc.ExpiresAt.IsZero() || s.now().Before(acc.ExpiresAt)) {
				return nil
			}
		}
		return ltsFail(ltsInvalidToken, "Invalid or expired token.")
	}
	if u := s.userByUsername(a.Username); u != nil && u.IsActive && a.Password != "" && u.Password == a.Password {
		return nil
	}
	return ltsFail(ltsInvalidCredentials, "Invalid username or password.")
}

// recordID is the integer Id that SOAP structures and
// PlatformLoginAttempt.environmentId carry for a record with key: stable for
// the record's life, derived from its key.
func recordID(key string) int { return int(crc32.ChecksumIEEE([]byte(key)) & 0x7fffffff) }
