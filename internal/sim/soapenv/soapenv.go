// Package soapenv is the SOAP envelope codec shared by the simulators of the
// LifeTime Services API (package sim) and of Service Center (package scsim).
// Both are ASP.NET ASMX services with document/literal SOAP 1.1 and SOAP 1.2
// bindings (soap-apis.md §1): the request's Content-Type tells the version,
// the SOAPAction header (1.1) or the action parameter of the Content-Type
// (1.2) names the operation, and protocol errors are SOAP faults on HTTP 500
// in the request's version.
//
// Read parses a request up to the operation element; WriteAnswer and
// WriteFault write the answer. Routing and the operations stay with each
// simulator.
package soapenv

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

// Envelope namespaces of the two SOAP versions.
const (
	NS11 = "http://schemas.xmlsoap.org/soap/envelope/"
	NS12 = "http://www.w3.org/2003/05/soap-envelope"
)

// Version is the SOAP version of one exchange; the answer uses the version of
// the request. The zero Version is answered as SOAP 1.1.
type Version int

// The SOAP versions.
const (
	SOAP11 Version = iota + 1
	SOAP12
)

// EnvelopeNS returns the envelope namespace of the version.
func (v Version) EnvelopeNS() string {
	if v == SOAP12 {
		return NS12
	}
	return NS11
}

// ContentType returns the Content-Type of a message in this version.
func (v Version) ContentType() string {
	if v == SOAP12 {
		return "application/soap+xml; charset=utf-8"
	}
	return "text/xml; charset=utf-8"
}

// String returns "1.1" or "1.2".
func (v Version) String() string {
	if v == SOAP12 {
		return "1.2"
	}
	return "1.1"
}

// Fault is a protocol-level failure, answered as a SOAP fault on HTTP 500:
// soap:Client/soap:Server in SOAP 1.1, soap:Sender/soap:Receiver in SOAP 1.2.
type Fault struct {
	Client  bool   // the sender is at fault
	Message string // the faultstring (1.1) or Reason text (1.2)
}

// Error returns the fault's message.
func (f *Fault) Error() string { return f.Message }

// Texts ASP.NET ASMX starts its faults with: a request it cannot deserialize,
// and an exception raised by the operation (INFERRED from ASMX behaviour; the
// OutSystems services are ASMX services, soap-apis.md §1 and §6).
const (
	ReadPrefix    = "Server was unable to read request. ---> "
	ProcessPrefix = "Server was unable to process request. ---> "
)

// ReadFault is the client fault of a request whose XML cannot be read.
func ReadFault(err error) *Fault {
	return &Fault{Client: true, Message: ReadPrefix + "There is an error in XML document. ---> " + err.Error()}
}

// MediaTypeError is returned by Read when the request is not a SOAP message:
// its Content-Type is neither text/xml nor application/soap+xml.
type MediaTypeError struct {
	ContentType string // the media type, or the whole header when it does not parse
}

// Error names the media type.
func (e *MediaTypeError) Error() string {
	return fmt.Sprintf("Content-Type %q is not a SOAP content type.", e.ContentType)
}

// Request is one parsed SOAP call: its version, the action it declared and a
// decoder positioned on the operation element inside soap:Body.
type Request struct {
	Version Version
	Action  string           // SOAPAction without quotes; "" when none was sent
	Quoted  bool             // the SOAP 1.1 SOAPAction header was quoted (always true in 1.2)
	Op      xml.StartElement // the operation element
	dec     *xml.Decoder
}

// Decode reads the operation element into v; the namespace prefixes declared
// on the envelope still apply.
func (r *Request) Decode(v any) *Fault {
	if err := r.dec.DecodeElement(v, &r.Op); err != nil {
		return ReadFault(err)
	}
	return nil
}

// Read parses r as a SOAP 1.1 or 1.2 envelope, reading at most limit bytes of
// body. SOAP 1.1 is recognised by Content-Type text/xml and takes its action
// from the SOAPAction header (quoted by ASMX clients); SOAP 1.2 by
// application/soap+xml with an optional action parameter (soap-apis.md §1).
// The error is a *MediaTypeError or a *Fault; the Request is never nil, and
// its Version is known whenever the error is a *Fault.
func Read(r *http.Request, limit int64) (*Request, error) {
	req := &Request{}
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return req, &MediaTypeError{ContentType: r.Header.Get("Content-Type")}
	}
	switch mediaType {
	case "text/xml":
		req.Version = SOAP11
		a := strings.TrimSpace(r.Header.Get("SOAPAction"))
		if len(a) >= 2 && strings.HasPrefix(a, `"`) && strings.HasSuffix(a, `"`) {
			a = a[1 : len(a)-1]
			req.Quoted = true
		}
		req.Action = a
	case "application/soap+xml":
		req.Version = SOAP12
		req.Action = params["action"]
		req.Quoted = true
	default:
		return req, &MediaTypeError{ContentType: mediaType}
	}

	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return req, ReadFault(err)
	}
	if int64(len(body)) > limit {
		return req, &Fault{Client: true, Message: ReadPrefix + "Maximum request length exceeded."}
	}
	req.dec = xml.NewDecoder(bytes.NewReader(body))
	if f := req.seekOperation(); f != nil {
		return req, f
	}
	return req, nil
}

