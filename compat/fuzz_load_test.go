package compat

import (
	"bytes"
	"testing"
)

// FuzzLoad checks that a malformed catalogue file is an error, never a
// panic, and that an accepted one answers queries.
func FuzzLoad(f *testing.F) {
	f.Add(embeddedCatalog)
	f.Add([]byte(`{"schema":1,"snapshot":"2026-01-01","releases":[{"product":"lifetime","version":"11.30.1","bundled_platform_server":"11.42.1","date":"2026-08-10","source":"https://example.com/a"}],"end_of_support":[],"defects":[],"breaking_changes":[],"features":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Load(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, r := range c.Releases(LifeTime) {
			_, _ = c.InferLifeTime(Version{seg: [4]int{11, 42, 1}, parts: 3}, nil)
			_, _ = c.BreakingChanges(r.Version, Version{seg: [4]int{11, 99, 0}, parts: 3, product: LifeTime}, Filter{Plugins: true})
			break
		}
	})
}
