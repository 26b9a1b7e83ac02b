package compat

// Range is a half-open interval of versions of one product:
// Min <= v < Max. A zero Min means no lower bound and a zero Max no upper
// bound, so the zero Range holds every version. Half-open bounds make
// adjacent ranges meet without overlap ([11.4.0, 11.5.0) then
// [11.5.0, 11.6.0)).
type Range struct {
	Min Version // inclusive; zero for unbounded
	Max Version // exclusive; zero for unbounded
}

// AtLeast returns the range v <= x.
func AtLeast(v Version) Range { return Range{Min: v} }

// Before returns the range x < v.
func Before(v Version) Range { return Range{Max: v} }

// Contains reports whether v lies in the range. Bounds are compared by
// number within v's product; a bound of another product never contains v.
func (r Range) Contains(v Version) bool {
	if !r.Min.IsZero() {
		if !sameProduct(r.Min, v) || v.compareNumbers(r.Min) < 0 {
			return false
		}
	}
	if !r.Max.IsZero() {
		if !sameProduct(r.Max, v) || v.compareNumbers(r.Max) >= 0 {
			return false
		}
	}
	return true
}

// sameProduct treats ProductUnknown as matching any product.
func sameProduct(a, b Version) bool {
	return a.product == b.product || a.product == ProductUnknown || b.product == ProductUnknown
}

// Empty reports whether no version can lie in the range (Min >= Max).
func (r Range) Empty() bool {
	return !r.Min.IsZero() && !r.Max.IsZero() && r.Min.compareNumbers(r.Max) >= 0
}

// Bounded reports whether the range has an upper bound.
func (r Range) Bounded() bool { return !r.Max.IsZero() }

// Intersect returns the versions in both ranges.
func (r Range) Intersect(o Range) Range {
	out := r
	if !o.Min.IsZero() && (out.Min.IsZero() || o.Min.compareNumbers(out.Min) > 0) {
		out.Min = o.Min
	}
	if !o.Max.IsZero() && (out.Max.IsZero() || o.Max.compareNumbers(out.Max) < 0) {
		out.Max = o.Max
	}
	return out
}

// String returns the interval in mathematical notation: "[11.4.0, 11.5.0)",
// ">= 11.30.1", "< 11.26.0" or "any version".
func (r Range) String() string {
	switch {
	case r.Min.IsZero() && r.Max.IsZero():
		return "any version"
	case r.Max.IsZero():
		return ">= " + r.Min.String()
	case r.Min.IsZero():
		return "< " + r.Max.String()
	default:
		return "[" + r.Min.String() + ", " + r.Max.String() + ")"
	}
}

// AtOrAbove reports whether every version in the range is v or newer: the
// range has a lower bound and it is not below v. Use it to tell whether a
// console whose version is only known as a range has certainly reached v.
func (r Range) AtOrAbove(v Version) bool {
	return !r.Min.IsZero() && sameProduct(r.Min, v) && r.Min.compareNumbers(v) >= 0
}

// Below reports whether every version in the range is older than v: the
// range has an upper bound and it is not above v.
func (r Range) Below(v Version) bool {
	return !r.Max.IsZero() && sameProduct(r.Max, v) && r.Max.compareNumbers(v) <= 0
}
