package compat

import (
	"cmp"
	"fmt"
	"slices"
)

// Area is what a breaking change touches. The catalogue tags each change
// with the areas it affects and the subset whose owners must act.
type Area string

// Areas used by the catalogue.
const (
	AreaPlugins        Area = "plugins"        // LifeTime plugins (modules in the LifeTime environment)
	AreaLifeTimeSDK    Area = "lifetime-sdk"   // the LifeTime SDK module plugins build on
	AreaREST           Area = "rest"           // integrations calling the LifeTime REST API
	AreaSOAP           Area = "soap"           // integrations calling LifeTime Services or Service Center SOAP
	AreaAuthentication Area = "authentication" // logins, tokens, passwords, permissions
	AreaData           Area = "data"           // retention and stored data
	AreaUI             Area = "ui"             // the LifeTime user interface
	AreaDeployment     Area = "deployment"     // deployment planning and staging
	AreaConfiguration  Area = "configuration"  // LifeTime settings
	AreaInfrastructure Area = "infrastructure" // installation, servers and databases
	AreaApplications   Area = "applications"   // application code running on the Platform Server
	AreaExtensions     Area = "extensions"     // extensions and database connectors
	AreaOutSystems10   Area = "outsystems10"   // infrastructures with OutSystems 10 environments
)

var knownAreas = []Area{AreaPlugins, AreaLifeTimeSDK, AreaREST, AreaSOAP, AreaAuthentication, AreaData,
	AreaUI, AreaDeployment, AreaConfiguration, AreaInfrastructure, AreaApplications, AreaExtensions, AreaOutSystems10}

// UnmarshalText accepts only the known areas, so a typo in a catalogue file
// is an error rather than a silently ignored tag.
func (a *Area) UnmarshalText(b []byte) error {
	if !slices.Contains(knownAreas, Area(b)) {
		return fmt.Errorf("compat: unknown area %q", b)
	}
	*a = Area(b)
	return nil
}

// BreakingChange is a LifeTime or Platform Server change that can break
// plugins, integrations, applications or the installation.
type BreakingChange struct {
	ID         string  // stable id: "LT-BC-2024-2" (LifeTime, compat-facts §4.1), "O11-bc-11190-1" (OutSystems 11 article)
	Product    Product // LifeTime or PlatformServer
	Introduced Version // the first version with the change
	Summary    string  // what changes
	Remedy     string  // what to do
	Affects    []Area  // what it touches
	ActionFor  []Area  // the subset of Affects whose owners must act; empty means informational
	SameAs     string  // the id of the same change listed elsewhere, if any
	Source     string  // URL
	ref        string  // the row in compat-facts.md the entry comes from
}

// IntegrationKind is how a system talks to LifeTime.
type IntegrationKind string

// Integration kinds.
const (
	IntegrationREST IntegrationKind = "rest" // LifeTime REST API (v1 or v2)
	IntegrationSOAP IntegrationKind = "soap" // LifeTime Services or Service Center SOAP services
)

// Filter describes what an infrastructure has, so that a breaking-change
// query returns what concerns it.
type Filter struct {
	Plugins                  bool              // LifeTime plugins are installed
	Integrations             []IntegrationKind // systems call LifeTime or Service Center APIs
	OutSystems10Environments bool              // some application environments run OutSystems 10
	// All returns every change in the range, relevant or not; ActionRequired
	// is still computed from the fields above.
	All bool
}

// Impact is a breaking change as it concerns one infrastructure.
type Impact struct {
	Change BreakingChange
	// ActionRequired reports that the infrastructure has something the
	// change requires action on (a plugin, an integration of the affected
	// kind, ...). False means informational.
	ActionRequired bool
	// LifeTime is, in a LifeTime query, the LifeTime release that brings
	// the change: the change's own version, or for a Platform Server change
	// the first LifeTime release known to bundle that Platform Server, or
	// the target when no known release up to the target does. It is zero
	// in a Platform Server query.
	LifeTime Version
}

// exposure is the set of areas an infrastructure holds.
type exposure map[Area]bool

