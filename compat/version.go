package compat

import (
	"cmp"
	"regexp"
	"strconv"
	"strings"

	goversion "github.com/hashicorp/go-version"
)

// Version is one OutSystems version of one [Product]. It is a small
// comparable value; the zero Version means "no version".
//
// Two numbering schemes exist (compat-facts §1):
//
//   - the current one, Major.Feature.Patch with an optional build id, since
//     LifeTime 11.4.0, Platform Server 11.7.0 and Development Environment
//     11.5.39: "11.26.0", "11.18.1.0", "11.14.0 (Build 33133)",
//     "11.14.0.33133". Builds of the same release compare equal: build ids
//     are not ordered across release lines, so [Version.Compare] never looks
//     at them (see [Version.Build]).
//   - the previous one, M.n.ffpp.xyy, used by OutSystems 10 and earlier and
//     by OutSystems 11 up to late 2019 (always 11.0.x): "11.0.108.0",
//     "10.0.1115.0". xyy 0 is the GA build, 1-99 a hotfix over it and
//     100-999 an alpha or beta, so 11.0.212.302 < 11.0.212.0 < 11.0.212.9.
//
// Under numeric order every old-format 11.0.x version sorts below every
// new-format 11.x, which is the true release order.
type Version struct {
	product Product
	seg     [4]int
	parts   uint8 // number of components written (2-4); 0 for the zero Version
	name    string
}

// maxComponent bounds every numeric component, so that arithmetic on them
// never overflows and absurd inputs are rejected.
const maxComponent = 999_999_999

var (
	// numericForm is the numeric part after an optional product word, with an
	// optional " (Build N)" suffix.
	numericForm = regexp.MustCompile(`^(?i)v?([0-9][0-9A-Za-z.+~-]*)(?:\s*\(\s*build\s+([0-9]+)\s*\))?$`)
	// namedForm is a named release: "Release Sep.2018", "Oct.2019 CP3".
	namedForm = regexp.MustCompile(`^(?i)(?:release\s+)?([a-z]{3})\.?\s*([0-9]{4})(?:\s+cp\s*([0-9]+))?$`)
)

// Parse reads a version in any format OutSystems prints: "11.0.108.0",
// "11.26.0", "11.18.1.0", "11.14.0 (Build 33133)", "11.14.0.33133",
// "10.0.1115.0", "Release Sep.2018", "Release Oct.2019 CP3" or
// "LifeTime 11.30.1". Surrounding space is ignored.
//
// A leading product name ("LifeTime", "Platform Server", "Service Studio",
// "Development Environment") sets the product; otherwise the product is
// [ProductUnknown]. Named releases are resolved with the [Default]
// catalogue; a name that means different numbers for different products
// (LifeTime "Release Jan.2019" is 11.0.304.0, Platform Server's is
// 11.0.210.0) is an error unless the product is given: use [ParseProduct].
//
// Pre-release and metadata suffixes ("11.14.0-beta", "11.14.0+x") are
// rejected: OutSystems never prints them, and hashicorp/go-version would
// order a pre-release before its release and exclude it from constraints.
// Errors are *[ParseError].
func Parse(s string) (Version, error) {
	return parseWith(nil, ProductUnknown, s)
}

// ParseProduct is [Parse] for a known product: the result has that product,
// named releases are looked up in that product's history, and an input that
// names another product ("LifeTime 11.30.1" read as a Platform Server) is a
// *[ParseError].
func ParseProduct(kind Product, s string) (Version, error) {
	if kind <= ProductUnknown || kind > DevelopmentEnvironment {
		return Version{}, &ParseError{Input: s, Product: kind, Reason: "unknown product kind"}
	}
	return parseWith(nil, kind, s)
}

// MustParse is like [ParseProduct] (kind may also be [ProductUnknown]) but
// panics on error. It is meant for constants in tests and examples, never
// for input.
func MustParse(kind Product, s string) Version {
	v, err := parseWith(nil, kind, s)
	if err != nil {
		panic(err)
	}
	return v
}

// parseWith parses s; c resolves named releases (nil means the Default
// catalogue, loaded only when a name is met).
func parseWith(c *Catalog, kind Product, s string) (Version, error) {
	in := s
	s = strings.TrimSpace(s)
	if s == "" {
		return Version{}, &ParseError{Input: in, Product: kind, Reason: "empty version"}
	}
	product := kind
	if p, rest, ok := cutProductPrefix(s); ok {
		if kind != ProductUnknown && p != kind {
			return Version{}, &ParseError{Input: in, Product: kind, Reason: "names " + p.String() + ", not " + kind.String()}
		}
		product, s = p, rest
	}
	if m := namedForm.FindStringSubmatch(s); m != nil {
		return parseNamed(c, product, in, m)
	}
	v, err := parseNumeric(s)
	if err != nil {
		err.Input, err.Product = in, kind
		return Version{}, err
	}
	v.product = product
	return v, nil
}

