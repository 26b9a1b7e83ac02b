package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
)

// Progress writes progress updates for long waits. On a terminal it keeps
// one live line, rewritten in place; elsewhere (CI logs) it writes one plain
// line per update, so logs stay readable.
type Progress struct {
	mu       sync.Mutex
	w        io.Writer
	live     bool
	lastLen  int
	lastText string
}

// NewProgress returns a Progress writing to w; the live line is used only
// when w is a terminal.
func NewProgress(w io.Writer) *Progress {
	return &Progress{w: w, live: isTerminal(w)}
}

// Update shows a new progress message. Repeated identical messages are
// written once.
func (p *Progress) Update(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	text := fmt.Sprintf(format, args...)
	if text == p.lastText {
		return
	}
	p.lastText = text
	if !p.live {
		fmt.Fprintln(p.w, text)
		return
	}
	pad := ""
	if n := p.lastLen - len(text); n > 0 {
		pad = strings.Repeat(" ", n)
	}
	fmt.Fprintf(p.w, "\r%s%s", text, pad)
	p.lastLen = len(text)
}

// Done ends the live line, if any.
func (p *Progress) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.live && p.lastLen > 0 {
		fmt.Fprintln(p.w)
		p.lastLen = 0
	}
	p.lastText = ""
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
