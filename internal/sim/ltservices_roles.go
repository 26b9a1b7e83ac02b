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

func (s *Sim) ltsRoleList(call *soapCall) (any, error) {
	var req struct {
		Authentication ltsAuthentication `xml:"Authentication"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	var resp struct {
		ltsResult
		PlatformRoles *struct {
			Roles []platformRoleXML `xml:"PlatformRole"`
		} `xml:"PlatformRoles,omitempty"`
	}
	resp.ltsResult = ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
		resp.PlatformRoles = &struct {
			Roles []platformRoleXML `xml:"PlatformRole"`
		}{}
		for _, r := range s.roles {
			resp.PlatformRoles.Roles = append(resp.PlatformRoles.Roles, s.platformRole(r))
		}
		return nil
	}))
	return &resp, nil
}

func (s *Sim) ltsRoleCreateOrUpdate(call *soapCall) (any, error) {
	var req struct {
		Authentication             ltsAuthentication `xml:"Authentication"`
		RoleName                   string            `xml:"RoleName"`
		CanConfigureInfrastructure bool              `xml:"CanConfigureInfrastructure"`
		RoleDescription            string            `xml:"RoleDescription"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	var resp struct {
		ltsResult
		PlatformRole *platformRoleXML `xml:"PlatformRole,omitempty"`
	}
	resp.ltsResult = ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
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
	}))
	return &resp, nil
}

func (s *Sim) ltsRoleChangeName(call *soapCall) (any, error) {
	var req struct {
		Authentication ltsAuthentication `xml:"Authentication"`
		OldRoleName    string            `xml:"OldRoleName"`
		NewRoleName    string            `xml:"NewRoleName"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	return ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
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
	})), nil
}

func (s *Sim) ltsRoleDelete(call *soapCall) (any, error) {
	var req struct {
		Authentication   ltsAuthentication `xml:"Authentication"`
		RoleName         string            `xml:"RoleName"`
		UsersNewRoleName string            `xml:"UsersNewRoleName"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	var resp struct {
		ltsResult
		AffectedPlatformUsers *platformUsersXML `xml:"AffectedPlatformUsers,omitempty"`
	}
	resp.ltsResult = ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
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
				return ltsFail(ltsRoleNotFound, "There is no role with name '"+req.UsersNewRoleName+"'.")
			}
		}
		resp.AffectedPlatformUsers = &platformUsersXML{}
		for _, u := range affected {
			u.RoleKey = next.Key
			resp.AffectedPlatformUsers.Users = append(resp.AffectedPlatformUsers.Users, s.platformUser(u))
		}
		s.removeRole(r)
		return nil
	}))
	return &resp, nil
}

func (s *Sim) ltsRoleGetPermissions(call *soapCall) (any, error) {
	var req struct {
		Authentication ltsAuthentication `xml:"Authentication"`
		RoleName       string            `xml:"RoleName"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	var resp struct {
		ltsResult
		PlatformRolePermissions *environmentPermissionsForRoleXML `xml:"PlatformRolePermissions,omitempty"`
	}
	resp.ltsResult = ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
		if strings.TrimSpace(req.RoleName) == "" {
			return ltsFail(ltsRoleNameEmpty, "")
		}
		r := s.roleByName(req.RoleName)
		if r == nil {
			return ltsFail(ltsRoleNotFound, "There is no role with name '"+req.RoleName+"'.")
		}
		resp.PlatformRolePermissions = s.rolePermissionsXML(r)
		return nil
	}))
	return &resp, nil
}

func (s *Sim) ltsRoleUpdatePermission(call *soapCall) (any, error) {
	var req struct {
		Authentication       ltsAuthentication `xml:"Authentication"`
		RoleName             string            `xml:"RoleName"`
		EnvironmentKey       string            `xml:"EnvironmentKey"`
		NewPermissionLevelID int               `xml:"NewPermissionLevelId"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	return ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
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
	})), nil
}

func (s *Sim) ltsRoleGetEnvironmentPermissionsLevels(call *soapCall) (any, error) {
	var req struct {
		Authentication ltsAuthentication `xml:"Authentication"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	var resp struct {
		ltsResult
		RolePermissionLevels *struct {
			Levels []environmentPermissionLevelXML `xml:"EnvironmentPermissionLevel"`
		} `xml:"RolePermissionLevels,omitempty"`
	}
	resp.ltsResult = ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
		resp.RolePermissionLevels = &struct {
			Levels []environmentPermissionLevelXML `xml:"EnvironmentPermissionLevel"`
		}{}
		for i, l := range environmentPermissionLevels {
			resp.RolePermissionLevels.Levels = append(resp.RolePermissionLevels.Levels, environmentPermissionLevelXML{
				ID: i, Label: l.label, ShortLabel: l.short, Description: l.description, Level: i, ApplicationLevelID: i,
			})
		}
		return nil
	}))
	return &resp, nil
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

// ltsMustChangeableRole finds a role that may be changed: errors 14, 303, 301.
func (s *Sim) ltsMustChangeableRole(name string) (*Role, *ltsError) {
	if strings.TrimSpace(name) == "" {
		return nil, ltsFail(ltsRoleNameEmpty, "")
	}
	r := s.roleByName(name)
	if r == nil {
		return nil, ltsFail(ltsRoleNotFound, "There is no role with name '"+name+"'.")
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
