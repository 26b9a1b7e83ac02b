package sim

import (
	"net/http"
	"slices"
	"strings"
)

// Handlers of the DB-connection operations of the /environments tag
// (LifeTime >= 11.13.0). Bodies are camelCase; every success sends the
// "Success" response header the swagger declares (lifetime-rest-api.md §2.2,
// "CSP, DB connections, blocked IPs, templates"). Passwords are stored and
// never returned.

// dbProviders are the providers a simulated environment offers. The keys
// are the simulator's own: the real ProviderKey values are not documented.
var dbProviders = [...]struct{ key, name string }{
	{"SqlServer", "SQL Server"},
	{"AzureSql", "Azure SQL Database"},
	{"Oracle", "Oracle"},
	{"MySQL", "MySQL"},
	{"PostgreSQL", "PostgreSQL"},
	{"DB2iSeries", "DB2 iSeries"},
}

// dbPermissionLevels are the DB-connection permission levels: "Full
// Control, No Access, Read-Only" (swagger DBConnection_RolePermissionLevel);
// the Id is what the set requests' permissionLevel carries.
var dbPermissionLevels = [...]struct{ label, short, description string }{
	{"No Access", "No Access", "Cannot use the DB connection."},
	{"Read-Only", "Read-Only", "Can read data through the DB connection."},
	{"Full Control", "Full Control", "Can read and change data through the DB connection."},
}

// wireDBConnection is the swagger "DBConnection_Response".
type wireDBConnection struct {
	DBConnectionName        string `json:"dbConnectionName"`
	Description             string `json:"description"`
	ProviderName            string `json:"providerName"`
	IsAdvancedConfiguration bool   `json:"isAdvancedConfiguration"`
	DatabaseConfiguration   string `json:"databaseConfiguration"`
}

// dbConnectionInput is the swagger "DBConnection_Request_POST".
type dbConnectionInput struct {
	DBConnectionName string `json:"dbConnectionName"`
	ProviderKey      string `json:"providerKey"`
	Description      string `json:"description"`
	DBUsername       string `json:"dbUsername"`
	DBPassword       string `json:"dbPassword"`
	DBConfigParams   string `json:"dbConfigParams"`
}

// wireDBPermissionLevel is the swagger "DbConnectionPermissionLevel".
type wireDBPermissionLevel struct {
	ID          int    `json:"Id"`
	Label       string `json:"Label"`
	ShortLabel  string `json:"ShortLabel"`
	Description string `json:"Description"`
	Level       int    `json:"Level"`
}

// dbEnvironment returns the environment of the path; ok is false when a 404
// was written. Callers hold s.mu.
func (s *Sim) dbEnvironment(w http.ResponseWriter, r *http.Request) (*environment, bool) {
	e := pathItem(w, r, "EnvironmentKey", "Invalid environment key %s.", s.env)
	return e, e != nil
}

// dbConnectionOf returns the environment and DB connection of the path; ok
// is false when a 404 was written. Callers hold s.mu.
func (s *Sim) dbConnectionOf(w http.ResponseWriter, r *http.Request) (*environment, *DBConnection, bool) {
	e, ok := s.dbEnvironment(w, r)
	if !ok {
		return nil, nil, false
	}
	c := e.dbConnection(r.PathValue("DbConnectionName"))
	if c == nil {
		writeErrorf(w, http.StatusNotFound, "DB connection %s not found in environment %s.", r.PathValue("DbConnectionName"), e.Name)
		return nil, nil, false
	}
	return e, c, true
}

// dbSuccess sets the Success header and writes status with an empty body.
func dbSuccess(w http.ResponseWriter, status int) {
	w.Header().Set("Success", "true")
	if status == http.StatusNoContent {
		writeNoContent(w)
		return
	}
	writeEmpty(w, status)
}

// dbSuccessJSON sets the Success header and writes v.
func dbSuccessJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Success", "true")
	writeJSON(w, status, v)
}

func (s *Sim) listDBConnections(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	e, ok := s.dbEnvironment(w, r)
	if !ok {
		return
	}
	list := []wireDBConnection{}
	for _, c := range e.dbConnections {
		list = append(list, toWireDBConnection(c))
	}
	dbSuccessJSON(w, http.StatusOK, list) // no 204 in the swagger here
}

func (s *Sim) getDBConnection(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	_, c, ok := s.dbConnectionOf(w, r)
	if !ok {
		return
	}
	dbSuccessJSON(w, http.StatusOK, toWireDBConnection(c))
}

func (s *Sim) createDBConnection(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	e, ok := s.dbEnvironment(w, r)
	if !ok {
		return
	}
	in, msg := decodeDBConnectionInput(r)
	if msg == "" && e.dbConnection(in.DBConnectionName) != nil {
		msg = "DB connection " + in.DBConnectionName + " already exists"
	}
	if msg != "" {
		writeErrorf(w, http.StatusBadRequest, "Failed to create DB connections due to missing parameters: %s.", msg)
		return
	}
	c := &DBConnection{RolePermissions: map[string]int{}, UserPermissions: map[string]int{}}
	applyDBConnectionInput(c, in)
	e.dbConnections = append(e.dbConnections, c)
	dbSuccessJSON(w, http.StatusCreated, toWireDBConnection(c))
}

