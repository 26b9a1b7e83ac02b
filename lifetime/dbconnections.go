package lifetime

import (
	"context"
	"log/slog"
	"net/http"
)

// DBConnection is a database connection of an environment (LifeTime 11.13.0
// or later; camelCase on the wire).
type DBConnection struct {
	// Name is the connection's name.
	Name string `json:"dbConnectionName"`
	// Description describes the connection.
	Description string `json:"description"`
	// ProviderName is the name of the database provider.
	ProviderName string `json:"providerName"`
	// IsAdvancedConfiguration is true when the connection was configured with
	// configuration parameters.
	IsAdvancedConfiguration bool `json:"isAdvancedConfiguration"`
	// DatabaseConfiguration holds the advanced configuration values.
	DatabaseConfiguration string `json:"databaseConfiguration"`
}

// DBConnectionRequest is the body that creates, edits or tests a database
// connection (swagger DBConnection_Request_POST). All fields are required by
// the swagger and always sent. Its String, GoString and LogValue redact the
// password.
type DBConnectionRequest struct {
	// Required: the connection's name.
	Name string `json:"dbConnectionName"`
	// Required: the provider's key; see [DBConnectionsService.ListProviders].
	ProviderKey string `json:"providerKey"`
	// Required: a description.
	Description string `json:"description"`
	// Required: the database user name.
	Username string `json:"dbUsername"`
	// Required: the database password. Never logged nor put in errors.
	Password string `json:"dbPassword"`
	// Required: the configuration parameters, separated by semicolons.
	ConfigParams string `json:"dbConfigParams"`
}

// String returns the request with the password redacted.
func (r DBConnectionRequest) String() string {
	return "{Name:" + r.Name + " ProviderKey:" + r.ProviderKey + " Username:" + r.Username + " Password:REDACTED}"
}

// GoString returns the request with the password redacted.
func (r DBConnectionRequest) GoString() string { return r.String() }

// LogValue keeps the password out of slog output.
func (r DBConnectionRequest) LogValue() slog.Value {
	return slog.GroupValue(slog.String("name", r.Name), slog.String("providerKey", r.ProviderKey),
		slog.String("username", r.Username), slog.String("password", "REDACTED"))
}

// valid refuses requests LifeTime would answer with 400.
func (r *DBConnectionRequest) valid() error {
	switch {
	case r == nil:
		return invalidOption("connection", "request is required")
	case r.Name == "":
		return invalidOption("Name", "must not be empty")
	case r.ProviderKey == "":
		return invalidOption("ProviderKey", "must not be empty")
	}
	return nil
}

// DBProvider is a database provider available to an environment's connections.
type DBProvider struct {
	// DisplayName is the provider's name for people.
	DisplayName string `json:"DisplayName"`
	// ProviderKey is the key to use in [DBConnectionRequest].
	ProviderKey string `json:"ProviderKey"`
}

// DBConnectionPermissionLevel is a permission level on database connections
// (Full Control, No Access, Read-Only).
type DBConnectionPermissionLevel struct {
	// ID identifies the level record.
	ID int `json:"Id"`
	// Label is the level's label.
	Label string `json:"Label"`
	// ShortLabel is a shorter label.
	ShortLabel string `json:"ShortLabel"`
	// Description describes the level.
	Description string `json:"Description"`
	// Level is the value to send in SetRolePermission and SetUserPermission.
	Level int `json:"Level"`
}

// dbPermissionLevelRecord wraps each entry of the permission levels list
// (swagger DbConnectionPermissionLevelRecord).
type dbPermissionLevelRecord struct {
	DbConnectionPermissionLevel *DBConnectionPermissionLevel `json:"DbConnectionPermissionLevel"`
}

// dbRolePermission is the body of the role permission operations.
type dbRolePermission struct {
	Role            string `json:"role"`
	PermissionLevel *int   `json:"permissionLevel,omitempty"`
}

// dbUserPermission is the body of the user permission operations.
type dbUserPermission struct {
	Username        string `json:"username"`
	PermissionLevel *int   `json:"permissionLevel,omitempty"`
}

