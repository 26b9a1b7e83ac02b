package lifetime

import (
	"context"
	"net/http"
	"net/url"
)

// Team is a team of IT users and the applications it owns (LifeTime 11.5.0
// or later). Team JSON is camelCase on the wire.
type Team struct {
	// Key is the team's unique identifier.
	Key string `json:"key"`
	// Name is the team's name.
	Name string `json:"name"`
	// Description describes the team.
	Description string `json:"description"`
	// Users holds the team's members with their role in the team; filled only
	// when IncludeUsers was requested.
	Users []*UserRole `json:"users"`
	// Applications holds the team's applications; filled only when
	// IncludeApplications was requested.
	Applications []*ApplicationShortInfo `json:"applications"`
}

// UserRole is a member of a team with the role they hold in it.
type UserRole struct {
	// UserKey is the user's unique identifier.
	UserKey string `json:"UserKey"`
	// Name is the user's name.
	Name string `json:"Name"`
	// Username is the user's login name.
	Username string `json:"Username"`
	// RoleKey is the key of the role the user holds in the team.
	RoleKey string `json:"RoleKey"`
	// RoleName is the name of that role.
	RoleName string `json:"RoleName"`
}

// ApplicationShortInfo names an application.
type ApplicationShortInfo struct {
	// Key is the application's unique identifier.
	Key string `json:"Key"`
	// Name is the application's name (not sent when empty).
	Name string `json:"Name,omitempty"`
}

// TeamRequest is the body of [TeamsService.Create] and [TeamsService.Update].
type TeamRequest struct {
	// Required: the team's name.
	Name string `json:"name"`
	// Optional: a description. Always sent, so an empty string clears it.
	Description string `json:"description"`
}

// valid refuses what LifeTime would answer with 400.
func (r *TeamRequest) valid() error {
	if r == nil {
		return invalidOption("team", "request is required")
	}
	if r.Name == "" {
		return invalidOption("Name", "must not be empty")
	}
	return nil
}

// TeamListOptions are the query parameters of [TeamsService.List].
type TeamListOptions struct {
	// Optional: include each team's members.
	IncludeUsers bool
	// Optional: include each team's applications.
	IncludeApplications bool
}

// TeamGetOptions are the query parameters of [TeamsService.Get].
type TeamGetOptions struct {
	// Optional: include the team's members.
	IncludeUsers bool
	// Optional: include the team's applications.
	IncludeApplications bool
}

// teamQuery builds the IncludeUsers/IncludeApplications query.
func teamQuery(users, apps bool) url.Values {
	return flagQuery(flag{"IncludeUsers", users}, flag{"IncludeApplications", apps})
}

// List returns the teams. No teams gives an empty slice.
//
// LifeTime API: GET /teams/
func (s *TeamsService) List(ctx context.Context, opts *TeamListOptions) ([]*Team, *Response, error) {
	if opts == nil {
		opts = &TeamListOptions{}
	}
	return listOf[Team](ctx, s.client, "Teams_List", "teams/", teamQuery(opts.IncludeUsers, opts.IncludeApplications))
}

// Get returns one team.
//
// LifeTime API: GET /teams/{TeamKey}/
func (s *TeamsService) Get(ctx context.Context, teamKey string, opts *TeamGetOptions) (*Team, *Response, error) {
	p, err := keyPath("teams/{TeamKey}/", teamKey)
	if err != nil {
		return nil, nil, err
	}
	if opts == nil {
		opts = &TeamGetOptions{}
	}
	return oneOf[Team](ctx, s.client, http.MethodGet, "Teams_Get", p, teamQuery(opts.IncludeUsers, opts.IncludeApplications), nil)
}

// Create creates a team and returns it as LifeTime stored it.
//
// LifeTime API: POST /teams/
func (s *TeamsService) Create(ctx context.Context, team *TeamRequest) (*Team, *Response, error) {
	if err := team.valid(); err != nil {
		return nil, nil, err
	}
	return oneOf[Team](ctx, s.client, http.MethodPost, "Teams_Create", "teams/", nil, team)
}

// Update changes a team's name and description and returns the team.
//
// LifeTime API: PUT /teams/{TeamKey}/
func (s *TeamsService) Update(ctx context.Context, teamKey string, team *TeamRequest) (*Team, *Response, error) {
	p, err := keyPath("teams/{TeamKey}/", teamKey)
	if err != nil {
		return nil, nil, err
	}
	if err := team.valid(); err != nil {
		return nil, nil, err
	}
	return oneOf[Team](ctx, s.client, http.MethodPut, "Teams_Update", p, nil, team)
}

// Delete deletes a team.
//
// LifeTime API: DELETE /teams/{TeamKey}/
func (s *TeamsService) Delete(ctx context.Context, teamKey string) (*Response, error) {
	p, err := keyPath("teams/{TeamKey}/", teamKey)
	if err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodDelete, "Teams_Delete", p, nil, nil, nil)
}

// AddApplication adds an application to a team.
//
// LifeTime API: POST /teams/{TeamKey}/applications/
func (s *TeamsService) AddApplication(ctx context.Context, teamKey, applicationKey string) (*Response, error) {
	p, err := keyPath("teams/{TeamKey}/applications/", teamKey)
	if err != nil {
		return nil, err
	}
	if err := checkKey("ApplicationKey", applicationKey); err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodPost, "Teams_AddApplication", p, nil, &ApplicationShortInfo{Key: applicationKey}, nil)
}

// RemoveApplication removes an application from a team.
//
// LifeTime API: DELETE /teams/{TeamKey}/applications/{ApplicationKey}
func (s *TeamsService) RemoveApplication(ctx context.Context, teamKey, applicationKey string) (*Response, error) {
	p, err := keyPath("teams/{TeamKey}/applications/{ApplicationKey}", teamKey, applicationKey)
	if err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodDelete, "Teams_RemApplication", p, nil, nil, nil)
}

// teamMember is the body of Teams_AddUser (swagger UserRoleShortInfo).
type teamMember struct {
	UserKey string `json:"userKey"`
	RoleKey string `json:"roleKey"`
}

// AddUser adds a user to a team with the given role.
//
// LifeTime API: POST /teams/{TeamKey}/users/
func (s *TeamsService) AddUser(ctx context.Context, teamKey, userKey, roleKey string) (*Response, error) {
	p, err := keyPath("teams/{TeamKey}/users/", teamKey)
	if err != nil {
		return nil, err
	}
	if err := checkKey("UserKey", userKey); err != nil {
		return nil, err
	}
	if err := checkKey("RoleKey", roleKey); err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodPost, "Teams_AddUser", p, nil, &teamMember{UserKey: userKey, RoleKey: roleKey}, nil)
}

// RemoveUser removes a user from a team.
//
// LifeTime API: DELETE /teams/{TeamKey}/users/{UserKey}/
func (s *TeamsService) RemoveUser(ctx context.Context, teamKey, userKey string) (*Response, error) {
	p, err := keyPath("teams/{TeamKey}/users/{UserKey}/", teamKey, userKey)
	if err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodDelete, "Teams_RemUser", p, nil, nil, nil)
}
