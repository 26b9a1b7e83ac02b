package sim

import (
	"sync"
	"time"
)

// Clock is the simulator's notion of time. Every time-dependent behaviour
// (deployment progress, token expiry, console downtime, link expiry) is
// computed lazily from Clock.Now at each request or inspection, so a manual
// clock makes the whole simulation deterministic.
type Clock interface {
	Now() time.Time
}

// ManualClock is a Clock that only moves when told to. It is safe for
// concurrent use.
type ManualClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewManualClock returns a ManualClock set to t0.
func NewManualClock(t0 time.Time) *ManualClock {
	return &ManualClock{now: t0}
}

// Now returns the clock's current time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d (a negative d is ignored).
func (c *ManualClock) Advance(d time.Duration) {
	if d <= 0 {
		return
	}
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Set moves the clock to t. Moving it backwards is allowed but the simulator
// never undoes state that already evolved.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

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
