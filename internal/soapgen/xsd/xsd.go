// Package xsd holds XML Schema types the generated SOAP code needs and
// gowsdl does not provide correctly.
package xsd

import "encoding/base64"

// Base64Binary is an xs:base64Binary value. gowsdl v0.5.0 maps
// xs:base64Binary to []byte, which encoding/xml writes and reads as raw
// character data instead of base64; internal/postgen rewrites such fields
// to this type.
type Base64Binary []byte

// MarshalText encodes b in standard base64.
func (b Base64Binary) MarshalText() ([]byte, error) {
	out := make([]byte, base64.StdEncoding.EncodedLen(len(b)))
	base64.StdEncoding.Encode(out, b)
	return out, nil
}

// UnmarshalText decodes standard base64, ignoring the white space servers
// insert to wrap long lines.
func (b *Base64Binary) UnmarshalText(text []byte) error {
	clean := make([]byte, 0, len(text))
	for _, c := range text {
		switch c {
		case ' ', '\t', '\r', '\n':
		default:
			clean = append(clean, c)
		}
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(clean)))
	n, err := base64.StdEncoding.Decode(out, clean)
	if err != nil {
		return err
	}
	*b = out[:n]
	return nil
}
