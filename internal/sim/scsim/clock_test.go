package scsim_test

import (
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
)

func TestManualClock(t *testing.T) {
	c := scsim.NewManualClock(t0)
	c.Advance(time.Minute)
	c.Advance(-time.Hour) // ignored
	if got := c.Now(); !got.Equal(t0.Add(time.Minute)) {
		t.Errorf("Now() = %v, want %v", got, t0.Add(time.Minute))
	}
	c.Set(t0)
	if got := c.Now(); !got.Equal(t0) {
		t.Errorf("after Set, Now() = %v, want %v", got, t0)
	}
}

func TestClockGoingBackwardsUndoesNothing(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	createAll(t, f, "S")
	pub := publishRunning(t, f, "S")
	f.clock.Advance(time.Minute)
	_, before := messages(t, f, pub.SolutionPubID, 0)
	f.clock.Set(t0)
	_, after := messages(t, f, pub.SolutionPubID, 0)
	if len(after) != len(before) || outdated(f)["PluginA"] {
		t.Errorf("moving the clock back changed the log (%d -> %d messages) or re-outdated PluginA", len(before), len(after))
	}
}
