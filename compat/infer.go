package compat

import (
	"errors"
	"fmt"
	"sort"
)

// ErrNoLifeTimeMatches is returned (wrapped) by [Catalog.InferLifeTime]
// when the evidence contradicts itself or the catalogue.
var ErrNoLifeTimeMatches = errors.New("compat: no LifeTime version matches the evidence")

// Probes are capability probes a caller ran against a LifeTime console:
// feature id ([FeatureUsersRolesTeams], [FeatureAPIv1], ...) to whether the
// endpoint answered (true) or was missing, such as a 404 for the route
// itself (false). Features not in the map are unknown. Only features with a
// LifeTime range narrow the inference.
type Probes map[string]bool

// Inference is a LifeTime version range deduced from evidence. No LifeTime
// API returns the LifeTime version, so this is what can be said honestly:
// the console runs a version inside Range.
type Inference struct {
	// Range holds every LifeTime version consistent with the evidence,
	// including releases the catalogue does not know (its bounds sit just
	// after the nearest excluded known release, not on a guessed one).
	Range Range
	// Candidates are the known releases inside Range, oldest first.
	Candidates []Version
	// Unique reports that exactly one known release fits. Unknown releases
	// in Range may still exist.
	Unique bool
	// Evidence says how the range was narrowed, in order, for people.
	Evidence []string
}

const srcInstallerCheck = "https://github.com/OutSystems/docs-support/blob/9d3649cd/src/release-notes/11/platform-server/platform-server-11.16.0.htm"

// strictBundleSince is the Platform Server whose installer refuses a
// version different from the one bundled with the installed LifeTime (S13).
var strictBundleSince = Version{product: PlatformServer, seg: [4]int{11, 16, 0, 0}, parts: 3}

// InferLifeTime narrows the LifeTime version of a console from the Platform
// Server version of the LifeTime environment (the OSVersion LifeTime reports
// for its own environment, or Service Center's GetPlatformInfo there) and
// from capability probes.
//
// Bundle evidence: a LifeTime installer ships a Platform Server; since
// Platform Server 11.16.0 the installer refuses a Platform Server that
// differs from the bundled one (RPM-1932), so for such versions the
// LifeTime is one whose bundle equals it; before, the environment may have
// been upgraded past the bundle, so the LifeTime is one whose bundle is not
// newer. Bundles are known for some releases only; between them the
// catalogue assumes bundles never go backwards and that no release ships a
// Platform Server published after it.
//
// Probe evidence then keeps the versions that have each feature that
// answered and lack each feature that did not.
//
// The result is a range, never a single guess. An environment newer than
// the catalogue yields a range above the newest known LifeTime. Errors: a
// version of another product (*[ProductError]), an unknown probe feature
// ([ErrUnknownFeature]) and contradictory evidence ([ErrNoLifeTimeMatches]).
func (c *Catalog) InferLifeTime(ltEnvPlatformServer Version, probes Probes) (Inference, error) {
	ps, err := ltEnvPlatformServer.As(PlatformServer)
	if err != nil || ps.parts == 0 {
		return Inference{}, &ProductError{Want: PlatformServer, Got: ltEnvPlatformServer, Op: "InferLifeTime"}
	}
	strict := ps.compareNumbers(strictBundleSince) >= 0
	lts := c.byProd[LifeTime]
	var inf Inference

	fits := func(b bundle) bool {
		if b.lo.compareNumbers(ps) > 0 {
			return false
		}
		return !strict || b.hi.IsZero() || ps.compareNumbers(b.hi) <= 0
	}
	match := make([]bool, len(lts))
	first, last := -1, -1
	for i, r := range lts {
		if match[i] = fits(c.bundleBounds(r.Version)); match[i] {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	// A LifeTime newer than the catalogue bundles at least the newest known bundle.
	future := len(lts) > 0 && fits(c.bundleBounds(successor(lts[len(lts)-1].Version)))

	switch {
	case first < 0 && !future:
		return Inference{}, fmt.Errorf("%w: no LifeTime release bundles Platform Server %s", ErrNoLifeTimeMatches, ps)
	case first < 0:
		inf.Range = AtLeast(successor(lts[len(lts)-1].Version))
	default:
		if first > 0 {
			inf.Range.Min = successor(lts[first-1].Version)
		}
		// The range ends at the first known release after the first match
		// that does not fit; gaps in between are kept (hull).
		for i := last + 1; i < len(lts); i++ {
			if !match[i] {
				inf.Range.Max = lts[i].Version
				break
			}
		}
		if last == len(lts)-1 && !future {
			inf.Range.Max = successor(lts[last].Version)
		}
	}
	if strict {
		inf.Evidence = append(inf.Evidence, fmt.Sprintf("the LifeTime environment runs Platform Server %s; since Platform Server 11.16.0 it must equal the Platform Server bundled with LifeTime (%s): LifeTime %s", ps, srcInstallerCheck, inf.Range))
	} else {
		inf.Evidence = append(inf.Evidence, fmt.Sprintf("the LifeTime environment runs Platform Server %s; before 11.16.0 the installer did not enforce the bundle, so LifeTime bundles at most that version: LifeTime %s", ps, inf.Range))
	}

	ids := make([]string, 0, len(probes))
	for id := range probes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		f, err := c.Feature(id)
		if err != nil {
			return Inference{}, err
		}
		if f.LifeTime.Min.IsZero() && f.LifeTime.Max.IsZero() {
			continue
		}
		before := inf.Range
		if probes[id] {
			inf.Range = inf.Range.Intersect(f.LifeTime)
			inf.Evidence = append(inf.Evidence, fmt.Sprintf("%s answered, so LifeTime %s: LifeTime %s", id, f.LifeTime, inf.Range))
		} else {
			inf.Range = withoutRange(inf.Range, f.LifeTime)
			inf.Evidence = append(inf.Evidence, fmt.Sprintf("%s did not answer, so LifeTime is outside %s: LifeTime %s", id, f.LifeTime, inf.Range))
		}
		if inf.Range.Empty() {
			return Inference{}, fmt.Errorf("%w: probe %q (%v) contradicts LifeTime %s", ErrNoLifeTimeMatches, id, probes[id], before)
		}
	}
	inf.Range.Min, _ = inf.Range.Min.As(LifeTime)
	inf.Range.Max, _ = inf.Range.Max.As(LifeTime)
	for i, r := range lts {
		if match[i] && inf.Range.Contains(r.Version) {
			inf.Candidates = append(inf.Candidates, r.Version)
		}
	}
	inf.Unique = len(inf.Candidates) == 1
	return inf, nil
}

// withoutRange removes x from r, keeping the hull when x splits r in two.
func withoutRange(r, x Range) Range {
	var pieces []Range
	if !x.Min.IsZero() {
		if p := r.Intersect(Before(x.Min)); !p.Empty() {
			pieces = append(pieces, p)
		}
	}
	if !x.Max.IsZero() {
		if p := r.Intersect(AtLeast(x.Max)); !p.Empty() {
			pieces = append(pieces, p)
		}
	}
	switch len(pieces) {
	case 0:
		v := x.Min
		if v.IsZero() {
			v = x.Max
		}
		return Range{Min: v, Max: v} // empty
	case 1:
		return pieces[0]
	default:
		return r
	}
}

// successor returns the smallest version after v in Major.Feature.Patch
// order (11.30.1 -> 11.30.2).
func successor(v Version) Version {
	v.seg[2]++
	v.seg[3], v.parts, v.name = 0, 3, ""
	return v
}
