package compat

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCatalogueSchema checks the embedded file against the schema: it
// loads with unknown fields rejected, every entry names an https source,
// and the data obeys the invariants the queries rely on.
func TestCatalogueSchema(t *testing.T) {
	t.Parallel()
	c, err := Load(bytes.NewReader(embeddedCatalog))
	if err != nil {
		t.Fatalf("embedded catalogue: %v", err)
	}
	if c.Snapshot().IsZero() {
		t.Error("snapshot date missing")
	}
	for _, p := range []Product{LifeTime, PlatformServer, DevelopmentEnvironment} {
		if len(c.Releases(p)) == 0 {
			t.Errorf("no %s releases", p)
		}
	}
	first, _ := c.Latest(LifeTime)
	if first.Version.String() != "11.30.1" {
		t.Errorf("latest LifeTime = %s, want 11.30.1", first.Version)
	}
	if ps, _ := c.Latest(PlatformServer); ps.Version.String() != "11.43.0" {
		t.Errorf("latest Platform Server = %s, want 11.43.0", ps.Version)
	}

	// Bundled Platform Servers never go backwards, and no LifeTime ships a
	// Platform Server released after it: InferLifeTime relies on both.
	var prev Release
	for _, r := range c.Releases(LifeTime) {
		b := r.BundledPlatformServer
		if b.IsZero() {
			continue
		}
		if !prev.BundledPlatformServer.IsZero() && b.compareNumbers(prev.BundledPlatformServer) < 0 {
			t.Errorf("LifeTime %s bundles %s, older than %s bundled by LifeTime %s", r.Version, b, prev.BundledPlatformServer, prev.Version)
		}
		prev = r
		ps, ok := c.Release(b)
		if !ok {
			t.Errorf("LifeTime %s bundles Platform Server %s, which the catalogue does not list", r.Version, b)
			continue
		}
		if !ps.Date.IsZero() && ps.Date.After(r.Date) {
			t.Errorf("LifeTime %s (%s) bundles Platform Server %s released later (%s)", r.Version, r.Date.Format("2006-01-02"), b, ps.Date.Format("2006-01-02"))
		}
	}
	for _, bc := range c.AllBreakingChanges() {
		if bc.Remedy == "" {
			t.Errorf("breaking change %s has no remedy", bc.ID)
		}
	}
	// The file is readable: one entry per line.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(embeddedCatalog, &raw); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(embeddedCatalog, []byte("\n")); n < len(c.releases) {
		t.Errorf("catalogue has %d lines for %d releases; keep one entry per line", n, len(c.releases))
	}
}

func TestDefaultIsShared(t *testing.T) {
	t.Parallel()
	if first, second := Default(), Default(); first != second {
		t.Error("Default() parsed the catalogue twice")
	}
	if len(Default().Releases(LifeTime)) == 0 {
		t.Error("Default() is empty")
	}
}

