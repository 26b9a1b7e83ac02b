package sim

import "strings"

// LifeTime Services: RoleManagementService (RoleManagementService.wsdl 2015;
// Role_GetEnvironmentPermissionsLevels added in LifeTime Sep.2018, documented
// without a public WSDL: its item shape is taken from the
// EnvironmentPermissionLevel of EnvironmentManagementService.wsdl,
// soap-apis.md §3.5).

// environmentPermissionLevels are the environment permission levels
// (docs api-register-env.md, lifetime-rest-api.md §2.2 Register).
var environmentPermissionLevels = [...]struct{ label, short, description string }{
	{"No Access", "No Access", "Cannot access the environment."},
	{"Access", "Access", "Can access the environment, without access to applications."},
	{"List Applications", "List", "Can list the applications of the environment."},
	{"Monitor and Add Dependencies", "Monitor", "Can monitor applications and reference their public elements."},
	{"Open and Debug Applications", "Open & Debug", "Can open and debug applications."},
	{"Change and Deploy Applications", "Change & Deploy", "Can change and deploy applications."},
	{"Full Control", "Full Control", "Has full control over the applications and the environment."},
}

// environmentPermissionForRoleXML is EnvironmentPermissionForRole.
type environmentPermissionForRoleXML struct {
	EnvironmentKey               string `xml:"EnvironmentKey"`
	EnvironmentName              string `xml:"EnvironmentName"`
	EnvironmentHost              string `xml:"EnvironmentHost"`
	EnvironmentType              string `xml:"EnvironmentType"`
	EnvironmentPermissionLevelID int    `xml:"EnvironmentPermissionLevelId"`
}

// environmentPermissionsForRoleXML is ArrayOfEnvironmentPermissionForRole.
type environmentPermissionsForRoleXML struct {
	Items []environmentPermissionForRoleXML `xml:"EnvironmentPermissionForRole"`
}

// platformRoleXML is PlatformRole.
type platformRoleXML struct {
	ID                        int                               `xml:"Id"`
	Name                      string                            `xml:"Name"`
	Description               string                            `xml:"Description"`
	CanManageInfrastructure   bool                              `xml:"CanManageInfrastructure"`
	IsProtected               bool                              `xml:"IsProtected"`
	AllowChangePermissions    bool                              `xml:"AllowChangePermissions"`
	PermissionsPerEnvironment *environmentPermissionsForRoleXML `xml:"PermissionsPerEnvironment,omitempty"`
}

// environmentPermissionLevelXML is EnvironmentPermissionLevel.
type environmentPermissionLevelXML struct {
	ID                 int    `xml:"Id"`
	Label              string `xml:"Label"`
	ShortLabel         string `xml:"ShortLabel"`
	Description        string `xml:"Description"`
	Level              int    `xml:"Level"`
	ApplicationLevelID int    `xml:"ApplicationLevelId"`
	IsReadOnly         bool   `xml:"IsReadOnly"`
}

// platformRolesXML is ArrayOfPlatformRole.
type platformRolesXML struct {
	Roles []platformRoleXML `xml:"PlatformRole"`
}

// environmentPermissionLevelsXML is ArrayOfEnvironmentPermissionLevel.
type environmentPermissionLevelsXML struct {
	Levels []environmentPermissionLevelXML `xml:"EnvironmentPermissionLevel"`
}

// Messages of RoleManagementService.
type (
	roleListResponse struct {
		ltsResult
		PlatformRoles *platformRolesXML `xml:"PlatformRoles,omitempty"`
	}
	roleCreateOrUpdateRequest struct {
		ltsAuthenticated
		RoleName                   string `xml:"RoleName"`
		CanConfigureInfrastructure bool   `xml:"CanConfigureInfrastructure"`
		RoleDescription            string `xml:"RoleDescription"`
	}
	roleCreateOrUpdateResponse struct {
		ltsResult
		PlatformRole *platformRoleXML `xml:"PlatformRole,omitempty"`
	}
	roleChangeNameRequest struct {
		ltsAuthenticated
		OldRoleName string `xml:"OldRoleName"`
		NewRoleName string `xml:"NewRoleName"`
	}
	roleDeleteRequest struct {
		ltsAuthenticated
		RoleName         string `xml:"RoleName"`
		UsersNewRoleName string `xml:"UsersNewRoleName"`
	}
	roleDeleteResponse struct {
		ltsResult
		AffectedPlatformUsers *platformUsersXML `xml:"AffectedPlatformUsers,omitempty"`
	}
	roleNameRequest struct {
		ltsAuthenticated
		RoleName string `xml:"RoleName"`
	}
	roleGetPermissionsResponse struct {
		ltsResult
		PlatformRolePermissions *environmentPermissionsForRoleXML `xml:"PlatformRolePermissions,omitempty"`
	}
	roleUpdatePermissionRequest struct {
		ltsAuthenticated
		RoleName             string `xml:"RoleName"`
		EnvironmentKey       string `xml:"EnvironmentKey"`
		NewPermissionLevelID int    `xml:"NewPermissionLevelId"`
	}
	roleGetEnvironmentPermissionsLevelsResponse struct {
		ltsResult
		RolePermissionLevels *environmentPermissionLevelsXML `xml:"RolePermissionLevels,omitempty"`
	}
)

