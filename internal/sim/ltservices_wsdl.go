package sim

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// GET <Service>.asmx?WSDL answers a WSDL generated from the simulator's own
// message types, in the shape OutSystems' ASMX services publish (soap-apis.md
// §1: document/literal, SOAP 1.1 and 1.2 bindings, schema namespace
// http://www.outsystems.com, SOAPAction http://LifeTimeServices/<Service>/<Op>),
// so that SOAP tooling in any language can be pointed at the simulator. The
// conformance test compares it with the WSDLs captured from real consoles.

// ltsTypeNames are the schema names of message structs whose name does not
// follow from the Go name (which otherwise drops its XML suffix).
var ltsTypeNames = map[reflect.Type]string{
	reflect.TypeFor[ltsStatus]():               "APIStatus",
	reflect.TypeFor[ltsAuthentication]():       "WebServiceSimpleAuthentication",
	reflect.TypeFor[appPermissionsRecordXML](): "WORCApplicationShortInfoApplicationPermissionsRecord",
}

// xsdElement is one element of a generated sequence.
type xsdElement struct {
	name, typ       string // typ is prefixed: s:string, s0:PlatformUser
	minOccurs       int
	unbounded, null bool
}

// wsdlSchema accumulates the named complex types of a service.
type wsdlSchema struct {
	types map[string][]xsdElement
	order []string
}

// schemaTypeName returns the schema name of a struct type.
func schemaTypeName(t reflect.Type) string {
	if name, ok := ltsTypeNames[t]; ok {
		return name
	}
	if _, tag, ok := arrayOf(t); ok {
		return "ArrayOf" + tag
	}
	name := strings.TrimSuffix(t.Name(), "XML")
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[size:]
}

// arrayOf reports whether t is an ArrayOfX wrapper (a struct whose only
// field is a slice) and returns the item type and element name.
func arrayOf(t reflect.Type) (reflect.Type, string, bool) {
	if t.Kind() != reflect.Struct || t.NumField() != 1 || t.Field(0).Type.Kind() != reflect.Slice {
		return nil, "", false
	}
	f := t.Field(0)
	return f.Type.Elem(), xmlName(f), true
}

// xmlName returns the element name of a field.
func xmlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("xml"), ",")
	if name == "" {
		name = f.Name
	}
	return name
}

// sequence returns the elements of struct t, flattening embedded structs,
// and registers the complex types they use.
func (w *wsdlSchema) sequence(t reflect.Type) []xsdElement {
	var out []xsdElement
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			out = append(out, w.sequence(f.Type)...)
			continue
		}
		if !f.IsExported() || f.Name == "XMLName" || f.Tag.Get("xml") == "-" {
			continue
		}
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		el := xsdElement{name: xmlName(f)}
		switch ft.Kind() {
		case reflect.String:
			el.typ = "s:string"
		case reflect.Bool:
			el.typ, el.minOccurs = "s:boolean", 1
		case reflect.Int, reflect.Int32, reflect.Int64:
			el.typ, el.minOccurs = "s:int", 1
		case reflect.Slice:
			el.typ, el.unbounded, el.null = "s0:"+w.complexType(ft.Elem()), true, true
		default:
			el.typ = "s0:" + w.complexType(ft)
		}
		out = append(out, el)
	}
	return out
}

// complexType registers struct t (once) and returns its schema name.
func (w *wsdlSchema) complexType(t reflect.Type) string {
	name := schemaTypeName(t)
	if _, done := w.types[name]; done {
		return name
	}
	w.types[name] = nil // placeholder against recursion
	w.order = append(w.order, name)
	w.types[name] = w.sequence(t)
	return name
}

// writeSequence writes an xs:sequence.
func writeSequence(b *bytes.Buffer, seq []xsdElement) {
	b.WriteString(`<s:sequence>`)
	for _, e := range seq {
		maxOccurs := "1"
		if e.unbounded {
			maxOccurs = "unbounded"
		}
		fmt.Fprintf(b, `<s:element minOccurs="%d" maxOccurs="%s" name="%s"`, e.minOccurs, maxOccurs, e.name)
		if e.null {
			b.WriteString(` nillable="true"`)
		}
		fmt.Fprintf(b, ` type="%s" />`, e.typ)
	}
	b.WriteString(`</s:sequence>`)
}

