package ltservices

import (
	"context"

	"github.com/go-outsystems/outsystems/internal/soapgen/ltroles"
)

func rolesAuth(a *authInfo) *ltroles.WebServiceSimpleAuthentication {
	return (*ltroles.WebServiceSimpleAuthentication)(a)
}

// simple runs a RoleManagementService operation that returns only Success
// and Status.
func (s *RolesService) simple(ctx context.Context, op string, send func(context.Context, *ltroles.WebServiceSimpleAuthentication) (bool, *ltroles.APIStatus, error)) error {
	_, err := invoke(ctx, s.c, op, func(ctx context.Context, a *authInfo) (struct{}, bool, *apiStatus, error) {
		ok, st, err := send(ctx, rolesAuth(a))
		return struct{}{}, ok, (*apiStatus)(st), err
	})
	return err
}

// List returns the IT roles with their permissions per environment.
//
// LifeTime Services SOAP: RoleManagementService.Role_List
// (deprecated upstream since LifeTime 11.16.0).
func (s *RolesService) List(ctx context.Context) ([]Role, error) {
	resp, err := invoke(ctx, s.c, "RoleManagementService.Role_List", func(ctx context.Context, a *authInfo) (*ltroles.Role_ListResponse, bool, *apiStatus, error) {
		r, err := s.c.roles.Role_ListContext(ctx, &ltroles.Role_List{Authentication: rolesAuth(a)})
		if err != nil {
			return nil, false, nil, err
		}
		return r, r.Success, (*apiStatus)(r.Status), nil
	})
	if err != nil {
		return nil, err
	}
	out := []Role{}
	if resp.PlatformRoles != nil {
		for _, r := range resp.PlatformRoles.PlatformRole {
			if r != nil {
				out = append(out, roleFrom(r))
			}
		}
	}
	return out, nil
}

// RoleCreateRequest describes a role for [RolesService.CreateOrUpdate].
type RoleCreateRequest struct {
	// Required: Name identifies the role; an existing role is updated.
	Name string
	// Optional: Description of the role.
	Description string
	// Optional: CanConfigureInfrastructure grants the Manage
	// Infrastructure permission.
	CanConfigureInfrastructure bool
}

// CreateOrUpdate creates the role, or updates the role with that name, and
// returns it.
//
// LifeTime Services SOAP: RoleManagementService.Role_CreateOrUpdate
// (deprecated upstream since LifeTime 11.16.0).
func (s *RolesService) CreateOrUpdate(ctx context.Context, req RoleCreateRequest) (*Role, error) {
	const op = "RoleManagementService.Role_CreateOrUpdate"
	if err := required(op, "role name", req.Name); err != nil {
		return nil, err
	}
	resp, err := invoke(ctx, s.c, op, func(ctx context.Context, a *authInfo) (*ltroles.Role_CreateOrUpdateResponse, bool, *apiStatus, error) {
		r, err := s.c.roles.Role_CreateOrUpdateContext(ctx, &ltroles.Role_CreateOrUpdate{
			Authentication: rolesAuth(a), RoleName: req.Name, CanConfigureInfrastructure: req.CanConfigureInfrastructure, RoleDescription: req.Description,
		})
		if err != nil {
			return nil, false, nil, err
		}
		return r, r.Success, (*apiStatus)(r.Status), nil
	})
	if err != nil {
		return nil, err
	}
	r := roleFrom(resp.PlatformRole)
	return &r, nil
}

// ChangeName renames a role.
//
// LifeTime Services SOAP: RoleManagementService.Role_ChangeName
// (deprecated upstream since LifeTime 11.16.0).
func (s *RolesService) ChangeName(ctx context.Context, oldName, newName string) error {
	const op = "RoleManagementService.Role_ChangeName"
	if err := required(op, "old role name", oldName, "new role name", newName); err != nil {
		return err
	}
	return s.simple(ctx, op, func(ctx context.Context, a *ltroles.WebServiceSimpleAuthentication) (bool, *ltroles.APIStatus, error) {
		r, err := s.c.roles.Role_ChangeNameContext(ctx, &ltroles.Role_ChangeName{Authentication: a, OldRoleName: oldName, NewRoleName: newName})
		if err != nil {
			return false, nil, err
		}
		return r.Success, r.Status, nil
	})
}

