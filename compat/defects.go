package compat

import (
	"fmt"
	"slices"
	"time"
)

// DefectKind tells retracted versions from defective ones.
type DefectKind int

const (
	// Retracted: removed from availability by OutSystems.
	Retracted DefectKind = iota + 1
	// Defective: available, but with a known issue serious enough to warn
	// about before an upgrade.
	Defective
)

// String returns "retracted" or "defective".
func (k DefectKind) String() string {
	switch k {
	case Retracted:
		return "retracted"
	case Defective:
		return "defective"
	default:
		return fmt.Sprintf("DefectKind(%d)", int(k))
	}
}

// Defect is a retracted or defective version, or range of versions, of one
// product.
type Defect struct {
	Product  Product
	Versions []Version // the exact releases concerned (builds of them included)
	Range    Range     // or a half-open range of versions
	Kind     DefectKind
	Removed  time.Time // the date a retracted release was removed, or zero
	// PlatformServerMin, when set on a LifeTime defect, means the defect
	// only shows when LifeTime manages an environment at this Platform
	// Server version or newer.
	PlatformServerMin Version
	SelfManagedOnly   bool // the defect concerns self-managed installations only
	Reason            string
	Remedy            string
	Source            string // URL
	ref               string
}

// Matches reports whether the defect concerns version v of its product (a
// version with ProductUnknown is taken to be of the defect's product). The
// conditions PlatformServerMin and SelfManagedOnly are not checked here;
// the rules check them against an [Infrastructure].
func (d Defect) Matches(v Version) bool {
	if v.product != ProductUnknown && v.product != d.Product {
		return false
	}
	v.product = d.Product
	if len(d.Versions) > 0 {
		return slices.ContainsFunc(d.Versions, func(x Version) bool { return x.compareNumbers(v) == 0 })
	}
	return d.Range.Contains(v)
}

// Defects returns the retracted or defective entries that concern v.
func (c *Catalog) Defects(v Version) []Defect {
	var out []Defect
	for _, d := range c.defects {
		if d.Matches(v) {
			d.Versions = slices.Clone(d.Versions)
			out = append(out, d)
		}
	}
	return out
}

// AllDefects returns every retracted or defective entry in the catalogue.
func (c *Catalog) AllDefects() []Defect {
	out := make([]Defect, len(c.defects))
	for i, d := range c.defects {
		d.Versions = slices.Clone(d.Versions)
		out[i] = d
	}
	return out
}