// seekOperation walks Envelope, (Header), Body to the operation element.
func (r *Request) seekOperation() *Fault {
	envNS := r.Version.EnvelopeNS()
	envelope, err := nextStart(r.dec)
	if err != nil {
		return ReadFault(err)
	}
	if envelope.Name.Local != "Envelope" {
		return &Fault{Client: true, Message: fmt.Sprintf(ReadPrefix+"The root element is {%s}%s, not a SOAP %s Envelope.",
			envelope.Name.Space, envelope.Name.Local, r.Version)}
	}
	if envelope.Name.Space != envNS {
		// ASMX's text for an envelope of the other version.
		return &Fault{Client: true, Message: fmt.Sprintf("Possible SOAP version mismatch: Envelope namespace %s was unexpected. Expecting %s.", envelope.Name.Space, envNS)}
	}
	for {
		el, err := nextStart(r.dec)
		if err != nil {
			return ReadFault(err)
		}
		if el.Name.Space != envNS {
			return &Fault{Client: true, Message: fmt.Sprintf(ReadPrefix+"Unexpected element {%s}%s in the envelope.", el.Name.Space, el.Name.Local)}
		}
		if el.Name.Local == "Header" {
			if err := r.dec.Skip(); err != nil {
				return ReadFault(err)
			}
			continue
		}
		if el.Name.Local != "Body" {
			return &Fault{Client: true, Message: fmt.Sprintf(ReadPrefix+"Unexpected element %s in the envelope.", el.Name.Local)}
		}
		break
	}
	op, err := nextStart(r.dec)
	if err != nil {
		return ReadFault(fmt.Errorf("soap:Body holds no operation element: %w", err))
	}
	r.Op = op
	return nil
}

// nextStart returns the next start element, skipping character data,
// comments and processing instructions; an end element first means there is
// none.
func nextStart(dec *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return xml.StartElement{}, io.ErrUnexpectedEOF
			}
			return xml.StartElement{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t, nil
		case xml.EndElement:
			return xml.StartElement{}, fmt.Errorf("unexpected end element %s", t.Name.Local)
		}
	}
}

// WriteAnswer writes payload in an envelope of version v with HTTP 200. The
// payload element is named name, or by its XMLName field when name is zero.
func WriteAnswer(w http.ResponseWriter, v Version, name xml.Name, payload any) {
	var b bytes.Buffer
	enc := xml.NewEncoder(&b)
	var err error
	if name.Local == "" {
		err = enc.Encode(payload)
	} else {
		err = enc.EncodeElement(payload, xml.StartElement{Name: name})
	}
	if err != nil {
		// Only the simulators' own answer types are encoded here; a failure
		// is a bug in the simulator, reported as a server fault.
		WriteFault(w, v, &Fault{Message: ProcessPrefix + "simulator could not encode its response: " + err.Error()})
		return
	}
	writeEnvelope(w, v, http.StatusOK, b.Bytes())
}

// WriteFault answers f the way ASMX does: HTTP 500 and a Fault element shaped
// for version v (1.1 when v is zero).
func WriteFault(w http.ResponseWriter, v Version, f *Fault) {
	var b bytes.Buffer
	if v == SOAP12 {
		code := "soap:Receiver"
		if f.Client {
			code = "soap:Sender"
		}
		b.WriteString(`<soap:Fault><soap:Code><soap:Value>` + code + `</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">`)
		_ = xml.EscapeText(&b, []byte(f.Message))
		b.WriteString(`</soap:Text></soap:Reason><soap:Detail /></soap:Fault>`)
	} else {
		v = SOAP11
		code := "soap:Server"
		if f.Client {
			code = "soap:Client"
		}
		b.WriteString(`<soap:Fault><faultcode>` + code + `</faultcode><faultstring>`)
		_ = xml.EscapeText(&b, []byte(f.Message))
		b.WriteString(`</faultstring><detail /></soap:Fault>`)
	}
	writeEnvelope(w, v, http.StatusInternalServerError, b.Bytes())
}

// writeEnvelope wraps a marshalled body element in an envelope.
func writeEnvelope(w http.ResponseWriter, v Version, status int, inner []byte) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<soap:Envelope xmlns:soap="` + v.EnvelopeNS() + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>`)
	b.Write(inner)
	b.WriteString(`</soap:Body></soap:Envelope>`)
	w.Header().Set("Content-Type", v.ContentType())
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}
