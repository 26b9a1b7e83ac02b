package compat

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// embeddedCatalog is the catalogue shipped with the module
// (compat/catalog/catalog.json). Its schema is checked by the tests.
//
//go:embed catalog/catalog.json
var embeddedCatalog []byte

// SchemaVersion is the catalogue file schema this package reads.
const SchemaVersion = 1

// maxCatalogSize bounds what Load reads, so a wrong file cannot exhaust memory.
const maxCatalogSize = 16 << 20

// Catalog is a release catalogue: releases of LifeTime, Platform Server and
// the Development Environment, end-of-support dates, retracted and defective
// versions, breaking changes and features with their minimum versions. It is
// immutable once loaded and safe for concurrent use; accessors return copies.
type Catalog struct {
	snapshot time.Time
	releases []Release             // sorted by product, then version
	byProd   map[Product][]Release // views of releases per product; never handed out
	eos      []Lifecycle
	defects  []Defect
	changes  []BreakingChange // sorted by product, version, id
	features []Feature
}

// defaultCatalog parses the embedded catalogue once. It is immutable after
// that, so sharing it is safe.
var defaultCatalog = sync.OnceValues(func() (*Catalog, error) {
	return Load(bytes.NewReader(embeddedCatalog))
})

// Default returns the catalogue embedded in this module, parsed on first
// use and shared afterwards (it is immutable). The package tests validate
// the embedded file, so loading it cannot fail in a released build; if it
// ever did, Default returns an empty catalogue rather than panicking.
func Default() *Catalog {
	c, err := defaultCatalog()
	if err != nil {
		return &Catalog{}
	}
	return c
}

// LoadFile reads a catalogue file, such as a newer catalog.json than the one
// embedded in this module. See [Load].
func LoadFile(path string) (*Catalog, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &CatalogError{Reason: "cannot open " + path, Err: err}
	}
	defer f.Close()
	return Load(f)
}

// Load reads and validates a catalogue in the JSON format of
// compat/catalog/catalog.json (schema [SchemaVersion]). Unknown fields,
// unparsable versions or dates, references to unknown ids and sources
// that are not https URLs are *[CatalogError]s.
func Load(r io.Reader) (*Catalog, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCatalogSize+1))
	if err != nil {
		return nil, &CatalogError{Reason: "cannot read", Err: err}
	}
	if len(data) > maxCatalogSize {
		return nil, &CatalogError{Reason: fmt.Sprintf("file is larger than %d bytes", maxCatalogSize)}
	}
	var raw rawCatalog
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return nil, &CatalogError{Reason: "invalid JSON", Err: err}
	}
	if raw.Schema != SchemaVersion {
		return nil, &CatalogError{Reason: fmt.Sprintf("schema %d is not supported (want %d)", raw.Schema, SchemaVersion)}
	}
	return raw.build()
}

// Snapshot returns the date of the sources the catalogue was built from.
func (c *Catalog) Snapshot() time.Time { return c.snapshot }

// Parse is [Parse] with release names looked up in this catalogue.
func (c *Catalog) Parse(s string) (Version, error) { return parseWith(c, ProductUnknown, s) }

// ParseProduct is [ParseProduct] with release names looked up in this
// catalogue.
func (c *Catalog) ParseProduct(kind Product, s string) (Version, error) {
	if kind <= ProductUnknown || kind > DevelopmentEnvironment {
		return Version{}, &ParseError{Input: s, Product: kind, Reason: "unknown product kind"}
	}
	return parseWith(c, kind, s)
}

// ---- file format ----

type rawCatalog struct {
	Schema          int            `json:"schema"`
	Snapshot        string         `json:"snapshot"`
	About           string         `json:"about"`
	Releases        []rawRelease   `json:"releases"`
	EndOfSupport    []rawLifecycle `json:"end_of_support"`
	Defects         []rawDefect    `json:"defects"`
	BreakingChanges []rawChange    `json:"breaking_changes"`
	Features        []rawFeature   `json:"features"`
}

type rawRelease struct {
	Product  Product `json:"product"`
	Version  string  `json:"version"`
	Name     string  `json:"name"`
	Date     string  `json:"date"`
	Removed  string  `json:"removed"`
	Bundled  string  `json:"bundled_platform_server"`
	Breaking bool    `json:"breaking"`
	Note     string  `json:"note"`
	Source   string  `json:"source"`
}

type rawLifecycle struct {
	Ref    string `json:"ref"`
	Major  string `json:"major"`
	Stack  string `json:"stack"`
	Min    string `json:"min"`
	Max    string `json:"max"`
	GA     string `json:"ga"`
	End    string `json:"end"`
	Note   string `json:"note"`
	Source string `json:"source"`
}

