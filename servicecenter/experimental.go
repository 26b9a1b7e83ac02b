package servicecenter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/go-outsystems/outsystems/internal/soapgen/scplatformservices"
	"github.com/go-outsystems/outsystems/internal/transport"
)

// This file is EXPERIMENTAL: Service Center's PlatformServices_v8_0_0.asmx
// and its REST companion have no public contract. What is known comes from
// OutSystems' own SetupTools (soap-apis.md §2.3: operation names, the order
// of their inputs, the CS_Module type with Name, Key, Kind and
// StatusMessages[].Id, the out parameters lastMessageId and finished, the
// REST staging body and its Basic authentication). The element names of
// the SOAP requests, the <Op>Result element of the answers and the item
// names CS_StatusMessage and CS_PublishMessage are inferred (see the
// comment in internal/soapgen/wsdl/PlatformServices_v8_0_0.wsdl). Every
// exported name here starts with Experimental or says EXPERIMENTAL, and
// may change in any release once a live WSDL is checked.

// Service Center status message ids of a module (SetupTools'
// Get-OSPlatformModules examples, soap-apis.md §2.3). EXPERIMENTAL.
const (
	StatusOutdatedReferences  = 6
	StatusNotPublishedSinceUp = 13
)

// Module is a module of the environment as PlatformServices lists it.
// EXPERIMENTAL.
type Module struct {
	// Name and Key identify the module.
	Name string
	Key  string
	// Kind is the module kind as Service Center names it (eSpace,
	// Extension...).
	Kind string
	// StatusMessageIDs are the ids of the module's status messages.
	StatusMessageIDs []int64
}

// Outdated reports whether Service Center flags the module as having
// outdated references (6) or not published since the last version update
// (13). EXPERIMENTAL.
func (m Module) Outdated() bool {
	for _, id := range m.StatusMessageIDs {
		if id == StatusOutdatedReferences || id == StatusNotPublishedSinceUp {
			return true
		}
	}
	return false
}

// ExperimentalModules lists the modules of the environment with their
// status, to choose which ones to republish. EXPERIMENTAL: see the file
// comment; the operation is internal-access only.
//
// Service Center SOAP: PlatformServices_v8_0_0.Modules_Get
func (c *Client) ExperimentalModules(ctx context.Context) ([]Module, error) {
	const op = "PlatformServices_v8_0_0.Modules_Get"
	user, pass, err := c.credentials(op)
	if err != nil {
		return nil, err
	}
	resp, err := c.platformServices.Modules_GetContext(ctx, &scplatformservices.Modules_Get{Username: user, Password: pass})
	if err != nil {
		return nil, wrapErr(ctx, op, err)
	}
	out := []Module{}
	if resp.Modules_GetResult == nil {
		return out, nil
	}
	for _, m := range resp.Modules_GetResult.CS_Module {
		if m == nil {
			continue
		}
		mod := Module{Name: m.Name, Key: m.Key, Kind: m.Kind}
		if m.StatusMessages != nil {
			for _, s := range m.StatusMessages.CS_StatusMessage {
				if s != nil {
					mod.StatusMessageIDs = append(mod.StatusMessageIDs, s.Id)
				}
			}
		}
		out = append(out, mod)
	}
	return out, nil
}

// StagingOptions control [Client.ExperimentalPublishModules]. EXPERIMENTAL.
type StagingOptions struct {
	// Optional: Name of the staging (StagingName); empty means
	// "go-outsystems".
	Name string
	// Optional: TwoStep stops after the first stage with a PublishStop
	// message; continue with ExperimentalContinuePublish or abort with
	// ExperimentalAbortPublish.
	TwoStep bool
}

// Staging is a started publication of chosen modules. EXPERIMENTAL.
type Staging struct {
	// ID is the publication id for ExperimentalPublishMessages and
	// ExperimentalWaitStaging.
	ID int64
	// Messages are the messages the start answered with.
	Messages []Message
}

// stagingBody is the JSON body of Staging_PublishWith2StepOption.
type stagingBody struct {
	ModulesToPublish     []stagingModule `json:"ModulesToPublish"`
	ApplicationsToUpdate []struct{}      `json:"ApplicationsToUpdate"`
}

type stagingModule struct {
	Module struct {
		Name string `json:"Name"`
		Key  string `json:"Key"`
		Kind string `json:"Kind"`
	} `json:"REST_Module"`
}

