package compat

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The research notes the catalogue was built from live next to the
// repository during development (../shared/reference), or in the directory
// $OUTSYSTEMS_REFERENCE_DIR. These tests parse their tables and check that
// every row that has a version is in the catalogue, with its facts, and that
// the catalogue holds nothing the notes do not.
const (
	factsFile   = "compat-facts.md"
	restAPIFile = "lifetime-rest-api.md"
)

// notesPath returns where the research note named file is.
func notesPath(file string) string {
	dir := os.Getenv("OUTSYSTEMS_REFERENCE_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "reference")
	}
	return filepath.Join(dir, file)
}

type mdTable struct {
	header []string
	rows   [][]string
}

func readNotes(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("research notes not available (%v); set OUTSYSTEMS_REFERENCE_DIR to the directory holding them", err)
	}
	return strings.Split(string(b), "\n")
}

// section returns the lines after the heading that starts with prefix, up
// to the next heading of level 2 or 3.
func section(t *testing.T, lines []string, prefix string) []string {
	t.Helper()
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			var out []string
			for _, l := range lines[i+1:] {
				if strings.HasPrefix(l, "## ") || strings.HasPrefix(l, "### ") {
					break
				}
				out = append(out, l)
			}
			return out
		}
	}
	t.Fatalf("heading %q not found in the notes", prefix)
	return nil
}

func tables(lines []string) []mdTable {
	var out []mdTable
	in := false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "|") {
			in = false
			continue
		}
		l = strings.ReplaceAll(l, `\|`, "/")
		cells := strings.Split(strings.Trim(strings.TrimSpace(l), "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(strings.ReplaceAll(cells[i], "**", ""))
		}
		if !in {
			out = append(out, mdTable{header: cells})
			in = true
			continue
		}
		if strings.Trim(strings.Join(cells, ""), "-: ") == "" {
			continue
		}
		out[len(out)-1].rows = append(out[len(out)-1].rows, cells)
	}
	return out
}

func tableWith(t *testing.T, ts []mdTable, first, second string) mdTable {
	t.Helper()
	for _, tb := range ts {
		if len(tb.header) > 1 && tb.header[0] == first && tb.header[1] == second {
			return tb
		}
	}
	t.Fatalf("no table with header %q | %q", first, second)
	return mdTable{}
}

var (
	dateRE     = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)
	rangeRE    = regexp.MustCompile(`^(\d+\.\d+)\.(\d+)\s*[–-]\s*(\d+\.\d+)\.(\d+)$`)
	v10RE      = regexp.MustCompile(`10\.0\.\d+\.\d+`)
	parenRE    = regexp.MustCompile(`\s*\([^)]*\)`)
	anyDigitRE = regexp.MustCompile(`\d`)
	removedRE  = regexp.MustCompile(`removed (from availability )?\d{4}-`)
)