type rawDefect struct {
	Ref               string   `json:"ref"`
	Product           Product  `json:"product"`
	Versions          []string `json:"versions"`
	Min               string   `json:"min"`
	Max               string   `json:"max"`
	Kind              string   `json:"kind"`
	Removed           string   `json:"removed"`
	PlatformServerMin string   `json:"platform_server_min"`
	SelfManagedOnly   bool     `json:"self_managed_only"`
	Reason            string   `json:"reason"`
	Remedy            string   `json:"remedy"`
	Source            string   `json:"source"`
}

type rawChange struct {
	ID        string  `json:"id"`
	Ref       string  `json:"ref"`
	Product   Product `json:"product"`
	Version   string  `json:"version"`
	Summary   string  `json:"summary"`
	Remedy    string  `json:"remedy"`
	Affects   []Area  `json:"affects"`
	ActionFor []Area  `json:"action_for"`
	SameAs    string  `json:"same_as"`
	Source    string  `json:"source"`
}

type rawFeature struct {
	ID       string   `json:"id"`
	Summary  string   `json:"summary"`
	Refs     []string `json:"refs"`
	LifeTime struct {
		Min string `json:"min"`
		Max string `json:"max"`
	} `json:"lifetime"`
	PlatformServerMin []string `json:"platform_server_min"`
	Scope             Scope    `json:"platform_server_scope"`
	SelfManagedOnly   bool     `json:"self_managed_only"`
	Source            string   `json:"source"`
}

// builder collects the first error while converting, so each conversion
// stays one line.
type builder struct{ err error }

func (b *builder) fail(where, reason string, err error) {
	if b.err == nil {
		b.err = &CatalogError{Where: where, Reason: reason, Err: err}
	}
}

func (b *builder) version(where string, p Product, s string, optional bool) Version {
	if s == "" {
		if !optional {
			b.fail(where, "missing version", nil)
		}
		return Version{}
	}
	if namedForm.MatchString(strings.TrimSpace(s)) {
		b.fail(where, "versions must be numeric in the catalogue", nil)
		return Version{}
	}
	v, err := parseNumeric(strings.TrimSpace(s))
	if err != nil {
		err.Input, err.Product = s, p
		b.fail(where, "bad version", err)
		return Version{}
	}
	v.product = p
	return v
}

func (b *builder) date(where, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		b.fail(where, "bad date", err)
	}
	return t
}

func (b *builder) product(where string, p Product) {
	if p <= ProductUnknown || p > DevelopmentEnvironment {
		b.fail(where, "missing or unknown product", nil)
	}
}

// id records an entry's id in seen and fails when it is empty or repeated.
func (b *builder) id(where, id string, seen map[string]bool) {
	if id == "" || seen[id] {
		b.fail(where, "missing or duplicate id", nil)
	}
	seen[id] = true
}

func (b *builder) source(where, s string) {
	if !strings.HasPrefix(s, "https://") || strings.ContainsAny(s, " \t\n") {
		b.fail(where, "source must be an https URL", errors.New(s))
	}
}

