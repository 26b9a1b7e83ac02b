package sim

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

// The SOAP codec of the LifeTime Services API (/LifeTimeServices/*.asmx):
// envelope parsing and writing, SOAPAction routing and ASMX-style faults.
// Facts from soap-apis.md §1 and §3 (captured WSDLs of
// OutSystems/LifetimeServicesExample and sac-outsystems/wiremock-test):
//   - document/literal, SOAP 1.1 and SOAP 1.2 bindings;
//   - every message element lives in the schema namespace
//     http://www.outsystems.com, children qualified;
//   - SOAPAction is http://LifeTimeServices/<Service>/<Operation>, the same
//     string for both bindings (SOAP 1.1 sends it quoted in the SOAPAction
//     header, SOAP 1.2 in the action parameter of the Content-Type);
//   - business errors are in-band (HTTP 200, Success=false); only protocol
//     errors are SOAP faults (HTTP 500), as ASP.NET ASMX does.

const (
	// ltsSchemaNS is the namespace of every LifeTime Services message element.
	ltsSchemaNS = "http://www.outsystems.com"
	// soap11EnvelopeNS and soap12EnvelopeNS identify the SOAP version of a request.
	soap11EnvelopeNS = "http://schemas.xmlsoap.org/soap/envelope/"
	soap12EnvelopeNS = "http://www.w3.org/2003/05/soap-envelope"
	// ltsActionPrefix starts every LifeTime Services SOAPAction.
	ltsActionPrefix = "http://LifeTimeServices/"
	// maxSOAPRequestBytes bounds what the simulator reads from one request.
	maxSOAPRequestBytes = 4 << 20
)

// soapVersion is the SOAP version a request arrived in; the answer uses the same.
type soapVersion int

const (
	soap11 soapVersion = iota + 1
	soap12
)

// envelopeNS returns the envelope namespace of the version.
func (v soapVersion) envelopeNS() string {
	if v == soap12 {
		return soap12EnvelopeNS
	}
	return soap11EnvelopeNS
}

// contentType returns the Content-Type of a message in this version.
func (v soapVersion) contentType() string {
	if v == soap12 {
		return "application/soap+xml; charset=utf-8"
	}
	return "text/xml; charset=utf-8"
}

// soapCall is one parsed request: the operation element is left in the
// decoder, so that namespace prefixes declared on the envelope still apply
// when the operation's own struct decodes it.
type soapCall struct {
	version   soapVersion
	action    string // SOAPAction without quotes; "" when the client sent none
	operation xml.Name
	dec       *xml.Decoder
	start     xml.StartElement
}

// decode reads the operation element into v.
func (c *soapCall) decode(v any) error {
	if err := c.dec.DecodeElement(v, &c.start); err != nil {
		return &soapFault{client: true, message: "Server was unable to read request. ---> " + err.Error()}
	}
	return nil
}

// soapFault is a protocol-level failure, answered as a SOAP fault on HTTP 500.
type soapFault struct {
	client  bool // the sender is at fault (soap:Client / soap:Sender)
	message string
}

func (f *soapFault) Error() string { return f.message }

// errUnsupportedMediaType is returned when a request is not a SOAP message at all.
var errUnsupportedMediaType = errors.New("unsupported media type")

// readSOAPCall parses the envelope of r up to the operation element.
func readSOAPCall(r *http.Request) (*soapCall, error) {
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return nil, errUnsupportedMediaType
	}
	call := &soapCall{}
	switch mediaType {
	case "text/xml":
		call.version = soap11
		call.action = unquoteAction(r.Header.Get("SOAPAction"))
	case "application/soap+xml":
		call.version = soap12
		call.action = unquoteAction(params["action"])
	default:
		return nil, errUnsupportedMediaType
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxSOAPRequestBytes+1))
	if err != nil {
		return call, &soapFault{client: true, message: "Server was unable to read request. ---> " + err.Error()}
	}
	if len(body) > maxSOAPRequestBytes {
		return call, &soapFault{client: true, message: "Server was unable to read request. ---> Maximum request length exceeded."}
	}
	call.dec = xml.NewDecoder(bytes.NewReader(body))
	if err := call.seekOperation(); err != nil {
		return call, err
	}
	return call, nil
}

