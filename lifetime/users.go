package lifetime

import (
	"context"
	"net/http"
)

// User is an IT user of the infrastructure, with the teams they belong to and
// their roles in specific applications when those were asked for. User JSON
// is PascalCase on the wire while its ApplicationRoles entries are camelCase.
type User struct {
	// Key is the user's unique identifier.
	Key string `json:"Key"`
	// Username is the user's login name.
	Username string `json:"Username"`
	// Name is the user's full name.
	Name string `json:"Name"`
	// Email is the user's e-mail address.
	Email string `json:"Email"`
	// IsActive is false for deactivated users.
	IsActive bool `json:"IsActive"`
	// RoleKey is the key of the user's default role.
	RoleKey string `json:"RoleKey"`
	// RoleName is the name of that role.
	RoleName string `json:"RoleName"`
	// ApplicationRoles holds the user's roles in specific applications; filled
	// only when they were asked for.
	ApplicationRoles []*ApplicationRole `json:"ApplicationRoles"`
	// Teams holds the user's teams and role in each; filled only when they
	// were asked for.
	Teams []*TeamRole `json:"Teams"`
}

// ApplicationRole is a user's role in one application.
type ApplicationRole struct {
	// ApplicationKey is the application's unique identifier.
	ApplicationKey string `json:"applicationKey"`
	// ApplicationName is the application's name.
	ApplicationName string `json:"applicationName"`
	// RoleKey is the key of the role held in the application.
	RoleKey string `json:"roleKey"`
	// RoleName is the name of that role.
	RoleName string `json:"roleName"`
}

// TeamRole is a user's membership of a team with the role held in it.
type TeamRole struct {
	// TeamKey is the team's unique identifier.
	TeamKey string `json:"TeamKey"`
	// TeamName is the team's name.
	TeamName string `json:"TeamName"`
	// RoleKey is the key of the role held in the team.
	RoleKey string `json:"RoleKey"`
	// RoleName is the name of that role.
	RoleName string `json:"RoleName"`
}

// UserRequest is the body of [UsersService.Create] and [UsersService.Update].
type UserRequest struct {
	// Required: the login name.
	Username string `json:"Username"`
	// Required: the full name.
	Name string `json:"Name"`
	// Optional: the e-mail address (not sent when empty).
	Email string `json:"Email,omitempty"`
	// Optional: whether the user is active. Nil omits the field, so the
	// server's default applies (active); new(false) deactivates the user.
	IsActive *bool `json:"IsActive,omitempty"`
	// Required: the key of the user's default role.
	RoleKey string `json:"RoleKey"`
}

// valid refuses what LifeTime would answer with 400.
func (r *UserRequest) valid() error {
	switch {
	case r == nil:
		return invalidOption("user", "request is required")
	case r.Username == "":
		return invalidOption("Username", "must not be empty")
	case r.Name == "":
		return invalidOption("Name", "must not be empty")
	case r.RoleKey == "":
		return invalidOption("RoleKey", "must not be empty")
	}
	return nil
}

// UserListOptions are the query parameters of [UsersService.List].
type UserListOptions struct {
	// Optional: include deactivated users (by default only active users).
	IncludeInactive bool
	// Optional: include each user's teams.
	IncludeTeams bool
	// Optional: include each user's roles in applications.
	IncludeApplicationRoles bool
}

// UserGetOptions are the query parameters of [UsersService.Get].
type UserGetOptions struct {
	// Optional: include the user's teams.
	IncludeTeams bool
	// Optional: include the user's roles in applications.
	IncludeApplicationRoles bool
}

// List returns the users. No users gives an empty slice.
//
// LifeTime API: GET /users/
func (s *UsersService) List(ctx context.Context, opts *UserListOptions) ([]*User, *Response, error) {
	if opts == nil {
		opts = &UserListOptions{}
	}
	q := flagQuery(flag{"IncludeInactive", opts.IncludeInactive}, flag{"IncludeTeams", opts.IncludeTeams},
		flag{"IncludeApplicationRoles", opts.IncludeApplicationRoles})
	return listOf[User](ctx, s.client, "Users_List", "users/", q)
}

