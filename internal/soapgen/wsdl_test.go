package soapgen

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wsdlDoc is the part of a WSDL 1.1 document the checks below read.
type wsdlDoc struct {
	TargetNamespace string `xml:"targetNamespace,attr"`
	Schemas         []struct {
		TargetNamespace    string       `xml:"targetNamespace,attr"`
		ElementFormDefault string       `xml:"elementFormDefault,attr"`
		Elements           []xsdElement `xml:"element"`
		ComplexTypes       []struct {
			Name     string       `xml:"name,attr"`
			Elements []xsdElement `xml:"sequence>element"`
		} `xml:"complexType"`
	} `xml:"types>schema"`
	Bindings []struct {
		Operations []struct {
			Name       string `xml:"name,attr"`
			SOAPAction struct {
				Action string `xml:"soapAction,attr"`
			} `xml:"operation"`
		} `xml:"operation"`
	} `xml:"binding"`
}

type xsdElement struct {
	Name      string       `xml:"name,attr"`
	Type      string       `xml:"type,attr"`
	MinOccurs string       `xml:"minOccurs,attr"`
	MaxOccurs string       `xml:"maxOccurs,attr"`
	Fields    []xsdElement `xml:"complexType>sequence>element"`
}

// TestWSDLConventions checks the rules the generated code and the clients
// rely on: schema namespace http://www.outsystems.com with qualified
// elements, SOAPAction = WSDL target namespace + operation, and every
// boolean or integer element mandatory while strings and structures are
// optional (internal/postgen drops omitempty from exactly the scalars).
func TestWSDLConventions(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("wsdl", "*.wsdl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no WSDL files: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var doc wsdlDoc
			if err := xml.Unmarshal(raw, &doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Schemas) != 1 {
				t.Fatalf("want one schema, got %d", len(doc.Schemas))
			}
			schema := doc.Schemas[0]
			if schema.TargetNamespace != "http://www.outsystems.com" || schema.ElementFormDefault != "qualified" {
				t.Errorf("schema namespace %q form %q", schema.TargetNamespace, schema.ElementFormDefault)
			}
			check := func(owner string, fields []xsdElement) {
				for _, f := range fields {
					scalar := f.Type == "s:boolean" || f.Type == "s:long"
					want := "0"
					if scalar && f.MaxOccurs != "unbounded" {
						want = "1"
					}
					if f.MinOccurs != want {
						t.Errorf("%s.%s (%s): minOccurs %q, want %q", owner, f.Name, f.Type, f.MinOccurs, want)
					}
					if f.Type == "s:int" {
						t.Errorf("%s.%s: declare integers s:long", owner, f.Name)
					}
				}
			}
			for _, e := range schema.Elements {
				check(e.Name, e.Fields)
			}
			for _, ct := range schema.ComplexTypes {
				check(ct.Name, ct.Elements)
			}
			ops := 0
			for _, b := range doc.Bindings {
				for _, op := range b.Operations {
					ops++
					if want := doc.TargetNamespace + op.Name; op.SOAPAction.Action != want {
						t.Errorf("%s: SOAPAction %q, want %q", op.Name, op.SOAPAction.Action, want)
					}
					if !strings.HasPrefix(op.SOAPAction.Action, "http://ServiceCenter/") &&
						!strings.HasPrefix(op.SOAPAction.Action, "http://LifeTimeServices/") {
						t.Errorf("%s: SOAPAction %q is not http://<Module>/<Service>/<Operation>", op.Name, op.SOAPAction.Action)
					}
				}
			}
			if ops == 0 {
				t.Error("no operations bound")
			}
		})
	}
}