// ltsRoleManagementService lists the operations of RoleManagementService.
func (s *Sim) ltsRoleManagementService() map[string]ltsOperation {
	return map[string]ltsOperation{
		"Role_List":                            ltsOp(s, s.ltsRoleList),
		"Role_CreateOrUpdate":                  ltsOp(s, s.ltsRoleCreateOrUpdate),
		"Role_ChangeName":                      ltsOp(s, s.ltsRoleChangeName),
		"Role_Delete":                          ltsOp(s, s.ltsRoleDelete),
		"Role_GetPermissions":                  ltsOp(s, s.ltsRoleGetPermissions),
		"Role_UpdatePermission":                ltsOp(s, s.ltsRoleUpdatePermission),
		"Role_GetEnvironmentPermissionsLevels": ltsOp(s, s.ltsRoleGetEnvironmentPermissionsLevels),
	}
}

func (s *Sim) ltsRoleList(_ *ltsAuthOnly, resp *roleListResponse) *ltsError {
	resp.PlatformRoles = &platformRolesXML{}
	for _, r := range s.roles {
		resp.PlatformRoles.Roles = append(resp.PlatformRoles.Roles, s.platformRole(r))
	}
	return nil
}

func (s *Sim) ltsRoleCreateOrUpdate(req *roleCreateOrUpdateRequest, resp *roleCreateOrUpdateResponse) *ltsError {
	if strings.TrimSpace(req.RoleName) == "" {
		return ltsFail(ltsRoleNameEmpty, "")
	}
	r := s.roleByName(req.RoleName)
	switch {
	case r == nil:
		r = &Role{Key: s.newKey(), Name: req.RoleName, Environments: map[string]EnvironmentPermission{}}
		s.roles = append(s.roles, r)
	case r.Reserved:
		return ltsFail(ltsRoleProtected, "Role with name '"+r.Name+"' is protected.")
	}
	r.Description = req.RoleDescription
	r.ManageInfrastructure = req.CanConfigureInfrastructure
	if r.ManageInfrastructure {
		r.ManageTeams = true // infrastructure managers also manage teams
	}
	p := s.platformRole(r)
	resp.PlatformRole = &p
	return nil
}

func (s *Sim) ltsRoleChangeName(req *roleChangeNameRequest, _ *ltsNoPayload) *ltsError {
	r, err := s.ltsMustChangeableRole(req.OldRoleName)
	if err != nil {
		return err
	}
	if strings.TrimSpace(req.NewRoleName) == "" {
		return ltsFail(ltsRoleNameEmpty, "")
	}
	if other := s.roleByName(req.NewRoleName); other != nil && other != r {
		return ltsFail(ltsRoleExists, "Role with name '"+req.NewRoleName+"' already exists.")
	}
	r.Name = req.NewRoleName
	return nil
}

func (s *Sim) ltsRoleDelete(req *roleDeleteRequest, resp *roleDeleteResponse) *ltsError {
	r, err := s.ltsMustChangeableRole(req.RoleName)
	if err != nil {
		return err
	}
	var affected []*User
	for _, u := range s.users {
		if u.RoleKey == r.Key {
			affected = append(affected, u)
		}
	}
	var next *Role
	if len(affected) > 0 {
		next = s.roleByName(req.UsersNewRoleName)
		if next == nil || next == r {
			return ltsNoRole(req.UsersNewRoleName)
		}
	}
	resp.AffectedPlatformUsers = &platformUsersXML{}
	for _, u := range affected {
		u.RoleKey = next.Key
		resp.AffectedPlatformUsers.Users = append(resp.AffectedPlatformUsers.Users, s.platformUser(u))
	}
	s.removeRole(r)
	return nil
}

func (s *Sim) ltsRoleGetPermissions(req *roleNameRequest, resp *roleGetPermissionsResponse) *ltsError {
	r, err := s.ltsMustRole(req.RoleName)
	if err != nil {
		return err
	}
	resp.PlatformRolePermissions = s.rolePermissionsXML(r)
	return nil
}