// ltsWSDL generates the WSDL of service, served at address.
func ltsWSDL(service string, ops map[string]ltsOperation, address string) []byte {
	names := make([]string, 0, len(ops))
	for name := range ops {
		names = append(names, name)
	}
	slices.Sort(names)
	tns := ltsActionPrefix + service + "/"
	var addr bytes.Buffer
	_ = xml.EscapeText(&addr, []byte(address))

	w := &wsdlSchema{types: map[string][]xsdElement{}}
	var b, elements bytes.Buffer
	for _, name := range names {
		for _, el := range []struct {
			name string
			t    reflect.Type
		}{{name, ops[name].req}, {name + "Response", ops[name].resp}} {
			fmt.Fprintf(&elements, `<s:element name="%s"><s:complexType>`, el.name)
			writeSequence(&elements, w.sequence(el.t))
			elements.WriteString(`</s:complexType></s:element>`)
		}
	}
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, `<wsdl:definitions xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:s0="%s" xmlns:tns="%s" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="%s">`, ltsSchemaNS, tns, tns)
	fmt.Fprintf(&b, `<wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="%s">`, ltsSchemaNS)
	b.Write(elements.Bytes())
	for _, name := range w.order {
		fmt.Fprintf(&b, `<s:complexType name="%s">`, name)
		writeSequence(&b, w.types[name])
		b.WriteString(`</s:complexType>`)
	}
	b.WriteString(`</s:schema></wsdl:types>`)
	for _, name := range names {
		fmt.Fprintf(&b, `<wsdl:message name="%sSoapIn"><wsdl:part name="parameters" element="s0:%s" /></wsdl:message>`, name, name)
		fmt.Fprintf(&b, `<wsdl:message name="%sSoapOut"><wsdl:part name="parameters" element="s0:%sResponse" /></wsdl:message>`, name, name)
	}
	fmt.Fprintf(&b, `<wsdl:portType name="%sSoap">`, service)
	for _, name := range names {
		fmt.Fprintf(&b, `<wsdl:operation name="%s"><wsdl:input message="tns:%sSoapIn" /><wsdl:output message="tns:%sSoapOut" /></wsdl:operation>`, name, name, name)
	}
	b.WriteString(`</wsdl:portType>`)
	for _, binding := range []struct{ suffix, prefix string }{{"Soap", "soap"}, {"Soap12", "soap12"}} {
		fmt.Fprintf(&b, `<wsdl:binding name="%s%s" type="tns:%sSoap"><%s:binding transport="http://schemas.xmlsoap.org/soap/http" />`, service, binding.suffix, service, binding.prefix)
		for _, name := range names {
			fmt.Fprintf(&b, `<wsdl:operation name="%s"><%s:operation soapAction="%s%s" style="document" />`, name, binding.prefix, tns, name)
			fmt.Fprintf(&b, `<wsdl:input><%s:body use="literal" /></wsdl:input><wsdl:output><%s:body use="literal" /></wsdl:output></wsdl:operation>`, binding.prefix, binding.prefix)
		}
		b.WriteString(`</wsdl:binding>`)
	}
	fmt.Fprintf(&b, `<wsdl:service name="%s">`, service)
	fmt.Fprintf(&b, `<wsdl:port name="%sSoap" binding="tns:%sSoap"><soap:address location="%s" /></wsdl:port>`, service, service, addr.String())
	fmt.Fprintf(&b, `<wsdl:port name="%sSoap12" binding="tns:%sSoap12"><soap12:address location="%s" /></wsdl:port>`, service, service, addr.String())
	b.WriteString(`</wsdl:service></wsdl:definitions>`)
	return b.Bytes()
}
