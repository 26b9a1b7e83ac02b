package ltservices

import (
	"context"
	"fmt"
	"strings"

	"github.com/go-outsystems/outsystems/internal/soapgen/ltusers"
)

// required returns an ErrInvalidArgument error naming the first blank value
// of the name/value pairs.
func required(op string, nameValues ...string) error {
	for i := 0; i+1 < len(nameValues); i += 2 {
		if strings.TrimSpace(nameValues[i+1]) == "" {
			return fmt.Errorf("ltservices: %s: %w: empty %s", op, ErrInvalidArgument, nameValues[i])
		}
	}
	return nil
}

func usersAuth(a *authInfo) *ltusers.WebServiceSimpleAuthentication {
	return (*ltusers.WebServiceSimpleAuthentication)(a)
}

// List returns the LifeTime users, the inactive ones too when
// includeInactive. Service accounts are not listed (since Platform Server
// 10.0.603.0).
//
// LifeTime Services SOAP: UserManagementService.User_List
// (deprecated upstream since LifeTime 11.16.0).
func (s *UsersService) List(ctx context.Context, includeInactive bool) ([]User, error) {
	resp, err := invoke(ctx, s.c, "UserManagementService.User_List", func(ctx context.Context, a *authInfo) (*ltusers.User_ListResponse, bool, *apiStatus, error) {
		r, err := s.c.users.User_ListContext(ctx, &ltusers.User_List{Authentication: usersAuth(a), ShowInactive: includeInactive})
		if err != nil {
			return nil, false, nil, err
		}
		return r, r.Success, (*apiStatus)(r.Status), nil
	})
	if err != nil {
		return nil, err
	}
	return usersFrom(resp.PlatformUsers), nil
}

// UserCreateRequest describes a user for [UsersService.CreateOrUpdate].
type UserCreateRequest struct {
	// Required: Username identifies the user; an existing user is updated.
	Username string
	// Optional on update: Password of the user.
	Password string
	// Optional: EncryptPassword is passed through (EncryptPassword element).
	EncryptPassword bool
	// Optional: Name and Email of the user.
	Name  string
	Email string
	// Required: RoleName is the user's IT role.
	RoleName string
}

// CreateOrUpdate creates the user, or updates the user with that username,
// and returns it.
//
// LifeTime Services SOAP: UserManagementService.User_CreateOrUpdate
// (deprecated upstream since LifeTime 11.16.0).
func (s *UsersService) CreateOrUpdate(ctx context.Context, req UserCreateRequest) (*User, error) {
	const op = "UserManagementService.User_CreateOrUpdate"
	if err := required(op, "username", req.Username, "role name", req.RoleName); err != nil {
		return nil, err
	}
	resp, err := invoke(ctx, s.c, op, func(ctx context.Context, a *authInfo) (*ltusers.User_CreateOrUpdateResponse, bool, *apiStatus, error) {
		r, err := s.c.users.User_CreateOrUpdateContext(ctx, &ltusers.User_CreateOrUpdate{
			Authentication: usersAuth(a), Username: req.Username, Password: req.Password, EncryptPassword: req.EncryptPassword,
			Name: req.Name, Email: req.Email, RoleName: req.RoleName,
		})
		if err != nil {
			return nil, false, nil, err
		}
		return r, r.Success, (*apiStatus)(r.Status), nil
	})
	if err != nil {
		return nil, err
	}
	u := userFrom(resp.PlatformUser)
	return &u, nil
}

// simple runs a UserManagementService operation that returns only
// Success and Status.
func (s *UsersService) simple(ctx context.Context, op string, send func(context.Context, *ltusers.WebServiceSimpleAuthentication) (bool, *ltusers.APIStatus, error)) error {
	_, err := invoke(ctx, s.c, op, func(ctx context.Context, a *authInfo) (struct{}, bool, *apiStatus, error) {
		ok, st, err := send(ctx, usersAuth(a))
		return struct{}{}, ok, (*apiStatus)(st), err
	})
	return err
}

