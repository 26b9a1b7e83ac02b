package sim

import (
	"fmt"
	"time"
)

// consoleUpgrade is a LifeTime upgrade in progress.
type consoleUpgrade struct {
	from, to string
	until    time.Time
}

// UpgradeConsole starts a LifeTime upgrade to version to: the console (its
// REST API, LifeTime Services and the LifeTime environment's Service Center)
// answers 503 until downtime of simulated time has passed, then comes back at
// the new version. The LifeTime environment's Platform Server becomes the one
// bundled with the new LifeTime (compat-facts.md §2.1 and S13), which is how
// the version is visible from outside: no REST call returns the LifeTime
// version (compat-facts.md V17), but GetPlatformInfo of the LifeTime
// environment's Service Center returns its Platform Server version, and
// endpoints added by the new release start answering. LifeTime plugins (the
// non-system modules of the LifeTime environment) are outdated afterwards and
// need a republish (DESIGN.md, "the upgrade procedure").
func (s *Sim) UpgradeConsole(to string, downtime time.Duration) error {
	if err := validVersion(to); err != nil {
		return fmt.Errorf("sim: upgrade console: %w", err)
	}
	if downtime < 0 {
		return fmt.Errorf("sim: upgrade console: negative downtime %s", downtime)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tick()
	if s.upgrade != nil {
		return fmt.Errorf("sim: upgrade console: an upgrade to %s is already in progress", s.upgrade.to)
	}
	if compareVersions(to, s.consoleVersion) <= 0 {
		return fmt.Errorf("sim: upgrade console: %s is not newer than the installed %s", to, s.consoleVersion)
	}
	downtime = max(downtime, s.minUpgradeDowntime)
	s.upgrade = &consoleUpgrade{from: s.consoleVersion, to: to, until: s.now().Add(downtime)}
	s.tickUpgrade(s.now())
	return nil
}

// UpgradeInProgress reports whether the console is down for an upgrade and
// until when (simulated time).
func (s *Sim) UpgradeInProgress() (until time.Time, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tick()
	if s.upgrade == nil {
		return time.Time{}, false
	}
	return s.upgrade.until, true
}

// tickUpgrade completes the upgrade once its downtime has passed. Callers
// hold s.mu.
func (s *Sim) tickUpgrade(now time.Time) {
	u := s.upgrade
	if u == nil || now.Before(u.until) {
		return
	}
	s.upgrade = nil
	s.consoleVersion = u.to
	if ps := bundledPlatformServerFor(u.to); ps != "" && compareVersions(ps, s.lifetime.PlatformServerVersion) > 0 {
		s.lifetime.PlatformServerVersion = ps
		if e := s.env(s.lifetime.SharedWithEnvironment); e != nil {
			e.OSVersion = ps
		}
	}
	s.afterConsoleUpgrade()
}
