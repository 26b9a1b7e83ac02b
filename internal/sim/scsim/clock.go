package scsim

import (
	"sync"
	"time"
)

// Clock tells the simulator what time it is. The simulator never sleeps and
// runs no background goroutines: every request reads the clock and advances
// the simulated state (publications, module status) up to that instant.
type Clock interface {
	Now() time.Time
}

// realClock is the wall clock, used when Config.Clock is nil.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

// ManualClock is a Clock that moves only when told to, for tests that drive a
// publication step by step. It is safe for concurrent use. The zero value
// starts at the zero time; use [NewManualClock] to pick the start.
type ManualClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewManualClock returns a ManualClock reading start.
func NewManualClock(start time.Time) *ManualClock {
	return &ManualClock{now: start}
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
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Set moves the clock to t. Moving it backwards is allowed, but the
// simulator never undoes state that already evolved.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}