// ChangePassword sets a user's password; encrypt is passed through as
// EncryptPassword.
//
// LifeTime Services SOAP: UserManagementService.User_ChangePassword
// (deprecated upstream since LifeTime 11.16.0).
func (s *UsersService) ChangePassword(ctx context.Context, username, newPassword string, encrypt bool) error {
	const op = "UserManagementService.User_ChangePassword"
	if err := required(op, "username", username, "new password", newPassword); err != nil {
		return err
	}
	return s.simple(ctx, op, func(ctx context.Context, a *ltusers.WebServiceSimpleAuthentication) (bool, *ltusers.APIStatus, error) {
		r, err := s.c.users.User_ChangePasswordContext(ctx, &ltusers.User_ChangePassword{Authentication: a, Username: username, NewPassword: newPassword, EncryptPassword: encrypt})
		if err != nil {
			return false, nil, err
		}
		return r.Success, r.Status, nil
	})
}

// ChangeUsername renames a user.
//
// LifeTime Services SOAP: UserManagementService.User_ChangeUsername
// (deprecated upstream since LifeTime 11.16.0).
func (s *UsersService) ChangeUsername(ctx context.Context, oldUsername, newUsername string) error {
	const op = "UserManagementService.User_ChangeUsername"
	if err := required(op, "old username", oldUsername, "new username", newUsername); err != nil {
		return err
	}
	return s.simple(ctx, op, func(ctx context.Context, a *ltusers.WebServiceSimpleAuthentication) (bool, *ltusers.APIStatus, error) {
		r, err := s.c.users.User_ChangeUsernameContext(ctx, &ltusers.User_ChangeUsername{Authentication: a, OldUsername: oldUsername, NewUsername: newUsername})
		if err != nil {
			return false, nil, err
		}
		return r.Success, r.Status, nil
	})
}

// SetActive reactivates a user.
//
// LifeTime Services SOAP: UserManagementService.User_SetActive
// (deprecated upstream since LifeTime 11.16.0).
func (s *UsersService) SetActive(ctx context.Context, username string) error {
	const op = "UserManagementService.User_SetActive"
	if err := required(op, "username", username); err != nil {
		return err
	}
	return s.simple(ctx, op, func(ctx context.Context, a *ltusers.WebServiceSimpleAuthentication) (bool, *ltusers.APIStatus, error) {
		r, err := s.c.users.User_SetActiveContext(ctx, &ltusers.User_SetActive{Authentication: a, Username: username})
		if err != nil {
			return false, nil, err
		}
		return r.Success, r.Status, nil
	})
}

// SetInactive deactivates a user. An unknown user gives a [*StatusError]
// matching [ErrUserNotFound].
//
// LifeTime Services SOAP: UserManagementService.User_SetInactive
// (deprecated upstream since LifeTime 11.16.0).
func (s *UsersService) SetInactive(ctx context.Context, username string) error {
	const op = "UserManagementService.User_SetInactive"
	if err := required(op, "username", username); err != nil {
		return err
	}
	return s.simple(ctx, op, func(ctx context.Context, a *ltusers.WebServiceSimpleAuthentication) (bool, *ltusers.APIStatus, error) {
		r, err := s.c.users.User_SetInactiveContext(ctx, &ltusers.User_SetInactive{Authentication: a, Username: username})
		if err != nil {
			return false, nil, err
		}
		return r.Success, r.Status, nil
	})
}

// SetApplicationRole gives a user a role on one application.
//
// LifeTime Services SOAP: UserManagementService.User_SetApplicationRole
// (deprecated upstream since LifeTime 11.16.0).
func (s *UsersService) SetApplicationRole(ctx context.Context, username, applicationKey, roleName string) error {
	const op = "UserManagementService.User_SetApplicationRole"
	if err := required(op, "username", username, "application key", applicationKey, "role name", roleName); err != nil {
		return err
	}
	return s.simple(ctx, op, func(ctx context.Context, a *ltusers.WebServiceSimpleAuthentication) (bool, *ltusers.APIStatus, error) {
		r, err := s.c.users.User_SetApplicationRoleContext(ctx, &ltusers.User_SetApplicationRole{Authentication: a, Username: username, ApplicationKey: applicationKey, RoleName: roleName})
		if err != nil {
			return false, nil, err
		}
		return r.Success, r.Status, nil
	})
}

