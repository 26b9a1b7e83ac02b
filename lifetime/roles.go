package lifetime

import (
	"context"
	"net/http"
	"net/url"
)

// Role is an IT role of the infrastructure (LifeTime 11.5.0 or later).
//
// Role JSON is camelCase on the wire; responses have been seen spelling the
// key "Key" (docs example in api-register-env.md), which decodes into Key as
// well because field matching is case-insensitive.
type Role struct {
	// Key is the role's unique identifier.
	Key string `json:"key"`
	// Name is the role's name.
	Name string `json:"name"`
	// Description describes the role. Not in the swagger; seen in responses.
	Description string `json:"description"`
	// ManageInfrastructure lets holders manage IT users, roles and teams (and,
	// in self-managed infrastructures, environments).
	ManageInfrastructure bool `json:"manageInfrastructure"`
	// ManageTeams lets holders manage teams and roles.
	ManageTeams bool `json:"manageTeams"`
	// EnvironmentPermissions holds the role's permission level per
	// environment; filled only when IncludeEnvPermissions was requested.
	EnvironmentPermissions []*EnvironmentPermission `json:"environmentPermissions"`
}

// EnvironmentPermission is a role's permission level in one environment.
type EnvironmentPermission struct {
	// EnvironmentKey is the environment's unique identifier.
	EnvironmentKey string `json:"environmentKey"`
	// EnvironmentName is the environment's name (filled in responses).
	EnvironmentName string `json:"environmentName,omitempty"`
	// Level is the permission level. Read the levels and their labels with
	// [RolesService.PermissionLevels] rather than hard-coding them: the
	// documentation contradicts itself about the numbering.
	Level int `json:"level"`
	// LevelLabel is the level's short label (filled in responses).
	LevelLabel string `json:"levelLabel,omitempty"`
	// CreateApplications lets holders create applications in the environment.
	CreateApplications bool `json:"createApplications"`
	// AddDependenciesToSystem lets holders add dependencies to the System
	// application.
	AddDependenciesToSystem bool `json:"addDependenciesToSystem"`
}

// RoleRequest is the body of [RolesService.Create] and [RolesService.Update].
// The boolean flags are always sent, so false revokes them on update.
type RoleRequest struct {
	// Required: the role's name.
	Name string `json:"name"`
	// Optional: a description (accepted by servers that report one).
	Description string `json:"description,omitempty"`
	// Optional: let holders manage IT users, roles and teams.
	ManageInfrastructure bool `json:"manageInfrastructure"`
	// Optional: let holders manage teams and roles.
	ManageTeams bool `json:"manageTeams"`
	// Optional: permission levels per environment.
	EnvironmentPermissions []*EnvironmentPermission `json:"environmentPermissions,omitempty"`
}

// valid checks what LifeTime would refuse with 400 anyway.
func (r *RoleRequest) valid() error {
	if r == nil {
		return invalidOption("role", "request is required")
	}
	if r.Name == "" {
		return invalidOption("Name", "must not be empty")
	}
	for _, p := range r.EnvironmentPermissions {
		if p == nil || p.EnvironmentKey == "" {
			return invalidOption("EnvironmentPermissions.EnvironmentKey", "must not be empty")
		}
	}
	return nil
}

// RoleListOptions are the query parameters of [RolesService.List].
type RoleListOptions struct {
	// Optional: include each role's permission levels per environment.
	IncludeEnvPermissions bool
}

// RoleGetOptions are the query parameters of [RolesService.Get].
type RoleGetOptions struct {
	// Optional: include the role's permission levels per environment.
	IncludeEnvPermissions bool
}

// RoleDeleteOptions are the query parameters of [RolesService.Delete].
type RoleDeleteOptions struct {
	// Optional: the key of the role given to the users of the deleted role.
	// The swagger types this parameter as a boolean but describes it as the
	// new role's key; it is sent as the key.
	UsersNewRoleKey string
}

// PermissionLevel is one environment permission level a role can hold.
type PermissionLevel struct {
	// Level identifies the permission level.
	Level int `json:"level"`
	// LevelLabel is the level's short label.
	LevelLabel string `json:"levelLabel"`
	// Description describes the level.
	Description string `json:"description"`
}

// envPermissionsQuery returns the IncludeEnvPermissions query when include is true.
func envPermissionsQuery(include bool) url.Values {
	if !include {
		return nil
	}
	return url.Values{"IncludeEnvPermissions": {"true"}}
}

// List returns the roles.
//
// LifeTime API: GET /roles/
func (s *RolesService) List(ctx context.Context, opts *RoleListOptions) ([]*Role, *Response, error) {
	if opts == nil {
		opts = &RoleListOptions{}
	}
	return listOf[Role](ctx, s.client, "Roles_List", "roles/", envPermissionsQuery(opts.IncludeEnvPermissions))
}

// Get returns one role.
//
// LifeTime API: GET /roles/{RoleKey}/
func (s *RolesService) Get(ctx context.Context, roleKey string, opts *RoleGetOptions) (*Role, *Response, error) {
	p, err := keyPath("roles/{RoleKey}/", roleKey)
	if err != nil {
		return nil, nil, err
	}
	if opts == nil {
		opts = &RoleGetOptions{}
	}
	return oneOf[Role](ctx, s.client, http.MethodGet, "Roles_Get", p, envPermissionsQuery(opts.IncludeEnvPermissions), nil)
}

// Create creates a role and returns its key. LifeTime answers 201 with the
// key as plain text; a quoted or JSON-object key is accepted too.
//
// LifeTime API: POST /roles/
func (s *RolesService) Create(ctx context.Context, role *RoleRequest) (string, *Response, error) {
	if err := role.valid(); err != nil {
		return "", nil, err
	}
	return keyOf(ctx, s.client, http.MethodPost, "Roles_Create", "roles/", role)
}

// Update replaces a role's name, flags and permissions and returns its key.
//
// LifeTime API: PUT /roles/{RoleKey}/
func (s *RolesService) Update(ctx context.Context, roleKey string, role *RoleRequest) (string, *Response, error) {
	p, err := keyPath("roles/{RoleKey}/", roleKey)
	if err != nil {
		return "", nil, err
	}
	if err := role.valid(); err != nil {
		return "", nil, err
	}
	return keyOf(ctx, s.client, http.MethodPut, "Roles_Update", p, role)
}

// Delete deletes a role. Built-in roles cannot be deleted (400).
//
// LifeTime API: DELETE /roles/{RoleKey}/
func (s *RolesService) Delete(ctx context.Context, roleKey string, opts *RoleDeleteOptions) (*Response, error) {
	p, err := keyPath("roles/{RoleKey}/", roleKey)
	if err != nil {
		return nil, err
	}
	var q url.Values
	if opts != nil && opts.UsersNewRoleKey != "" {
		q = url.Values{"UsersNewRoleKey": {opts.UsersNewRoleKey}}
	}
	return call(ctx, s.client, http.MethodDelete, "Roles_Delete", p, q, nil, nil)
}

// PermissionLevels returns the environment permission levels roles can hold.
// The swagger documents a single object; a list is accepted as well and both
// are returned as a slice.
//
// LifeTime API: GET /roles/permissionlevels/
func (s *RolesService) PermissionLevels(ctx context.Context) ([]*PermissionLevel, *Response, error) {
	return oneOrManyOf[PermissionLevel](ctx, s.client, "Roles_PermissionLevels", "roles/permissionlevels/", nil)
}
