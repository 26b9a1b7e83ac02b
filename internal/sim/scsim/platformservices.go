package scsim

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// PlatformServices_v8_0_0.asmx and its REST companion: EXPERIMENTAL.
//
// No WSDL of this service is public. What is known (soap-apis.md §2.3) comes
// from OutSystems.SetupTools' PowerShell proxy calls: the operation names,
// the ORDER of the inputs (user, hashed password, then the operation's
// arguments), and the names of some outputs (return value first, then out
// parameters lastMessageId, finished). The simulator therefore reads the
// inputs by POSITION, whatever their element names, and answers with names
// of its own where the facts give none (INFERRED, ASP.NET conventions):
// the return value is <Op>Result, list items are CS_Module (a type name the
// facts give) and CS_PublishMessage (INFERRED). Clients must treat this
// subset as experimental until it is checked against a live WSDL.

// positionalRequest collects the child elements of an operation element in
// document order.
type positionalRequest struct {
	Args []struct {
		XMLName xml.Name
		Value   string `xml:",chardata"`
	} `xml:",any"`
}

func (r *positionalRequest) arg(i int) string {
	if i < len(r.Args) {
		return strings.TrimSpace(r.Args[i].Value)
	}
	return ""
}

func (r *positionalRequest) intArg(i int) (int, *fault) {
	n, err := strconv.ParseInt(r.arg(i), 10, 32)
	if err != nil {
		return 0, readFault(fmt.Errorf("argument %d: %q is not a valid xs:int", i+1, r.arg(i)))
	}
	return int(n), nil
}

// creds reads the first two arguments, username and password.
func (r *positionalRequest) creds() credentials {
	return credentials{Username: r.arg(0), Password: r.arg(1)}
}

type csStatusMessage struct {
	ID      int    `xml:"Id"`
	Message string `xml:"Message"`
}

type csModule struct {
	Name           string            `xml:"Name"`
	Key            string            `xml:"Key"`
	Kind           string            `xml:"Kind"`
	StatusMessages []csStatusMessage `xml:"StatusMessages>CS_StatusMessage"`
}

type modulesGetResponse struct {
	XMLName xml.Name   `xml:"http://www.outsystems.com Modules_GetResponse"`
	Modules []csModule `xml:"Modules_GetResult>CS_Module"`
}

type csPublishMessage struct {
	ID      int    `xml:"Id"`
	Type    string `xml:"Type"`
	Message string `xml:"Message"`
	Detail  string `xml:"Detail"`
}

type getPublishMessagesResponse struct {
	XMLName       xml.Name           `xml:"http://www.outsystems.com SolutionPack_GetPublishMessagesResponse"`
	Messages      []csPublishMessage `xml:"SolutionPack_GetPublishMessagesResult>CS_PublishMessage"`
	LastMessageID int                `xml:"lastMessageId"`
	Finished      bool               `xml:"finished"`
}

type emptyResponse struct {
	XMLName xml.Name
}

// StatusOutdatedReferences is the Service Center status message id for "a
// module with outdated references" (soap-apis.md §2.3, from SetupTools'
// Get-OSPlatformModules examples).
const StatusOutdatedReferences = 6

func (sc *ServiceCenter) platformServicesService() service {
	return newService("ServiceCenter", "PlatformServices_v8_0_0",
		soapOp("Modules_Get", func(sc *ServiceCenter, in *positionalRequest, _ time.Time) (any, *fault) {
			resp := &modulesGetResponse{Modules: []csModule{}}
			for _, m := range sc.modules {
				cm := csModule{Name: m.Name, Key: m.Key, Kind: m.Kind}
				if m.Outdated {
					cm.StatusMessages = append(cm.StatusMessages, csStatusMessage{ID: StatusOutdatedReferences,
						Message: "Module has outdated references."})
				}
				resp.Modules = append(resp.Modules, cm)
			}
			return resp, nil
		}),
		soapOp("SolutionPack_GetPublishMessages", func(sc *ServiceCenter, in *positionalRequest, _ time.Time) (any, *fault) {
			id, f := in.intArg(2)
			if f != nil {
				return nil, f
			}
			after, f := in.intArg(3)
			if f != nil {
				return nil, f
			}
			p := sc.pubs[id]
			if p == nil {
				return nil, serverFault("Publication %d does not exist.", id)
			}
			resp := &getPublishMessagesResponse{Messages: []csPublishMessage{}, LastMessageID: after, Finished: p.finished}
			for _, m := range p.messagesAfter(after) {
				resp.Messages = append(resp.Messages, csPublishMessage{ID: m.ID, Type: m.Type, Message: m.Text, Detail: m.Detail})
				resp.LastMessageID = m.ID
			}
			return resp, nil
		}),
		soapOp("SolutionPack_PublishContinue", func(sc *ServiceCenter, in *positionalRequest, now time.Time) (any, *fault) {
			return sc.twoStepCommand(in, now, "SolutionPack_PublishContinue", sc.continueTwoStep)
		}),
		soapOp("SolutionPack_PublishAbort", func(sc *ServiceCenter, in *positionalRequest, now time.Time) (any, *fault) {
			return sc.twoStepCommand(in, now, "SolutionPack_PublishAbort", sc.abortTwoStep)
		}),
	)
}

