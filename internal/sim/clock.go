package sim

import (
	"time"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
)

// Clock is the simulator's notion of time. Every time-dependent behaviour
// (deployment progress, token expiry, console downtime, link expiry,
// Service Center publications) is computed lazily from Clock.Now at each
// request or inspection, so a manual clock makes the whole simulation
// deterministic. It is the Service Center simulator's clock, so one clock
// drives both.
type Clock = scsim.Clock

// ManualClock is a Clock that only moves when told to (Advance, Set). It is
// safe for concurrent use.
type ManualClock = scsim.ManualClock

// NewManualClock returns a ManualClock set to t0.
func NewManualClock(t0 time.Time) *ManualClock { return scsim.NewManualClock(t0) }

// RealClock follows the wall clock, optionally sped up: with Speed 60 one
// real second is one simulated minute (useful for examples that must show a
// deployment progressing without waiting minutes). Simulated time starts at
// the real time the clock was created.
type RealClock struct {
	start time.Time
	speed float64
}

// NewRealClock returns a clock that runs speed times faster than the wall
// clock; a speed <= 0 means 1.
func NewRealClock(speed float64) *RealClock {
	if speed <= 0 {
		speed = 1
	}
	return &RealClock{start: time.Now(), speed: speed}
}

// Now returns the simulated current time.
func (c *RealClock) Now() time.Time {
	elapsed := time.Since(c.start)
	return c.start.Add(time.Duration(float64(elapsed) * c.speed)).Round(0)
}
