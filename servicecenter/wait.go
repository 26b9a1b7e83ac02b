package servicecenter

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Defaults of [WaitOptions].
const (
	DefaultWaitInterval = 2 * time.Second
	DefaultWaitTimeout  = time.Hour
	// MinWaitInterval is the shortest poll interval WaitPublish uses.
	MinWaitInterval = 100 * time.Millisecond
)

// ErrWaitTimeout is wrapped by WaitPublish's error when the publication
// did not finish within WaitOptions.Timeout.
var ErrWaitTimeout = errors.New("servicecenter: publication did not finish in time")

// WaitOptions control [Client.WaitPublish]. nil means the defaults.
type WaitOptions struct {
	// Optional: Interval between two polls; 0 means DefaultWaitInterval,
	// values below MinWaitInterval are raised to it.
	Interval time.Duration
	// Optional: Timeout bounds the whole wait; 0 means DefaultWaitTimeout
	// (one hour, as OutSystems' pipeline allows a solution publish). The
	// context's own deadline applies too.
	Timeout time.Duration
	// Optional: AfterID resumes a wait: messages up to this id were seen.
	AfterID int64
	// Optional: OnMessage is called for each new message, in order, from
	// the waiting goroutine.
	OnMessage func(Message)
}

// ModuleResult gathers the errors and warnings about one module.
type ModuleResult struct {
	// Module is the module name; Errors and Warnings its messages, in order.
	Module   string
	Errors   []Message
	Warnings []Message
}

// WaitResult is what a publication reported until WaitPublish returned.
type WaitResult struct {
	// PublicationID is the publication waited for.
	PublicationID int64
	// Finished says a Done (or PublishStop) message was seen.
	Finished bool
	// LastMessageID is the highest message id seen (resume with it).
	LastMessageID int64
	// Messages are all messages seen, in order.
	Messages []Message
	// Errors and Warnings are the Error and Warning messages, in order.
	Errors   []Message
	Warnings []Message
	// Modules holds, per module named by an error or warning, its errors
	// and warnings, in order of first appearance.
	Modules []ModuleResult
}

// Failed reports whether the publication reported errors.
func (r *WaitResult) Failed() bool { return len(r.Errors) > 0 }

// add records one message.
func (r *WaitResult) add(m Message) {
	r.Messages = append(r.Messages, m)
	if m.ID > r.LastMessageID {
		r.LastMessageID = m.ID
	}
	switch m.Type {
	case MessageError:
		r.Errors = append(r.Errors, m)
	case MessageWarning:
		r.Warnings = append(r.Warnings, m)
	case MessageDone, MessagePublishStop:
		r.Finished = true
		return
	default:
		return
	}
	if m.Module == "" {
		return
	}
	i := 0
	for i < len(r.Modules) && r.Modules[i].Module != m.Module {
		i++
	}
	if i == len(r.Modules) {
		r.Modules = append(r.Modules, ModuleResult{Module: m.Module})
	}
	if m.Type == MessageError {
		r.Modules[i].Errors = append(r.Modules[i].Errors, m)
	} else {
		r.Modules[i].Warnings = append(r.Modules[i].Warnings, m)
	}
}

// PublishError is returned by WaitPublish, with the result, when the
// publication finished with errors. errors.Is(err, ErrPublishFailed) holds.
type PublishError struct {
	// Result is what the publication reported.
	Result *WaitResult
}

// Error says how many errors the publication reported and in which modules.
func (e *PublishError) Error() string {
	var mods []string
	for _, m := range e.Result.Modules {
		if len(m.Errors) > 0 {
			mods = append(mods, m.Module)
		}
	}
	s := fmt.Sprintf("servicecenter: publication %d finished with %d error(s)", e.Result.PublicationID, len(e.Result.Errors))
	if len(mods) > 0 {
		s += " in " + strings.Join(mods, ", ")
	}
	return s
}

// Is matches [ErrPublishFailed].
func (e *PublishError) Is(target error) bool { return target == ErrPublishFailed }

