package ltservices

import (
	"github.com/go-outsystems/outsystems/internal/soapgen/ltroles"
	"github.com/go-outsystems/outsystems/internal/soapgen/ltteams"
	"github.com/go-outsystems/outsystems/internal/soapgen/ltusers"
)

// User is a LifeTime IT user (PlatformUser).
type User struct {
	ID       int64
	Username string
	Name     string
	Email    string
	// RoleName is the user's infrastructure-wide IT role.
	RoleName string
}

// Role is an IT role (PlatformRole).
type Role struct {
	ID                      int64
	Name                    string
	Description             string
	CanManageInfrastructure bool
	IsProtected             bool
	AllowChangePermissions  bool
	// Permissions is the role's permission level in each environment.
	Permissions []EnvironmentPermission
}

// EnvironmentPermission is a permission level in one environment, of a
// role (EnvironmentPermissionForRole) or of a user on an application
// (EnvironmentPermissionForApplication).
type EnvironmentPermission struct {
	EnvironmentKey  string
	EnvironmentName string
	EnvironmentHost string
	EnvironmentType string
	// PermissionLevelID is EnvironmentPermissionLevelId or
	// ApplicationPermissionLevelId.
	PermissionLevelID int64
}

// PermissionLevel is one environment permission level
// (EnvironmentPermissionLevel).
type PermissionLevel struct {
	ID                 int64
	Label              string
	ShortLabel         string
	Description        string
	Level              int64
	ApplicationLevelID int64
	IsReadOnly         bool
}

// Application identifies an application (ApplicationShortInfo).
type Application struct {
	Key         string
	Name        string
	Description string
}

// Team is a LifeTime team (PlatformTeam).
type Team struct {
	ID           int64
	Name         string
	Description  string
	Applications []Application
	Users        []User
}

// ApplicationPermissions is a user's permission on one application, per
// environment.
type ApplicationPermissions struct {
	// FromPlatformRole says the permissions come from the user's IT role,
	// not from an application-specific role (ArePlatformRolePermissions).
	FromPlatformRole bool
	Environments     []EnvironmentPermission
}

// ApplicationPermission is a user's permission on one application.
type ApplicationPermission struct {
	Application  Application
	Environments []EnvironmentPermission
}

// UserPermissions are all permissions of a user.
type UserPermissions struct {
	// Applications holds the application-specific permissions.
	Applications []ApplicationPermission
	// PlatformRole holds the permissions of the user's IT role.
	PlatformRole []EnvironmentPermission
}

// The generated packages declare the same structures with identical
// fields, so values convert between them; the functions below read the
// ltusers, ltroles and ltteams forms.

func userFrom(u *ltusers.PlatformUser) User {
	if u == nil {
		return User{}
	}
	return User{ID: u.Id, Username: u.Username, Name: u.Name, Email: u.Email, RoleName: u.RoleName}
}

func usersFrom(a *ltusers.ArrayOfPlatformUser) []User {
	out := []User{}
	if a == nil {
		return out
	}
	for _, u := range a.PlatformUser {
		if u != nil {
			out = append(out, userFrom(u))
		}
	}
	return out
}

func roleFrom(r *ltroles.PlatformRole) Role {
	if r == nil {
		return Role{}
	}
	return Role{
		ID: r.Id, Name: r.Name, Description: r.Description, CanManageInfrastructure: r.CanManageInfrastructure,
		IsProtected: r.IsProtected, AllowChangePermissions: r.AllowChangePermissions,
		Permissions: rolePermissionsFrom(r.PermissionsPerEnvironment),
	}
}

func rolePermissionsFrom(a *ltroles.ArrayOfEnvironmentPermissionForRole) []EnvironmentPermission {
	out := []EnvironmentPermission{}
	if a == nil {
		return out
	}
	for _, p := range a.EnvironmentPermissionForRole {
		if p != nil {
			out = append(out, EnvironmentPermission{
				EnvironmentKey: p.EnvironmentKey, EnvironmentName: p.EnvironmentName, EnvironmentHost: p.EnvironmentHost,
				EnvironmentType: p.EnvironmentType, PermissionLevelID: p.EnvironmentPermissionLevelId,
			})
		}
	}
	return out
}

func appPermissionsFrom(a *ltusers.ApplicationPermissions) []EnvironmentPermission {
	out := []EnvironmentPermission{}
	if a == nil || a.ApplicationPermissions == nil {
		return out
	}
	for _, p := range a.ApplicationPermissions.EnvironmentPermissionForApplication {
		if p != nil {
			out = append(out, EnvironmentPermission{
				EnvironmentKey: p.EnvironmentKey, EnvironmentName: p.EnvironmentName, EnvironmentHost: p.EnvironmentHost,
				EnvironmentType: p.EnvironmentType, PermissionLevelID: p.ApplicationPermissionLevelId,
			})
		}
	}
	return out
}

func teamFrom(t *ltteams.PlatformTeam) Team {
	if t == nil {
		return Team{}
	}
	out := Team{ID: t.Id, Name: t.Name, Description: t.Description, Applications: []Application{}, Users: []User{}}
	if t.ApplicationList != nil {
		for _, a := range t.ApplicationList.ApplicationShortInfo {
			if a != nil {
				out.Applications = append(out.Applications, Application{Key: a.Key, Name: a.Name, Description: a.Description})
			}
		}
	}
	if t.UserList != nil {
		for _, u := range t.UserList.PlatformUser {
			if u != nil {
				out.Users = append(out.Users, userFrom((*ltusers.PlatformUser)(u)))
			}
		}
	}
	return out
}

// convertUser reads the ltroles form of PlatformUser.
func convertUser(u *ltroles.PlatformUser) *ltusers.PlatformUser { return (*ltusers.PlatformUser)(u) }
