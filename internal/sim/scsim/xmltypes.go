package scsim

import (
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// xsInt is a mandatory s:int request element (minOccurs="1"). Set records
// whether the element was present, for Config.Strict; ASP.NET reads a missing
// one as 0.
type xsInt struct {
	V   int
	Set bool
}

// UnmarshalXML parses an xs:int (32-bit, surrounding white space allowed).
func (x *xsInt) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var s string
	if err := d.DecodeElement(&s, &start); err != nil {
		return err
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 32)
	if err != nil {
		return fmt.Errorf("element %s: %q is not a valid xs:int", start.Name.Local, s)
	}
	x.V, x.Set = int(n), true
	return nil
}

// xsBool is a mandatory s:boolean request element; see xsInt.
type xsBool struct {
	V   bool
	Set bool
}

// UnmarshalXML parses an xs:boolean: true, false, 1 or 0.
func (x *xsBool) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var s string
	if err := d.DecodeElement(&s, &start); err != nil {
		return err
	}
	switch strings.TrimSpace(s) {
	case "true", "1":
		x.V = true
	case "false", "0":
		x.V = false
	default:
		return fmt.Errorf("element %s: %q is not a valid xs:boolean", start.Name.Local, s)
	}
	x.Set = true
	return nil
}

// base64Binary is an s:base64Binary element.
type base64Binary []byte

// UnmarshalText decodes standard base64, ignoring the line breaks some
// encoders insert.
func (b *base64Binary) UnmarshalText(text []byte) error {
	clean := strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, string(text))
	out, err := base64.StdEncoding.DecodeString(clean)
	if err != nil {
		return fmt.Errorf("invalid base64Binary: %w", err)
	}
	*b = out
	return nil
}

// MarshalText encodes standard base64.
func (b base64Binary) MarshalText() ([]byte, error) {
	return []byte(base64.StdEncoding.EncodeToString(b)), nil
}

// credentials are the in-body username and password elements of most
// Service Center operations (soap-apis.md §2.5); the element names are
// lower-case on the wire.
type credentials struct {
	Username string `xml:"username"`
	Password string `xml:"password"`
}

// withCredentials is implemented by every request that carries Service
// Center credentials (through an embedded credentials, or positionally):
// soapOp checks them before the operation runs, so no operation can forget.
type withCredentials interface{ creds() credentials }

func (c credentials) creds() credentials { return c }

// missingMandatory returns the XML names of the xsInt/xsBool fields of the
// struct *req that were not present in the request.
func missingMandatory(req any) []string {
	v := reflect.ValueOf(req).Elem()
	t := v.Type()
	var missing []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("xml"), ",")
		switch fv := v.Field(i).Interface().(type) {
		case xsInt:
			if !fv.Set {
				missing = append(missing, name)
			}
		case xsBool:
			if !fv.Set {
				missing = append(missing, name)
			}
		}
	}
	return missing
}
