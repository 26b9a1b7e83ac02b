package scsim

import (
	"encoding/xml"
	"fmt"
	"path"
	"strings"
	"time"
)

// solution is a Service Center solution: a named set of modules.
type solution struct {
	id      int
	name    string
	modules []string // module names
	version int      // bumped when the module list is refreshed or uploaded
}

// solutionByName returns the solution named name (case-insensitive), or nil.
// The caller holds sc.mu.
func (sc *ServiceCenter) solutionByName(name string) *solution {
	f := foldName(name)
	for _, s := range sc.solutions {
		if foldName(s.name) == f {
			return s
		}
	}
	return nil
}

// publishing returns the unfinished publication of solution id, or nil.
func (sc *ServiceCenter) publishing(solutionID int) *publication {
	for _, p := range sc.active {
		if p.solutionID == solutionID && p.running() {
			return p
		}
	}
	return nil
}

func (sc *ServiceCenter) unknownSolution(name string) *fault {
	return serverFault("Solution '%s' does not exist.", name)
}

// startSolutionPublish starts publishing the running version of s. System
// modules in the solution are published only with includeSystem. One
// publication per solution at a time: Platform Server 11.15.0 "Added a
// validation to prevent the publishing of the same solution simultaneously"
// (soap-apis.md §6).
func (sc *ServiceCenter) startSolutionPublish(now time.Time, s *solution, includeSystem bool) (*publication, *fault) {
	if sc.publishing(s.id) != nil {
		return nil, serverFault("Solution '%s' is already being published.", s.name)
	}
	var names []string
	for _, n := range s.modules {
		m := sc.module(n)
		if m == nil || (m.System && !includeSystem) {
			continue
		}
		names = append(names, m.Name)
	}
	return sc.startPublication(now, s.id, s.name, names, false), nil
}

// Request and response elements of Solutions.asmx, with the element names,
// order and occurrence of the captured WSDL (soap-apis.md §2.2).

type createAllSolutionRequest struct {
	XMLName         xml.Name `xml:"CreateAllSolution"`
	AllSolutionName string   `xml:"AllSolutionName"`
	credentials
}

type solutionIDResponse struct {
	XMLName    xml.Name
	SolutionID int `xml:"SolutionId"`
}

type getSolutionIDByNameRequest struct {
	XMLName xml.Name `xml:"GetSolutionIdByName"`
	credentials
	SolutionName string `xml:"solutionName"`
}

type publishRunningRequest struct {
	XMLName xml.Name `xml:"PublishRunning"`
	credentials
	SolutionName              string `xml:"SolutionName"`
	PublishSystemApplications xsBool `xml:"PublishSystemApplications"`
	CleanPublish              xsBool `xml:"CleanPublish"`
}

type publishRunningResponse struct {
	XMLName       xml.Name `xml:"http://www.outsystems.com PublishRunningResponse"`
	SolutionID    int      `xml:"SolutionId"`
	SolutionPubID int      `xml:"SolutionPubId"`
}

type publishRunningVersionRequest struct {
	XMLName xml.Name `xml:"PublishRunningVersion"`
	credentials
	SolutionName string `xml:"SolutionName"`
}

type publishRunningVersionResponse struct {
	XMLName       xml.Name `xml:"http://www.outsystems.com PublishRunningVersionResponse"`
	SolutionPubID int      `xml:"SolutionPubId"`
}

type getMessagesRequest struct {
	XMLName xml.Name `xml:"GetMessages"`
	credentials
	SolutionPubID xsInt `xml:"SolutionPubId"`
	LastSeenID    xsInt `xml:"LastSeenId"`
}

type messagesResponse struct {
	XMLName  xml.Name
	Messages string `xml:"Messages"`
}

type publishRequest struct {
	XMLName xml.Name `xml:"Publish"`
	credentials
	File              base64Binary `xml:"File"`
	Filename          string       `xml:"Filename"`
	JustUpload        xsBool       `xml:"JustUpload"`
	CleanPublish      xsBool       `xml:"CleanPublish"`
	FromOSPTool       xsBool       `xml:"FromOSPTool"`
	CatalogMappings   struct{}     `xml:"CatalogMappings"` // accepted, ignored
	ReuseTablesOnMove string       `xml:"ReuseTablesOnMove"`
}

type publishResponse struct {
	XMLName            xml.Name `xml:"http://www.outsystems.com PublishResponse"`
	Messages           string   `xml:"Messages"`
	SolutionPubID      int      `xml:"SolutionPubId"`
	PackUID            string   `xml:"PackUID"`
	PackSchemaVersion  int      `xml:"PackSchemaVersion"`
	NeedsConfiguration bool     `xml:"NeedsConfiguration"`
}

