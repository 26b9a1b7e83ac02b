package scsim

import (
	"fmt"
	"time"
)

// Message types of a publication log. Info, Warning and Error carry the
// module they are about; Done is the last message of every publication;
// PublishStop ends stage 1 of a two-step publication (soap-apis.md §2.3,
// where SetupTools handles Warning, Error and PublishStop).
const (
	MessageInfo        = "Info"
	MessageWarning     = "Warning"
	MessageError       = "Error"
	MessageDone        = "Done"
	MessagePublishStop = "PublishStop"
)

// Message is one entry of a publication log.
type Message struct {
	ID     int       // 1, 2, 3... within the publication
	Type   string    // MessageInfo, MessageWarning, MessageError, MessageDone or MessagePublishStop
	Module string    // module the message is about; empty for the whole publication
	Text   string    // human-readable text
	Detail string    // more detail, for errors
	Time   time.Time // simulated time the message was emitted
}

// publication is one publish of a list of modules, scheduled in simulated
// time when it starts (and, in two-step mode, again when stage 2 starts).
type publication struct {
	id           int
	solutionID   int // 0 for stagings
	solutionName string
	modules      []string // module names, in publish order
	twoStep      bool

	events  []event // sorted by time
	applied int     // events already applied
	failed  map[string]bool

	waiting  bool // two-step: stage 1 over, waiting for continue or abort
	finished bool
	aborted  bool
}

// event is a message and/or a state change at a simulated instant.
type event struct {
	at       time.Time
	msg      *Message
	publish  string // module published successfully at this instant
	fail     string // module whose publish failed at this instant
	stop     bool   // two-step: stage 1 ends here
	finished bool   // the publication ends here
}

// startPublication schedules the publication of modules from now on and
// returns it. The caller holds sc.mu.
func (sc *ServiceCenter) startPublication(now time.Time, solutionID int, solutionName string, modules []string, twoStep bool) *publication {
	p := &publication{
		id:           sc.nextPubID,
		solutionID:   solutionID,
		solutionName: solutionName,
		modules:      modules,
		twoStep:      twoStep,
		failed:       map[string]bool{},
	}
	sc.nextPubID++
	for _, name := range modules {
		if sc.failing[foldName(name)] {
			p.failed[foldName(name)] = true
		}
	}
	sc.pubs[p.id] = p
	sc.active = append(sc.active, p)
	sc.counters.PublicationsStarted++
	sc.schedule(p, now)
	sc.advance(now)
	return p
}

// schedule appends the events of a publication (or, in two-step mode, of its
// first stage) starting at t0. Each module gets an equal slot of the publish
// duration: "compiling" at the start of its slot (plus a warning when its
// references are outdated) and "published" or an error at the end; Done (or
// PublishStop) comes at the end.
func (sc *ServiceCenter) schedule(p *publication, t0 time.Time) {
	d := sc.cfg.PublishDuration
	if p.twoStep {
		d /= 2
	}
	slot := time.Duration(0)
	if n := len(p.modules); n > 0 {
		slot = d / time.Duration(n)
	}
	add := func(at time.Time, typ, module, text, detail string) *event {
		p.events = append(p.events, event{at: at, msg: &Message{
			ID: len(p.events) + 1, Type: typ, Module: module, Text: text, Detail: detail, Time: at,
		}})
		return &p.events[len(p.events)-1]
	}
	what := fmt.Sprintf("solution '%s'", p.solutionName)
	if p.solutionID == 0 {
		what = fmt.Sprintf("staging '%s'", p.solutionName)
	}
	add(t0, MessageInfo, "", fmt.Sprintf("Publication of %s started (%d modules).", what, len(p.modules)), "")
	errs := 0
	for i, name := range p.modules {
		start, end := t0.Add(time.Duration(i)*slot), t0.Add(time.Duration(i+1)*slot)
		add(start, MessageInfo, name, fmt.Sprintf("Compiling module '%s'.", name), "")
		if m := sc.module(name); m != nil && m.Outdated {
			add(start, MessageWarning, name,
				fmt.Sprintf("Module '%s' had outdated references to producer modules; they were refreshed.", name), "")
		}
		if p.failed[foldName(name)] {
			errs++
			e := add(end, MessageError, name, fmt.Sprintf("Module '%s' failed to publish.", name),
				fmt.Sprintf("Compilation of module '%s' failed (simulated failure).", name))
			e.fail = name
			continue
		}
		if p.twoStep {
			add(end, MessageInfo, name, fmt.Sprintf("Module '%s' compiled.", name), "")
			continue
		}
		e := add(end, MessageInfo, name, fmt.Sprintf("Module '%s' published.", name), "")
		e.publish = name
	}
	end := t0.Add(d)
	switch {
	case p.twoStep && errs == 0:
		e := add(end, MessagePublishStop, "", "Publish step 1 is finished.", "")
		e.stop = true
	default:
		e := add(end, MessageDone, "", doneText(errs), "")
		e.finished = true
	}
}

