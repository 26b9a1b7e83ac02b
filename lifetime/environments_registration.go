package lifetime

import (
	"context"
	"fmt"
	"net/http"
)

// EnvironmentRegistration registers an environment in LifeTime (LifeTime
// 11.11.0 or later; swagger EnvironmentRegistration). The password is sent
// to LifeTime only and never logged.
type EnvironmentRegistration struct {
	// Required: name of the environment in LifeTime.
	EnvironmentName string `json:"EnvironmentName"`
	// Required: address LifeTime uses to reach the environment.
	EnvironmentAddress string `json:"EnvironmentAddress"`
	// Required: a Service Center administrator of the environment.
	ServiceCenterUsername string `json:"ServiceCenterUsername"`
	// Required: that administrator's password.
	ServiceCenterPassword string `json:"ServiceCenterPassword"`
	// Required: address the environment uses to reach LifeTime.
	LifeTimeAddress string `json:"LifeTimeAddress"`
	// Required: staging position of the environment.
	EnvironmentPosition int32 `json:"EnvironmentPosition"`
	// Optional: take the environment over from another LifeTime.
	OverridePreviousLifetime bool `json:"OverridePreviousLifetime"`
	// Optional: permissions per role; LifeTime's defaults apply when
	// empty (Administrator: Full Control, others: List Applications).
	EnvironmentRolePermissions []EnvironmentRolePermission `json:"EnvironmentRolePermissions,omitempty"`
}

// String hides the password when the value is printed.
func (r EnvironmentRegistration) String() string {
	return fmt.Sprintf("{EnvironmentName:%s EnvironmentAddress:%s ServiceCenterUsername:%s ServiceCenterPassword:REDACTED LifeTimeAddress:%s EnvironmentPosition:%d}",
		r.EnvironmentName, r.EnvironmentAddress, r.ServiceCenterUsername, r.LifeTimeAddress, r.EnvironmentPosition)
}

// EnvironmentRolePermission sets a role's permission level in the
// registered environment (swagger EnviromentRolePermissions). Read the
// levels with the Roles service rather than hard-coding them.
type EnvironmentRolePermission struct {
	// RoleKey identifies the role.
	RoleKey string `json:"RoleKey"`
	// PermissionLevel is the level number (see the Roles service for their meaning).
	PermissionLevel int32 `json:"PermissionLevel"`
	// CanCreateApplications lets the role create applications.
	CanCreateApplications bool `json:"CanCreateApplications"`
	// CanAddDependenciesToSystem lets the role add dependencies to system modules.
	CanAddDependenciesToSystem bool `json:"CanAddDependenciesToSystem"`
}

// EnvironmentRegistrationResult is the answer of Register (swagger
// TextEnvironmentRegistration_UsersListRecord).
type EnvironmentRegistrationResult struct {
	// EnvironmentKey is the key of the registered environment.
	EnvironmentKey string `json:"EnvironmentKey"`
	// ImportedUsers are the IT users imported from it.
	ImportedUsers []ImportedUser `json:"ImportedUsers"`
}

// ImportedUser is an IT user imported from the registered environment.
type ImportedUser struct {
	// Username is the user's login.
	Username string `json:"Username"`
	// Name is the user's name.
	Name string `json:"Name"`
	// Email is the user's e-mail address.
	Email string `json:"Email"`
}

// Register registers an environment in LifeTime. It is not retried.
// LifeTime answers 405 (ErrMethodNotAllowed) when the feature is disabled,
// as on OutSystems Cloud.
//
// LifeTime API: POST /environments/
func (s *EnvironmentsService) Register(ctx context.Context, reg EnvironmentRegistration) (*EnvironmentRegistrationResult, *Response, error) {
	for field, v := range map[string]string{
		"EnvironmentName": reg.EnvironmentName, "EnvironmentAddress": reg.EnvironmentAddress,
		"ServiceCenterUsername": reg.ServiceCenterUsername, "ServiceCenterPassword": reg.ServiceCenterPassword,
		"LifeTimeAddress": reg.LifeTimeAddress,
	} {
		if v == "" {
			return nil, nil, fmt.Errorf("%w: EnvironmentRegistration.%s is required", ErrInvalidArgument, field)
		}
	}
	res, resp, err := oneOf[EnvironmentRegistrationResult](ctx, s.client, http.MethodPost, "Environment_Register", "environments/", nil, reg)
	if err != nil {
		return nil, resp, err
	}
	return res, resp, nil
}

// Unregister removes an environment from LifeTime (LifeTime 11.11.0 or
// later). The swagger path has no trailing slash, and none is sent.
//
// LifeTime API: DELETE /environments/{EnvironmentKey}
func (s *EnvironmentsService) Unregister(ctx context.Context, environmentKey string) (*Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}", environmentKey)
	if err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodDelete, "Environment_Unregister", p, nil, nil, nil)
}