func (f Filter) exposure(base ...Area) exposure {
	e := exposure{}
	for _, a := range base {
		e[a] = true
	}
	if f.Plugins {
		e[AreaPlugins], e[AreaLifeTimeSDK] = true, true
	}
	for _, k := range f.Integrations {
		switch k {
		case IntegrationREST:
			e[AreaREST] = true
		case IntegrationSOAP:
			e[AreaSOAP] = true
		}
	}
	if f.OutSystems10Environments {
		e[AreaOutSystems10] = true
	}
	return e
}

func (e exposure) any(areas []Area) bool {
	return slices.ContainsFunc(areas, func(a Area) bool { return e[a] })
}

// informational areas concern everyone who runs LifeTime, without action.
var informational = []Area{AreaUI, AreaData, AreaConfiguration, AreaAuthentication, AreaDeployment}

// BreakingChanges returns the breaking changes met when going from version
// from (exclusive) to version to (inclusive), in version order, as they
// concern the infrastructure described by f.
//
// For two LifeTime versions (or two versions with [ProductUnknown], read as
// LifeTime) it returns the LifeTime changes in (from, to] and, as the
// LifeTime upgrade guide asks for plugins and integrations, the OutSystems 11
// Platform Server changes between the Platform Servers bundled with from
// and to that touch plugins (applications and extensions in the LifeTime
// environment) or the integrations f names. Platform Server changes of the
// LifeTime environment's installation (databases, Windows) are not included:
// they belong to the system requirements of the target.
//
// For two Platform Server versions it returns the Platform Server changes
// in (from, to] of an application environment, where applications,
// extensions and the installation always count as present.
//
// A change is returned when it touches something f says the infrastructure
// has, or is informational for everyone (UI, data retention, settings);
// set f.All for every change. Changes listed twice (the same change in the
// LifeTime notes and the OutSystems 11 article) are returned once. A
// version newer than the catalogue is fine: changes are known up to the
// catalogue's snapshot.
func (c *Catalog) BreakingChanges(from, to Version, f Filter) ([]Impact, error) {
	p := from.product
	if p == ProductUnknown {
		p = to.product
	}
	if p == ProductUnknown {
		p = LifeTime
	}
	if p != LifeTime && p != PlatformServer {
		return nil, &ProductError{Want: LifeTime, Got: from, Op: "BreakingChanges"}
	}
	var err error
	if from, err = from.As(p); err != nil {
		return nil, &ProductError{Want: p, Got: from, Op: "BreakingChanges"}
	}
	if to, err = to.As(p); err != nil {
		return nil, &ProductError{Want: p, Got: to, Op: "BreakingChanges"}
	}
	if to.compareNumbers(from) < 0 {
		return nil, fmt.Errorf("compat: BreakingChanges: target %s is older than %s", to.Label(), from.Label())
	}
	var out []Impact
	if to.compareNumbers(from) == 0 {
		return out, nil
	}
	if p == PlatformServer {
		e := f.exposure(AreaApplications, AreaExtensions, AreaInfrastructure)
		for _, bc := range c.changesIn(PlatformServer, from, to) {
			if f.All || e.any(bc.Affects) || anyOf(bc.Affects, informational) {
				out = append(out, Impact{Change: bc, ActionRequired: e.any(bc.ActionFor)})
			}
		}
		return dedupe(out), nil
	}

	e := f.exposure(AreaInfrastructure)
	for _, bc := range c.changesIn(LifeTime, from, to) {
		if f.All || e.any(bc.Affects) || anyOf(bc.Affects, informational) {
			out = append(out, Impact{Change: bc, ActionRequired: e.any(bc.ActionFor), LifeTime: bc.Introduced})
		}
	}
	// Platform Server changes reach the LifeTime environment with the
	// bundle. Where a bundle is only bounded, take the widest reading: from
	// the lowest possible bundle of from to the highest possible of to.
	psFrom, psTo := c.bundleBounds(from).lo, c.bundleBounds(to).hi
	pe := f.exposure()
	if f.Plugins {
		pe[AreaApplications], pe[AreaExtensions] = true, true
	}
	for _, bc := range c.changesIn(PlatformServer, psFrom, psTo) {
		if f.All || pe.any(bc.Affects) {
			via := c.firstLifeTimeBundling(bc.Introduced)
			if via.IsZero() || via.compareNumbers(to) > 0 {
				via = to
			}
			if via.compareNumbers(from) <= 0 {
				// Known only from a later patch of an older line: say the
				// first release after from.
				via = c.nextRelease(from, to)
			}
			out = append(out, Impact{Change: bc, ActionRequired: pe.any(bc.ActionFor), LifeTime: via})
		}
	}
	slices.SortStableFunc(out, func(x, y Impact) int {
		if c := compareOptional(x.LifeTime, y.LifeTime); c != 0 {
			return c
		}
		return compareChanges(x.Change, y.Change)
	})
	return dedupe(out), nil
}