func (s *Sim) ltsRoleUpdatePermission(req *roleUpdatePermissionRequest, _ *ltsNoPayload) *ltsError {
	r, err := s.ltsMustChangeableRole(req.RoleName)
	if err != nil {
		return err
	}
	env := s.env(req.EnvironmentKey)
	if env == nil {
		// Only "cannot be empty" is documented; an unknown key gets the
		// same code with the key named in the additional info.
		return ltsFail(ltsEnvironmentKeyEmpty, "There is no environment with key '"+req.EnvironmentKey+"'.")
	}
	if req.NewPermissionLevelID < 0 || req.NewPermissionLevelID >= len(environmentPermissionLevels) {
		return ltsFail(ltsInvalidPermissionLevel, "")
	}
	if r.Environments == nil {
		r.Environments = map[string]EnvironmentPermission{}
	}
	p := r.Environments[env.Key]
	p.Level = req.NewPermissionLevelID
	r.Environments[env.Key] = p
	return nil
}

func (s *Sim) ltsRoleGetEnvironmentPermissionsLevels(_ *ltsAuthOnly, resp *roleGetEnvironmentPermissionsLevelsResponse) *ltsError {
	resp.RolePermissionLevels = &environmentPermissionLevelsXML{}
	for i, l := range environmentPermissionLevels {
		resp.RolePermissionLevels.Levels = append(resp.RolePermissionLevels.Levels, environmentPermissionLevelXML{
			ID: i, Label: l.label, ShortLabel: l.short, Description: l.description, Level: i, ApplicationLevelID: i,
		})
	}
	return nil
}

// platformRole converts a role to PlatformRole. Callers hold s.mu.
func (s *Sim) platformRole(r *Role) platformRoleXML {
	return platformRoleXML{
		ID:                        recordID(r.Key),
		Name:                      r.Name,
		Description:               r.Description,
		CanManageInfrastructure:   r.ManageInfrastructure,
		IsProtected:               r.Reserved,
		AllowChangePermissions:    !r.Reserved,
		PermissionsPerEnvironment: s.rolePermissionsXML(r),
	}
}

// rolePermissionsXML lists a role's level in every environment. Callers hold s.mu.
func (s *Sim) rolePermissionsXML(r *Role) *environmentPermissionsForRoleXML {
	out := &environmentPermissionsForRoleXML{}
	for _, e := range s.envs {
		out.Items = append(out.Items, environmentPermissionForRoleXML{
			EnvironmentKey: e.Key, EnvironmentName: e.Name, EnvironmentHost: e.HostName, EnvironmentType: e.Type,
			EnvironmentPermissionLevelID: r.Environments[e.Key].Level,
		})
	}
	return out
}

// ltsMustRole finds a role by name: errors 14 (empty name) and 301.
func (s *Sim) ltsMustRole(name string) (*Role, *ltsError) {
	if strings.TrimSpace(name) == "" {
		return nil, ltsFail(ltsRoleNameEmpty, "")
	}
	r := s.roleByName(name)
	if r == nil {
		return nil, ltsNoRole(name)
	}
	return r, nil
}

// ltsNoRole is error 301, no role called name.
func ltsNoRole(name string) *ltsError {
	return ltsFail(ltsRoleNotFound, "There is no role with name '"+name+"'.")
}

// ltsMustChangeableRole finds a role that may be changed: errors 14, 301, 303.
func (s *Sim) ltsMustChangeableRole(name string) (*Role, *ltsError) {
	r, err := s.ltsMustRole(name)
	if err != nil {
		return nil, err
	}
	if r.Reserved {
		return nil, ltsFail(ltsRoleProtected, "Role with name '"+r.Name+"' is protected.")
	}
	return r, nil
}

// removeRole deletes r and every reference to it (application roles, team
// memberships). Callers hold s.mu.
func (s *Sim) removeRole(r *Role) {
	for i, x := range s.roles {
		if x == r {
			s.roles = append(s.roles[:i], s.roles[i+1:]...)
			break
		}
	}
	for _, u := range s.users {
		for app, roleKey := range u.ApplicationRoles {
			if roleKey == r.Key {
				delete(u.ApplicationRoles, app)
			}
		}
	}
	for _, t := range s.teams {
		kept := t.Members[:0]
		for _, m := range t.Members {
			if m.RoleKey != r.Key {
				kept = append(kept, m)
			}
		}
		t.Members = kept
	}
}
