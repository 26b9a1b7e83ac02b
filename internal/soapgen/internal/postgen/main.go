// Command postgen fixes two gowsdl v0.5.0 problems in a generated file:
//
//  1. Every field is tagged ",omitempty" (hooklift/gowsdl issue #187), so a
//     request carrying false or 0 would leave the element out. The
//     OutSystems services declare every boolean and integer element
//     mandatory (minOccurs="1", soap-apis.md section 1), and the project's
//     WSDL files keep that rule (checked by the soapgen tests). postgen
//     drops ",omitempty" from the xml and json tags of every non-pointer
//     bool, integer or float field.
//  2. xs:base64Binary becomes []byte, which encoding/xml writes and reads
//     as raw character data, not base64. postgen changes such fields to
//     xsd.Base64Binary.
//
// Everything else is left as gowsdl wrote it.
//
// Usage (from a go:generate line): go run ./internal/postgen FILE...
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"regexp"
)

const xsdImport = `"github.com/go-outsystems/outsystems/internal/soapgen/xsd"`

var (
	// scalarField matches one generated struct field of a scalar type with its tag.
	scalarField = regexp.MustCompile("(?m)^(\\s+\\w+ (?:bool|u?int(?:8|16|32|64)?|float(?:32|64)) )`([^`]*)`")
	// bytesField matches one generated struct field of type []byte.
	bytesField = regexp.MustCompile("(?m)^(\\s+\\w+ )\\[\\]byte( `)")
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: postgen FILE...")
		os.Exit(2)
	}
	for _, name := range os.Args[1:] {
		if err := rewrite(name); err != nil {
			fmt.Fprintln(os.Stderr, "postgen:", err)
			os.Exit(1)
		}
	}
}

func rewrite(name string) error {
	src, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	out := scalarField.ReplaceAllFunc(src, func(m []byte) []byte {
		sub := scalarField.FindSubmatch(m)
		tag := bytes.ReplaceAll(sub[2], []byte(",omitempty"), nil)
		return fmt.Appendf(nil, "%s`%s`", sub[1], tag)
	})
	if bytesField.Match(out) {
		out = bytesField.ReplaceAll(out, []byte("${1}xsd.Base64Binary${2}"))
		out = bytes.Replace(out, []byte("import (\n"), []byte("import (\n\t"+xsdImport+"\n"), 1)
	}
	formatted, err := format.Source(out)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return os.WriteFile(name, formatted, 0o644)
}
