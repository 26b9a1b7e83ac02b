package compat

import (
	"slices"
	"time"
)

// Lifecycle is the support window of one OutSystems major version.
type Lifecycle struct {
	Major  string    // "OutSystems 10"
	Range  Range     // the versions it covers, such as [10.0, 11.0)
	Stack  string    // "" for the general rule, "java-or-mysql" for the OutSystems 10 exception
	GA     time.Time // general availability
	End    time.Time // end of (mainstream) support; zero means no end announced
	Note   string
	Source string // URL
	ref    string
}

// SupportState says whether a version is supported on a date.
type SupportState int

const (
	// SupportUnknown: the catalogue has no lifecycle for the version's
	// major, typically a future major newer than the catalogue.
	SupportUnknown SupportState = iota
	// Supported: inside its major's support window.
	Supported
	// EndOfSupport: past its major's end of support.
	EndOfSupport
)

// String returns "unknown", "supported" or "end of support".
func (s SupportState) String() string {
	switch s {
	case Supported:
		return "supported"
	case EndOfSupport:
		return "end of support"
	default:
		return "unknown"
	}
}

// SupportStatus is the answer of [Catalog.Supported].
type SupportStatus struct {
	State     SupportState
	Lifecycle Lifecycle // the general rule for the version's major (zero when unknown)
	// Exceptions are other windows for the same major that depend on the
	// stack, such as OutSystems 10 on Java or MySQL (supported until the end
	// of 2021). The caller knows its stack; State follows the general rule.
	Exceptions []Lifecycle
	// Defects holds the retracted or defective entries that match the
	// version itself (see [Catalog.Defects]).
	Defects []Defect
}

// Supported reports whether OutSystems version v (of any product: a
// LifeTime, Platform Server or Development Environment version follows the
// lifecycle of its major) is supported on the given day.
//
// OutSystems 11 has no announced end of support; OutSystems 10 ended on
// 2020-12-31 (end of 2021 on Java or MySQL). A version of a major the
// catalogue does not know, such as a future 12.x, gives [SupportUnknown]
// without an error. The only error is for the zero Version.
func (c *Catalog) Supported(v Version, on time.Time) (SupportStatus, error) {
	if v.parts == 0 {
		return SupportStatus{}, &ParseError{Reason: "no version given"}
	}
	var st SupportStatus
	found := false
	for _, lc := range c.eos {
		if !lc.Range.Contains(Version{seg: v.seg, parts: v.parts}) {
			continue
		}
		if lc.Stack != "" {
			st.Exceptions = append(st.Exceptions, lc)
			continue
		}
		if !found {
			st.Lifecycle, found = lc, true
		}
	}
	if found {
		st.State = Supported
		if !st.Lifecycle.End.IsZero() && on.After(endOfDay(st.Lifecycle.End)) {
			st.State = EndOfSupport
		}
	}
	st.Defects = c.Defects(v)
	return st, nil
}

// endOfDay returns the last instant of the day d (UTC).
func endOfDay(d time.Time) time.Time {
	return d.Add(24*time.Hour - time.Nanosecond)
}

// Lifecycles returns the support windows in the catalogue.
func (c *Catalog) Lifecycles() []Lifecycle { return slices.Clone(c.eos) }