// expandVersions turns "11.10.1 – 11.10.3" into three versions (checked
// against the number of dates), "11.17.3, 11.17.4" into two, and anything
// else into itself.
func expandVersions(t *testing.T, cell string, dates int) []string {
	t.Helper()
	if m := rangeRE.FindStringSubmatch(cell); m != nil {
		if m[1] != m[3] {
			t.Fatalf("range %q spans feature releases", cell)
		}
		var out []string
		for p := atoi(t, m[2]); p <= atoi(t, m[4]); p++ {
			out = append(out, m[1]+"."+strconv.Itoa(p))
		}
		if len(out) != dates {
			t.Fatalf("range %q has %d versions but %d dates", cell, len(out), dates)
		}
		return out
	}
	if strings.Contains(cell, ",") {
		var out []string
		for _, s := range strings.Split(cell, ",") {
			out = append(out, strings.TrimSpace(s))
		}
		return out
	}
	return []string{cell}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func mustRelease(t *testing.T, c *Catalog, p Product, s string) Release {
	t.Helper()
	v, err := parseNumeric(s)
	if err != nil {
		t.Fatalf("notes version %q: %v", s, err)
	}
	v.product = p
	r, ok := c.Release(v)
	if !ok {
		t.Fatalf("%s %s is in the notes but not in the catalogue", p, s)
	}
	return r
}

// noteVersion reads a version cell of the notes: "Sep.2018 (11.0.108.0)",
// "Feb.2019", "11.9.0 / 11.9.1", "LifeTime 11.22.0", "11.14.0 (side effect)".
func noteVersion(t *testing.T, c *Catalog, p Product, cell string) Version {
	t.Helper()
	cell = strings.TrimSpace(strings.Split(cell, " / ")[0])
	if m := regexp.MustCompile(`\((\d+\.\d+\.\d+\.\d+)\)`).FindStringSubmatch(cell); m != nil {
		cell = m[1]
	}
	cell = strings.TrimSpace(parenRE.ReplaceAllString(cell, ""))
	if rest, ok := strings.CutPrefix(cell, "LifeTime "); ok {
		p, cell = LifeTime, rest
	}
	if cell == "11.25" {
		cell = "11.25.0"
	}
	v, err := c.ParseProduct(p, cell)
	if err != nil {
		t.Fatalf("notes version %q: %v", cell, err)
	}
	return v
}

func TestCatalogueHoldsEveryReleaseOfTheNotes(t *testing.T) {
	lines := readNotes(t, notesPath(factsFile))
	c := Default()
	want := map[Product]int{}

	lt := tables(section(t, lines, "### 2.1"))
	for _, row := range tableWith(t, lt, "Name", "Version").rows {
		if row[1] == "?" {
			continue // LifeTime Jan.2019 (Sentry): no known number
		}
		r := mustRelease(t, c, LifeTime, row[1])
		if got := r.Date.Format(time.DateOnly); got != dateRE.FindString(row[2]) {
			t.Errorf("LifeTime %s date = %s, notes say %s", row[1], got, row[2])
		}
		if r.Source == "" {
			t.Errorf("LifeTime %s has no source", row[1])
		}
		want[LifeTime]++
	}
	for _, row := range tableWith(t, lt, "LifeTime", "Released").rows {
		dates := dateRE.FindAllString(row[1], -1)
		removed := strings.Contains(row[1], "removed")
		vs := expandVersions(t, row[0], len(dates)-boolInt(removed))
		for i, s := range vs {
			r := mustRelease(t, c, LifeTime, s)
			if got := r.Date.Format(time.DateOnly); got != dates[i] {
				t.Errorf("LifeTime %s date = %s, notes say %s", s, got, dates[i])
			}
			if removed && r.Removed.Format(time.DateOnly) != dates[len(dates)-1] {
				t.Errorf("LifeTime %s removed = %v, notes say %s", s, r.Removed, dates[len(dates)-1])
			}
			if row[2] != "" && r.BundledPlatformServer.String() != row[2] {
				t.Errorf("LifeTime %s bundles %q, notes say %q", s, r.BundledPlatformServer, row[2])
			}
			want[LifeTime]++
		}
	}

	ps := tables(section(t, lines, "### 2.2"))
	for _, row := range tableWith(t, ps, "Name", "Version").rows {
		if row[1] == "?" {
			continue // Oct.2019 CP4 and CP5: no known number
		}
		r := mustRelease(t, c, PlatformServer, row[1])
		if row[0] != row[1] && r.Version.Name() != row[0] {
			t.Errorf("Platform Server %s name = %q, notes say %q", row[1], r.Version.Name(), row[0])
		}
		want[PlatformServer]++
	}
	for _, row := range tableWith(t, ps, "PS", "Released").rows {
		r := mustRelease(t, c, PlatformServer, row[0])
		if r.Breaking != (row[2] == "Y") {
			t.Errorf("Platform Server %s breaking = %v, notes say %q", row[0], r.Breaking, row[2])
		}
		if strings.Contains(row[1], "removed") == r.Removed.IsZero() {
			t.Errorf("Platform Server %s removed = %v, notes say %q", row[0], r.Removed, row[1])
		}
		want[PlatformServer]++
	}
	for _, l := range section(t, lines, "### 2.4") {
		if !strings.HasPrefix(l, "- 10.0.") {
			continue
		}
		for _, s := range v10RE.FindAllString(l, -1) {
			mustRelease(t, c, PlatformServer, s)
			want[PlatformServer]++
		}
	}
	for _, p := range []Product{LifeTime, PlatformServer} {
		if got := len(c.Releases(p)); got != want[p] {
			t.Errorf("catalogue has %d %s releases, the notes %d", got, p, want[p])
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestCatalogueHoldsEveryRuleOfTheNotes(t *testing.T) {
	lines := readNotes(t, notesPath(factsFile))
	c := Default()

	t.Run("end of support", func(t *testing.T) {
		var want []string
		for _, row := range tableWith(t, tables(section(t, lines, "### 3.1")), "Major", "GA").rows {
			if !anyDigitRE.MatchString(row[0]) {
				continue // ODC has no version
			}
			want = append(want, row[0])
			i := slices.IndexFunc(c.eos, func(l Lifecycle) bool { return l.ref == row[0] })
			if i < 0 {
				t.Errorf("end of support of %q missing", row[0])
				continue
			}
			if got := c.eos[i].GA.Format(time.DateOnly); dateRE.MatchString(row[1]) && got != row[1] {
				t.Errorf("%s GA = %s, notes say %s", row[0], got, row[1])
			}
		}
		checkRefs(t, want, refsOf(c.eos, func(l Lifecycle) []string { return []string{l.ref} }))
	})

	t.Run("features", func(t *testing.T) {
		var want []string
		for _, row := range tableWith(t, tables(section(t, lines, "### 3.3")), "Feature", "LifeTime version").rows {
			want = append(want, row[0])
			f := featureByRef(t, c, row[0])
			if got, notes := f.LifeTime.Min, noteVersion(t, c, LifeTime, row[1]); got.compareNumbers(notes) != 0 {
				t.Errorf("feature %q needs LifeTime %s, notes say %s", row[0], got, notes)
			}
			for _, m := range regexp.MustCompile(`\d+\.\d+\.\d+(\.\d+)?|11\.25\b`).FindAllString(row[2], -1) {
				if strings.Count(m, ".") == 1 {
					m += ".0"
				}
				if !slices.ContainsFunc(f.PlatformServerMin, func(v Version) bool { return v.String() == m }) && !strings.Contains(row[2], "adds the capability") && !strings.Contains(row[2], "Service Studio") && !strings.Contains(row[2], "says it needs LifeTime") {
					t.Errorf("feature %q: Platform Server minimum %s of the notes is missing (%v)", row[0], m, f.PlatformServerMin)
				}
			}
		}
		lines := readNotes(t, notesPath(restAPIFile))
		for _, row := range tableWith(t, tables(section(t, lines, "### 1.5")), "Feature", "Minimum LifeTime").rows {
			want = append(want, row[0])
			f := featureByRef(t, c, row[0])
			if got, notes := f.LifeTime.Min, noteVersion(t, c, LifeTime, row[1]); got.compareNumbers(notes) != 0 {
				t.Errorf("feature %q needs LifeTime %s, notes say %s", row[0], got, notes)
			}
		}
		checkRefs(t, want, refsOf(c.features, func(f Feature) []string { return f.refs }))
	})

	t.Run("retracted and defective", func(t *testing.T) {
		var want []string
		for _, row := range tableWith(t, tables(section(t, lines, "### 3.4")), "Component", "Version").rows {
			ref := row[0] + " " + row[1]
			want = append(want, ref)
			i := slices.IndexFunc(c.defects, func(d Defect) bool { return d.ref == ref })
			if i < 0 {
				t.Errorf("defect %q missing", ref)
				continue
			}
			if wantKind := removedRE.MatchString(row[2]); wantKind != (c.defects[i].Kind == Retracted) {
				t.Errorf("defect %q kind = %v, notes say %q", ref, c.defects[i].Kind, row[2])
			}
		}
		checkRefs(t, want, refsOf(c.defects, func(d Defect) []string { return []string{d.ref} }))
	})

	t.Run("breaking changes", func(t *testing.T) {
		var want []string
		for _, row := range tableWith(t, tables(section(t, lines, "### 4.1")), "ID", "LifeTime").rows {
			want = append(want, row[0])
			bc := changeByRef(t, c, row[0])
			if bc.ID != row[0] || bc.Product != LifeTime {
				t.Errorf("LifeTime change %q: id %q, product %v", row[0], bc.ID, bc.Product)
			}
			if notes := noteVersion(t, c, LifeTime, row[1]); bc.Introduced.compareNumbers(notes) != 0 {
				t.Errorf("change %s introduced in %s, notes say %s", row[0], bc.Introduced, notes)
			}
		}
		for _, row := range tableWith(t, tables(section(t, lines, "### 4.2")), "Anchor", "PS version").rows {
			want = append(want, row[0])
			bc := changeByRef(t, c, row[0])
			notes := noteVersion(t, c, PlatformServer, row[1])
			if bc.Introduced.compareNumbers(notes) != 0 || (notes.product != bc.Product) {
				t.Errorf("change %s introduced in %s, notes say %s", row[0], bc.Introduced.Label(), notes.Label())
			}
		}
		for _, row := range tableWith(t, tables(section(t, lines, "### 4.3")), "Anchor", "Issue").rows {
			want = append(want, row[0])
			changeByRef(t, c, row[0])
		}
		checkRefs(t, want, refsOf(c.changes, func(bc BreakingChange) []string { return []string{bc.ref} }))
	})
}

func featureByRef(t *testing.T, c *Catalog, ref string) Feature {
	t.Helper()
	i := slices.IndexFunc(c.features, func(f Feature) bool { return slices.Contains(f.refs, ref) })
	if i < 0 {
		t.Fatalf("feature %q of the notes is not in the catalogue", ref)
	}
	return c.features[i]
}

func changeByRef(t *testing.T, c *Catalog, ref string) BreakingChange {
	t.Helper()
	i := slices.IndexFunc(c.changes, func(bc BreakingChange) bool { return bc.ref == ref })
	if i < 0 {
		t.Fatalf("breaking change %q of the notes is not in the catalogue", ref)
	}
	return c.changes[i]
}

func refsOf[T any](items []T, refs func(T) []string) []string {
	var out []string
	for _, it := range items {
		for _, r := range refs(it) {
			if r != "" {
				out = append(out, r)
			}
		}
	}
	return out
}

// checkRefs fails when the catalogue cites a row the notes do not have, or
// holds a row twice.
func checkRefs(t *testing.T, notes, catalogue []string) {
	t.Helper()
	for _, r := range catalogue {
		if !slices.Contains(notes, r) {
			t.Errorf("catalogue entry %q matches no row of the notes", r)
		}
	}
	slices.Sort(catalogue)
	if d := slices.Compact(slices.Clone(catalogue)); len(d) != len(catalogue) {
		t.Errorf("catalogue cites some rows twice: %v", catalogue)
	}
	if len(catalogue) < len(notes) {
		t.Errorf("notes have %d rows, catalogue cites %d", len(notes), len(catalogue))
	}
}