// dbConnectionPath validates the keys and builds a path under an
// environment's DB connection.
func dbConnectionPath(environmentKey, name, suffix string) (string, error) {
	return keyPath("environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/"+suffix, environmentKey, name)
}

// List returns the database connections of an environment.
//
// LifeTime API: GET /environments/{EnvironmentKey}/dbconnections/
func (s *DBConnectionsService) List(ctx context.Context, environmentKey string) ([]*DBConnection, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/dbconnections/", environmentKey)
	if err != nil {
		return nil, nil, err
	}
	return listOf[DBConnection](ctx, s.client, "Environments_DBConnections_List", p, nil)
}

// Create creates a database connection in an environment and returns it.
//
// LifeTime API: POST /environments/{EnvironmentKey}/dbconnections/
func (s *DBConnectionsService) Create(ctx context.Context, environmentKey string, conn *DBConnectionRequest) (*DBConnection, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/dbconnections/", environmentKey)
	if err != nil {
		return nil, nil, err
	}
	if err := conn.valid(); err != nil {
		return nil, nil, err
	}
	return oneOf[DBConnection](ctx, s.client, http.MethodPost, "Environments_DBConnections_Create", p, nil, conn)
}

// Get returns one database connection of an environment.
//
// LifeTime API: GET /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/
func (s *DBConnectionsService) Get(ctx context.Context, environmentKey, name string) (*DBConnection, *Response, error) {
	p, err := dbConnectionPath(environmentKey, name, "")
	if err != nil {
		return nil, nil, err
	}
	return oneOf[DBConnection](ctx, s.client, http.MethodGet, "Environments_DBConnections_Get", p, nil, nil)
}

// Update replaces a database connection's settings.
//
// LifeTime API: PUT /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/
func (s *DBConnectionsService) Update(ctx context.Context, environmentKey, name string, conn *DBConnectionRequest) (*Response, error) {
	p, err := dbConnectionPath(environmentKey, name, "")
	if err != nil {
		return nil, err
	}
	if err := conn.valid(); err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodPut, "Environments_DBConnections_Edit", p, nil, conn, nil)
}

// Delete deletes a database connection.
//
// LifeTime API: DELETE /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/
func (s *DBConnectionsService) Delete(ctx context.Context, environmentKey, name string) (*Response, error) {
	p, err := dbConnectionPath(environmentKey, name, "")
	if err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodDelete, "Environments_DBConnections_Delete", p, nil, nil, nil)
}

// SetRolePermission sets the permission level a role has on a connection.
// Read the levels with [DBConnectionsService.ListPermissionLevels].
//
// LifeTime API: PUT /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/rolepermissionlevel/
func (s *DBConnectionsService) SetRolePermission(ctx context.Context, environmentKey, name, role string, level int) (*Response, error) {
	p, err := dbConnectionPath(environmentKey, name, "rolepermissionlevel/")
	if err != nil {
		return nil, err
	}
	if err := checkKey("Role", role); err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodPut, "Environments_DBConnections_SetRolePermissions", p, nil, &dbRolePermission{Role: role, PermissionLevel: &level}, nil)
}

// RevokeRolePermission removes a role's permission on a connection.
//
// LifeTime API: DELETE /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/rolepermissionlevel/
func (s *DBConnectionsService) RevokeRolePermission(ctx context.Context, environmentKey, name, role string) (*Response, error) {
	p, err := dbConnectionPath(environmentKey, name, "rolepermissionlevel/")
	if err != nil {
		return nil, err
	}
	if err := checkKey("Role", role); err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodDelete, "Environments_DBConnections_RevokeRolePermissions", p, nil, &dbRolePermission{Role: role}, nil)
}