// WaitPublish polls the messages of publication pubID until it finishes,
// calling opts.OnMessage for every new message. It returns the result
// and:
//   - nil when the publication finished without errors;
//   - a [*PublishError] (errors.Is ErrPublishFailed) when it finished
//     with errors;
//   - an error wrapping ErrWaitTimeout and context.DeadlineExceeded when
//     opts.Timeout passed first, or wrapping ctx.Err() when ctx ended;
//   - the polling error otherwise (GetMessages is retried on transient
//     failures by the client's retry policy).
//
// The result is never nil; on errors it holds what was seen so far, and
// LastMessageID resumes the wait (opts.AfterID).
//
// The end of a publication is known only from a Done (or PublishStop)
// message in the XML form of the messages (see [Message]). A server that
// answers plain text gives messages without ids and no end marker: asked
// for the messages after id 0 at every poll, it answers the whole log, so
// WaitPublish reports only the lines beyond those already seen, and waits
// until opts.Timeout.
//
// Service Center SOAP: Solutions.GetMessages (polled)
func (c *Client) WaitPublish(ctx context.Context, pubID int64, opts *WaitOptions) (*WaitResult, error) {
	return waitPublication(ctx, pubID, opts, func(ctx context.Context, after int64) ([]Message, bool, error) {
		msgs, err := c.Messages(ctx, pubID, after)
		return msgs, false, err
	})
}

// poller reads the messages of a publication after an id; finished is the
// server's own end flag when it has one (a Done or PublishStop message
// also ends the wait).
type poller func(ctx context.Context, after int64) (msgs []Message, finished bool, err error)

// waitPublication is the polling loop of WaitPublish and
// ExperimentalWaitStaging.
func waitPublication(ctx context.Context, pubID int64, opts *WaitOptions, poll poller) (*WaitResult, error) {
	var o WaitOptions
	if opts != nil {
		o = *opts
	}
	res := &WaitResult{PublicationID: pubID, LastMessageID: o.AfterID}
	if o.Interval < 0 || o.Timeout < 0 || o.AfterID < 0 || pubID <= 0 {
		return res, fmt.Errorf("servicecenter: waiting for a publication: %w: publication %d, interval %s, timeout %s, after %d",
			ErrInvalidArgument, pubID, o.Interval, o.Timeout, o.AfterID)
	}
	if o.Interval == 0 {
		o.Interval = DefaultWaitInterval
	}
	o.Interval = max(o.Interval, MinWaitInterval)
	if o.Timeout == 0 {
		o.Timeout = DefaultWaitTimeout
	}
	wctx, cancel := context.WithTimeoutCause(ctx, o.Timeout, ErrWaitTimeout)
	defer cancel()

	// withoutID counts the messages without ids seen so far: a server
	// without ids answers the whole log at every poll.
	withoutID := 0
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-wctx.Done():
			return res, waitEnded(ctx, wctx, pubID, o.Timeout)
		case <-timer.C:
		}
		msgs, finished, err := poll(wctx, res.LastMessageID)
		if err != nil {
			if wctx.Err() != nil {
				return res, waitEnded(ctx, wctx, pubID, o.Timeout)
			}
			return res, err
		}
		n := 0
		for _, m := range msgs {
			if m.ID == 0 {
				if n++; n <= withoutID {
					continue // reported at an earlier poll
				}
			} else if m.ID <= res.LastMessageID {
				continue // already seen; a server may repeat the last one
			}
			res.add(m)
			if o.OnMessage != nil {
				o.OnMessage(m)
			}
		}
		withoutID = max(withoutID, n)
		if finished {
			res.Finished = true
		}
		if res.Finished {
			if res.Failed() {
				return res, &PublishError{Result: res}
			}
			return res, nil
		}
		timer.Reset(o.Interval)
	}
}

// waitEnded builds the error of a wait stopped by its timeout or by ctx.
func waitEnded(ctx, wctx context.Context, pubID int64, timeout time.Duration) error {
	if ctx.Err() == nil && errors.Is(context.Cause(wctx), ErrWaitTimeout) {
		return fmt.Errorf("servicecenter: publication %d: %w after %s: %w", pubID, ErrWaitTimeout, timeout, context.DeadlineExceeded)
	}
	return fmt.Errorf("servicecenter: waiting for publication %d: %w", pubID, ctx.Err())
}
