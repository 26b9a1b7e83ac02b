package soap

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// EnvelopeNS is the SOAP 1.1 envelope namespace.
const EnvelopeNS = "http://schemas.xmlsoap.org/soap/envelope/"

// wireFault is the SOAP 1.1 Fault element. Its children are unqualified.
type wireFault struct {
	Code   string `xml:"faultcode"`
	String string `xml:"faultstring"`
	Actor  string `xml:"faultactor"`
	Detail struct {
		Inner string `xml:",innerxml"`
	} `xml:"detail"`
}

// errNotEnvelope says the body is not a SOAP 1.1 envelope with a body.
var errNotEnvelope = errors.New("not a SOAP 1.1 envelope")

func notEnvelope(why string) error { return fmt.Errorf("%w: %s", errNotEnvelope, why) }

// inspect reads an answer and returns the fault it carries, if any. It
// returns errNotEnvelope (wrapped) when body is not XML, or is XML whose
// root is not a SOAP 1.1 Envelope holding a Body with one element.
func inspect(body []byte) (*wireFault, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	depth := 0
	inBody := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil, notEnvelope("no element in the SOAP body")
		}
		if err != nil {
			return nil, notEnvelope(err.Error())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 1:
				if t.Name.Space != EnvelopeNS || t.Name.Local != "Envelope" {
					return nil, notEnvelope("root element is <" + t.Name.Local + ">")
				}
			case depth == 2 && t.Name.Space == EnvelopeNS && t.Name.Local == "Body":
				inBody = true
			case depth == 2:
				if err := dec.Skip(); err != nil {
					return nil, notEnvelope(err.Error())
				}
				depth--
			case depth == 3 && inBody:
				if t.Name.Space == EnvelopeNS && t.Name.Local == "Fault" {
					var f wireFault
					if err := dec.DecodeElement(&f, &t); err != nil {
						return nil, notEnvelope(err.Error())
					}
					return &f, nil
				}
				return nil, nil
			}
		case xml.EndElement:
			depth--
			if depth == 1 && inBody {
				return nil, notEnvelope("empty SOAP body")
			}
		}
	}
}
