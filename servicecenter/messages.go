package servicecenter

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/internal/soapgen/scsolutions"
)

// MessageType classifies a publication message.
type MessageType string

// Message types. Info, Warning and Error describe the publication; Done
// ends it; PublishStop ends the first stage of a two-step publication.
const (
	MessageInfo        MessageType = "Info"
	MessageWarning     MessageType = "Warning"
	MessageError       MessageType = "Error"
	MessageDone        MessageType = "Done"
	MessagePublishStop MessageType = "PublishStop"
)

// Message is one entry of a publication log.
type Message struct {
	// ID orders the messages of a publication; ask for the ones after it.
	// 0 when the server's text carried no ids.
	ID int64
	// Type is Info, Warning, Error, Done or PublishStop.
	Type MessageType
	// Module is the module the message is about, empty for the whole
	// publication.
	Module string
	// Text is the message; Detail adds to it.
	Text   string
	Detail string
	// Time is when the message was emitted, zero when not given.
	Time time.Time
}

// wireMessages is the Messages string of GetMessages, Publish and Delete.
// Its format is not public (soap-apis.md §2.2, "probably serialized XML";
// §10 question 4). The SDK reads the XML form the project's Service Center
// simulator documents (internal/sim/scsim):
//
//	<Messages><Message><Id>1</Id><Type>Info</Type><Module/><Text>...</Text><Detail/><Instant>...</Instant></Message>...</Messages>
//
// also accepting Message for Text (the element name PlatformServices uses,
// soap-apis.md §2.3). Text that is not XML is read as one Info message per
// line without ids.
type wireMessages struct {
	Items []struct {
		ID      int64  `xml:"Id"`
		Type    string `xml:"Type"`
		Module  string `xml:"Module"`
		Text    string `xml:"Text"`
		Message string `xml:"Message"`
		Detail  string `xml:"Detail"`
		Instant string `xml:"Instant"`
	} `xml:"Message"`
}

// parseMessages reads a Messages string; empty gives no messages.
func parseMessages(s string) ([]Message, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if !strings.HasPrefix(s, "<") {
		var out []Message
		sc := bufio.NewScanner(strings.NewReader(s))
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" {
				out = append(out, Message{Type: MessageInfo, Text: line})
			}
		}
		return out, nil
	}
	var w wireMessages
	if err := xml.Unmarshal([]byte(s), &w); err != nil {
		return nil, fmt.Errorf("reading the Messages text: %w", err)
	}
	out := make([]Message, 0, len(w.Items))
	for _, it := range w.Items {
		m := Message{ID: it.ID, Type: MessageType(it.Type), Module: it.Module, Text: it.Text, Detail: it.Detail, Time: parseInstant(it.Instant)}
		if m.Text == "" {
			m.Text = it.Message
		}
		if m.Type == "" {
			m.Type = MessageInfo
		}
		out = append(out, m)
	}
	return out, nil
}

// parseInstant reads RFC 3339 or the zone-less form .NET writes
// ("2015-02-19T18:59:01", read as UTC); anything else gives the zero time.
func parseInstant(s string) time.Time {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t
	}
	if t, err := time.Parse("2006-01-02T15:04:05.9999999", s); err == nil {
		return t
	}
	return time.Time{}
}

// Messages returns the messages of publication pubID whose id is greater
// than afterID (0 for all), in order.
//
// Service Center SOAP: Solutions.GetMessages
func (c *Client) Messages(ctx context.Context, pubID, afterID int64) ([]Message, error) {
	const op = "Solutions.GetMessages"
	if pubID <= 0 || afterID < 0 {
		return nil, fmt.Errorf("%s: %w: publication %d after %d", op, ErrInvalidArgument, pubID, afterID)
	}
	user, pass, err := c.credentials(op)
	if err != nil {
		return nil, err
	}
	resp, err := c.solutions.GetMessagesContext(ctx, &scsolutions.GetMessages{Username: user, Password: pass, SolutionPubId: pubID, LastSeenId: afterID})
	if err != nil {
		return nil, wrapErr(ctx, op, err)
	}
	msgs, err := parseMessages(resp.Messages)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return msgs, nil
}
