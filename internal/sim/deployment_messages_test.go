package sim

import (
	"fmt"
	"strings"
	"testing"
)

// TestStepMessagesFormat checks that every log line of a running step uses
// the source and target it is given and nothing else: a line without verbs
// would print "%!(EXTRA ...)" in every deployment log.
func TestStepMessagesFormat(t *testing.T) {
	for _, msg := range stepMessages() {
		got := fmt.Sprintf(msg, "Development", "Test")
		if strings.Contains(got, "%!") {
			t.Errorf("step message %q formats as %q", msg, got)
		}
	}
}
