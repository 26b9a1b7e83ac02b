package sim

import (
	"fmt"
	"strconv"
	"strings"
)

// compareVersions compares two dotted numeric versions component by
// component, padding missing components with 0 (compat-facts.md V20: OutSystems'
// own tooling compares with System.Version). It returns -1, 0 or 1; a
// component that is not a number compares as 0.
func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	n := max(len(pa), len(pb))
	for i := 0; i < n; i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(strings.TrimSpace(pa[i]))
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(strings.TrimSpace(pb[i]))
		}
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
	}
	return 0
}

// validVersion reports whether v is a dotted version of 2 to 4 numbers.
func validVersion(v string) error {
	parts := strings.Split(v, ".")
	if len(parts) < 2 || len(parts) > 4 {
		return fmt.Errorf("version %q: want 2 to 4 dot-separated numbers", v)
	}
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			return fmt.Errorf("version %q: %q is not a number", v, p)
		}
	}
	return nil
}

// versionAtLeast reports whether v >= min.
func versionAtLeast(v, min string) bool { return compareVersions(v, min) >= 0 }

// bundledPlatformServer lists, for LifeTime releases whose notes name it, the
// Platform Server bundled with the LifeTime installer (compat-facts.md §2.1,
// "Bundled PS" column). The LifeTime environment runs that Platform Server
// (compat-facts.md S13: the installer refuses a mismatching one).
var bundledPlatformServer = []struct{ lifetime, platform string }{
	{"11.5.2", "11.7.3"},
	{"11.6.0", "11.8.2"},
	{"11.7.0", "11.9.0"},
	{"11.7.1", "11.9.1"},
	{"11.8.2", "11.10.2"},
	{"11.8.4", "11.10.4"},
	{"11.9.1", "11.11.2"},
	{"11.10.0", "11.12.0"},
	{"11.11.0", "11.14.0"},
	{"11.13.0", "11.16.0"},
	{"11.14.0", "11.16.1"},
	{"11.14.1", "11.17.0"},
	{"11.15.1", "11.17.1"},
	{"11.16.0", "11.18.0"},
	{"11.17.2", "11.21.0"},
	{"11.18.1", "11.23.0"},
	{"11.20.0", "11.24.0"},
	{"11.21.0", "11.25.0"},
	{"11.22.0", "11.26.0"},
	{"11.24.0", "11.28.0"},
	{"11.24.2", "11.29.0"},
	{"11.25.0", "11.30.0"},
	{"11.25.4", "11.32.0"},
	{"11.26.0", "11.33.0"},
	{"11.26.1", "11.33.1"},
	{"11.26.3", "11.35.0"},
	{"11.27.4", "11.38.0"},
	{"11.30.0", "11.42.1"},
}

// bundledPlatformServerFor returns the Platform Server bundled with the
// LifeTime version lt: that of the newest listed release not newer than lt
// (releases whose notes say nothing keep the previous bundle). It returns ""
// for versions older than the table.
func bundledPlatformServerFor(lt string) string {
	ps := ""
	for _, b := range bundledPlatformServer {
		if compareVersions(b.lifetime, lt) <= 0 {
			ps = b.platform
		}
	}
	return ps
}