// seekOperation walks Envelope / [Header] / Body to the operation element.
func (c *soapCall) seekOperation() error {
	envNS := c.version.envelopeNS()
	depth := 0
	inBody := false
	for {
		tok, err := c.dec.Token()
		if err != nil {
			if err == io.EOF {
				err = errors.New("the SOAP Body is empty")
			}
			return &soapFault{client: true, message: "Server was unable to read request. ---> " + err.Error()}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 1:
				if t.Name.Local != "Envelope" || t.Name.Space != envNS {
					return &soapFault{client: true, message: fmt.Sprintf("Possible SOAP version mismatch: Envelope namespace %s was unexpected. Expecting %s.", t.Name.Space, envNS)}
				}
			case depth == 2 && t.Name.Space == envNS && t.Name.Local == "Body":
				inBody = true
			case depth == 2:
				if err := c.dec.Skip(); err != nil { // Header or anything else
					return &soapFault{client: true, message: "Server was unable to read request. ---> " + err.Error()}
				}
				depth--
			case depth == 3 && inBody:
				c.start = t.Copy()
				c.operation = t.Name
				return nil
			}
		case xml.EndElement:
			depth--
			if inBody && depth == 1 {
				return &soapFault{client: true, message: "Server was unable to read request. ---> the SOAP Body is empty"}
			}
		}
	}
}

// unquoteAction strips the quotes ASMX clients put around a SOAPAction.
func unquoteAction(s string) string {
	return strings.Trim(strings.TrimSpace(s), `"`)
}

// writeSOAPResponse writes payload as the element name (the
// <Operation>Response element in ltsSchemaNS, whose children inherit the
// namespace: "qualified") inside an envelope of version v.
func writeSOAPResponse(w http.ResponseWriter, v soapVersion, name xml.Name, payload any) {
	var b bytes.Buffer
	enc := xml.NewEncoder(&b)
	if err := enc.EncodeElement(payload, xml.StartElement{Name: name}); err != nil {
		writeSOAPFault(w, v, &soapFault{message: "Server was unable to process request. ---> " + err.Error()})
		return
	}
	writeSOAPEnvelope(w, v, http.StatusOK, b.Bytes())
}

// writeSOAPFault answers a protocol error the way ASMX does: HTTP 500 and a
// Fault element shaped for the request's SOAP version.
func writeSOAPFault(w http.ResponseWriter, v soapVersion, f *soapFault) {
	if v == 0 {
		v = soap11
	}
	var b bytes.Buffer
	if v == soap12 {
		code := "soap:Receiver"
		if f.client {
			code = "soap:Sender"
		}
		b.WriteString("<soap:Fault><soap:Code><soap:Value>" + code + "</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang=\"en\">")
		_ = xml.EscapeText(&b, []byte(f.message))
		b.WriteString("</soap:Text></soap:Reason><soap:Detail /></soap:Fault>")
	} else {
		code := "soap:Server"
		if f.client {
			code = "soap:Client"
		}
		b.WriteString("<soap:Fault><faultcode>" + code + "</faultcode><faultstring>")
		_ = xml.EscapeText(&b, []byte(f.message))
		b.WriteString("</faultstring><detail /></soap:Fault>")
	}
	writeSOAPEnvelope(w, v, http.StatusInternalServerError, b.Bytes())
}

// writeSOAPEnvelope wraps a marshalled body element in an envelope.
func writeSOAPEnvelope(w http.ResponseWriter, v soapVersion, status int, inner []byte) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<soap:Envelope xmlns:soap="` + v.envelopeNS() + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>`)
	b.Write(inner)
	b.WriteString(`</soap:Body></soap:Envelope>`)
	w.Header().Set("Content-Type", v.contentType())
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}