// continueTwoStep schedules stage 2 of a two-step publication waiting after
// stage 1. The caller holds sc.mu.
func (sc *ServiceCenter) continueTwoStep(p *publication, t0 time.Time) {
	p.waiting = false
	d := sc.cfg.PublishDuration / 2
	slot := time.Duration(0)
	if n := len(p.modules); n > 0 {
		slot = d / time.Duration(n)
	}
	for i, name := range p.modules {
		at := t0.Add(time.Duration(i+1) * slot)
		p.events = append(p.events, event{at: at, publish: name, msg: &Message{
			ID: len(p.events) + 1, Type: MessageInfo, Module: name, Text: fmt.Sprintf("Module '%s' published.", name), Time: at,
		}})
	}
	at := t0.Add(d)
	p.events = append(p.events, event{at: at, finished: true, msg: &Message{
		ID: len(p.events) + 1, Type: MessageDone, Text: doneText(0), Time: at,
	}})
}

// abortTwoStep ends a two-step publication waiting after stage 1 without
// publishing anything. The caller holds sc.mu.
func (sc *ServiceCenter) abortTwoStep(p *publication, t0 time.Time) {
	p.waiting = false
	p.aborted = true
	p.events = append(p.events, event{at: t0, finished: true, msg: &Message{
		ID: len(p.events) + 1, Type: MessageDone, Text: "Publication aborted.", Time: t0,
	}})
}

func doneText(errs int) string {
	if errs == 0 {
		return "Publication finished successfully."
	}
	return fmt.Sprintf("Publication finished with %d error(s).", errs)
}

// advance applies every scheduled event up to now, in time order within each
// publication, publications in the order they started. The caller holds
// sc.mu.
func (sc *ServiceCenter) advance(now time.Time) {
	still := sc.active[:0]
	for _, p := range sc.active {
		for p.applied < len(p.events) && !p.events[p.applied].at.After(now) {
			e := p.events[p.applied]
			p.applied++
			if e.publish != "" {
				if m := sc.module(e.publish); m != nil {
					m.Outdated = false
					m.PublishedVersion++
					m.LastPublished = e.at
				}
				sc.counters.ModulesPublished++
			}
			if e.fail != "" {
				sc.counters.ModulePublishFailures++
			}
			if e.stop {
				p.waiting = true
			}
			if e.finished {
				p.finished = true
			}
		}
		if !p.finished {
			still = append(still, p)
		}
	}
	clear(sc.active[len(still):])
	sc.active = still
}

// messagesAfter returns the messages of p emitted so far with an id greater
// than after. The caller holds sc.mu and has advanced the state.
func (p *publication) messagesAfter(after int) []Message {
	var out []Message
	for _, e := range p.events[:p.applied] {
		if e.msg != nil && e.msg.ID > after {
			out = append(out, *e.msg)
		}
	}
	return out
}

// running reports whether p has started and not finished (a two-step
// publication waiting for continue counts as running).
func (p *publication) running() bool { return !p.finished }
