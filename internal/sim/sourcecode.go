package sim

import "time"

// sourcePackage is a source-code package being built.
type sourcePackage struct {
	key       string
	envKey    string
	appKey    string
	moduleKey string
	started   time.Time
}