// changesIn returns the changes of product p introduced in (from, to]; a
// zero to means no upper bound.
func (c *Catalog) changesIn(p Product, from, to Version) []BreakingChange {
	var out []BreakingChange
	for _, bc := range c.changes {
		if bc.Product == p && bc.Introduced.compareNumbers(from) > 0 && (to.IsZero() || bc.Introduced.compareNumbers(to) <= 0) {
			out = append(out, cloneChange(bc))
		}
	}
	return out
}

// firstLifeTimeBundling returns the oldest LifeTime release whose notes
// name a bundled Platform Server at or above ps, or the zero Version.
func (c *Catalog) firstLifeTimeBundling(ps Version) Version {
	var best Version
	for _, r := range c.releases {
		if r.Version.product != LifeTime || r.BundledPlatformServer.IsZero() || r.BundledPlatformServer.compareNumbers(ps) < 0 {
			continue
		}
		if best.IsZero() || r.Version.compareNumbers(best) < 0 {
			best = r.Version
		}
	}
	return best
}

// nextRelease returns the first known release of v's product after v, or
// limit when none is known before it.
func (c *Catalog) nextRelease(v, limit Version) Version {
	for _, r := range c.byProd[v.product] {
		if r.Version.compareNumbers(v) > 0 {
			if r.Version.compareNumbers(limit) < 0 {
				return r.Version
			}
			break
		}
	}
	return limit
}

// BreakingChange returns the change with the given id.
func (c *Catalog) BreakingChange(id string) (BreakingChange, bool) {
	for _, bc := range c.changes {
		if bc.ID == id {
			return cloneChange(bc), true
		}
	}
	return BreakingChange{}, false
}

// AllBreakingChanges returns every change in the catalogue, LifeTime first,
// each product in version order.
func (c *Catalog) AllBreakingChanges() []BreakingChange {
	out := make([]BreakingChange, len(c.changes))
	for i, bc := range c.changes {
		out[i] = cloneChange(bc)
	}
	return out
}

func cloneChange(bc BreakingChange) BreakingChange {
	bc.Affects, bc.ActionFor = slices.Clone(bc.Affects), slices.Clone(bc.ActionFor)
	return bc
}

// dedupe drops a change whose SameAs twin is also in the list.
func dedupe(in []Impact) []Impact {
	ids := map[string]bool{}
	for _, im := range in {
		ids[im.Change.ID] = true
	}
	return slices.DeleteFunc(in, func(im Impact) bool { return im.Change.SameAs != "" && ids[im.Change.SameAs] })
}

func compareChanges(x, y BreakingChange) int {
	if c := x.Introduced.Compare(y.Introduced); c != 0 {
		return c
	}
	return cmp.Compare(x.ID, y.ID)
}

// compareOptional orders zero versions (unknown) last.
func compareOptional(x, y Version) int {
	switch {
	case x.IsZero() && y.IsZero():
		return 0
	case x.IsZero():
		return 1
	case y.IsZero():
		return -1
	}
	return x.Compare(y)
}

func anyOf(areas, set []Area) bool {
	return slices.ContainsFunc(areas, func(a Area) bool { return slices.Contains(set, a) })
}