func cutProductPrefix(s string) (Product, string, bool) {
	lower := strings.ToLower(s)
	for _, pp := range productPrefixes {
		if rest, ok := strings.CutPrefix(lower, pp.word); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			return pp.product, strings.TrimSpace(s[len(pp.word):]), true
		}
	}
	return ProductUnknown, s, false
}

func parseNumeric(s string) (Version, *ParseError) {
	m := numericForm.FindStringSubmatch(s)
	if m == nil {
		return Version{}, &ParseError{Reason: "not an OutSystems version (want e.g. 11.26.0, 11.0.108.0, 11.14.0 (Build 33133) or Release Sep.2018)"}
	}
	core, buildSuffix := m[1], m[2]
	gv, err := goversion.NewVersion(core)
	if err != nil {
		return Version{}, &ParseError{Reason: "not an OutSystems version: " + err.Error()}
	}
	if gv.Prerelease() != "" || gv.Metadata() != "" {
		return Version{}, &ParseError{Reason: "pre-release and metadata suffixes are not OutSystems version formats"}
	}
	if strings.HasPrefix(s, "v") || strings.HasPrefix(s, "V") {
		return Version{}, &ParseError{Reason: "OutSystems versions have no \"v\" prefix"}
	}
	parts := strings.Split(core, ".")
	if len(parts) < 2 || len(parts) > 4 {
		return Version{}, &ParseError{Reason: "want 2 to 4 numeric components, got " + strconv.Itoa(len(parts))}
	}
	var v Version
	for i, seg := range gv.Segments64()[:len(parts)] {
		if seg < 0 || seg > maxComponent {
			return Version{}, &ParseError{Reason: "component " + strconv.Itoa(i+1) + " is out of range"}
		}
		v.seg[i] = int(seg)
	}
	v.parts = uint8(len(parts))
	if buildSuffix != "" {
		if v.OldFormat() {
			return Version{}, &ParseError{Reason: "old-format versions (M.n.ffpp.xyy) carry no build id"}
		}
		if len(parts) != 3 {
			return Version{}, &ParseError{Reason: "a (Build N) suffix needs exactly Major.Feature.Patch before it"}
		}
		b, err := strconv.Atoi(buildSuffix)
		if err != nil || b > maxComponent {
			return Version{}, &ParseError{Reason: "build id is out of range"}
		}
		v.seg[3], v.parts = b, 4
	}
	if v.OldFormat() && v.parts == 4 && v.seg[3] > 999 {
		return Version{}, &ParseError{Reason: "old-format build part xyy must be 0-999"}
	}
	return v, nil
}

func parseNamed(c *Catalog, product Product, in string, m []string) (Version, error) {
	key := nameKey(m[1], m[2], m[3])
	if c == nil {
		c = Default()
	}
	var found []Release
	for _, r := range c.releases {
		if r.nameKey == key && (product == ProductUnknown || r.Version.product == product) {
			found = append(found, r)
		}
	}
	if len(found) == 0 {
		reason := "unknown release name"
		if product != ProductUnknown {
			reason += " for " + product.String()
		}
		return Version{}, &ParseError{Input: in, Product: product, Reason: reason}
	}
	v := found[0].Version
	for _, r := range found[1:] {
		if r.Version.seg != v.seg {
			return Version{}, &ParseError{Input: in, Product: product, Reason: "release name means different versions for different products; use ParseProduct"}
		}
	}
	v.product = product
	return v, nil
}

// nameKey normalises a release name: "Release Oct.2019 CP3" -> "oct.2019 cp3".
func nameKey(month, year, cp string) string {
	k := strings.ToLower(month) + "." + year
	if cp != "" {
		n, err := strconv.Atoi(cp)
		if err == nil {
			cp = strconv.Itoa(n)
		}
		k += " cp" + cp
	}
	return k
}

// Product returns the product the version belongs to.
func (v Version) Product() Product { return v.product }

// Major returns the first component (11 in 11.26.0 and in 11.0.108.0).
func (v Version) Major() int { return v.seg[0] }

// Feature returns the second component: the feature release of the current
// format (26 in 11.26.0), or n of the old M.n.ffpp.xyy format (0 in
// 11.0.108.0, 1 in 9.1.100.0).
func (v Version) Feature() int { return v.seg[1] }

// Patch returns the third component: the cumulative patch of the current
// format, or ffpp (feature set and patch set) of the old format.
func (v Version) Patch() int { return v.seg[2] }

// Build returns the build id of a current-format version when one was
// written ("11.14.0.33133", "11.14.0 (Build 33133)"). Build ids identify a
// build of one release and are not ordered across releases (Platform Server
// 11.33.1.44835 has a higher build than 11.34.0.44828).
func (v Version) Build() (int, bool) {
	if v.OldFormat() || v.parts < 4 {
		return 0, false
	}
	return v.seg[3], true
}

// OldFormat reports whether the version uses the previous M.n.ffpp.xyy
// numbering: every version before OutSystems 11, and OutSystems 11 versions
// whose second component is 0.
func (v Version) OldFormat() bool {
	return v.parts != 0 && (v.seg[0] < 11 || (v.seg[0] == 11 && v.seg[1] == 0))
}