// twoStepCommand continues or aborts a two-step publication waiting after
// stage 1.
func (sc *ServiceCenter) twoStepCommand(in *positionalRequest, now time.Time, op string, do func(*publication, time.Time)) (any, *fault) {
	id, f := in.intArg(2)
	if f != nil {
		return nil, f
	}
	p := sc.pubs[id]
	if p == nil {
		return nil, serverFault("Publication %d does not exist.", id)
	}
	if !p.waiting {
		return nil, serverFault("Publication %d is not waiting for the second step.", id)
	}
	do(p, now)
	sc.advance(now)
	return &emptyResponse{XMLName: response(op)}, nil
}

// Wire shapes of POST /ServiceCenter/rest/PlatformServices/
// Staging_PublishWith2StepOption (soap-apis.md §2.3: body
// {"ModulesToPublish":[{"REST_Module":{Name,Key,Kind}}],"ApplicationsToUpdate":[...]};
// response with a publish id and Messages[].REST_PublicationMessage.{Message,Detail};
// the case of the publish id property is unknown, the simulator writes
// "PublishId").
type stagingRequest struct {
	ModulesToPublish []struct {
		RESTModule struct {
			Name string `json:"Name"`
			Key  string `json:"Key"`
			Kind string `json:"Kind"`
		} `json:"REST_Module"`
	} `json:"ModulesToPublish"`
	ApplicationsToUpdate []json.RawMessage `json:"ApplicationsToUpdate"`
}

type stagingMessage struct {
	Message string `json:"Message"`
	Detail  string `json:"Detail"`
}

type stagingResponse struct {
	PublishID int `json:"PublishId"`
	Messages  []struct {
		Msg stagingMessage `json:"REST_PublicationMessage"`
	} `json:"Messages"`
}

// serveStaging publishes the listed modules as a staging: in two steps when
// TwoStepMode=true (stage 1 ends with a PublishStop message and waits for
// SolutionPack_PublishContinue or SolutionPack_PublishAbort).
func (sc *ServiceCenter) serveStaging(w http.ResponseWriter, r *http.Request) {
	restError := func(status int, msg string) {
		sc.count(func(c *Counters) { c.Faults++ })
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]any{"Errors": []string{msg}, "StatusCode": status})
	}
	if r.Method != http.MethodPost {
		sc.count(func(c *Counters) { c.NotFound++ })
		http.NotFound(w, r)
		return
	}
	sc.count(func(c *Counters) { c.Calls["PlatformServices.Staging_PublishWith2StepOption"]++ })
	user, pass, ok := r.BasicAuth()
	sc.mu.Lock()
	authFault := sc.authenticate(credentials{Username: user, Password: pass})
	sc.mu.Unlock()
	if !ok || authFault != nil {
		w.Header().Set("WWW-Authenticate", `Basic realm="PlatformServices"`)
		restError(http.StatusUnauthorized, "Invalid username or password.")
		return
	}
	q := r.URL.Query()
	twoStep := false
	if v := q.Get("TwoStepMode"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			restError(http.StatusBadRequest, fmt.Sprintf("TwoStepMode %q is not a boolean.", v))
			return
		}
		twoStep = b
	}
	var body stagingRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, maxRequestBody)).Decode(&body); err != nil {
		restError(http.StatusBadRequest, "The request body is not a staging definition ({\"ModulesToPublish\":[{\"REST_Module\":{...}}]}).")
		return
	}

	sc.mu.Lock()
	now := sc.now()
	var names []string
	for _, item := range body.ModulesToPublish {
		var m *Module
		for _, cand := range sc.modules {
			if (item.RESTModule.Key != "" && strings.EqualFold(cand.Key, item.RESTModule.Key)) ||
				(item.RESTModule.Key == "" && foldName(cand.Name) == foldName(item.RESTModule.Name)) {
				m = cand
				break
			}
		}
		if m == nil {
			sc.mu.Unlock()
			restError(http.StatusBadRequest, fmt.Sprintf("Module '%s' (key '%s') does not exist.", item.RESTModule.Name, item.RESTModule.Key))
			return
		}
		names = append(names, m.Name)
	}
	if len(names) == 0 {
		sc.mu.Unlock()
		restError(http.StatusBadRequest, "ModulesToPublish is empty.")
		return
	}
	stagingName := q.Get("StagingName")
	if stagingName == "" {
		stagingName = fmt.Sprintf("Staging_%d", sc.nextStagingID)
	}
	sc.nextStagingID++
	p := sc.startPublication(now, 0, stagingName, names, twoStep)
	resp := stagingResponse{PublishID: p.id}
	for _, m := range p.messagesAfter(0) {
		resp.Messages = append(resp.Messages, struct {
			Msg stagingMessage `json:"REST_PublicationMessage"`
		}{stagingMessage{Message: m.Text, Detail: m.Detail}})
	}
	sc.mu.Unlock()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(resp)
}
