package sim

import (
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The LifeTime Services counterpart of the REST conformance test: every
// operation of the captured WSDLs is called over HTTP with the WSDL's own
// SOAPAction, and every answer is checked against the WSDL's schema: element
// names and namespace, order, mandatory elements, repetition and scalar
// types. The WSDLs are read from the shared reference folder (never copied
// into the project); the test skips without them.

// wsdlDir returns where the captured WSDLs are: $LIFETIME_WSDL_DIR or
// ../shared/reference/wsdl beside the repository.
func wsdlDir() string {
	if d := os.Getenv("LIFETIME_WSDL_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "reference", "wsdl")
}

// ltsWSDLFiles are the contracts checked, per service: the O11 capture for
// UserManagementService (without User_UpdateApplicationPermission, removed
// in LifeTime Sep.2018), the 2015 ones for the others.
var ltsWSDLFiles = map[string]string{
	"AuthenticationService": "lifetime-services-2015/authenticationService.wsdl",
	"UserManagementService": "sac-outsystems-wiremock-test/UserManagementService.wsdl",
	"RoleManagementService": "lifetime-services-2015/RoleManagementService.wsdl",
	"TeamManagementService": "lifetime-services-2015/TeamManagementService.wsdl",
}

// ltsOpsWithoutWSDL are operations the simulator serves that no captured
// WSDL describes: Role_GetEnvironmentPermissionsLevels was added in LifeTime
// Sep.2018 and is documented only in the release notes
// (docs-support lifetime-management-console-sep.2018.htm, soap-apis.md §3.1).
var ltsOpsWithoutWSDL = []string{"Role_GetEnvironmentPermissionsLevels"}

// wsdlContract is the part of a WSDL the check uses.
type wsdlContract struct {
	actions  map[string]string        // operation -> SOAPAction (SOAP 1.1 binding)
	elements map[string][]xsdParticle // global element -> its sequence
	types    map[string][]xsdParticle // complex type -> its sequence
}

// xsdParticle is one element of a sequence.
type xsdParticle struct {
	Name      string `xml:"name,attr"`
	Type      string `xml:"type,attr"`
	MinOccurs string `xml:"minOccurs,attr"`
	MaxOccurs string `xml:"maxOccurs,attr"`
}

func (p xsdParticle) required() bool { return p.MinOccurs != "0" }
func (p xsdParticle) repeated() bool { return p.MaxOccurs == "unbounded" }

// loadWSDL parses the schema and SOAP 1.1 binding of a WSDL file.
func loadWSDL(path string) (*wsdlContract, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseWSDL(raw, path)
}

// parseWSDL parses the schema and SOAP 1.1 binding of a WSDL (name is for errors).
func parseWSDL(raw []byte, path string) (*wsdlContract, error) {
	type complexType struct {
		Name     string        `xml:"name,attr"`
		Sequence []xsdParticle `xml:"sequence>element"`
	}
	var doc struct {
		Schemas []struct {
			Elements []struct {
				Name        string      `xml:"name,attr"`
				ComplexType complexType `xml:"complexType"`
			} `xml:"element"`
			ComplexTypes []complexType `xml:"complexType"`
		} `xml:"types>schema"`
		Bindings []struct {
			Operations []struct {
				Name string `xml:"name,attr"`
				SOAP []struct {
					XMLName xml.Name
					Action  string `xml:"soapAction,attr"`
				} `xml:"operation"`
			} `xml:"operation"`
		} `xml:"binding"`
	}
	if err := xml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := &wsdlContract{actions: map[string]string{}, elements: map[string][]xsdParticle{}, types: map[string][]xsdParticle{}}
	for _, s := range doc.Schemas {
		for _, e := range s.Elements {
			c.elements[e.Name] = e.ComplexType.Sequence
		}
		for _, t := range s.ComplexTypes {
			c.types[t.Name] = t.Sequence
		}
	}
	for _, b := range doc.Bindings {
		for _, op := range b.Operations {
			for _, so := range op.SOAP {
				if so.XMLName.Space == "http://schemas.xmlsoap.org/wsdl/soap/" {
					c.actions[op.Name] = so.Action
				}
			}
		}
	}
	if len(c.actions) == 0 || len(c.elements) == 0 {
		return nil, fmt.Errorf("%s: no operations or elements found", path)
	}
	return c, nil
}

// xmlNode is a parsed element.
type xmlNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []xmlNode  `xml:",any"`
	Text     string     `xml:",chardata"`
}

// checkSequence validates the children of an element against a sequence.
func (c *wsdlContract) checkSequence(path string, children []xmlNode, seq []xsdParticle) []error {
	var errs []error
	i := 0
	for k := 0; k < len(children); {
		child := children[k]
		if child.XMLName.Space != ltsSchemaNS {
			errs = append(errs, fmt.Errorf("%s/%s: namespace %q, want %q", path, child.XMLName.Local, child.XMLName.Space, ltsSchemaNS))
		}
		for i < len(seq) && seq[i].Name != child.XMLName.Local {
			if seq[i].required() {
				errs = append(errs, fmt.Errorf("%s: mandatory <%s> missing before <%s>", path, seq[i].Name, child.XMLName.Local))
			}
			i++
		}
		if i == len(seq) {
			errs = append(errs, fmt.Errorf("%s: unexpected or out-of-order element <%s>", path, child.XMLName.Local))
			return errs
		}
		p := seq[i]
		n := 0
		for k < len(children) && children[k].XMLName.Local == p.Name {
			errs = append(errs, c.checkValue(path+"/"+p.Name, children[k], p.Type)...)
			k++
			n++
		}
		if n > 1 && !p.repeated() {
			errs = append(errs, fmt.Errorf("%s: <%s> appears %d times, at most once allowed", path, p.Name, n))
		}
		i++
	}
	for ; i < len(seq); i++ {
		if seq[i].required() {
			errs = append(errs, fmt.Errorf("%s: mandatory <%s> missing", path, seq[i].Name))
		}
	}
	return errs
}

// checkValue validates an element against a schema type.
func (c *wsdlContract) checkValue(path string, n xmlNode, typ string) []error {
	_, local, _ := strings.Cut(typ, ":")
	switch local {
	case "string":
		if len(n.Children) > 0 {
			return []error{fmt.Errorf("%s: string with child elements", path)}
		}
		return nil
	case "int", "long":
		if _, err := strconv.ParseInt(strings.TrimSpace(n.Text), 10, 64); err != nil {
			return []error{fmt.Errorf("%s: %q is not an integer", path, n.Text)}
		}
		return nil
	case "boolean":
		switch strings.TrimSpace(n.Text) {
		case "true", "false", "1", "0":
			return nil
		}
		return []error{fmt.Errorf("%s: %q is not a boolean", path, n.Text)}
	}
	seq, ok := c.types[local]
	if !ok {
		return []error{fmt.Errorf("%s: type %s is not in the WSDL", path, typ)}
	}
	return c.checkSequence(path, n.Children, seq)
}

// checkResponse validates a SOAP 1.1 response body against <op>Response.
func (c *wsdlContract) checkResponse(op string, body []byte) []error {
	var env struct {
		Body struct {
			Children []xmlNode `xml:",any"`
		} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Body"`
	}
	if err := xml.Unmarshal(body, &env); err != nil {
		return []error{fmt.Errorf("not a SOAP 1.1 envelope: %w", err)}
	}
	if len(env.Body.Children) != 1 {
		return []error{fmt.Errorf("the Body holds %d elements, want 1", len(env.Body.Children))}
	}
	resp := env.Body.Children[0]
	want := xml.Name{Space: ltsSchemaNS, Local: op + "Response"}
	if resp.XMLName != want {
		return []error{fmt.Errorf("response element %v, want %v", resp.XMLName, want)}
	}
	seq, ok := c.elements[op+"Response"]
	if !ok {
		return []error{fmt.Errorf("the WSDL has no element %sResponse", op)}
	}
	return c.checkSequence(op+"Response", resp.Children, seq)
}

// checkRequest validates a request element (the test's own envelopes).
func (c *wsdlContract) checkRequest(op, inner string) []error {
	var n xmlNode
	if err := xml.Unmarshal([]byte(`<`+op+` xmlns="`+ltsSchemaNS+`">`+inner+`</`+op+`>`), &n); err != nil {
		return []error{err}
	}
	return c.checkSequence(op, n.Children, c.elements[op])
}

func TestLTServicesConformance(t *testing.T) {
	contracts := map[string]*wsdlContract{}
	for service, file := range ltsWSDLFiles {
		c, err := loadWSDL(filepath.Join(wsdlDir(), file))
		if errors.Is(err, os.ErrNotExist) {
			t.Skipf("LifeTime Services WSDLs not found under %s: set LIFETIME_WSDL_DIR to the reference wsdl folder to run this check", wsdlDir())
		}
		if err != nil {
			t.Fatal(err)
		}
		contracts[service] = c
	}

	f := newLTSFixture(t, Options{})
	app, env := f.appKey, f.envKey
	calls := []struct {
		service, op, inner string
		wantCode           int // ResponseId
	}{
		{"AuthenticationService", "Authentication_GetToken", `<Username>alice</Username><Password>secret1</Password>`, 1},
		{"AuthenticationService", "Authentication_GetToken", `<Username>alice</Username><Password>nope</Password>`, 200},
		{"UserManagementService", "User_List", aliceAuth + `<ShowInactive>true</ShowInactive>`, 1},
		{"UserManagementService", "User_List", tokenAuth("expired") + `<ShowInactive>true</ShowInactive>`, 201},
		{"UserManagementService", "User_CreateOrUpdate", aliceAuth + `<Username>bob</Username><Password>hunter22</Password><EncryptPassword>false</EncryptPassword><Name>Bob</Name><Email>b@example.test</Email><RoleName>Developer</RoleName>`, 1},
		{"UserManagementService", "User_CreateOrUpdate", aliceAuth + `<Username>carl</Username><Password>x</Password><EncryptPassword>false</EncryptPassword><Name>Carl</Name><RoleName>Developer</RoleName>`, 15},
		{"UserManagementService", "User_ChangePassword", aliceAuth + `<Username>bob</Username><NewPassword>hunter33</NewPassword><EncryptPassword>false</EncryptPassword>`, 1},
		{"UserManagementService", "User_ChangeUsername", aliceAuth + `<OldUsername>bob</OldUsername><NewUsername>robert</NewUsername>`, 1},
		{"UserManagementService", "User_SetInactive", aliceAuth + `<Username>robert</Username>`, 1},
		{"UserManagementService", "User_SetActive", aliceAuth + `<Username>robert</Username>`, 1},
		{"UserManagementService", "User_SetApplicationRole", aliceAuth + `<Username>robert</Username><ApplicationKey>` + app + `</ApplicationKey><RoleName>Tester</RoleName>`, 1},
		{"UserManagementService", "User_GetApplicationPermissions", aliceAuth + `<Username>robert</Username><ApplicationKey>` + app + `</ApplicationKey>`, 1},
		{"UserManagementService", "User_GetAllPermissions", aliceAuth + `<Username>robert</Username>`, 1},
		{"UserManagementService", "User_DeleteApplicationPermission", aliceAuth + `<Username>robert</Username><ApplicationKey>` + app + `</ApplicationKey>`, 1},
		{"UserManagementService", "User_DeleteApplicationPermission", aliceAuth + `<Username>robert</Username><ApplicationKey>` + app + `</ApplicationKey>`, 402},
		{"RoleManagementService", "Role_List", aliceAuth, 1},
		{"RoleManagementService", "Role_CreateOrUpdate", aliceAuth + `<RoleName>Release Manager</RoleName><CanConfigureInfrastructure>false</CanConfigureInfrastructure><RoleDescription>Ships</RoleDescription>`, 1},
		{"RoleManagementService", "Role_ChangeName", aliceAuth + `<OldRoleName>Release Manager</OldRoleName><NewRoleName>Release Lead</NewRoleName>`, 1},
		{"RoleManagementService", "Role_UpdatePermission", aliceAuth + `<RoleName>Release Lead</RoleName><EnvironmentKey>` + env + `</EnvironmentKey><NewPermissionLevelId>3</NewPermissionLevelId>`, 1},
		{"RoleManagementService", "Role_GetPermissions", aliceAuth + `<RoleName>Release Lead</RoleName>`, 1},
		{"RoleManagementService", "Role_GetEnvironmentPermissionsLevels", aliceAuth, 1},
		{"UserManagementService", "User_CreateOrUpdate", aliceAuth + `<Username>dave</Username><Password>hunter22</Password><EncryptPassword>false</EncryptPassword><Name>Dave</Name><Email/><RoleName>Release Lead</RoleName>`, 1},
		{"RoleManagementService", "Role_Delete", aliceAuth + `<RoleName>Release Lead</RoleName><UsersNewRoleName>Developer</UsersNewRoleName>`, 1},
		{"RoleManagementService", "Role_Delete", aliceAuth + `<RoleName>Administrator</RoleName><UsersNewRoleName>Developer</UsersNewRoleName>`, 301},
		{"TeamManagementService", "Team_CreateOrUpdate", aliceAuth + `<TeamName>Billing</TeamName><Description>Pays</Description>`, 1},
		{"TeamManagementService", "Team_AddUser", aliceAuth + `<TeamName>Billing</TeamName><Username>dave</Username><RoleName>Developer</RoleName>`, 1},
		{"TeamManagementService", "Team_AssignApplication", aliceAuth + `<TeamName>Billing</TeamName><ApplicationKey>` + app + `</ApplicationKey>`, 1},
		{"TeamManagementService", "Team_GetDetails", aliceAuth + `<TeamName>Billing</TeamName>`, 1},
		{"TeamManagementService", "Team_List", aliceAuth, 1},
		{"TeamManagementService", "Team_RemoveUser", aliceAuth + `<TeamName>Billing</TeamName><Username>dave</Username>`, 1},
		{"TeamManagementService", "Team_RemoveApplication", aliceAuth + `<TeamName>Billing</TeamName><ApplicationKey>` + app + `</ApplicationKey>`, 1},
		{"TeamManagementService", "Team_Delete", aliceAuth + `<TeamName>Billing</TeamName>`, 1},
		{"TeamManagementService", "Team_GetDetails", aliceAuth + `<TeamName>Billing</TeamName>`, ltsTeamNotFound},
	}
	called := map[string]bool{}
	for _, c := range calls {
		contract := contracts[c.service]
		noWSDL := slices.Contains(ltsOpsWithoutWSDL, c.op)
		action, inWSDL := contract.actions[c.op]
		switch {
		case noWSDL && inWSDL:
			t.Errorf("%s is listed as having no WSDL but %s has it", c.op, c.service)
		case noWSDL:
			action = ltsActionPrefix + c.service + "/" + c.op
		case !inWSDL:
			t.Errorf("%s.%s is not in %s", c.service, c.op, ltsWSDLFiles[c.service])
			continue
		default:
			for _, err := range contract.checkRequest(c.op, c.inner) {
				t.Errorf("the test's own %s request breaks the WSDL: %v", c.op, err)
			}
		}
		called[c.service+"."+c.op] = true

		envelope := `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><` + c.op + ` xmlns="` + ltsSchemaNS + `">` + c.inner + `</` + c.op + `></soap:Body></soap:Envelope>`
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, f.srv.URL+"/LifeTimeServices/"+c.service+".asmx", strings.NewReader(envelope))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "text/xml; charset=utf-8")
		req.Header.Set("SOAPAction", strconv.Quote(action))
		status, body := doRaw(t, req)
		if status != http.StatusOK {
			t.Errorf("%s: HTTP %d\n%s", c.op, status, body)
			continue
		}
		var st testStatus
		decodeBody(t, body, c.op, &st)
		if st.Status.ResponseID != c.wantCode || st.Success != (c.wantCode == 1) {
			t.Errorf("%s: status %+v, want ResponseId %d", c.op, st, c.wantCode)
		}
		if !noWSDL {
			for _, err := range contract.checkResponse(c.op, []byte(body)) {
				t.Errorf("%s (ResponseId %d): answer differs from %s: %v", c.op, c.wantCode, ltsWSDLFiles[c.service], err)
			}
		}
	}
	for service, c := range contracts {
		for op := range c.actions {
			if !called[service+"."+op] {
				t.Errorf("%s.%s of %s was never called", service, op, ltsWSDLFiles[service])
			}
			if _, ok := f.sim.ltsServices()[service][op]; !ok {
				t.Errorf("%s.%s is in %s but the simulator does not serve it", service, op, ltsWSDLFiles[service])
			}
		}
	}
	for service, ops := range f.sim.ltsServices() {
		for op := range ops {
			if _, ok := contracts[service].actions[op]; !ok && !slices.Contains(ltsOpsWithoutWSDL, op) {
				t.Errorf("the simulator serves %s.%s, which no WSDL describes", service, op)
			}
		}
	}
}