// Delete deletes a role, moving its users to usersNewRoleName, and returns
// the users that were moved.
//
// LifeTime Services SOAP: RoleManagementService.Role_Delete
// (deprecated upstream since LifeTime 11.16.0).
func (s *RolesService) Delete(ctx context.Context, name, usersNewRoleName string) ([]User, error) {
	const op = "RoleManagementService.Role_Delete"
	if err := required(op, "role name", name, "new role name for the users", usersNewRoleName); err != nil {
		return nil, err
	}
	resp, err := invoke(ctx, s.c, op, func(ctx context.Context, a *authInfo) (*ltroles.Role_DeleteResponse, bool, *apiStatus, error) {
		r, err := s.c.roles.Role_DeleteContext(ctx, &ltroles.Role_Delete{Authentication: rolesAuth(a), RoleName: name, UsersNewRoleName: usersNewRoleName})
		if err != nil {
			return nil, false, nil, err
		}
		return r, r.Success, (*apiStatus)(r.Status), nil
	})
	if err != nil {
		return nil, err
	}
	out := []User{}
	if resp.AffectedPlatformUsers != nil {
		for _, u := range resp.AffectedPlatformUsers.PlatformUser {
			if u != nil {
				out = append(out, userFrom(convertUser(u)))
			}
		}
	}
	return out, nil
}

// Permissions returns a role's permission level in each environment.
//
// LifeTime Services SOAP: RoleManagementService.Role_GetPermissions
// (deprecated upstream since LifeTime 11.16.0).
func (s *RolesService) Permissions(ctx context.Context, name string) ([]EnvironmentPermission, error) {
	const op = "RoleManagementService.Role_GetPermissions"
	if err := required(op, "role name", name); err != nil {
		return nil, err
	}
	resp, err := invoke(ctx, s.c, op, func(ctx context.Context, a *authInfo) (*ltroles.Role_GetPermissionsResponse, bool, *apiStatus, error) {
		r, err := s.c.roles.Role_GetPermissionsContext(ctx, &ltroles.Role_GetPermissions{Authentication: rolesAuth(a), RoleName: name})
		if err != nil {
			return nil, false, nil, err
		}
		return r, r.Success, (*apiStatus)(r.Status), nil
	})
	if err != nil {
		return nil, err
	}
	return rolePermissionsFrom(resp.PlatformRolePermissions), nil
}

// UpdatePermission sets a role's permission level in one environment.
// levelID 0 is sent as 0 (no permission is not a documented level; the
// server decides).
//
// LifeTime Services SOAP: RoleManagementService.Role_UpdatePermission
// (deprecated upstream since LifeTime 11.16.0).
func (s *RolesService) UpdatePermission(ctx context.Context, name, environmentKey string, levelID int64) error {
	const op = "RoleManagementService.Role_UpdatePermission"
	if err := required(op, "role name", name, "environment key", environmentKey); err != nil {
		return err
	}
	return s.simple(ctx, op, func(ctx context.Context, a *ltroles.WebServiceSimpleAuthentication) (bool, *ltroles.APIStatus, error) {
		r, err := s.c.roles.Role_UpdatePermissionContext(ctx, &ltroles.Role_UpdatePermission{Authentication: a, RoleName: name, EnvironmentKey: environmentKey, NewPermissionLevelId: levelID})
		if err != nil {
			return false, nil, err
		}
		return r.Success, r.Status, nil
	})
}

// EnvironmentPermissionLevels returns the permission levels a role can have
// in an environment. Available from LifeTime Release Sep.2018; its answer's
// shape is documented only, and read here as the EnvironmentPermissionLevel
// structure of the older EnvironmentManagementService (inferred).
//
// LifeTime Services SOAP: RoleManagementService.Role_GetEnvironmentPermissionsLevels
// (deprecated upstream since LifeTime 11.16.0).
func (s *RolesService) EnvironmentPermissionLevels(ctx context.Context) ([]PermissionLevel, error) {
	resp, err := invoke(ctx, s.c, "RoleManagementService.Role_GetEnvironmentPermissionsLevels", func(ctx context.Context, a *authInfo) (*ltroles.Role_GetEnvironmentPermissionsLevelsResponse, bool, *apiStatus, error) {
		r, err := s.c.roles.Role_GetEnvironmentPermissionsLevelsContext(ctx, &ltroles.Role_GetEnvironmentPermissionsLevels{Authentication: rolesAuth(a)})
		if err != nil {
			return nil, false, nil, err
		}
		return r, r.Success, (*apiStatus)(r.Status), nil
	})
	if err != nil {
		return nil, err
	}
	out := []PermissionLevel{}
	if resp.RolePermissionLevels != nil {
		for _, l := range resp.RolePermissionLevels.EnvironmentPermissionLevel {
			if l != nil {
				out = append(out, PermissionLevel{
					ID: l.Id, Label: l.Label, ShortLabel: l.ShortLabel, Description: l.Description,
					Level: l.Level, ApplicationLevelID: l.ApplicationLevelId, IsReadOnly: l.IsReadOnly,
				})
			}
		}
	}
	return out, nil
}
