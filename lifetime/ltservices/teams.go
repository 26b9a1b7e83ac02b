package ltservices

import (
	"context"

	"github.com/go-outsystems/outsystems/internal/soapgen/ltteams"
)

func teamsAuth(a *authInfo) *ltteams.WebServiceSimpleAuthentication {
	return (*ltteams.WebServiceSimpleAuthentication)(a)
}

// simple runs a TeamManagementService operation that returns only Success
// and Status.
func (s *TeamsService) simple(ctx context.Context, op string, send func(context.Context, *ltteams.WebServiceSimpleAuthentication) (bool, *ltteams.APIStatus, error)) error {
	_, err := invoke(ctx, s.c, op, func(ctx context.Context, a *authInfo) (struct{}, bool, *apiStatus, error) {
		ok, st, err := send(ctx, teamsAuth(a))
		return struct{}{}, ok, (*apiStatus)(st), err
	})
	return err
}

// List returns the teams. LifeTime leaves their application and user lists
// empty here; use [TeamsService.Get] for a team's members.
//
// LifeTime Services SOAP: TeamManagementService.Team_List
// (deprecated upstream since LifeTime 11.16.0).
func (s *TeamsService) List(ctx context.Context) ([]Team, error) {
	resp, err := invoke(ctx, s.c, "TeamManagementService.Team_List", func(ctx context.Context, a *authInfo) (*ltteams.Team_ListResponse, bool, *apiStatus, error) {
		r, err := s.c.teams.Team_ListContext(ctx, &ltteams.Team_List{Authentication: teamsAuth(a)})
		if err != nil {
			return nil, false, nil, err
		}
		return r, r.Success, (*apiStatus)(r.Status), nil
	})
	if err != nil {
		return nil, err
	}
	out := []Team{}
	if resp.PlatformTeams != nil {
		for _, t := range resp.PlatformTeams.PlatformTeam {
			if t != nil {
				out = append(out, teamFrom(t))
			}
		}
	}
	return out, nil
}

// one runs a TeamManagementService operation that returns a PlatformTeam.
func (s *TeamsService) one(ctx context.Context, op string, send func(context.Context, *ltteams.WebServiceSimpleAuthentication) (*ltteams.PlatformTeam, bool, *ltteams.APIStatus, error)) (*Team, error) {
	team, err := invoke(ctx, s.c, op, func(ctx context.Context, a *authInfo) (*ltteams.PlatformTeam, bool, *apiStatus, error) {
		t, ok, st, err := send(ctx, teamsAuth(a))
		return t, ok, (*apiStatus)(st), err
	})
	if err != nil {
		return nil, err
	}
	t := teamFrom(team)
	return &t, nil
}

// Get returns a team with its applications and users.
//
// LifeTime Services SOAP: TeamManagementService.Team_GetDetails
// (deprecated upstream since LifeTime 11.16.0).
func (s *TeamsService) Get(ctx context.Context, name string) (*Team, error) {
	const op = "TeamManagementService.Team_GetDetails"
	if err := required(op, "team name", name); err != nil {
		return nil, err
	}
	return s.one(ctx, op, func(ctx context.Context, a *ltteams.WebServiceSimpleAuthentication) (*ltteams.PlatformTeam, bool, *ltteams.APIStatus, error) {
		r, err := s.c.teams.Team_GetDetailsContext(ctx, &ltteams.Team_GetDetails{Authentication: a, TeamName: name})
		if err != nil {
			return nil, false, nil, err
		}
		return r.PlatformTeam, r.Success, r.Status, nil
	})
}

// CreateOrUpdate creates the team, or updates the description of the team
// with that name, and returns it.
//
// LifeTime Services SOAP: TeamManagementService.Team_CreateOrUpdate
// (deprecated upstream since LifeTime 11.16.0).
func (s *TeamsService) CreateOrUpdate(ctx context.Context, name, description string) (*Team, error) {
	const op = "TeamManagementService.Team_CreateOrUpdate"
	if err := required(op, "team name", name); err != nil {
		return nil, err
	}
	return s.one(ctx, op, func(ctx context.Context, a *ltteams.WebServiceSimpleAuthentication) (*ltteams.PlatformTeam, bool, *ltteams.APIStatus, error) {
		r, err := s.c.teams.Team_CreateOrUpdateContext(ctx, &ltteams.Team_CreateOrUpdate{Authentication: a, TeamName: name, Description: description})
		if err != nil {
			return nil, false, nil, err
		}
		return r.PlatformTeam, r.Success, r.Status, nil
	})
}