func (s *Sim) editDBConnection(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	e, c, ok := s.dbConnectionOf(w, r)
	if !ok {
		return
	}
	in, msg := decodeDBConnectionInput(r)
	if msg == "" {
		if other := e.dbConnection(in.DBConnectionName); other != nil && other != c {
			msg = "DB connection " + in.DBConnectionName + " already exists"
		}
	}
	if msg != "" {
		writeErrorf(w, http.StatusBadRequest, "Failed to update DB connection due to missing parameters: %s.", msg)
		return
	}
	applyDBConnectionInput(c, in)
	dbSuccess(w, http.StatusOK)
}

func (s *Sim) deleteDBConnection(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	e, c, ok := s.dbConnectionOf(w, r)
	if !ok {
		return
	}
	e.dbConnections = slices.DeleteFunc(e.dbConnections, func(x *DBConnection) bool { return x == c })
	dbSuccess(w, http.StatusNoContent)
}

func (s *Sim) testDBConnection(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	if _, ok := s.dbEnvironment(w, r); !ok {
		return
	}
	if _, msg := decodeDBConnectionInput(r); msg != "" {
		writeErrorf(w, http.StatusBadRequest, "Failed to test DB Connection due to missing parameters: %s.", msg)
		return
	}
	dbSuccess(w, http.StatusOK)
}

// decodeDBConnectionInput reads and validates a DBConnection_Request_POST:
// a name, a known provider, and either credentials or configuration
// parameters. It returns what is wrong, or "".
func decodeDBConnectionInput(r *http.Request) (dbConnectionInput, string) {
	var in dbConnectionInput
	if err := decodeJSON(r, &in); err != nil {
		return in, err.Error()
	}
	in.DBConnectionName = strings.TrimSpace(in.DBConnectionName)
	switch {
	case in.DBConnectionName == "":
		return in, "dbConnectionName is empty"
	case dbProviderName(in.ProviderKey) == "":
		return in, "providerKey " + in.ProviderKey + " is not a known provider"
	case in.DBConfigParams == "" && (in.DBUsername == "" || in.DBPassword == ""):
		return in, "give dbUsername and dbPassword, or dbConfigParams"
	}
	return in, ""
}

// applyDBConnectionInput copies a validated request into c.
func applyDBConnectionInput(c *DBConnection, in dbConnectionInput) {
	c.Name, c.ProviderKey, c.Description = in.DBConnectionName, in.ProviderKey, in.Description
	c.Username, c.Password, c.ConfigParams = in.DBUsername, in.DBPassword, in.DBConfigParams
}

// toWireDBConnection converts c (never its password).
func toWireDBConnection(c *DBConnection) wireDBConnection {
	return wireDBConnection{
		DBConnectionName: c.Name, Description: c.Description, ProviderName: dbProviderName(c.ProviderKey),
		IsAdvancedConfiguration: c.ConfigParams != "", DatabaseConfiguration: c.ConfigParams,
	}
}

// dbProviderName returns the display name of a provider key, or "".
func dbProviderName(key string) string {
	for _, p := range dbProviders {
		if strings.EqualFold(p.key, key) {
			return p.name
		}
	}
	return ""
}

func (s *Sim) listDBProviders(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	if _, ok := s.dbEnvironment(w, r); !ok {
		return
	}
	type wireProvider struct {
		DisplayName string `json:"DisplayName"`
		ProviderKey string `json:"ProviderKey"`
	}
	list := make([]wireProvider, 0, len(dbProviders))
	for _, p := range dbProviders {
		list = append(list, wireProvider{DisplayName: p.name, ProviderKey: p.key})
	}
	dbSuccessJSON(w, http.StatusOK, list)
}

func (s *Sim) listDBPermissionLevels(w http.ResponseWriter, _ *http.Request, _ *ServiceAccount) {
	type record struct {
		Level wireDBPermissionLevel `json:"DbConnectionPermissionLevel"`
	}
	list := make([]record, 0, len(dbPermissionLevels))
	for i := range dbPermissionLevels {
		list = append(list, record{toWireDBPermissionLevel(i)})
	}
	dbSuccessJSON(w, http.StatusOK, list)
}

// toWireDBPermissionLevel describes level id.
func toWireDBPermissionLevel(id int) wireDBPermissionLevel {
	l := dbPermissionLevels[id]
	return wireDBPermissionLevel{ID: id, Label: l.label, ShortLabel: l.short, Description: l.description, Level: id}
}

// dbGrantee names whose permission a request reads or changes.
type dbGrantee struct {
	what   string                               // "role" or "user"
	exists func(s *Sim, name string) bool       // whether the role or user exists
	perms  func(c *DBConnection) map[string]int // the connection's map for this kind
}

