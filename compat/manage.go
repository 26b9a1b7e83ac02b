package compat

import "fmt"

// ManageLevel says how far a LifeTime can manage an environment.
type ManageLevel int

const (
	// ManageUnknown: the catalogue has no rule for this pair, typically a
	// major newer than the catalogue.
	ManageUnknown ManageLevel = iota
	// ManageFull: LifeTime manages the environment.
	ManageFull
	// ManageLimited: only during an infrastructure upgrade period, without
	// deployments or analytics between different majors.
	ManageLimited
	// ManageNo: LifeTime cannot manage the environment.
	ManageNo
)

// String returns "unknown", "full", "limited" or "no".
func (l ManageLevel) String() string {
	names := [...]string{ManageUnknown: "unknown", ManageFull: "full", ManageLimited: "limited", ManageNo: "no"}
	if l < 0 || int(l) >= len(names) {
		return fmt.Sprintf("ManageLevel(%d)", int(l))
	}
	return names[l]
}

// Management is the answer of [Catalog.CanManage].
type Management struct {
	Level    ManageLevel
	Reason   string   // why this level, for people
	Warnings []string // conditions worth a human look (inferred rules)
	Source   string   // URL of the rule applied
}

const (
	srcLifeTimeVersions = "https://github.com/OutSystems/docs-support/blob/27a1bfb7/src/enterprise/upgrade/lifetime-versions.md"
	srcDec2018          = "https://github.com/OutSystems/docs-support/blob/9d3649cd/src/release-notes/lifetime-management-console/lifetime-management-console-dec.2018.htm"
)

var (
	// minManagedFull is the oldest Platform Server LifeTime 11 manages (S2).
	minManagedFull = Version{product: PlatformServer, seg: [4]int{10, 0, 105, 0}, parts: 4}
	// minManagedLimited is the oldest Platform Server LifeTime 11 manages
	// during an upgrade period (S3).
	minManagedLimited = Version{product: PlatformServer, seg: [4]int{9, 0, 1, 0}, parts: 3}
)

// CanManage reports whether LifeTime version lifetime can manage an
// environment running Platform Server version platform.
//
// LifeTime 11 (Release Sep.2018 and later) manages Platform Server
// 10.0.105.0 and newer, and from 9.0.1 during an upgrade period with
// limited features (compat-facts S1-S3; the OutSystems page stating this
// was removed in 2022, so it may be stale). An environment newer than the
// Platform Server bundled with the LifeTime gives a warning: LifeTime
// refuses to add such an environment (RPD-3347), and LifeTime should be the
// most up-to-date environment of the infrastructure. Up to OutSystems 10 a
// LifeTime managed only its own major. Majors newer than the catalogue give
// [ManageUnknown], not an error; a version of the wrong product is a
// *[ProductError].
func (c *Catalog) CanManage(lifetime, platform Version) (Management, error) {
	lt, err := lifetime.As(LifeTime)
	if err != nil {
		return Management{}, &ProductError{Want: LifeTime, Got: lifetime, Op: "CanManage"}
	}
	ps, err := platform.As(PlatformServer)
	if err != nil {
		return Management{}, &ProductError{Want: PlatformServer, Got: platform, Op: "CanManage"}
	}
	if lt.IsZero() || ps.IsZero() || lt.parts == 0 || ps.parts == 0 {
		return Management{}, &ParseError{Reason: "CanManage needs both versions"}
	}
	switch {
	case lt.Major() > 11 || ps.Major() > 11:
		return Management{Level: ManageUnknown, Reason: fmt.Sprintf("the catalogue has no rule for %s with %s", lt.Label(), ps.Label())}, nil
	case lt.Major() < 11:
		if ps.Major() == lt.Major() {
			return Management{Level: ManageFull, Reason: "up to OutSystems 10, LifeTime manages environments of its own major that run the same or an older Platform Server than the LifeTime environment", Source: srcLifeTimeVersions}, nil
		}
		return Management{Level: ManageNo, Reason: "up to OutSystems 10, LifeTime manages only environments of its own major", Source: srcLifeTimeVersions}, nil
	}
	var m Management
	switch {
	case ps.compareNumbers(minManagedFull) >= 0:
		m = Management{Level: ManageFull, Reason: "LifeTime 11 manages environments running Platform Server 10.0.105.0 or newer", Source: srcLifeTimeVersions}
	case ps.compareNumbers(minManagedLimited) >= 0:
		m = Management{Level: ManageLimited, Reason: "LifeTime 11 manages Platform Server " + ps.String() + " only during an infrastructure upgrade period, without deployments or analytics between majors", Source: srcLifeTimeVersions}
	default:
		return Management{Level: ManageNo, Reason: "LifeTime 11 cannot manage environments older than Platform Server 9.0.1", Source: srcLifeTimeVersions}, nil
	}
	if b := c.bundleBounds(lt); ps.Major() == 11 && !b.hi.IsZero() && ps.compareNumbers(b.hi) > 0 {
		m.Warnings = append(m.Warnings, fmt.Sprintf("the environment runs Platform Server %s, newer than the Platform Server bundled with LifeTime %s (at most %s): LifeTime refuses to add environments with a higher version (RPD-3347) and should be the most up-to-date environment; upgrade LifeTime first", ps, lt, b.hi))
	}
	return m, nil
}