// Get returns one user.
//
// LifeTime API: GET /users/{UserKey}/
func (s *UsersService) Get(ctx context.Context, userKey string, opts *UserGetOptions) (*User, *Response, error) {
	p, err := keyPath("users/{UserKey}/", userKey)
	if err != nil {
		return nil, nil, err
	}
	if opts == nil {
		opts = &UserGetOptions{}
	}
	// The swagger spells these two query parameters in lower camelCase here,
	// unlike Users_List; the documented spelling is sent.
	q := flagQuery(flag{"includeTeams", opts.IncludeTeams}, flag{"includeApplicationRoles", opts.IncludeApplicationRoles})
	return oneOf[User](ctx, s.client, http.MethodGet, "Users_Get", p, q, nil)
}

// Create creates a user and returns the new key (201, a JSON string or plain
// text).
//
// LifeTime API: POST /users/
func (s *UsersService) Create(ctx context.Context, user *UserRequest) (string, *Response, error) {
	if err := user.valid(); err != nil {
		return "", nil, err
	}
	return keyOf(ctx, s.client, http.MethodPost, "Users_Create", "users/", user)
}

// Update changes a user and returns the user's key (text/plain).
//
// LifeTime API: PUT /users/{UserKey}/
func (s *UsersService) Update(ctx context.Context, userKey string, user *UserRequest) (string, *Response, error) {
	p, err := keyPath("users/{UserKey}/", userKey)
	if err != nil {
		return "", nil, err
	}
	if err := user.valid(); err != nil {
		return "", nil, err
	}
	return keyOf(ctx, s.client, http.MethodPut, "Users_Update", p, user)
}

// passwordBody is the body of Users_SetPassword (swagger Password). Its
// String and GoString keep the password out of formatted output.
type passwordBody struct {
	Password string `json:"password"`
}

// String returns a redacted form.
func (passwordBody) String() string { return "{password:REDACTED}" }

// GoString returns a redacted form.
func (p passwordBody) GoString() string { return p.String() }

// SetPassword sets a user's password. LifeTime answers 405
// ([ErrMethodNotAllowed]) when an external identity provider is in use. The
// password is never logged nor included in errors.
//
// LifeTime API: POST /users/{UserKey}/setpassword/
func (s *UsersService) SetPassword(ctx context.Context, userKey, password string) (*Response, error) {
	p, err := keyPath("users/{UserKey}/setpassword/", userKey)
	if err != nil {
		return nil, err
	}
	if password == "" {
		return nil, invalidOption("password", "must not be empty")
	}
	return call(ctx, s.client, http.MethodPost, "Users_SetPassword", p, nil, &passwordBody{Password: password}, nil)
}

// applicationGrant is the body of Users_GrantApp (swagger ApplicationRole).
type applicationGrant struct {
	ApplicationKey string `json:"applicationKey"`
	RoleKey        string `json:"roleKey"`
}

// GrantApplication gives a user a role in one application.
//
// LifeTime API: POST /users/{UserKey}/applications/
func (s *UsersService) GrantApplication(ctx context.Context, userKey, applicationKey, roleKey string) (*Response, error) {
	p, err := keyPath("users/{UserKey}/applications/", userKey)
	if err != nil {
		return nil, err
	}
	if err := checkKey("ApplicationKey", applicationKey); err != nil {
		return nil, err
	}
	if err := checkKey("RoleKey", roleKey); err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodPost, "Users_GrantApp", p, nil, &applicationGrant{ApplicationKey: applicationKey, RoleKey: roleKey}, nil)
}

// RevokeApplication removes a user's role in one application.
//
// LifeTime API: DELETE /users/{UserKey}/applications/{ApplicationKey}/
func (s *UsersService) RevokeApplication(ctx context.Context, userKey, applicationKey string) (*Response, error) {
	p, err := keyPath("users/{UserKey}/applications/{ApplicationKey}/", userKey, applicationKey)
	if err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodDelete, "Users_RevokeApp", p, nil, nil, nil)
}
