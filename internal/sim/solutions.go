package sim

import "time"

// solution is a temporary solution being built by POST /environments/{k}/solution.
type solution struct {
	key     string
	envKey  string
	name    string
	appKeys []string
	started time.Time
}