// stagingAnswer is the answer; encoding/json matches "publishId" whatever
// its case (the case is unknown, soap-apis.md §2.3).
type stagingAnswer struct {
	PublishID int64 `json:"publishId"`
	Messages  []struct {
		Message struct {
			Message string `json:"Message"`
			Detail  string `json:"Detail"`
		} `json:"REST_PublicationMessage"`
	} `json:"Messages"`
}

// ExperimentalPublishModules publishes the chosen modules as a staging,
// the way OutSystems' SetupTools publishes outdated modules. Publish id 0
// gives an error wrapping [ErrPublishNotStarted] with the messages in the
// returned Staging. Never retried. EXPERIMENTAL: see the file comment.
//
// Service Center REST: POST /ServiceCenter/rest/PlatformServices/Staging_PublishWith2StepOption
func (c *Client) ExperimentalPublishModules(ctx context.Context, modules []Module, opts *StagingOptions) (*Staging, error) {
	const op = "PlatformServices.Staging_PublishWith2StepOption"
	if len(modules) == 0 {
		return nil, fmt.Errorf("%s: %w: no modules", op, ErrInvalidArgument)
	}
	user, pass, err := c.credentials(op)
	if err != nil {
		return nil, err
	}
	var o StagingOptions
	if opts != nil {
		o = *opts
	}
	if strings.TrimSpace(o.Name) == "" {
		o.Name = "go-outsystems"
	}
	body := stagingBody{ModulesToPublish: make([]stagingModule, 0, len(modules)), ApplicationsToUpdate: []struct{}{}}
	for _, m := range modules {
		if strings.TrimSpace(m.Name) == "" && strings.TrimSpace(m.Key) == "" {
			return nil, fmt.Errorf("%s: %w: a module without name and key", op, ErrInvalidArgument)
		}
		var sm stagingModule
		sm.Module.Name, sm.Module.Key, sm.Module.Kind = m.Name, m.Key, m.Kind
		body.ModulesToPublish = append(body.ModulesToPublish, sm)
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	u := *c.base
	u.Path = "/ServiceCenter/rest/PlatformServices/Staging_PublishWith2StepOption"
	u.RawQuery = url.Values{"StagingName": {o.Name}, "TwoStepMode": {strconv.FormatBool(o.TwoStep)}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	req.SetBasicAuth(user, pass)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := c.pipeline.Do(ctx, req, transport.Call{Operation: op})
	if err != nil {
		return nil, wrapErr(ctx, op, err)
	}
	defer resp.Body.Close()
	data, readErr := transport.ReadBounded(resp.Body, transport.MaxErrorBody)
	if readErr != nil && !errors.Is(readErr, transport.ErrBodyTooLarge) {
		return nil, wrapErr(ctx, op, readErr)
	}
	httpErr := func(reason string) error {
		return &HTTPError{Operation: op, StatusCode: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: data, Reason: reason}
	}
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return nil, httpErr("staging refused")
	}
	var ans stagingAnswer
	if err := json.Unmarshal(data, &ans); err != nil {
		return nil, httpErr("answer is not the staging JSON: " + err.Error())
	}
	st := &Staging{ID: ans.PublishID, Messages: []Message{}}
	for _, m := range ans.Messages {
		st.Messages = append(st.Messages, Message{Type: MessageInfo, Text: m.Message.Message, Detail: m.Message.Detail})
	}
	if st.ID == 0 {
		return st, fmt.Errorf("%s: %w", op, ErrPublishNotStarted)
	}
	return st, nil
}

// PublishProgress is one read of a publication's messages. EXPERIMENTAL.
type PublishProgress struct {
	// Messages are the new messages, in order.
	Messages []Message
	// LastMessageID is the id to ask after next time.
	LastMessageID int64
	// Finished says the publication ended.
	Finished bool
}

// ExperimentalPublishMessages returns the messages of a staging (or any
// PlatformServices publication) after afterID. EXPERIMENTAL.
//
// Service Center SOAP: PlatformServices_v8_0_0.SolutionPack_GetPublishMessages
func (c *Client) ExperimentalPublishMessages(ctx context.Context, pubID, afterID int64) (*PublishProgress, error) {
	const op = "PlatformServices_v8_0_0.SolutionPack_GetPublishMessages"
	if pubID <= 0 || afterID < 0 {
		return nil, fmt.Errorf("%s: %w: publication %d after %d", op, ErrInvalidArgument, pubID, afterID)
	}
	user, pass, err := c.credentials(op)
	if err != nil {
		return nil, err
	}
	resp, err := c.platformServices.SolutionPack_GetPublishMessagesContext(ctx, &scplatformservices.SolutionPack_GetPublishMessages{
		Username: user, Password: pass, PublishId: pubID, AfterMessageId: afterID,
	})
	if err != nil {
		return nil, wrapErr(ctx, op, err)
	}
	out := &PublishProgress{Messages: []Message{}, LastMessageID: resp.LastMessageId, Finished: resp.Finished}
	if resp.SolutionPack_GetPublishMessagesResult != nil {
		for _, m := range resp.SolutionPack_GetPublishMessagesResult.CS_PublishMessage {
			if m == nil {
				continue
			}
			typ := MessageType(m.Type)
			if typ == "" {
				typ = MessageInfo
			}
			out.Messages = append(out.Messages, Message{ID: m.Id, Type: typ, Text: m.Message, Detail: m.Detail})
		}
	}
	return out, nil
}

// ExperimentalWaitStaging polls a staging until it finishes (or, in two-step
// mode, until its first stage ends with a PublishStop message), with the
// same options, result and errors as [Client.WaitPublish]. EXPERIMENTAL.
//
// Service Center SOAP: PlatformServices_v8_0_0.SolutionPack_GetPublishMessages (polled)
func (c *Client) ExperimentalWaitStaging(ctx context.Context, pubID int64, opts *WaitOptions) (*WaitResult, error) {
	var serverLast int64 // the server's lastMessageId, to ask after
	if opts != nil {
		serverLast = opts.AfterID
	}
	return waitPublication(ctx, pubID, opts, func(ctx context.Context, _ int64) ([]Message, bool, error) {
		p, err := c.ExperimentalPublishMessages(ctx, pubID, serverLast)
		if err != nil {
			return nil, false, err
		}
		// Messages may come without ids; number them after the last id, as
		// the server's lastMessageId counts them.
		for i := range p.Messages {
			if p.Messages[i].ID == 0 {
				p.Messages[i].ID = serverLast + int64(i) + 1
			}
		}
		if n := len(p.Messages); n > 0 {
			serverLast = max(serverLast, p.Messages[n-1].ID)
		}
		serverLast = max(serverLast, p.LastMessageID)
		return p.Messages, p.Finished, nil
	})
}

// ExperimentalContinuePublish starts the second stage of a two-step
// staging. Never retried. EXPERIMENTAL.
//
// Service Center SOAP: PlatformServices_v8_0_0.SolutionPack_PublishContinue
func (c *Client) ExperimentalContinuePublish(ctx context.Context, pubID int64) error {
	const op = "PlatformServices_v8_0_0.SolutionPack_PublishContinue"
	if pubID <= 0 {
		return fmt.Errorf("%s: %w: publication %d", op, ErrInvalidArgument, pubID)
	}
	user, pass, err := c.credentials(op)
	if err != nil {
		return err
	}
	_, err = c.platformServices.SolutionPack_PublishContinueContext(ctx, &scplatformservices.SolutionPack_PublishContinue{Username: user, Password: pass, PublishId: pubID})
	return wrapErr(ctx, op, err)
}

// ExperimentalAbortPublish abandons a two-step staging waiting after its
// first stage. Never retried. EXPERIMENTAL.
//
// Service Center SOAP: PlatformServices_v8_0_0.SolutionPack_PublishAbort
func (c *Client) ExperimentalAbortPublish(ctx context.Context, pubID int64) error {
	const op = "PlatformServices_v8_0_0.SolutionPack_PublishAbort"
	if pubID <= 0 {
		return fmt.Errorf("%s: %w: publication %d", op, ErrInvalidArgument, pubID)
	}
	user, pass, err := c.credentials(op)
	if err != nil {
		return err
	}
	_, err = c.platformServices.SolutionPack_PublishAbortContext(ctx, &scplatformservices.SolutionPack_PublishAbort{Username: user, Password: pass, PublishId: pubID})
	return wrapErr(ctx, op, err)
}
