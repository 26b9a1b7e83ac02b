package sim

import "net/http"

// registerPeopleRoutes serves the /users, /roles, /teams and /auth tags, the
// DB-connection operations of /environments and the blocked-login
// operations (operationIds and paths of the swagger; minimum LifeTime
// versions from the docs' availability notes, lifetime-rest-api.md §1.5).
func (s *Sim) registerPeopleRoutes(mux *http.ServeMux) {
	const (
		people     = "11.5.0"  // roles, teams, users
		dbAndLogin = "11.13.0" // DB connections, blocked logins
	)
	// The blocked-login endpoints document 501 "Feature not supported".
	const notSupported = http.StatusNotImplemented
	s.register(mux, []route{
		{Pattern: "POST /auth/tokens", Op: "Auth_Token", Handler: s.renewToken},

		{Pattern: "GET /users", Op: "Users_List", Perm: PermRead, Since: people, Handler: s.listUsers},
		{Pattern: "POST /users", Op: "Users_Create", Perm: PermManageUsers, Since: people, Handler: s.createUser},
		{Pattern: "GET /users/{UserKey}", Op: "Users_Get", Perm: PermRead, Since: people, Handler: s.getUser},
		{Pattern: "PUT /users/{UserKey}", Op: "Users_Update", Perm: PermManageUsers, Since: people, Handler: s.updateUser},
		{Pattern: "POST /users/{UserKey}/setpassword", Op: "Users_SetPassword", Perm: PermManageUsers, Since: people, Handler: s.setUserPassword},
		{Pattern: "POST /users/{UserKey}/applications", Op: "Users_GrantApp", Perm: PermManageUsers, Since: people, Handler: s.grantUserApp},
		{Pattern: "DELETE /users/{UserKey}/applications/{ApplicationKey}", Op: "Users_RevokeApp", Perm: PermManageUsers, Since: people, Handler: s.revokeUserApp},
		{Pattern: "GET /users/{UserKey}/blockedlogins", Op: "User_BlockedLogins_Get", Perm: PermRead, Since: dbAndLogin, NotFoundStatus: notSupported, Handler: s.listUserBlockedLogins},
		{Pattern: "DELETE /users/{UserKey}/blockedlogins", Op: "User_BlockedLogins_Unblock", Perm: PermManageInfrastructure, Since: dbAndLogin, NotFoundStatus: notSupported, Handler: s.unblockUser},
		{Pattern: "GET /environments/blockedipaddresses", Op: "BlockedAddresses_Get", Perm: PermRead, Since: dbAndLogin, NotFoundStatus: notSupported, Handler: s.listBlockedAddresses},
		{Pattern: "DELETE /environments/blockedipaddresses/{IPAddress}", Op: "BlockedAddresses_Unblock", Perm: PermManageInfrastructure, Since: dbAndLogin, NotFoundStatus: notSupported, Handler: s.unblockAddress},

		{Pattern: "GET /roles", Op: "Roles_List", Perm: PermRead, Since: people, Handler: s.listRoles},
		{Pattern: "POST /roles", Op: "Roles_Create", Perm: PermManageUsers, Since: people, Handler: s.createRole},
		{Pattern: "GET /roles/permissionlevels", Op: "Roles_PermissionLevels", Perm: PermRead, Since: people, Handler: s.listRolePermissionLevels},
		{Pattern: "GET /roles/{RoleKey}", Op: "Roles_Get", Perm: PermRead, Since: people, Handler: s.getRole},
		{Pattern: "PUT /roles/{RoleKey}", Op: "Roles_Update", Perm: PermManageUsers, Since: people, Handler: s.updateRole},
		{Pattern: "DELETE /roles/{RoleKey}", Op: "Roles_Delete", Perm: PermManageUsers, Since: people, Handler: s.deleteRole},

		{Pattern: "GET /teams", Op: "Teams_List", Perm: PermRead, Since: people, Handler: s.listTeams},
		{Pattern: "POST /teams", Op: "Teams_Create", Perm: PermManageUsers, Since: people, Handler: s.createTeam},
		{Pattern: "GET /teams/{TeamKey}", Op: "Teams_Get", Perm: PermRead, Since: people, Handler: s.getTeam},
		{Pattern: "PUT /teams/{TeamKey}", Op: "Teams_Update", Perm: PermManageUsers, Since: people, Handler: s.updateTeam},
		{Pattern: "DELETE /teams/{TeamKey}", Op: "Teams_Delete", Perm: PermManageUsers, Since: people, Handler: s.deleteTeam},
		{Pattern: "POST /teams/{TeamKey}/applications", Op: "Teams_AddApplication", Perm: PermManageUsers, Since: people, Handler: s.addTeamApplication},
		{Pattern: "DELETE /teams/{TeamKey}/applications/{ApplicationKey}", Op: "Teams_RemApplication", Perm: PermManageUsers, Since: people, Handler: s.removeTeamApplication},
		{Pattern: "POST /teams/{TeamKey}/users", Op: "Teams_AddUser", Perm: PermManageUsers, Since: people, Handler: s.addTeamUser},
		{Pattern: "DELETE /teams/{TeamKey}/users/{UserKey}", Op: "Teams_RemUser", Perm: PermManageUsers, Since: people, Handler: s.removeTeamUser},

		{Pattern: "GET /environments/{EnvironmentKey}/dbconnections", Op: "Environments_DBConnections_List", Perm: PermRead, Since: dbAndLogin, Handler: s.listDBConnections},
		{Pattern: "POST /environments/{EnvironmentKey}/dbconnections", Op: "Environments_DBConnections_Create", Perm: PermManageInfrastructure, Since: dbAndLogin, Handler: s.createDBConnection},
		{Pattern: "GET /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}", Op: "Environments_DBConnections_Get", Perm: PermRead, Since: dbAndLogin, Handler: s.getDBConnection},
		{Pattern: "PUT /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}", Op: "Environments_DBConnections_Edit", Perm: PermManageInfrastructure, Since: dbAndLogin, Handler: s.editDBConnection},
		{Pattern: "DELETE /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}", Op: "Environments_DBConnections_Delete", Perm: PermManageInfrastructure, Since: dbAndLogin, Handler: s.deleteDBConnection},
		{Pattern: "PUT /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/rolepermissionlevel", Op: "Environments_DBConnections_SetRolePermissions", Perm: PermManageInfrastructure, Since: dbAndLogin, Handler: s.setDBRolePermission},
		{Pattern: "DELETE /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/rolepermissionlevel", Op: "Environments_DBConnections_RevokeRolePermissions", Perm: PermManageInfrastructure, Since: dbAndLogin, Handler: s.revokeDBRolePermission},
		{Pattern: "GET /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/rolepermissionlevel/{Role}", Op: "Environments_DBConnections_GetRolePermissions", Perm: PermRead, Since: dbAndLogin, Handler: s.getDBRolePermission},
		{Pattern: "PUT /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/userpermissionlevel", Op: "Environments_DBConnections_SetUserPermissions", Perm: PermManageInfrastructure, Since: dbAndLogin, Handler: s.setDBUserPermission},
		{Pattern: "DELETE /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/userpermissionlevel", Op: "Environments_DBConnections_RevokeUserPermissions", Perm: PermManageInfrastructure, Since: dbAndLogin, Handler: s.revokeDBUserPermission},
		{Pattern: "GET /environments/{EnvironmentKey}/dbconnections/{DbConnectionName}/userpermissionlevel/{Username}", Op: "Environments_DBConnections_GetUserPermissions", Perm: PermRead, Since: dbAndLogin, Handler: s.getDBUserPermission},
		{Pattern: "GET /environments/{EnvironmentKey}/dbconnection/dbproviders", Op: "Environments_DBConnections_ListProviders", Perm: PermRead, Since: dbAndLogin, Handler: s.listDBProviders},
		{Pattern: "GET /environments/dbconnection/permissionlevels", Op: "Environments_DBConnections_ListPermissionLevels", Perm: PermRead, Since: dbAndLogin, Handler: s.listDBPermissionLevels},
		{Pattern: "POST /environments/{EnvironmentKey}/testdbconnection", Op: "Environments_DBConnections_TestConnection", Perm: PermManageInfrastructure, Since: dbAndLogin, Handler: s.testDBConnection},
	})
}