// dbRoleGrantee reads and changes the permissions of roles (by name).
func dbRoleGrantee() dbGrantee {
	return dbGrantee{
		what:   "role",
		exists: func(s *Sim, name string) bool { return s.roleByName(name) != nil },
		perms: func(c *DBConnection) map[string]int {
			if c.RolePermissions == nil {
				c.RolePermissions = map[string]int{}
			}
			return c.RolePermissions
		},
	}
}

// dbUserGrantee reads and changes the permissions of users (by username).
func dbUserGrantee() dbGrantee {
	return dbGrantee{
		what:   "user",
		exists: func(s *Sim, name string) bool { return s.userByUsername(name) != nil },
		perms: func(c *DBConnection) map[string]int {
			if c.UserPermissions == nil {
				c.UserPermissions = map[string]int{}
			}
			return c.UserPermissions
		},
	}
}

func (s *Sim) setDBRolePermission(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	s.setDBPermission(w, r, dbRoleGrantee())
}

func (s *Sim) setDBUserPermission(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	s.setDBPermission(w, r, dbUserGrantee())
}

func (s *Sim) revokeDBRolePermission(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	s.revokeDBPermission(w, r, dbRoleGrantee())
}

func (s *Sim) revokeDBUserPermission(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	s.revokeDBPermission(w, r, dbUserGrantee())
}

func (s *Sim) getDBRolePermission(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	s.getDBPermission(w, r, dbRoleGrantee(), r.PathValue("Role"))
}

func (s *Sim) getDBUserPermission(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	s.getDBPermission(w, r, dbUserGrantee(), r.PathValue("Username"))
}

// dbGranteeInput is DBConnection_RolePermissionLevel / _UserPermissionLevel
// and DBConnectionRole / DBConnectionUser.
type dbGranteeInput struct {
	Role            string `json:"role"`
	Username        string `json:"username"`
	PermissionLevel *int   `json:"permissionLevel"`
}

func (in dbGranteeInput) name(g dbGrantee) string {
	if g.what == "role" {
		return strings.TrimSpace(in.Role)
	}
	return strings.TrimSpace(in.Username)
}

// readGrantee decodes the body and checks the role or user exists; ok is
// false when an error was written. Callers hold s.mu.
func (s *Sim) readGrantee(w http.ResponseWriter, r *http.Request, g dbGrantee, needLevel bool) (dbGranteeInput, bool) {
	var in dbGranteeInput
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to update the permission level due to missing parameters: %v.", err)
		return in, false
	}
	switch {
	case in.name(g) == "":
		writeErrorf(w, http.StatusBadRequest, "Failed to update the permission level due to missing parameters: the %s is empty.", g.what)
		return in, false
	case needLevel && (in.PermissionLevel == nil || *in.PermissionLevel < 0 || *in.PermissionLevel >= len(dbPermissionLevels)):
		writeError(w, http.StatusBadRequest, "Failed to update the permission level due to missing parameters: permissionLevel must be 0 (No Access), 1 (Read-Only) or 2 (Full Control).")
		return in, false
	case !g.exists(s, in.name(g)):
		writeErrorf(w, http.StatusNotFound, "The %s %s does not exist.", g.what, in.name(g))
		return in, false
	}
	return in, true
}

func (s *Sim) setDBPermission(w http.ResponseWriter, r *http.Request, g dbGrantee) {
	_, c, ok := s.dbConnectionOf(w, r)
	if !ok {
		return
	}
	in, ok := s.readGrantee(w, r, g, true)
	if !ok {
		return
	}
	g.perms(c)[canonicalName(g.perms(c), in.name(g))] = *in.PermissionLevel
	dbSuccess(w, http.StatusOK)
}

func (s *Sim) revokeDBPermission(w http.ResponseWriter, r *http.Request, g dbGrantee) {
	_, c, ok := s.dbConnectionOf(w, r)
	if !ok {
		return
	}
	in, ok := s.readGrantee(w, r, g, false)
	if !ok {
		return
	}
	delete(g.perms(c), canonicalName(g.perms(c), in.name(g)))
	dbSuccess(w, http.StatusOK)
}

func (s *Sim) getDBPermission(w http.ResponseWriter, r *http.Request, g dbGrantee, name string) {
	_, c, ok := s.dbConnectionOf(w, r)
	if !ok {
		return
	}
	if !g.exists(s, name) {
		writeErrorf(w, http.StatusNotFound, "The %s %s does not exist.", g.what, name)
		return
	}
	level := g.perms(c)[canonicalName(g.perms(c), name)] // absent: 0, No Access
	dbSuccessJSON(w, http.StatusOK, toWireDBPermissionLevel(level))
}

// canonicalName returns the key of m equal to name ignoring case, or name.
func canonicalName(m map[string]int, name string) string {
	for k := range m {
		if strings.EqualFold(k, name) {
			return k
		}
	}
	return name
}