// Hotfix returns the hotfix number (1-99) of an old-format version, or 0.
func (v Version) Hotfix() int {
	if v.OldFormat() && v.seg[3] >= 1 && v.seg[3] <= 99 {
		return v.seg[3]
	}
	return 0
}

// Beta reports whether an old-format version is an alpha or beta build
// (xyy 100-999), which sorts before the GA build of the same ffpp.
func (v Version) Beta() bool { return v.OldFormat() && v.seg[3] >= 100 }

// Name returns the release name the version was parsed from, such as
// "Release Sep.2018", or "" when it was written as a number.
func (v Version) Name() string { return v.name }

// IsZero reports whether v is the zero Version.
func (v Version) IsZero() bool { return v.parts == 0 }

// String returns the numeric form with as many components as were written:
// "11.26.0", "11.18.1.0", "11.0.108.0"; "11.14.0 (Build 33133)" prints as
// "11.14.0.33133". The product is not part of it (see [Version.Label]).
func (v Version) String() string {
	if v.parts == 0 {
		return ""
	}
	var b strings.Builder
	for i := range int(v.parts) {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strconv.Itoa(v.seg[i]))
	}
	return b.String()
}

// Label returns the version with its product, for messages: "LifeTime
// 11.30.1", or the bare number when the product is unknown.
func (v Version) Label() string {
	if v.product == ProductUnknown {
		return v.String()
	}
	return v.product.String() + " " + v.String()
}

// Compare returns -1, 0 or +1 as v is older than, the same release as, or
// newer than o.
//
// Versions of different products are never ordered by number: Compare then
// orders them by product ([ProductUnknown] < [LifeTime] < [PlatformServer] <
// [DevelopmentEnvironment]) so that sorting stays deterministic. A version
// read from a bare number has ProductUnknown; give it a product with
// [ParseProduct] or [Version.As] before comparing it with catalogue data.
//
// Within a product, components are compared numerically, missing ones
// counting as 0 (11.26 = 11.26.0). The build id of a current-format version
// is ignored; the fourth component of an old-format version is ordered
// beta (100-999) < GA (0) < hotfix (1-99).
func (v Version) Compare(o Version) int {
	if c := cmp.Compare(v.product, o.product); c != 0 {
		return c
	}
	return v.compareNumbers(o)
}

// compareNumbers is Compare without the product check.
func (v Version) compareNumbers(o Version) int {
	for i := range 3 {
		if c := cmp.Compare(v.seg[i], o.seg[i]); c != 0 {
			return c
		}
	}
	if !v.OldFormat() {
		return 0 // builds of one release are the same release
	}
	return cmp.Compare(oldBuildRank(v.seg[3]), oldBuildRank(o.seg[3]))
}

// oldBuildRank orders xyy: betas first, then GA, then hotfixes.
func oldBuildRank(xyy int) int {
	switch {
	case xyy >= 100:
		return xyy - 1000 // -900 .. -1
	case xyy == 0:
		return 0
	default:
		return xyy
	}
}

// Equal reports whether v and o are the same release of the same product
// (Compare returns 0).
func (v Version) Equal(o Version) bool { return v.Compare(o) == 0 }

// LessThan reports whether v is older than o (Compare returns -1).
func (v Version) LessThan(o Version) bool { return v.Compare(o) < 0 }

// GreaterThan reports whether v is newer than o (Compare returns +1).
func (v Version) GreaterThan(o Version) bool { return v.Compare(o) > 0 }

// As returns v with product p. A version with [ProductUnknown] takes p; a
// version that already has another product is a *[ProductError]. The zero
// Version stays zero.
func (v Version) As(p Product) (Version, error) {
	if v.parts == 0 {
		return Version{}, nil
	}
	if v.product != ProductUnknown && v.product != p {
		return Version{}, &ProductError{Want: p, Got: v}
	}
	v.product = p
	return v, nil
}

// Release returns v without a build id (the release it belongs to), keeping
// old-format hotfix and beta numbers, which are part of the release.
func (v Version) Release() Version {
	if !v.OldFormat() && v.parts == 4 {
		v.seg[3], v.parts = 0, 3
	}
	return v
}

// GoVersion returns Major.Feature.Patch as a hashicorp/go-version value, for
// callers that use its constraints. It is nil for the zero Version. The
// build id and old-format fourth component are dropped, so no pre-release
// semantics can creep in.
func (v Version) GoVersion() *goversion.Version {
	if v.parts == 0 {
		return nil
	}
	gv, err := goversion.NewVersion(strconv.Itoa(v.seg[0]) + "." + strconv.Itoa(v.seg[1]) + "." + strconv.Itoa(v.seg[2]))
	if err != nil {
		return nil
	}
	return gv
}

// MarshalText encodes the version as [Version.String] (the product is not
// encoded).
func (v Version) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText decodes text with [Parse]. It keeps the product of the
// receiver when it has one, so a field can be pre-set to a product.
func (v *Version) UnmarshalText(b []byte) error {
	got, err := parseWith(nil, v.product, string(b))
	if err != nil {
		return err
	}
	*v = got
	return nil
}