func TestCataloguesAreIndependent(t *testing.T) {
	t.Parallel()
	c := Default()
	rs := c.Releases(LifeTime)
	rs[0].Note = "changed"
	bc := c.AllBreakingChanges()
	bc[0].Affects[0] = "changed"
	if c.Releases(LifeTime)[0].Note == "changed" || c.AllBreakingChanges()[0].Affects[0] == "changed" {
		t.Error("accessors return shared slices; the catalogue must stay immutable")
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	valid := `{"schema":1,"snapshot":"2026-08-17","about":"","releases":[%s],"end_of_support":[],"defects":[%s],"breaking_changes":[%s],"features":[%s]}`
	rel := `{"product":"lifetime","version":"11.30.1","date":"2026-08-10","source":"https://example.com/a"}`
	tests := []struct {
		name, doc, want string
	}{
		{"not json", `{`, "invalid JSON"},
		{"unknown field", `{"schema":1,"surprise":true}`, "invalid JSON"},
		{"schema 2", `{"schema":2}`, "schema 2"},
		{"bad version", fill(valid, `{"product":"lifetime","version":"11.x","date":"2026-08-10","source":"https://example.com/a"}`, "", "", ""), "bad version"},
		{"named version", fill(valid, `{"product":"lifetime","version":"Release Sep.2018","date":"2018-09-26","source":"https://example.com/a"}`, "", "", ""), "numeric"},
		{"no product", fill(valid, `{"version":"11.30.1","date":"2026-08-10","source":"https://example.com/a"}`, "", "", ""), "product"},
		{"bad date", fill(valid, `{"product":"lifetime","version":"11.30.1","date":"10/08/2026","source":"https://example.com/a"}`, "", "", ""), "bad date"},
		{"no source", fill(valid, `{"product":"lifetime","version":"11.30.1","date":"2026-08-10","source":"see notes"}`, "", "", ""), "https"},
		{"duplicate", fill(valid, rel+","+rel, "", "", ""), "duplicate"},
		{"bundle on platform server", fill(valid, `{"product":"platform-server","version":"11.30.1","bundled_platform_server":"11.2.0","source":"https://example.com/a"}`, "", "", ""), "bundle"},
		{"bad name", fill(valid, `{"product":"lifetime","version":"11.30.1","name":"Latest","date":"2026-08-10","source":"https://example.com/a"}`, "", "", ""), "release name"},
		{"unknown area", fill(valid, rel, "", `{"id":"X","product":"lifetime","version":"11.1.0","summary":"s","remedy":"r","affects":["plugin"],"source":"https://example.com/a"}`, ""), "unknown area"},
		{"action outside affects", fill(valid, rel, "", `{"id":"X","product":"lifetime","version":"11.1.0","summary":"s","remedy":"r","affects":["rest"],"action_for":["soap"],"source":"https://example.com/a"}`, ""), "subset"},
		{"dangling same_as", fill(valid, rel, "", `{"id":"X","product":"lifetime","version":"11.1.0","summary":"s","remedy":"r","affects":["rest"],"same_as":"Y","source":"https://example.com/a"}`, ""), "same_as"},
		{"defect kind", fill(valid, rel, `{"ref":"r","product":"lifetime","versions":["11.1.0"],"kind":"bad","reason":"x","remedy":"y","source":"https://example.com/a"}`, "", ""), "kind"},
		{"defect without versions", fill(valid, rel, `{"ref":"r","product":"lifetime","kind":"defective","reason":"x","remedy":"y","source":"https://example.com/a"}`, "", ""), "versions or a range"},
		{"empty feature range", fill(valid, rel, "", "", `{"id":"f","summary":"s","lifetime":{"min":"11.5.0","max":"11.5.0"},"source":"https://example.com/a"}`), "empty"},
		{"scope without minimum", fill(valid, rel, "", "", `{"id":"f","summary":"s","lifetime":{"min":"11.5.0","max":""},"platform_server_scope":"target","source":"https://example.com/a"}`), "go together"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tt.doc))
			var ce *CatalogError
			if !errors.As(err, &ce) {
				t.Fatalf("Load error = %v, want *CatalogError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load error = %q, want it to mention %q", err, tt.want)
			}
		})
	}
	if _, err := Load(strings.NewReader(fill(valid, rel, "", "", ""))); err != nil {
		t.Errorf("minimal catalogue: %v", err)
	}
	// The cause stays reachable: a bad version wraps the *ParseError.
	_, err := Load(strings.NewReader(fill(valid, `{"product":"lifetime","version":"11.x","date":"2026-08-10","source":"https://example.com/a"}`, "", "", "")))
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Errorf("bad version: %v, want it to wrap a *ParseError", err)
	}
}

func fill(format string, parts ...string) string {
	out := format
	for _, p := range parts {
		out = strings.Replace(out, "%s", p, 1)
	}
	return out
}

func TestLoadFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "catalog.json")
	newer := bytes.Replace(embeddedCatalog, []byte(`"snapshot": "2026-08-17"`), []byte(`"snapshot": "2026-09-30"`), 1)
	newer = bytes.Replace(newer, []byte(`  "releases": [`), []byte(`  "releases": [
    {"product": "lifetime", "version": "11.31.0", "date": "2026-09-15", "bundled_platform_server": "11.43.0", "source": "https://example.com/notes"},`), 1)
	if err := os.WriteFile(path, newer, 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := LoadFile(path)
	if err != nil {
		t.Fatalf("LoadFile: %v", err)
	}
	if got := c.Snapshot().Format("2006-01-02"); got != "2026-09-30" {
		t.Errorf("snapshot = %s, want the file's 2026-09-30", got)
	}
	if !c.Known(MustParse(LifeTime, "11.31.0")) || Default().Known(MustParse(LifeTime, "11.31.0")) {
		t.Error("LifeTime 11.31.0 should be known to the loaded catalogue only")
	}
	inf, err := c.InferLifeTime(MustParse(PlatformServer, "11.43.0"), nil)
	if err != nil || len(inf.Candidates) != 1 || inf.Candidates[0].String() != "11.31.0" {
		t.Errorf("InferLifeTime(11.43.0) with the newer catalogue = %+v, %v; want candidate 11.31.0", inf, err)
	}
	if _, err := LoadFile(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("LoadFile of a missing file: no error")
	}
}
