package upgrade

import (
	"context"
	"time"
)

// Clock is the time source of a run: step durations, the deadline and
// the pauses of [WaitForConsole]. The default is the system clock. Give a
// run another one with [WithClock], for example the clock of a simulated
// infrastructure, so that a wait through hours of simulated downtime takes
// no real time.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// Sleep pauses for d, or until ctx ends (then it returns ctx.Err()).
	Sleep(ctx context.Context, d time.Duration) error
}

// WithClock sets the run's clock.
func WithClock(c Clock) RunOption { return func(cfg *runConfig) { cfg.clock = c } }

// systemClock is the default clock.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

func (systemClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
