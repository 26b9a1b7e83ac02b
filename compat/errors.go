package compat

import (
	"errors"
	"fmt"
)

// ErrUnknownFeature is returned (wrapped) by [Catalog.RequireFeature] and
// [Catalog.Feature] for a feature id the catalogue does not hold.
var ErrUnknownFeature = errors.New("compat: unknown feature")

// ErrFeatureUnavailable matches every *[VersionError] with [errors.Is].
var ErrFeatureUnavailable = errors.New("compat: feature not available on this version")

// ParseError reports a version string that could not be read.
type ParseError struct {
	Input   string  // the text as given
	Product Product // the product asked for, or ProductUnknown
	Reason  string
}

// Error implements error. The text is for people and may change.
func (e *ParseError) Error() string {
	if e.Product != ProductUnknown {
		return fmt.Sprintf("compat: cannot parse %s version %q: %s", e.Product, e.Input, e.Reason)
	}
	return fmt.Sprintf("compat: cannot parse version %q: %s", e.Input, e.Reason)
}

// ProductError reports a version of the wrong product, for example a
// LifeTime version passed where a Platform Server version is expected.
type ProductError struct {
	Want Product // the product the operation needs
	Got  Version // the version received
	Op   string  // the operation, such as "CanManage"; may be empty
}

// Error implements error. The text is for people and may change.
func (e *ProductError) Error() string {
	op := ""
	if e.Op != "" {
		op = e.Op + ": "
	}
	return fmt.Sprintf("compat: %swant a %s version, got %s", op, e.Want, e.Got.Label())
}

// VersionError reports that a feature is not available on a version: it
// needs at least Min, or existed only before Max. Use [errors.As] to read
// it, or errors.Is(err, [ErrFeatureUnavailable]).
type VersionError struct {
	Feature string  // the feature id, such as FeatureUsersRolesTeams
	Product Product // which product's version decides
	Min     Version // inclusive lower bound; zero when unbounded
	Max     Version // exclusive upper bound; zero when unbounded
	Actual  Version // the version that was checked
	Source  string  // where the rule comes from (URL)
}

// Error implements error. The text is for people and may change.
func (e *VersionError) Error() string {
	r := Range{Min: e.Min, Max: e.Max}
	return fmt.Sprintf("compat: feature %q needs %s %s; found %s", e.Feature, e.Product, r, e.Actual)
}

// Is makes errors.Is(err, ErrFeatureUnavailable) true.
func (e *VersionError) Is(target error) bool { return target == ErrFeatureUnavailable }

// CatalogError reports a catalogue file that is malformed or inconsistent.
type CatalogError struct {
	Where  string // the table and entry, such as "releases[12]"
	Reason string
	Err    error // the underlying error, if any
}

// Error implements error. The text is for people and may change.
func (e *CatalogError) Error() string {
	s := "compat: catalogue"
	if e.Where != "" {
		s += " " + e.Where
	}
	s += ": " + e.Reason
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *CatalogError) Unwrap() error { return e.Err }
