package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Run is the body of an example program: it gets a context that ends on
// SIGINT or SIGTERM (Jenkins sends SIGTERM when a build is aborted), the
// program's arguments and its output streams, and returns an error that
// [ExitCodeFor] maps to the exit code. A run function may also return an
// [*ExitError] to choose the code itself.
type Run func(ctx context.Context, args []string, stdout, stderr io.Writer) error

// ExitError carries an explicit exit code, for outcomes that are not errors
// of the program (checks failed, action required).
type ExitError struct {
	// Code is the exit code, one of the Exit constants.
	Code int
	// Message is printed on stderr before the program exits.
	Message string
}

// Error returns the message.
func (e *ExitError) Error() string { return e.Message }

// Main runs run with the process's arguments and streams and exits with the
// documented exit code. It is the whole main function of each example.
func Main(run Run) {
	os.Exit(Execute(context.Background(), run, os.Args[1:], os.Stdout, os.Stderr))
}

// Execute runs run and returns the exit code, printing the error, if any, on
// stderr. It is [Main] without the process-wide parts, for tests.
func Execute(ctx context.Context, run Run, args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, args, stdout, stderr)
	if err == nil {
		return ExitOK
	}
	if ee, ok := err.(*ExitError); ok {
		if ee.Message != "" {
			fmt.Fprintln(stderr, ee.Message)
		}
		return ee.Code
	}
	fmt.Fprintln(stderr, "error:", err)
	return ExitCodeFor(err)
}
