package compat

import (
	"slices"
	"time"
)

// Release is one published version of a product.
type Release struct {
	// Version is the release's version; its Name is set for named releases
	// such as "Release Sep.2018".
	Version Version
	// Date is the general-availability date; zero when the sources give none.
	Date time.Time
	// Removed is the date the release was removed from availability, or zero.
	Removed time.Time
	// BundledPlatformServer is, for LifeTime, the Platform Server version the
	// LifeTime installer ships, when the release notes say so; zero
	// otherwise.
	BundledPlatformServer Version
	// Breaking reports that the release notes or the breaking-changes
	// article list a breaking change for it (Platform Server).
	Breaking bool
	// Note is a short remark from the release notes.
	Note string
	// Source is the URL of the release note or the table the entry comes from.
	Source string

	nameKey string
}

// Releases returns the known releases of product p, oldest first. Release
// dates are not monotonic in the version (patch lines were maintained in
// parallel), so never infer a date from the position.
func (c *Catalog) Releases(p Product) []Release {
	return slices.Clone(c.byProd[p])
}

// Release returns the catalogue entry for v (a version of another build of
// the same release matches). A version with [ProductUnknown] is looked up
// among all products only when exactly one product has it.
func (c *Catalog) Release(v Version) (Release, bool) {
	if v.product != ProductUnknown {
		rs := c.byProd[v.product]
		i, ok := slices.BinarySearchFunc(rs, v, func(r Release, v Version) int { return r.Version.compareNumbers(v) })
		if !ok {
			return Release{}, false
		}
		return rs[i], true
	}
	var found Release
	n := 0
	for _, r := range c.releases {
		if r.Version.compareNumbers(v) == 0 {
			found, n = r, n+1
		}
	}
	return found, n == 1
}

// Latest returns the newest known release of product p. Versions newer
// than it are valid but unknown to this catalogue ([Catalog.Known]).
func (c *Catalog) Latest(p Product) (Release, bool) {
	rs := c.byProd[p]
	if len(rs) == 0 {
		return Release{}, false
	}
	return rs[len(rs)-1], true
}

// Known reports whether v is a release the catalogue holds.
func (c *Catalog) Known(v Version) bool {
	_, ok := c.Release(v)
	return ok
}

// NewerThanCatalogue reports whether v is newer than every release of its
// product in the catalogue: a valid future version, not an error.
func (c *Catalog) NewerThanCatalogue(v Version) bool {
	if v.product == ProductUnknown {
		return false
	}
	last, ok := c.Latest(v.product)
	return ok && v.compareNumbers(last.Version) > 0
}

// BundledPlatformServer returns what the catalogue knows about the
// Platform Server shipped with LifeTime version lt: lo <= bundled <= hi
// (both inclusive; a zero hi means no upper bound). When lt's own release
// notes name the bundle, lo == hi and exact is true. Otherwise the bounds
// come from the nearest LifeTime releases that name theirs, assuming
// bundles never go backwards, and from the release date (a release cannot
// ship a Platform Server published after it): an inference, not a fact.
func (c *Catalog) BundledPlatformServer(lt Version) (lo, hi Version, exact bool, err error) {
	lt, err = lt.As(LifeTime)
	if err != nil {
		return Version{}, Version{}, false, &ProductError{Want: LifeTime, Got: lt, Op: "BundledPlatformServer"}
	}
	b := c.bundleBounds(lt)
	return b.lo, b.hi, b.exact, nil
}

// bundle is what is known about the Platform Server bundled with one
// LifeTime version: lo <= bundled <= hi (hi zero means no upper bound).
type bundle struct {
	lo, hi Version
	exact  bool
}

func (c *Catalog) bundleBounds(lt Version) bundle {
	var out bundle
	self, known := c.Release(lt)
	// A known bundle bounds lt only when version order and release order
	// agree: security patches of old lines (LifeTime 11.0.329 and 11.4.3,
	// 2021, bundling Platform Server 11.0.615) say nothing about releases
	// published before them with higher numbers.
	consistent := func(r Release, before bool) bool {
		if !known || self.Date.IsZero() || r.Date.IsZero() {
			return true
		}
		if before {
			return !r.Date.After(self.Date)
		}
		return !r.Date.Before(self.Date)
	}
	for _, r := range c.byProd[LifeTime] {
		if r.BundledPlatformServer.IsZero() {
			continue
		}
		switch cmpv := r.Version.compareNumbers(lt); {
		case cmpv == 0:
			return bundle{lo: r.BundledPlatformServer, hi: r.BundledPlatformServer, exact: true}
		case cmpv < 0 && consistent(r, true):
			out.lo = maxVersion(out.lo, r.BundledPlatformServer)
		case cmpv > 0 && consistent(r, false) && (out.hi.IsZero() || r.BundledPlatformServer.compareNumbers(out.hi) < 0):
			out.hi = r.BundledPlatformServer
		}
	}
	if out.lo.IsZero() {
		// A LifeTime of major M ships a Platform Server of major M, at least
		// the first one published.
		out.lo = Version{product: PlatformServer, seg: [4]int{lt.Major(), 0, 0, 0}, parts: 3}
		for _, r := range c.releases {
			if r.Version.product == PlatformServer && r.Version.Major() == lt.Major() {
				out.lo = r.Version
				break
			}
		}
	}
	// A release cannot bundle a Platform Server published after it.
	if known && !self.Date.IsZero() {
		if latest, ok := c.latestPlatformServerOn(self.Date); ok && (out.hi.IsZero() || latest.compareNumbers(out.hi) < 0) {
			out.hi = latest
		}
	}
	return out
}

func maxVersion(a, b Version) Version {
	if a.IsZero() || b.compareNumbers(a) > 0 {
		return b
	}
	return a
}

// latestPlatformServerOn returns the highest Platform Server version
// released on or before day.
func (c *Catalog) latestPlatformServerOn(day time.Time) (Version, bool) {
	var best Version
	found := false
	for _, r := range c.byProd[PlatformServer] {
		if r.Date.IsZero() || r.Date.After(day) {
			continue
		}
		if !found || r.Version.compareNumbers(best) > 0 {
			best, found = r.Version, true
		}
	}
	return best, found
}