// DeleteApplicationPermission removes a user's application-specific role.
//
// LifeTime Services SOAP: UserManagementService.User_DeleteApplicationPermission
// (deprecated upstream since LifeTime 11.16.0).
func (s *UsersService) DeleteApplicationPermission(ctx context.Context, username, applicationKey string) error {
	const op = "UserManagementService.User_DeleteApplicationPermission"
	if err := required(op, "username", username, "application key", applicationKey); err != nil {
		return err
	}
	return s.simple(ctx, op, func(ctx context.Context, a *ltusers.WebServiceSimpleAuthentication) (bool, *ltusers.APIStatus, error) {
		r, err := s.c.users.User_DeleteApplicationPermissionContext(ctx, &ltusers.User_DeleteApplicationPermission{Authentication: a, Username: username, ApplicationKey: applicationKey})
		if err != nil {
			return false, nil, err
		}
		return r.Success, r.Status, nil
	})
}

// ApplicationPermissions returns a user's permissions on one application,
// per environment. (LifeTime 11.5.0 fixed this operation ignoring the
// application key.)
//
// LifeTime Services SOAP: UserManagementService.User_GetApplicationPermissions
// (deprecated upstream since LifeTime 11.16.0).
func (s *UsersService) ApplicationPermissions(ctx context.Context, username, applicationKey string) (*ApplicationPermissions, error) {
	const op = "UserManagementService.User_GetApplicationPermissions"
	if err := required(op, "username", username, "application key", applicationKey); err != nil {
		return nil, err
	}
	resp, err := invoke(ctx, s.c, op, func(ctx context.Context, a *authInfo) (*ltusers.User_GetApplicationPermissionsResponse, bool, *apiStatus, error) {
		r, err := s.c.users.User_GetApplicationPermissionsContext(ctx, &ltusers.User_GetApplicationPermissions{Authentication: usersAuth(a), Username: username, ApplicationKey: applicationKey})
		if err != nil {
			return nil, false, nil, err
		}
		return r, r.Success, (*apiStatus)(r.Status), nil
	})
	if err != nil {
		return nil, err
	}
	return &ApplicationPermissions{FromPlatformRole: resp.ArePlatformRolePermissions, Environments: appPermissionsFrom(resp.ApplicationPermissions)}, nil
}

// AllPermissions returns all permissions of a user: per application, and
// those of the user's IT role.
//
// LifeTime Services SOAP: UserManagementService.User_GetAllPermissions
// (deprecated upstream since LifeTime 11.16.0).
func (s *UsersService) AllPermissions(ctx context.Context, username string) (*UserPermissions, error) {
	const op = "UserManagementService.User_GetAllPermissions"
	if err := required(op, "username", username); err != nil {
		return nil, err
	}
	resp, err := invoke(ctx, s.c, op, func(ctx context.Context, a *authInfo) (*ltusers.User_GetAllPermissionsResponse, bool, *apiStatus, error) {
		r, err := s.c.users.User_GetAllPermissionsContext(ctx, &ltusers.User_GetAllPermissions{Authentication: usersAuth(a), Username: username})
		if err != nil {
			return nil, false, nil, err
		}
		return r, r.Success, (*apiStatus)(r.Status), nil
	})
	if err != nil {
		return nil, err
	}
	out := &UserPermissions{Applications: []ApplicationPermission{}, PlatformRole: appPermissionsFrom(resp.PlatformRolePermissions)}
	if resp.ApplicationPermissions != nil {
		for _, rec := range resp.ApplicationPermissions.WORCApplicationShortInfoApplicationPermissionsRecord {
			if rec == nil {
				continue
			}
			var app Application
			if i := rec.SsSTApplicationShortInfo; i != nil {
				app = Application{Key: i.Key, Name: i.Name, Description: i.Description}
			}
			out.Applications = append(out.Applications, ApplicationPermission{Application: app, Environments: appPermissionsFrom(rec.SsSTApplicationPermissions)})
		}
	}
	return out, nil
}
