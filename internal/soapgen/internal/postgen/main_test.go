package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRewrite(t *testing.T) {
	in := "package p\n\nimport (\n\t\"encoding/xml\"\n)\n\nvar _ xml.Name\n\ntype T struct {\n" +
		"\tName string `xml:\"Name,omitempty\" json:\"Name,omitempty\"`\n" +
		"\tFlag bool `xml:\"Flag,omitempty\" json:\"Flag,omitempty\"`\n" +
		"\tCount int64 `xml:\"Count,omitempty\" json:\"Count,omitempty\"`\n" +
		"\tPtr *bool `xml:\"Ptr,omitempty\" json:\"Ptr,omitempty\"`\n" +
		"\tFile []byte `xml:\"File,omitempty\" json:\"File,omitempty\"`\n}\n"
	want := "package p\n\nimport (\n\t\"encoding/xml\"\n\t\"github.com/go-outsystems/outsystems/internal/soapgen/xsd\"\n)\n\nvar _ xml.Name\n\ntype T struct {\n" +
		"\tName  string           `xml:\"Name,omitempty\" json:\"Name,omitempty\"`\n" +
		"\tFlag  bool             `xml:\"Flag\" json:\"Flag\"`\n" +
		"\tCount int64            `xml:\"Count\" json:\"Count\"`\n" +
		"\tPtr   *bool            `xml:\"Ptr,omitempty\" json:\"Ptr,omitempty\"`\n" +
		"\tFile  xsd.Base64Binary `xml:\"File,omitempty\" json:\"File,omitempty\"`\n}\n"
	name := filepath.Join(t.TempDir(), "gen.go")
	if err := os.WriteFile(name, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 { // idempotent
		if err := rewrite(name); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, string(got)); diff != "" {
			t.Errorf("rewrite (-want +got):\n%s", diff)
		}
	}
}