// GetRolePermission returns the permission level a role has on a connection.
//
// LifeTime API: GET /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/rolepermissionlevel/{Role}/
func (s *DBConnectionsService) GetRolePermission(ctx context.Context, environmentKey, name, role string) (*DBConnectionPermissionLevel, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/rolepermissionlevel/{Role}/", environmentKey, name, role)
	if err != nil {
		return nil, nil, err
	}
	return oneOf[DBConnectionPermissionLevel](ctx, s.client, http.MethodGet, "Environments_DBConnections_GetRolePermissions", p, nil, nil)
}

// SetUserPermission sets the permission level a user has on a connection.
//
// LifeTime API: PUT /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/userpermissionlevel/
func (s *DBConnectionsService) SetUserPermission(ctx context.Context, environmentKey, name, username string, level int) (*Response, error) {
	p, err := dbConnectionPath(environmentKey, name, "userpermissionlevel/")
	if err != nil {
		return nil, err
	}
	if err := checkKey("Username", username); err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodPut, "Environments_DBConnections_SetUserPermissions", p, nil, &dbUserPermission{Username: username, PermissionLevel: &level}, nil)
}

// RevokeUserPermission removes a user's permission on a connection.
//
// LifeTime API: DELETE /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/userpermissionlevel/
func (s *DBConnectionsService) RevokeUserPermission(ctx context.Context, environmentKey, name, username string) (*Response, error) {
	p, err := dbConnectionPath(environmentKey, name, "userpermissionlevel/")
	if err != nil {
		return nil, err
	}
	if err := checkKey("Username", username); err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodDelete, "Environments_DBConnections_RevokeUserPermissions", p, nil, &dbUserPermission{Username: username}, nil)
}

// GetUserPermission returns the permission level a user has on a connection.
//
// LifeTime API: GET /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/userpermissionlevel/{Username}/
func (s *DBConnectionsService) GetUserPermission(ctx context.Context, environmentKey, name, username string) (*DBConnectionPermissionLevel, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/userpermissionlevel/{Username}/", environmentKey, name, username)
	if err != nil {
		return nil, nil, err
	}
	return oneOf[DBConnectionPermissionLevel](ctx, s.client, http.MethodGet, "Environments_DBConnections_GetUserPermissions", p, nil, nil)
}

// ListProviders returns the database providers available to an environment.
// Note the singular "dbconnection" in the path, as in the swagger.
//
// LifeTime API: GET /environments/{EnvironmentKey}/dbconnection/dbproviders/
func (s *DBConnectionsService) ListProviders(ctx context.Context, environmentKey string) ([]*DBProvider, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/dbconnection/dbproviders/", environmentKey)
	if err != nil {
		return nil, nil, err
	}
	return listOf[DBProvider](ctx, s.client, "Environments_DBConnections_ListProviders", p, nil)
}

// ListPermissionLevels returns the permission levels of database
// connections; they do not depend on the environment.
//
// LifeTime API: GET /environments/dbconnection/permissionlevels/
func (s *DBConnectionsService) ListPermissionLevels(ctx context.Context) ([]*DBConnectionPermissionLevel, *Response, error) {
	records, resp, err := listOf[dbPermissionLevelRecord](ctx, s.client, "Environments_DBConnections_ListPermissionLevels", "environments/dbconnection/permissionlevels/", nil)
	if err != nil {
		return nil, resp, err
	}
	levels := make([]*DBConnectionPermissionLevel, 0, len(records))
	for _, r := range records {
		if r != nil && r.DbConnectionPermissionLevel != nil {
			levels = append(levels, r.DbConnectionPermissionLevel)
		}
	}
	return levels, resp, nil
}

// TestConnection asks the environment to test a database connection's
// settings without saving them. A failed test is an error (typically
// [ErrBadRequest] or [ErrServer]) carrying LifeTime's messages.
//
// LifeTime API: POST /environments/{EnvironmentKey}/testdbconnection/
func (s *DBConnectionsService) TestConnection(ctx context.Context, environmentKey string, conn *DBConnectionRequest) (*Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/testdbconnection/", environmentKey)
	if err != nil {
		return nil, err
	}
	if err := conn.valid(); err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodPost, "Environments_DBConnections_TestConnection", p, nil, conn, nil)
}
