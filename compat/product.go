package compat

import (
	"fmt"
	"strings"
)

// Product is the OutSystems component a version belongs to. LifeTime,
// Platform Server and the Development Environment are numbered
// independently since LifeTime 11.4.0 / Platform Server 11.7.0 (LifeTime
// 11.30.0 bundles Platform Server 11.42.1), so a [Version] carries its
// product and the package never orders two products by number.
type Product int

const (
	// ProductUnknown is the product of a version parsed from a bare number
	// such as "11.26.0". Catalogue queries adopt it as the product they
	// expect; use [ParseProduct] or [Version.As] to state it.
	ProductUnknown Product = iota
	// LifeTime is the LifeTime management console.
	LifeTime
	// PlatformServer is the Platform Server of an environment (the
	// OSVersion field of a LifeTime API environment).
	PlatformServer
	// DevelopmentEnvironment is Service Studio / Integration Studio.
	DevelopmentEnvironment
)

var productNames = [...]string{
	ProductUnknown:         "unknown product",
	LifeTime:               "LifeTime",
	PlatformServer:         "Platform Server",
	DevelopmentEnvironment: "Development Environment",
}

// productKeys are the spellings used in the catalogue file.
var productKeys = [...]string{
	ProductUnknown:         "",
	LifeTime:               "lifetime",
	PlatformServer:         "platform-server",
	DevelopmentEnvironment: "development-environment",
}

// String returns the product's name as OutSystems writes it, for example
// "Platform Server".
func (p Product) String() string {
	if p < 0 || int(p) >= len(productNames) {
		return fmt.Sprintf("Product(%d)", int(p))
	}
	return productNames[p]
}

// MarshalText encodes the product as its catalogue key ("lifetime",
// "platform-server", "development-environment").
func (p Product) MarshalText() ([]byte, error) {
	if p <= ProductUnknown || int(p) >= len(productKeys) {
		return nil, fmt.Errorf("compat: cannot encode %v", p)
	}
	return []byte(productKeys[p]), nil
}

// UnmarshalText decodes a catalogue key or a product name, case-insensitively.
func (p *Product) UnmarshalText(b []byte) error {
	got, ok := productFromName(string(b))
	if !ok {
		return fmt.Errorf("compat: unknown product %q", b)
	}
	*p = got
	return nil
}

func productFromName(s string) (Product, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for p := LifeTime; int(p) < len(productKeys); p++ {
		if s == productKeys[p] || s == strings.ToLower(productNames[p]) {
			return p, true
		}
	}
	switch s {
	case "lt", "lifetime management console":
		return LifeTime, true
	case "ps", "platformserver", "platform":
		return PlatformServer, true
	case "service studio", "integration studio", "de":
		return DevelopmentEnvironment, true
	}
	return ProductUnknown, false
}

// productPrefixes are the words OutSystems puts before a version ("LifeTime
// 11.30.1", "Platform Server 11.19.0 (Build 39069)"), longest first.
var productPrefixes = []struct {
	word    string
	product Product
}{
	{"lifetime management console", LifeTime},
	{"development environment", DevelopmentEnvironment},
	{"integration studio", DevelopmentEnvironment},
	{"platform server", PlatformServer},
	{"service studio", DevelopmentEnvironment},
	{"lifetime", LifeTime},
}
