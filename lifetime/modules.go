package lifetime

import (
	"context"
	"net/http"
	"net/url"
)

// ModuleKind is the kind of a module.
type ModuleKind string

// Module kinds LifeTime reports.
const (
	ModuleKindESpace    ModuleKind = "eSpace"
	ModuleKindExtension ModuleKind = "Extension"
)

// Module is a module of the infrastructure, with its status in the
// environments where it runs when that was asked for.
type Module struct {
	// Key is the module's unique identifier.
	Key string `json:"Key"`
	// Name is the module's name.
	Name string `json:"Name"`
	// Description describes the module.
	Description string `json:"Description"`
	// Kind is eSpace or Extension.
	Kind ModuleKind `json:"Kind"`
	// ModuleStatusInEnv holds the module's status per environment; filled
	// only when IncludeEnvStatus was requested.
	ModuleStatusInEnv []*ModuleStatusInEnv `json:"ModuleStatusInEnv"`
}

// ModuleStatusInEnv is the status of a module in one environment.
type ModuleStatusInEnv struct {
	// ApplicationKey is the application the module belongs to.
	ApplicationKey string `json:"ApplicationKey"`
	// EnvironmentKey is the environment's unique identifier.
	EnvironmentKey string `json:"EnvironmentKey"`
	// ModuleVersionKey is the module version that runs in the environment.
	ModuleVersionKey string `json:"ModuleVersionKey"`
	// ConsistencyStatus is the module's consistency status.
	ConsistencyStatus string `json:"ConsistencyStatus"`
	// ConsistencyStatusMessages holds messages about the consistency status.
	ConsistencyStatusMessages string `json:"ConsistencyStatusMessages"`
}

// ModuleVersion is one version of a module.
type ModuleVersion struct {
	// Key is the module version's unique identifier.
	Key string `json:"Key"`
	// ModuleKey is the module's unique identifier.
	ModuleKey string `json:"ModuleKey"`
	// CreatedOn is when the version was created.
	CreatedOn Time `json:"CreatedOn"`
	// CreatedBy is the name of the user who created the version.
	CreatedBy string `json:"CreatedBy"`
	// CreatedByUsername is the username of the user who created the version.
	CreatedByUsername string `json:"CreatedByUsername"`
	// GeneralHash is a non-unique hash: two versions with the same hash have
	// no semantic differences.
	GeneralHash string `json:"GeneralHash"`
	// DirectUpgradeFromHash identifies the version this one was directly
	// upgraded from, if any.
	DirectUpgradeFromHash string `json:"DirectUpgradeFromHash"`
}

// ModuleListOptions are the query parameters of [ModulesService.List].
type ModuleListOptions struct {
	// Optional: include each module's status per environment.
	IncludeEnvStatus bool
}

// ModuleGetOptions are the query parameters of [ModulesService.Get].
type ModuleGetOptions struct {
	// Optional: include the module's status per environment.
	IncludeEnvStatus bool
}

// ModuleVersionListOptions are the query parameters of
// [ModulesService.ListVersions].
type ModuleVersionListOptions struct {
	// Optional: at most this many versions; 0 means the server default (5).
	// Negative values are refused.
	MaximumVersionsToReturn int
}

// envStatusQuery returns the IncludeEnvStatus query when include is true.
func envStatusQuery(include bool) url.Values {
	if !include {
		return nil
	}
	return url.Values{"IncludeEnvStatus": {"true"}}
}

// List returns the modules of the infrastructure. An infrastructure without
// modules gives an empty slice.
//
// LifeTime API: GET /modules/
func (s *ModulesService) List(ctx context.Context, opts *ModuleListOptions) ([]*Module, *Response, error) {
	if opts == nil {
		opts = &ModuleListOptions{}
	}
	return listOf[Module](ctx, s.client, "Modules_List", "modules/", envStatusQuery(opts.IncludeEnvStatus))
}

// Get returns one module.
//
// LifeTime API: GET /modules/{ModuleKey}/
func (s *ModulesService) Get(ctx context.Context, moduleKey string, opts *ModuleGetOptions) (*Module, *Response, error) {
	p, err := keyPath("modules/{ModuleKey}/", moduleKey)
	if err != nil {
		return nil, nil, err
	}
	if opts == nil {
		opts = &ModuleGetOptions{}
	}
	return oneOf[Module](ctx, s.client, http.MethodGet, "Modules_Get", p, envStatusQuery(opts.IncludeEnvStatus), nil)
}

// ListVersions returns the versions of a module.
//
// LifeTime API: GET /modules/{ModuleKey}/versions/
func (s *ModulesService) ListVersions(ctx context.Context, moduleKey string, opts *ModuleVersionListOptions) ([]*ModuleVersion, *Response, error) {
	p, err := keyPath("modules/{ModuleKey}/versions/", moduleKey)
	if err != nil {
		return nil, nil, err
	}
	if opts == nil {
		opts = &ModuleVersionListOptions{}
	}
	q := url.Values{}
	if err := maxVersionsQuery(q, opts.MaximumVersionsToReturn); err != nil {
		return nil, nil, err
	}
	return listOf[ModuleVersion](ctx, s.client, "ModuleVersions_List", p, q)
}

// GetVersion returns one version of a module.
//
// LifeTime API: GET /modules/{ModuleKey}/versions/{ModuleVersionKey}/
func (s *ModulesService) GetVersion(ctx context.Context, moduleKey, moduleVersionKey string) (*ModuleVersion, *Response, error) {
	p, err := keyPath("modules/{ModuleKey}/versions/{ModuleVersionKey}/", moduleKey, moduleVersionKey)
	if err != nil {
		return nil, nil, err
	}
	return oneOf[ModuleVersion](ctx, s.client, http.MethodGet, "ModuleVersion_Get", p, nil, nil)
}
