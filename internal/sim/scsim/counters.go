package scsim

import "maps"

// Counters is what the simulator has served since it was created, so tests
// can assert e.g. "exactly one publication was started".
type Counters struct {
	// Calls counts operation calls that reached an operation (valid
	// envelope, known action), by "<Service>.<Operation>", e.g.
	// "Solutions.PublishRunning"; faults included.
	Calls map[string]int
	// Requests counts every HTTP request received, 503s and 404s included.
	Requests int
	// Unavailable counts requests refused with 503 (SetAvailable(false)).
	Unavailable int
	// NotFound counts requests to unknown paths or methods.
	NotFound int
	// Faults counts SOAP faults (and REST error answers) sent.
	Faults int
	// UnquotedSOAPAction counts SOAP 1.1 requests whose SOAPAction header was
	// not enclosed in quotes (accepted, as ASP.NET does, unless Config.Strict).
	UnquotedSOAPAction int

	SolutionsCreated      int // by CreateAllSolution or a first Publish upload of a name
	SolutionsDeleted      int
	Uploads               int // Publish calls that received a valid file
	Downloads             int
	PublicationsStarted   int // publications of solutions and stagings
	ModulesPublished      int // modules whose publication succeeded
	ModulePublishFailures int // modules whose publication failed
}

func newCounters() Counters { return Counters{Calls: map[string]int{}} }

// Counters returns a snapshot of the counters, with publications advanced to
// the current simulated time.
func (sc *ServiceCenter) Counters() Counters {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.now()
	c := sc.counters
	c.Calls = maps.Clone(sc.counters.Calls)
	return c
}
