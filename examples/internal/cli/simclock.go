package cli

import (
	"context"
	"sync"
	"time"
)

// SimClock is the clock of a simulated infrastructure started by an
// example. Simulated time runs Speed times faster than the wall clock, so
// that what the simulator does on its own (a deployment step, a publish)
// finishes in a fraction of a real second; and Sleep jumps forward at once,
// so that a wait through hours of simulated downtime (the console during a
// LifeTime upgrade) takes no real time.
//
// It implements the simulator's clock (Now) and the upgrade runner's clock
// (Now and Sleep).
type SimClock struct {
	mu      sync.Mutex
	start   time.Time // wall-clock time of creation
	speed   float64
	skipped time.Duration // simulated time added by Sleep
}

// NewSimClock returns a SimClock reading the current time and running speed
// times faster than the wall clock (speed <= 0 means 1).
func NewSimClock(speed float64) *SimClock {
	if speed <= 0 {
		speed = 1
	}
	return &SimClock{start: time.Now(), speed: speed}
}

// Now returns the simulated current time.
func (c *SimClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	elapsed := time.Duration(float64(time.Since(c.start)) * c.speed)
	return c.start.Add(elapsed + c.skipped).Round(0)
}

// Sleep moves simulated time forward by d at once. It returns ctx's error
// when ctx has ended, like a real sleep that was interrupted.
func (c *SimClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d > 0 {
		c.mu.Lock()
		c.skipped += d
		c.mu.Unlock()
	}
	return nil
}