type downloadRequest struct {
	XMLName           xml.Name `xml:"Download"`
	SolutionName      string   `xml:"SolutionName"`
	SolutionVersionID xsInt    `xml:"SolutionVersionId"`
	credentials
}

type downloadResponse struct {
	XMLName              xml.Name     `xml:"http://www.outsystems.com DownloadResponse"`
	SolutionDownloadOpID int          `xml:"SolutionDownloadOpId"`
	File                 base64Binary `xml:"file"`
}

type deleteRequest struct {
	XMLName    xml.Name `xml:"Delete"`
	SolutionID xsInt    `xml:"SolutionID"`
	credentials
}

type testLoginRequest struct {
	XMLName xml.Name `xml:"TestLogin"`
	credentials
}

type testLoginResponse struct {
	XMLName xml.Name `xml:"http://www.outsystems.com TestLoginResponse"`
	Status  string   `xml:"status"`
}

func response(op string) xml.Name { return xml.Name{Space: schemaNS, Local: op + "Response"} }

// packSchemaVersion is what Publish reports as PackSchemaVersion (the real
// value's meaning is unknown; any int is valid on the wire).
const packSchemaVersion = 1

func (sc *ServiceCenter) solutionsService() service {
	return newService("ServiceCenter", "Solutions",
		// In the WSDL, semantics not established (soap-apis.md §2.2).
		notSimulated("Solutions", "Handshake"),
		notSimulated("Solutions", "GetPropertiesForHandshake"),
		notSimulated("Solutions", "GetProperties"),
		notSimulated("Solutions", "PublishWithoutConfiguration"),
		packOp("Pack"),
		packOp("Pack2"),

		soapOp("TestLogin", func(_ *ServiceCenter, _ *testLoginRequest, _ time.Time) (any, *fault) {
			// The status text of a successful login is not documented
			// (INFERRED); clients should rely on the absence of a fault.
			return &testLoginResponse{Status: "OK"}, nil
		}),

		// CreateAllSolution makes a solution of every non-system module
		// (SetupTools: system apps and modules are excluded, soap-apis.md
		// §2.2). Called again with an existing name it refreshes that
		// solution's module list and returns the same id (INFERRED: the
		// real behaviour is an open question, soap-apis.md §10).
		soapOp("CreateAllSolution", func(sc *ServiceCenter, in *createAllSolutionRequest, _ time.Time) (any, *fault) {
			name := strings.TrimSpace(in.AllSolutionName)
			if name == "" {
				return nil, serverFault("Solution name cannot be empty.")
			}
			var names []string
			for _, m := range sc.modules {
				if !m.System {
					names = append(names, m.Name)
				}
			}
			s := sc.solutionByName(name)
			if s == nil {
				s = sc.newSolution(name)
			} else if sc.publishing(s.id) != nil {
				return nil, serverFault("Solution '%s' is being published.", s.name)
			}
			s.modules = names
			s.version++
			return &solutionIDResponse{XMLName: response("CreateAllSolution"), SolutionID: s.id}, nil
		}),

		soapOp("GetSolutionIdByName", func(sc *ServiceCenter, in *getSolutionIDByNameRequest, _ time.Time) (any, *fault) {
			s := sc.solutionByName(in.SolutionName)
			if s == nil {
				return nil, sc.unknownSolution(in.SolutionName)
			}
			return &solutionIDResponse{XMLName: response("GetSolutionIdByName"), SolutionID: s.id}, nil
		}),

		soapOp("PublishRunning", func(sc *ServiceCenter, in *publishRunningRequest, now time.Time) (any, *fault) {
			s := sc.solutionByName(in.SolutionName)
			if s == nil {
				return nil, sc.unknownSolution(in.SolutionName)
			}
			p, f := sc.startSolutionPublish(now, s, in.PublishSystemApplications.V)
			if f != nil {
				return nil, f
			}
			return &publishRunningResponse{SolutionID: s.id, SolutionPubID: p.id}, nil
		}),

		soapOp("PublishRunningVersion", func(sc *ServiceCenter, in *publishRunningVersionRequest, now time.Time) (any, *fault) {
			s := sc.solutionByName(in.SolutionName)
			if s == nil {
				return nil, sc.unknownSolution(in.SolutionName)
			}
			p, f := sc.startSolutionPublish(now, s, false)
			if f != nil {
				return nil, f
			}
			return &publishRunningVersionResponse{SolutionPubID: p.id}, nil
		}),

		// GetMessages returns the messages of a publication emitted so far
		// whose id is greater than LastSeenId.
		soapOp("GetMessages", func(sc *ServiceCenter, in *getMessagesRequest, _ time.Time) (any, *fault) {
			p := sc.pubs[in.SolutionPubID.V]
			if p == nil {
				return nil, serverFault("Solution publication %d does not exist.", in.SolutionPubID.V)
			}
			return &messagesResponse{XMLName: response("GetMessages"), Messages: encodeMessages(p.messagesAfter(in.LastSeenID.V))}, nil
		}),

		// Publish uploads a solution pack (a zip of .oml/.xif files, see
		// osp.go) under the name of the file without its extension, adds
		// the modules it holds to the environment, and publishes it unless
		// JustUpload. NeedsConfiguration is always false: the simulator
		// has no site properties or database mappings to configure.
		soapOp("Publish", func(sc *ServiceCenter, in *publishRequest, now time.Time) (any, *fault) {
			if len(in.File) == 0 {
				return nil, serverFault("The solution file is empty.")
			}
			packed, err := unpackModules(in.File)
			if err != nil {
				return nil, serverFault("The file '%s' is not a valid solution pack: %v", in.Filename, err)
			}
			name := strings.TrimSuffix(path.Base(in.Filename), path.Ext(in.Filename))
			if name == "" || name == "." || name == "/" {
				name = fmt.Sprintf("Uploaded_Solution_%d", sc.nextSolutionID)
			}
			s := sc.solutionByName(name)
			if s == nil {
				s = sc.newSolution(name)
			} else if sc.publishing(s.id) != nil {
				return nil, serverFault("Solution '%s' is already being published.", s.name)
			}
			s.modules = s.modules[:0]
			for _, pm := range packed {
				m := sc.module(pm.name)
				if m == nil {
					m = sc.addModule(Module{Name: pm.name, Kind: pm.kind})
				}
				s.modules = append(s.modules, m.Name)
			}
			s.version++
			sc.counters.Uploads++
			resp := &publishResponse{PackUID: keyFor(fmt.Sprintf("pack:%d:%d", s.id, s.version)), PackSchemaVersion: packSchemaVersion}
			if in.JustUpload.V {
				resp.Messages = encodeMessages([]Message{{ID: 1, Type: MessageInfo,
					Text: fmt.Sprintf("Solution '%s' uploaded (%d modules); not published.", s.name, len(s.modules)), Time: now}})
				return resp, nil
			}
			p, f := sc.startSolutionPublish(now, s, true)
			if f != nil {
				return nil, f
			}
			resp.SolutionPubID = p.id
			resp.Messages = encodeMessages(p.messagesAfter(0))
			return resp, nil
		}),

		// Download returns the solution pack of a solution. SolutionVersionId
		// 0 means the running version (as wiremock-test sends it,
		// soap-apis.md §2.2); any other value must be the solution's
		// current version.
		soapOp("Download", func(sc *ServiceCenter, in *downloadRequest, _ time.Time) (any, *fault) {
			s := sc.solutionByName(in.SolutionName)
			if s == nil {
				return nil, sc.unknownSolution(in.SolutionName)
			}
			if v := in.SolutionVersionID.V; v != 0 && v != s.version {
				return nil, serverFault("Version %d of solution '%s' does not exist.", v, s.name)
			}
			var mods []*Module
			for _, n := range s.modules {
				if m := sc.module(n); m != nil {
					mods = append(mods, m)
				}
			}
			file, err := packSolution(s.name, mods)
			if err != nil {
				return nil, serverFault("Could not pack solution '%s': %v", s.name, err)
			}
			sc.counters.Downloads++
			opID := sc.nextOpID
			sc.nextOpID++
			return &downloadResponse{SolutionDownloadOpID: opID, File: file}, nil
		}),

		soapOp("Delete", func(sc *ServiceCenter, in *deleteRequest, now time.Time) (any, *fault) {
			s := sc.solutions[in.SolutionID.V]
			if s == nil {
				return nil, serverFault("Solution with id %d does not exist.", in.SolutionID.V)
			}
			if sc.publishing(s.id) != nil {
				return nil, serverFault("Solution '%s' is being published and cannot be deleted.", s.name)
			}
			delete(sc.solutions, s.id)
			sc.counters.SolutionsDeleted++
			return &messagesResponse{XMLName: response("Delete"), Messages: encodeMessages([]Message{{
				ID: 1, Type: MessageInfo, Text: fmt.Sprintf("Solution '%s' deleted.", s.name), Time: now,
			}})}, nil
		}),
	)
}

// newSolution creates an empty solution. The caller holds sc.mu.
func (sc *ServiceCenter) newSolution(name string) *solution {
	s := &solution{id: sc.nextSolutionID, name: name}
	sc.nextSolutionID++
	sc.solutions[s.id] = s
	sc.counters.SolutionsCreated++
	return s
}
