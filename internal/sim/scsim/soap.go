package scsim

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

// Wire constants shared by every Service Center service (soap-apis.md §1).
const (
	// schemaNS is the namespace of every request and response element
	// (elementFormDefault="qualified").
	schemaNS = "http://www.outsystems.com"
	soap11NS = "http://schemas.xmlsoap.org/soap/envelope/"
	soap12NS = "http://www.w3.org/2003/05/soap-envelope"

	// maxRequestBody bounds what the simulator reads from one request. Real
	// servers are configured up to 256 MiB for OSP uploads (soap-apis.md §6);
	// the simulator has no reason to hold more than this.
	maxRequestBody = 64 << 20
)

// soapVersion is the SOAP protocol version of one exchange; the answer uses
// the same version as the request.
type soapVersion int

const (
	soap11 soapVersion = iota + 1
	soap12
)

func (v soapVersion) envelopeNS() string {
	if v == soap12 {
		return soap12NS
	}
	return soap11NS
}

func (v soapVersion) contentType() string {
	if v == soap12 {
		return "application/soap+xml; charset=utf-8"
	}
	return "text/xml; charset=utf-8"
}

// fault is a SOAP fault the simulator answers with HTTP 500. Code is
// "Client" (the request is wrong) or "Server" (the operation failed), mapped
// to soap:Client/soap:Server in SOAP 1.1 and soap:Sender/soap:Receiver in
// SOAP 1.2.
type fault struct {
	Code   string
	String string
}

// clientFault and serverFault build faults with the texts ASP.NET ASMX
// services use: "Server was unable to read request. ---> ..." for requests it
// cannot deserialize, and "Server was unable to process request. ---> ..."
// for exceptions raised by the operation (INFERRED from ASMX behaviour; the
// OutSystems services are ASMX services, soap-apis.md §1 and §6).
func clientFault(format string, args ...any) *fault {
	return &fault{Code: "Client", String: fmt.Sprintf(format, args...)}
}

func serverFault(format string, args ...any) *fault {
	return &fault{Code: "Server", String: "Server was unable to process request. ---> " + fmt.Sprintf(format, args...)}
}

func readFault(err error) *fault {
	return &fault{Code: "Client", String: "Server was unable to read request. ---> There is an error in XML document. ---> " + err.Error()}
}

// soapRequest is one parsed SOAP call: its version, the action it declared
// and a decoder positioned on the operation element inside soap:Body.
type soapRequest struct {
	version  soapVersion
	action   string // SOAPAction without quotes; "" when none was sent
	quoted   bool   // the SOAP 1.1 SOAPAction header was quoted
	op       xml.StartElement
	dec      *xml.Decoder
	bodySize int
}

// decode reads the operation element into v, a struct whose fields are
// tagged with the element local names.
func (r *soapRequest) decode(v any) *fault {
	if err := r.dec.DecodeElement(v, &r.op); err != nil {
		return readFault(err)
	}
	return nil
}

// parseSOAPRequest reads an HTTP request as a SOAP 1.1 or 1.2 envelope. SOAP
// 1.1 is recognised by Content-Type text/xml and takes its action from the
// SOAPAction header; SOAP 1.2 by application/soap+xml with an optional
// action parameter (soap-apis.md §1).
func parseSOAPRequest(r *http.Request) (*soapRequest, *fault) {
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return nil, clientFault("Content-Type %q is not a SOAP content type.", r.Header.Get("Content-Type"))
	}
	req := &soapRequest{}
	switch mediaType {
	case "text/xml":
		req.version = soap11
		raw, present := r.Header["Soapaction"]
		if present && len(raw) > 0 {
			a := strings.TrimSpace(raw[0])
			if len(a) >= 2 && strings.HasPrefix(a, `"`) && strings.HasSuffix(a, `"`) {
				a = a[1 : len(a)-1]
				req.quoted = true
			}
			req.action = a
		}
	case "application/soap+xml":
		req.version = soap12
		req.action = params["action"]
		req.quoted = true
	default:
		return nil, clientFault("Content-Type %q is not a SOAP content type.", mediaType)
	}

	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
	if err != nil {
		return req, readFault(err)
	}
	if len(body) > maxRequestBody {
		return req, clientFault("Maximum request length exceeded.")
	}
	req.bodySize = len(body)
	dec := xml.NewDecoder(bytes.NewReader(body))
	// Envelope, then (Header), Body, then the operation element.
	envelope, err := nextStart(dec)
	if err != nil {
		return req, readFault(err)
	}
	if envelope.Name.Local != "Envelope" || envelope.Name.Space != req.version.envelopeNS() {
		return req, clientFault("Server was unable to read request. ---> The root element is {%s}%s, not a SOAP %s Envelope.",
			envelope.Name.Space, envelope.Name.Local, map[soapVersion]string{soap11: "1.1", soap12: "1.2"}[req.version])
	}
	for {
		el, err := nextStart(dec)
		if err != nil {
			return req, readFault(err)
		}
		if el.Name.Space != req.version.envelopeNS() {
			return req, clientFault("Server was unable to read request. ---> Unexpected element {%s}%s in the envelope.", el.Name.Space, el.Name.Local)
		}
		if el.Name.Local == "Header" {
			if err := dec.Skip(); err != nil {
				return req, readFault(err)
			}
			continue
		}
		if el.Name.Local != "Body" {
			return req, clientFault("Server was unable to read request. ---> Unexpected element %s in the envelope.", el.Name.Local)
		}
		break
	}
	op, err := nextStart(dec)
	if err != nil {
		return req, readFault(fmt.Errorf("soap:Body holds no operation element: %w", err))
	}
	req.op = op
	req.dec = dec
	return req, nil
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

// writeSOAP writes payload (a struct marshalled as the response element) in
// an envelope of the request's version, with HTTP 200.
func writeSOAP(w http.ResponseWriter, v soapVersion, payload any) {
	inner, err := xml.Marshal(payload)
	if err != nil {
		// Only the simulator's own response types are marshalled here; a
		// failure is a bug in the simulator, reported as a server fault.
		writeFault(w, v, serverFault("simulator could not encode its response: %v", err))
		return
	}
	writeEnvelope(w, v, http.StatusOK, inner)
}

func writeEnvelope(w http.ResponseWriter, v soapVersion, status int, inner []byte) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<soap:Envelope xmlns:soap="`)
	b.WriteString(v.envelopeNS())
	b.WriteString(`" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>`)
	b.Write(inner)
	b.WriteString(`</soap:Body></soap:Envelope>`)
	w.Header().Set("Content-Type", v.contentType())
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// writeFault answers with a SOAP fault on HTTP 500, in the request's SOAP
// version (1.1 when the version is unknown).
func writeFault(w http.ResponseWriter, v soapVersion, f *fault) {
	var b bytes.Buffer
	if v == soap12 {
		code := "soap:Receiver"
		if f.Code == "Client" {
			code = "soap:Sender"
		}
		b.WriteString(`<soap:Fault><soap:Code><soap:Value>` + code + `</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">`)
		_ = xml.EscapeText(&b, []byte(f.String))
		b.WriteString(`</soap:Text></soap:Reason><soap:Detail /></soap:Fault>`)
	} else {
		v = soap11
		b.WriteString(`<soap:Fault><faultcode>soap:` + f.Code + `</faultcode><faultstring>`)
		_ = xml.EscapeText(&b, []byte(f.String))
		b.WriteString(`</faultstring><detail /></soap:Fault>`)
	}
	writeEnvelope(w, v, http.StatusInternalServerError, b.Bytes())
}
