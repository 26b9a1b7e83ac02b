package compat

import (
	"fmt"
	"slices"
)

// Feature ids of the catalogue that client packages gate on. The
// catalogue holds more; see [Catalog.Features].
const (
	FeatureAPIv2                         = "api-v2"                                  // LifeTime REST API v2
	FeatureAPIv1                         = "api-v1"                                  // LifeTime REST API v1, removed in 11.26.0
	FeatureLifeTimeServices              = "ltservices"                              // LifeTime Services SOAP API, unsupported from 11.16.0
	FeatureUsersRolesTeams               = "api-v2-users-roles-teams"                // users, roles, teams, create app, templates (11.5.0)
	FeatureContentSecurityPolicies       = "api-v2-content-security-policies"        // CSP (11.10.3)
	FeatureRegisterEnvironments          = "api-v2-register-environments"            // register/unregister environments (11.11.0)
	FeatureDBConnections                 = "api-v2-db-connections"                   // DB connections, blocked logins (11.13.0)
	FeatureDBMapping                     = "api-v2-db-mapping"                       // missing DB mappings / configuration (11.21.1)
	FeatureSourceCode                    = "api-v2-source-code"                      // source-code download (11.21.1, PS 11.27.0)
	FeatureCrossInfrastructureDeployment = "api-v2-cross-infrastructure-deployments" // binary deployments, solutions (11.22.0)
	FeatureIncludeErrorDetails           = "api-v2-include-error-details"            // IncludeErrorDetails on deployment commands (11.21.0)
	FeatureDetailsURL                    = "api-v2-details-url"                      // DetailsURL attributes (11.22.0)
	FeatureAuthTokens                    = "api-v2-auth-tokens"                      // POST /auth/tokens/ (11.23.0)
	FeatureDeleteApplicationVersion      = "api-v2-delete-application-version"       // DELETE application version (Feb.2019)
	FeatureApplicationVersionContent     = "api-v2-application-version-content"      // .oap download (Feb.2019)
)

// Scope says which environment's Platform Server a feature depends on.
type Scope string

// Scopes of a feature's Platform Server minimum.
const (
	ScopeNone            Scope = ""                 // LifeTime-side only
	ScopeEnvironment     Scope = "environment"      // the environment the feature is used on
	ScopeTarget          Scope = "target"           // the target environment of a deployment
	ScopeAllEnvironments Scope = "all-environments" // every registered environment
)

// Feature is a LifeTime capability with the versions that have it.
type Feature struct {
	ID      string
	Summary string
	// LifeTime is the range of LifeTime versions that have the feature;
	// a bounded Max means it was removed (REST API v1 in 11.26.0).
	LifeTime Range
	// PlatformServerMin holds the minimum Platform Server per major, oldest
	// first (10.0.912.0 for OutSystems 10, 11.0.128.0 for OutSystems 11).
	// Empty when the feature depends on LifeTime only.
	PlatformServerMin []Version
	Scope             Scope
	SelfManagedOnly   bool   // only self-managed infrastructures get it
	Source            string // URL
	refs              []string
}

// Features returns every feature in the catalogue.
func (c *Catalog) Features() []Feature {
	out := make([]Feature, len(c.features))
	for i, f := range c.features {
		out[i] = cloneFeature(f)
	}
	return out
}

// Feature returns the feature with the given id, or an error wrapping
// [ErrUnknownFeature].
func (c *Catalog) Feature(id string) (Feature, error) {
	for _, f := range c.features {
		if f.ID == id {
			return cloneFeature(f), nil
		}
	}
	return Feature{}, fmt.Errorf("%w %q", ErrUnknownFeature, id)
}

func cloneFeature(f Feature) Feature {
	f.PlatformServerMin, f.refs = slices.Clone(f.PlatformServerMin), slices.Clone(f.refs)
	return f
}

// RequireFeature checks that a feature is available on a version and
// returns nil or a *[VersionError] (errors.Is(err, [ErrFeatureUnavailable])).
//
// A LifeTime version (or [ProductUnknown], read as the console's LifeTime
// version) is checked against the feature's LifeTime range. A Platform
// Server version is checked against the feature's Platform Server minimum
// for that major: a major older than every listed minimum lacks the
// feature, a newer major has it. Use [Catalog.RequireFeatureOn] to check a
// console and an environment together. An unknown feature id is an error
// wrapping [ErrUnknownFeature].
func (c *Catalog) RequireFeature(feature string, console Version) error {
	f, err := c.Feature(feature)
	if err != nil {
		return err
	}
	switch console.product {
	case ProductUnknown, LifeTime:
		v, _ := console.As(LifeTime)
		if !f.LifeTime.Contains(v) {
			return &VersionError{Feature: f.ID, Product: LifeTime, Min: f.LifeTime.Min, Max: f.LifeTime.Max, Actual: v, Source: f.Source}
		}
		return nil
	case PlatformServer:
		return f.requirePlatformServer(console)
	default:
		return &ProductError{Want: LifeTime, Got: console, Op: "RequireFeature"}
	}
}

// RequireFeatureOn checks a feature for a console (LifeTime version) and one
// environment (its Platform Server version). A zero environment skips the
// environment check. The console is checked first.
func (c *Catalog) RequireFeatureOn(feature string, console, environment Version) error {
	lt, err := console.As(LifeTime)
	if err != nil {
		return &ProductError{Want: LifeTime, Got: console, Op: "RequireFeatureOn"}
	}
	if err := c.RequireFeature(feature, lt); err != nil || environment.IsZero() {
		return err
	}
	ps, err := environment.As(PlatformServer)
	if err != nil {
		return &ProductError{Want: PlatformServer, Got: environment, Op: "RequireFeatureOn"}
	}
	return c.RequireFeature(feature, ps)
}

func (f Feature) requirePlatformServer(ps Version) error {
	if len(f.PlatformServerMin) == 0 {
		return nil
	}
	for _, min := range f.PlatformServerMin {
		if min.Major() == ps.Major() {
			if ps.compareNumbers(min) < 0 {
				return &VersionError{Feature: f.ID, Product: PlatformServer, Min: min, Actual: ps, Source: f.Source}
			}
			return nil
		}
	}
	first := f.PlatformServerMin[0]
	if ps.Major() < first.Major() {
		return &VersionError{Feature: f.ID, Product: PlatformServer, Min: first, Actual: ps, Source: f.Source}
	}
	return nil
}