// TestLTServicesWSDL fetches the WSDL the simulator generates for each
// service and compares it with the captured one: same SOAPActions, and for
// every operation the same request and response elements, recursively
// through the complex types (names, types, minOccurs, maxOccurs).
func TestLTServicesWSDL(t *testing.T) {
	f := newLTSFixture(t, Options{})
	for service, file := range ltsWSDLFiles {
		t.Run(service, func(t *testing.T) {
			captured, err := loadWSDL(filepath.Join(wsdlDir(), file))
			if errors.Is(err, os.ErrNotExist) {
				t.Skipf("captured WSDL not found under %s (set LIFETIME_WSDL_DIR)", wsdlDir())
			}
			if err != nil {
				t.Fatal(err)
			}
			req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, f.srv.URL+"/LifeTimeServices/"+strings.ToLower(service)+".asmx?wsdl", nil)
			if err != nil {
				t.Fatal(err)
			}
			status, body := doRaw(t, req)
			if status != http.StatusOK {
				t.Fatalf("GET ?wsdl: %d %s", status, body)
			}
			if !strings.Contains(body, `<soap:address location="`+f.srv.URL+`/LifeTimeServices/`+service+`.asmx" />`) {
				t.Errorf("the WSDL does not point at the simulator")
			}
			generated, err := parseWSDL([]byte(body), "generated")
			if err != nil {
				t.Fatal(err)
			}
			for op, action := range captured.actions {
				if got := generated.actions[op]; got != action {
					t.Errorf("%s: SOAPAction %q, captured %q", op, got, action)
				}
				for _, el := range []string{op, op + "Response"} {
					compareSequences(t, el, captured, generated, captured.elements[el], generated.elements[el], map[string]bool{})
				}
			}
			for op := range generated.actions {
				if _, ok := captured.actions[op]; !ok && !slices.Contains(ltsOpsWithoutWSDL, op) {
					t.Errorf("the generated WSDL has %s, which %s lacks", op, file)
				}
			}
		})
	}
}

// compareSequences compares two sequences and, recursively, the complex
// types they use.
func compareSequences(t *testing.T, path string, want, got *wsdlContract, ws, gs []xsdParticle, seen map[string]bool) {
	t.Helper()
	norm := func(ps []xsdParticle) []string {
		var out []string
		for _, p := range ps {
			minOccurs, maxOccurs := p.MinOccurs, p.MaxOccurs
			if minOccurs == "" {
				minOccurs = "1"
			}
			if maxOccurs == "" {
				maxOccurs = "1"
			}
			_, typ, _ := strings.Cut(p.Type, ":")
			out = append(out, fmt.Sprintf("%s %s [%s,%s]", p.Name, typ, minOccurs, maxOccurs))
		}
		return out
	}
	if diff := cmp.Diff(norm(ws), norm(gs)); diff != "" {
		t.Errorf("%s differs from the captured WSDL (-captured +generated):\n%s", path, diff)
		return
	}
	for _, p := range ws {
		_, typ, _ := strings.Cut(p.Type, ":")
		if seq, ok := want.types[typ]; ok && !seen[typ] {
			seen[typ] = true
			compareSequences(t, path+"/"+typ, want, got, seq, got.types[typ], seen)
		}
	}
}