// Delete deletes a team.
//
// LifeTime Services SOAP: TeamManagementService.Team_Delete
// (deprecated upstream since LifeTime 11.16.0).
func (s *TeamsService) Delete(ctx context.Context, name string) error {
	const op = "TeamManagementService.Team_Delete"
	if err := required(op, "team name", name); err != nil {
		return err
	}
	return s.simple(ctx, op, func(ctx context.Context, a *ltteams.WebServiceSimpleAuthentication) (bool, *ltteams.APIStatus, error) {
		r, err := s.c.teams.Team_DeleteContext(ctx, &ltteams.Team_Delete{Authentication: a, TeamName: name})
		if err != nil {
			return false, nil, err
		}
		return r.Success, r.Status, nil
	})
}

// AddUser adds a user to a team with a role.
//
// LifeTime Services SOAP: TeamManagementService.Team_AddUser
// (deprecated upstream since LifeTime 11.16.0).
func (s *TeamsService) AddUser(ctx context.Context, team, username, roleName string) error {
	const op = "TeamManagementService.Team_AddUser"
	if err := required(op, "team name", team, "username", username, "role name", roleName); err != nil {
		return err
	}
	return s.simple(ctx, op, func(ctx context.Context, a *ltteams.WebServiceSimpleAuthentication) (bool, *ltteams.APIStatus, error) {
		r, err := s.c.teams.Team_AddUserContext(ctx, &ltteams.Team_AddUser{Authentication: a, TeamName: team, Username: username, RoleName: roleName})
		if err != nil {
			return false, nil, err
		}
		return r.Success, r.Status, nil
	})
}

// RemoveUser removes a user from a team.
//
// LifeTime Services SOAP: TeamManagementService.Team_RemoveUser
// (deprecated upstream since LifeTime 11.16.0).
func (s *TeamsService) RemoveUser(ctx context.Context, team, username string) error {
	const op = "TeamManagementService.Team_RemoveUser"
	if err := required(op, "team name", team, "username", username); err != nil {
		return err
	}
	return s.simple(ctx, op, func(ctx context.Context, a *ltteams.WebServiceSimpleAuthentication) (bool, *ltteams.APIStatus, error) {
		r, err := s.c.teams.Team_RemoveUserContext(ctx, &ltteams.Team_RemoveUser{Authentication: a, TeamName: team, Username: username})
		if err != nil {
			return false, nil, err
		}
		return r.Success, r.Status, nil
	})
}

// AssignApplication adds an application to a team.
//
// LifeTime Services SOAP: TeamManagementService.Team_AssignApplication
// (deprecated upstream since LifeTime 11.16.0).
func (s *TeamsService) AssignApplication(ctx context.Context, team, applicationKey string) error {
	const op = "TeamManagementService.Team_AssignApplication"
	if err := required(op, "team name", team, "application key", applicationKey); err != nil {
		return err
	}
	return s.simple(ctx, op, func(ctx context.Context, a *ltteams.WebServiceSimpleAuthentication) (bool, *ltteams.APIStatus, error) {
		r, err := s.c.teams.Team_AssignApplicationContext(ctx, &ltteams.Team_AssignApplication{Authentication: a, TeamName: team, ApplicationKey: applicationKey})
		if err != nil {
			return false, nil, err
		}
		return r.Success, r.Status, nil
	})
}

// RemoveApplication removes an application from a team.
//
// LifeTime Services SOAP: TeamManagementService.Team_RemoveApplication
// (deprecated upstream since LifeTime 11.16.0).
func (s *TeamsService) RemoveApplication(ctx context.Context, team, applicationKey string) error {
	const op = "TeamManagementService.Team_RemoveApplication"
	if err := required(op, "team name", team, "application key", applicationKey); err != nil {
		return err
	}
	return s.simple(ctx, op, func(ctx context.Context, a *ltteams.WebServiceSimpleAuthentication) (bool, *ltteams.APIStatus, error) {
		r, err := s.c.teams.Team_RemoveApplicationContext(ctx, &ltteams.Team_RemoveApplication{Authentication: a, TeamName: team, ApplicationKey: applicationKey})
		if err != nil {
			return false, nil, err
		}
		return r.Success, r.Status, nil
	})
}