func (raw *rawCatalog) build() (*Catalog, error) {
	var b builder
	c := &Catalog{snapshot: b.date("snapshot", raw.Snapshot)}
	seen := map[string]bool{}
	for i, r := range raw.Releases {
		where := fmt.Sprintf("releases[%d] (%s)", i, r.Version)
		b.product(where, r.Product)
		rel := Release{
			Version:  b.version(where, r.Product, r.Version, false),
			Date:     b.date(where, r.Date),
			Removed:  b.date(where, r.Removed),
			Breaking: r.Breaking,
			Note:     r.Note,
			Source:   r.Source,
		}
		b.source(where, r.Source)
		if r.Bundled != "" {
			if r.Product != LifeTime {
				b.fail(where, "only LifeTime releases bundle a Platform Server", nil)
			}
			rel.BundledPlatformServer = b.version(where, PlatformServer, r.Bundled, false)
		}
		if r.Name != "" {
			m := namedForm.FindStringSubmatch(strings.TrimSpace(r.Name))
			if m == nil {
				b.fail(where, "release name must look like \"Release Sep.2018\" or \"Oct.2019 CP3\"", nil)
			} else {
				rel.nameKey = nameKey(m[1], m[2], m[3])
				rel.Version.name = r.Name
			}
		}
		if rel.Date.IsZero() && rel.Removed.IsZero() && r.Product != PlatformServer {
			b.fail(where, "a LifeTime or Development Environment release needs a date", nil)
		}
		key := r.Product.String() + " " + rel.Version.String()
		if seen[key] {
			b.fail(where, "duplicate release", nil)
		}
		seen[key] = true
		c.releases = append(c.releases, rel)
	}
	slices.SortStableFunc(c.releases, func(x, y Release) int { return x.Version.Compare(y.Version) })
	c.byProd = map[Product][]Release{}
	for _, r := range c.releases {
		c.byProd[r.Version.product] = append(c.byProd[r.Version.product], r)
	}

	for i, r := range raw.EndOfSupport {
		where := fmt.Sprintf("end_of_support[%d] (%s)", i, r.Major)
		lc := Lifecycle{
			Major:  r.Major,
			Stack:  r.Stack,
			Range:  Range{Min: b.version(where, ProductUnknown, r.Min, false), Max: b.version(where, ProductUnknown, r.Max, false)},
			GA:     b.date(where, r.GA),
			End:    b.date(where, r.End),
			Note:   r.Note,
			Source: r.Source,
			ref:    r.Ref,
		}
		b.source(where, r.Source)
		if lc.Range.Empty() {
			b.fail(where, "empty version range", nil)
		}
		c.eos = append(c.eos, lc)
	}

	for i, r := range raw.Defects {
		where := fmt.Sprintf("defects[%d] (%s)", i, r.Ref)
		b.product(where, r.Product)
		d := Defect{
			Product:         r.Product,
			Range:           Range{Min: b.version(where, r.Product, r.Min, true), Max: b.version(where, r.Product, r.Max, true)},
			Removed:         b.date(where, r.Removed),
			SelfManagedOnly: r.SelfManagedOnly,
			Reason:          r.Reason,
			Remedy:          r.Remedy,
			Source:          r.Source,
			ref:             r.Ref,
		}
		for _, s := range r.Versions {
			d.Versions = append(d.Versions, b.version(where, r.Product, s, false))
		}
		if len(d.Versions) == 0 && d.Range.Min.IsZero() && d.Range.Max.IsZero() {
			b.fail(where, "a defect needs versions or a range", nil)
		}
		switch r.Kind {
		case "retracted":
			d.Kind = Retracted
		case "defective":
			d.Kind = Defective
		default:
			b.fail(where, "kind must be retracted or defective", nil)
		}
		d.PlatformServerMin = b.version(where, PlatformServer, r.PlatformServerMin, true)
		if d.Reason == "" || d.Remedy == "" {
			b.fail(where, "reason and remedy are required", nil)
		}
		b.source(where, r.Source)
		c.defects = append(c.defects, d)
	}

	ids := map[string]bool{}
	for i, r := range raw.BreakingChanges {
		where := fmt.Sprintf("breaking_changes[%d] (%s)", i, r.ID)
		b.product(where, r.Product)
		b.id(where, r.ID, ids)
		bc := BreakingChange{
			ID:         r.ID,
			Product:    r.Product,
			Introduced: b.version(where, r.Product, r.Version, false),
			Summary:    r.Summary,
			Remedy:     r.Remedy,
			Affects:    r.Affects,
			ActionFor:  r.ActionFor,
			SameAs:     r.SameAs,
			Source:     r.Source,
			ref:        r.Ref,
		}
		if bc.Summary == "" || len(bc.Affects) == 0 {
			b.fail(where, "summary and affects are required", nil)
		}
		for _, a := range bc.ActionFor {
			if !slices.Contains(bc.Affects, a) {
				b.fail(where, "action_for must be a subset of affects", errors.New(string(a)))
			}
		}
		b.source(where, r.Source)
		c.changes = append(c.changes, bc)
	}
	for i, bc := range c.changes {
		if bc.SameAs != "" && !ids[bc.SameAs] {
			b.fail(fmt.Sprintf("breaking_changes[%d] (%s)", i, bc.ID), "same_as names an unknown id", errors.New(bc.SameAs))
		}
	}
	slices.SortStableFunc(c.changes, compareChanges)

	fids := map[string]bool{}
	for i, r := range raw.Features {
		where := fmt.Sprintf("features[%d] (%s)", i, r.ID)
		b.id(where, r.ID, fids)
		f := Feature{
			ID:              r.ID,
			Summary:         r.Summary,
			LifeTime:        Range{Min: b.version(where, LifeTime, r.LifeTime.Min, true), Max: b.version(where, LifeTime, r.LifeTime.Max, true)},
			Scope:           r.Scope,
			SelfManagedOnly: r.SelfManagedOnly,
			Source:          r.Source,
			refs:            r.Refs,
		}
		for _, s := range r.PlatformServerMin {
			f.PlatformServerMin = append(f.PlatformServerMin, b.version(where, PlatformServer, s, false))
		}
		slices.SortFunc(f.PlatformServerMin, Version.Compare)
		if f.LifeTime.Empty() {
			b.fail(where, "empty LifeTime range", nil)
		}
		switch f.Scope {
		case ScopeNone, ScopeEnvironment, ScopeTarget, ScopeAllEnvironments:
		default:
			b.fail(where, "unknown platform_server_scope", errors.New(string(f.Scope)))
		}
		if (len(f.PlatformServerMin) == 0) != (f.Scope == ScopeNone) {
			b.fail(where, "platform_server_min and platform_server_scope go together", nil)
		}
		b.source(where, r.Source)
		c.features = append(c.features, f)
	}
	if b.err != nil {
		return nil, b.err
	}
	return c, nil
}
