package scsim

import (
	"encoding/xml"
	"time"
)

// The Messages string of Solutions.GetMessages, Publish and Delete is not
// documented (soap-apis.md §2.2 and §10 question 4: "probably serialized
// XML"). The simulator uses this XML document of its own, described in the
// package documentation:
//
//	<Messages>
//	  <Message><Id>1</Id><Type>Info</Type><Module/><Text>...</Text><Detail/><Instant>2026-01-02T03:04:05Z</Instant></Message>
//	  ...
//	</Messages>
type wireMessages struct {
	XMLName xml.Name      `xml:"Messages"`
	Items   []wireMessage `xml:"Message"`
}

type wireMessage struct {
	ID      int    `xml:"Id"`
	Type    string `xml:"Type"`
	Module  string `xml:"Module"`
	Text    string `xml:"Text"`
	Detail  string `xml:"Detail"`
	Instant string `xml:"Instant"`
}

// encodeMessages renders msgs as the Messages string.
func encodeMessages(msgs []Message) string {
	w := wireMessages{Items: make([]wireMessage, 0, len(msgs))}
	for _, m := range msgs {
		w.Items = append(w.Items, wireMessage{
			ID: m.ID, Type: m.Type, Module: m.Module, Text: m.Text, Detail: m.Detail,
			Instant: m.Time.UTC().Format(time.RFC3339Nano),
		})
	}
	b, err := xml.Marshal(w)
	if err != nil {
		// Plain strings and ints always marshal; keep a valid document anyway.
		return "<Messages/>"
	}
	return string(b)
}

// ParseMessages decodes a Messages string produced by the simulator. It is
// exported for tests of the simulator's users that want to read the log the
// same way the simulator wrote it.
func ParseMessages(s string) ([]Message, error) {
	var w wireMessages
	if err := xml.Unmarshal([]byte(s), &w); err != nil {
		return nil, err
	}
	out := make([]Message, 0, len(w.Items))
	for _, m := range w.Items {
		t, err := time.Parse(time.RFC3339, m.Instant)
		if err != nil {
			return nil, err
		}
		out = append(out, Message{ID: m.ID, Type: m.Type, Module: m.Module, Text: m.Text, Detail: m.Detail, Time: t})
	}
	return out, nil
}
