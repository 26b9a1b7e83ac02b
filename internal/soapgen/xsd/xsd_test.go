package xsd

import (
	"encoding/xml"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBase64BinaryRoundTrip(t *testing.T) {
	type doc struct {
		XMLName xml.Name     `xml:"d"`
		File    Base64Binary `xml:"file"`
	}
	in := doc{File: Base64Binary("PK\x03\x04\x00osp")}
	raw, err := xml.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if want := `<d><file>UEsDBABvc3A=</file></d>`; string(raw) != want {
		t.Errorf("marshal = %s, want %s", raw, want)
	}
	var out doc
	if err := xml.Unmarshal([]byte("<d><file>UEsD\r\n  BABvc3A=</file></d>"), &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in.File, out.File); diff != "" {
		t.Errorf("unmarshal (-want +got):\n%s", diff)
	}
	if err := xml.Unmarshal([]byte("<d><file>not base64!</file></d>"), &out); err == nil {
		t.Error("invalid base64 accepted")
	}
}
