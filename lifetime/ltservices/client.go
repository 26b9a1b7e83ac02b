package ltservices

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"github.com/go-outsystems/outsystems/internal/soap"
	"github.com/go-outsystems/outsystems/internal/soapgen/ltauth"
	"github.com/go-outsystems/outsystems/internal/soapgen/ltroles"
	"github.com/go-outsystems/outsystems/internal/soapgen/ltteams"
	"github.com/go-outsystems/outsystems/internal/soapgen/ltusers"
)

// readOnly returns the allow-list of SOAPActions that may be retried.
func readOnly() []string {
	return []string{
		"http://LifeTimeServices/AuthenticationService/Authentication_GetToken",
		"http://LifeTimeServices/UserManagementService/User_List",
		"http://LifeTimeServices/UserManagementService/User_GetApplicationPermissions",
		"http://LifeTimeServices/UserManagementService/User_GetAllPermissions",
		"http://LifeTimeServices/RoleManagementService/Role_List",
		"http://LifeTimeServices/RoleManagementService/Role_GetPermissions",
		"http://LifeTimeServices/RoleManagementService/Role_GetEnvironmentPermissionsLevels",
		"http://LifeTimeServices/TeamManagementService/Team_List",
		"http://LifeTimeServices/TeamManagementService/Team_GetDetails",
	}
}

// Client calls the LifeTime Services API of one LifeTime console
// (https://<host>/LifeTimeServices/*.asmx). It is safe for concurrent use.
//
// Deprecated upstream: OutSystems deprecated the LifeTime Services API in
// LifeTime 11.16.0 and announced its removal; use the LifeTime REST API v2
// (package lifetime) where it offers the operation.
type Client struct {
	base *url.URL

	// Users, Roles and Teams group the operations of UserManagementService,
	// RoleManagementService and TeamManagementService.
	Users *UsersService // UserManagementService
	Roles *RolesService // RoleManagementService
	Teams *TeamsService // TeamManagementService

	username, password string
	serviceToken       string
	tokens             *tokenCache

	auth  ltauth.AuthenticationServiceSoap
	users ltusers.UserManagementServiceSoap
	roles ltroles.RoleManagementServiceSoap
	teams ltteams.TeamManagementServiceSoap
}

// service is the common part of the services.
type service struct{ c *Client }

// UsersService groups the UserManagementService operations.
type UsersService service

// RolesService groups the RoleManagementService operations.
type RolesService service

// TeamsService groups the TeamManagementService operations.
type TeamsService service

// NewClient returns a client for the LifeTime console at lifetimeHost:
// "host", "host:port", "https://host" or "https://host/LifeTimeServices"
// (http:// needs [WithInsecureHTTP]). Exactly one of [WithCredentials] and
// [WithServiceAccountToken] is required. It does no I/O; bad input gives an
// error wrapping [ErrInvalidOption].
func NewClient(lifetimeHost string, opts ...Option) (*Client, error) {
	var cfg config
	if err := soap.Apply(&cfg, ErrInvalidOption, opts); err != nil {
		return nil, err
	}
	switch {
	case cfg.username == "" && cfg.serviceToken == "":
		return nil, fmt.Errorf("%w: use WithCredentials or WithServiceAccountToken", ErrInvalidOption)
	case cfg.username != "" && cfg.serviceToken != "":
		return nil, fmt.Errorf("%w: WithCredentials and WithServiceAccountToken together", ErrInvalidOption)
	}
	base, err := soap.BaseURL(lifetimeHost, cfg.AllowHTTP, "LifeTimeServices")
	if err != nil {
		return nil, fmt.Errorf("%w: LifeTime host: %w", ErrInvalidOption, err)
	}
	doer, err := cfg.NewDoer(0, []string{cfg.password, cfg.serviceToken}, readOnly()...)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidOption, err)
	}
	endpoint := func(service string) string { return soap.Endpoint(base, "LifeTimeServices", service) }
	c := &Client{
		base:         base,
		username:     cfg.username,
		password:     cfg.password,
		serviceToken: cfg.serviceToken,
		tokens:       newTokenCache(),
		auth:         ltauth.NewAuthenticationServiceSoap(doer.NewClient(endpoint("AuthenticationService"))),
		users:        ltusers.NewUserManagementServiceSoap(doer.NewClient(endpoint("UserManagementService"))),
		roles:        ltroles.NewRoleManagementServiceSoap(doer.NewClient(endpoint("RoleManagementService"))),
		teams:        ltteams.NewTeamManagementServiceSoap(doer.NewClient(endpoint("TeamManagementService"))),
	}
	c.Users = &UsersService{c: c}
	c.Roles = &RolesService{c: c}
	c.Teams = &TeamsService{c: c}
	return c, nil
}

// BaseURL returns the console's base URL (scheme and host).
func (c *Client) BaseURL() string { return c.base.String() }

// authInfo is WebServiceSimpleAuthentication; every generated package has
// a struct type with the same fields, so pointers convert.
type authInfo struct {
	Username, Password, Token string
}

// apiStatus is APIStatus, convertible from every generated package's type.
type apiStatus struct {
	Id                     int64
	ResponseId             int64
	ResponseMessage        string
	ResponseAdditionalInfo string
}

// invoke runs one authenticated operation. send makes the call with the
// given authentication and returns the response, its Success flag and
// Status. A session token refused with ResponseId 201 is renewed and the
// call sent once more (LifeTime refused it before doing anything).
func invoke[R any](ctx context.Context, c *Client, op string, send func(context.Context, *authInfo) (R, bool, *apiStatus, error)) (R, error) {
	var zero R
	for attempt := 0; ; attempt++ {
		a, cached, err := c.authentication(ctx)
		if err != nil {
			return zero, err
		}
		resp, ok, st, err := send(ctx, a)
		if err != nil {
			return zero, wrapErr(ctx, op, err)
		}
		if ok {
			return resp, nil
		}
		serr := statusError(op, st)
		if cached && attempt == 0 && errors.Is(serr, ErrInvalidToken) {
			c.tokens.invalidate(a.Token)
			continue
		}
		return zero, serr
	}
}

// statusError builds the error of an answer with Success=false.
func statusError(op string, st *apiStatus) *StatusError {
	if st == nil {
		return &StatusError{Operation: op, Message: "Success=false without a Status"}
	}
	return &StatusError{Operation: op, ResponseID: st.ResponseId, Message: st.ResponseMessage, AdditionalInfo: st.ResponseAdditionalInfo, ID: st.Id}
}

// authentication returns what to send as Authentication, and whether it is
// a cached session token.
func (c *Client) authentication(ctx context.Context) (*authInfo, bool, error) {
	if c.serviceToken != "" {
		return &authInfo{Token: c.serviceToken}, false, nil
	}
	tok, err := c.tokens.get(ctx, c.GetToken)
	if err != nil {
		return nil, false, err
	}
	return &authInfo{Token: tok}, true, nil
}
