package scsim

import (
	"crypto/sha1"
	"fmt"
	"strings"
	"time"
)

// Module kinds, as Service Center names them in module listings (the
// PlatformServices CS_Module.Kind field, soap-apis.md §2.3; values INFERRED).
const (
	KindESpace    = "eSpace"
	KindExtension = "Extension"
)

// Module is one module (eSpace or extension) of the simulated environment.
type Module struct {
	// Name is the module name, unique in the environment (compared
	// case-insensitively).
	Name string
	// Key is the module key; empty means a key derived from Name.
	Key string
	// Kind is KindESpace or KindExtension; empty means KindESpace.
	Kind string
	// Application is the name of the application the module belongs to
	// (informational).
	Application string
	// System marks platform modules (ServiceCenter, LifeTime, System
	// Components...). CreateAllSolution leaves them out, and PublishRunning
	// publishes them only with PublishSystemApplications=true.
	System bool
	// Plugin marks a LifeTime plugin module: a non-system module of the
	// LifeTime environment that the console upgrade leaves outdated and that
	// must be republished afterwards (soap-apis.md §4).
	Plugin bool
	// Outdated is set when the module has outdated references to producers
	// (Service Center's status message id 6, soap-apis.md §2.3). A successful
	// publication of the module clears it.
	Outdated bool
	// PublishedVersion counts the module's successful publications; AddModule
	// starts it at 1 when it is zero.
	PublishedVersion int
	// LastPublished is the simulated time of the last successful publication.
	LastPublished time.Time
}

// AddModule adds m to the environment, or replaces the module with the same
// name.
func (sc *ServiceCenter) AddModule(m Module) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.addModule(m)
}

func (sc *ServiceCenter) addModule(m Module) *Module {
	if m.Key == "" {
		m.Key = keyFor("module:" + foldName(m.Name))
	}
	if m.Kind == "" {
		m.Kind = KindESpace
	}
	if m.PublishedVersion == 0 {
		m.PublishedVersion = 1
	}
	if old := sc.module(m.Name); old != nil {
		*old = m
		return old
	}
	p := &m
	sc.modules = append(sc.modules, p)
	sc.byName[foldName(m.Name)] = p
	return p
}

// Modules returns a copy of the environment's modules, in the order they were
// added, with publications advanced to the current simulated time.
func (sc *ServiceCenter) Modules() []Module {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.now()
	out := make([]Module, len(sc.modules))
	for i, m := range sc.modules {
		out[i] = *m
	}
	return out
}

// MarkOutdated sets Outdated on every module for which pred returns true, as
// after an upgrade of the code those modules reference. For LifeTime plugins:
// MarkOutdated(func(m Module) bool { return m.Plugin }).
func (sc *ServiceCenter) MarkOutdated(pred func(Module) bool) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	sc.now()
	for _, m := range sc.modules {
		if pred(*m) {
			m.Outdated = true
		}
	}
}

// module returns the module named name, or nil. The caller holds sc.mu.
func (sc *ServiceCenter) module(name string) *Module {
	return sc.byName[foldName(name)]
}

func foldName(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// keyFor derives a stable GUID-shaped key from seed, so that seeded
// environments have the same keys in every run.
func keyFor(seed string) string {
	h := sha1.Sum([]byte(seed))
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}
