package sim

import (
	"net/http"
	"strings"
)

// Handlers of the /roles tag. Role fields are camelCase, except the key: the
// real server spells it "Key" although the swagger says "key", and it sends a
// "description" the swagger lacks (docs example in api-register-env.md,
// lifetime-rest-api.md §2.2 Roles and §3).

// wireRole is the swagger "Role" as the real server writes it.
type wireRole struct {
	Key                    string                      `json:"Key"`
	Name                   string                      `json:"name"`
	Description            string                      `json:"description"`
	ManageInfrastructure   bool                        `json:"manageInfrastructure"`
	ManageTeams            bool                        `json:"manageTeams"`
	EnvironmentPermissions []wireEnvironmentPermission `json:"environmentPermissions,omitzero"`
}

// wireEnvironmentPermission is the swagger "EnvironmentPermission".
type wireEnvironmentPermission struct {
	EnvironmentKey          string `json:"environmentKey"`
	EnvironmentName         string `json:"environmentName"`
	Level                   int    `json:"level"`
	LevelLabel              string `json:"levelLabel"`
	CreateApplications      bool   `json:"createApplications"`
	AddDependenciesToSystem bool   `json:"addDependenciesToSystem"`
}

// wirePermissionLevel is the swagger "PermissionLevels" item.
type wirePermissionLevel struct {
	Level       int    `json:"level"`
	LevelLabel  string `json:"levelLabel"`
	Description string `json:"description"`
}

// roleInput is a Role request body (names match case-insensitively).
type roleInput struct {
	Name                   string `json:"name"`
	Description            string `json:"description"`
	ManageInfrastructure   bool   `json:"manageInfrastructure"`
	ManageTeams            bool   `json:"manageTeams"`
	EnvironmentPermissions []struct {
		EnvironmentKey          string `json:"environmentKey"`
		Level                   int    `json:"level"`
		CreateApplications      bool   `json:"createApplications"`
		AddDependenciesToSystem bool   `json:"addDependenciesToSystem"`
	} `json:"environmentPermissions"`
}

// defaultRoleLevel is the level a role gets in environments its definition
// does not list: List Applications, the documented default for roles other
// than Administrator (lifetime-rest-api.md §2.2 Register).
const defaultRoleLevel = 2

func (s *Sim) listRoles(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	perms := queryFlag(r, "IncludeEnvPermissions")
	list := []wireRole{}
	for _, role := range s.roles {
		list = append(list, s.toWireRole(role, perms))
	}
	writeJSON(w, http.StatusOK, list) // the built-in roles always exist
}

func (s *Sim) getRole(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	perms := queryFlag(r, "IncludeEnvPermissions")
	role := pathItem(w, r, "RoleKey", "Role with key %s not found.", s.role)
	if role == nil {
		return
	}
	writeJSON(w, http.StatusOK, s.toWireRole(role, perms))
}

// createRole answers 201 with the key as text/plain (swagger produces;
// lifetime-rest-api.md §2.2 Roles).
func (s *Sim) createRole(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	var in roleInput
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to create role: %v", err)
		return
	}
	role := &Role{Key: s.newKey(), Environments: map[string]EnvironmentPermission{}}
	for _, e := range s.envs {
		role.Environments[e.Key] = EnvironmentPermission{Level: defaultRoleLevel}
	}
	if msg := s.applyRoleInput(role, in); msg != "" {
		writeErrorf(w, http.StatusBadRequest, "Failed to create role: %s", msg)
		return
	}
	s.roles = append(s.roles, role)
	writeText(w, http.StatusCreated, role.Key)
}

// updateRole answers 200 with the key as text/plain.
func (s *Sim) updateRole(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	role := pathItem(w, r, "RoleKey", "Role with key %s not found.", s.role)
	if role == nil {
		return
	}
	var in roleInput
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to update role: %v", err)
		return
	}
	if role.Reserved {
		writeErrorf(w, http.StatusBadRequest, "Failed to update role: role %s is protected.", role.Name)
		return
	}
	next := *role
	next.Environments = cloneMap(role.Environments)
	if msg := s.applyRoleInput(&next, in); msg != "" {
		writeErrorf(w, http.StatusBadRequest, "Failed to update role: %s", msg)
		return
	}
	*role = next
	writeText(w, http.StatusOK, role.Key)
}

// applyRoleInput validates in and applies it to role, returning what is
// wrong: the cases of the swagger's 400 ("invalid role name, role is
// protected, wrong combination of infrastructure and manage teams flags or
// not defined/wrong permissions"). Callers hold s.mu.
func (s *Sim) applyRoleInput(role *Role, in roleInput) string {
	name := strings.TrimSpace(in.Name)
	if name == "" {
		return "invalid role name: the name is empty"
	}
	if other := s.roleByName(name); other != nil && other.Key != role.Key {
		return "invalid role name: role " + name + " already exists"
	}
	if in.ManageInfrastructure && !in.ManageTeams {
		return "wrong combination of infrastructure and manage teams flags: managing the infrastructure includes managing teams"
	}
	for _, p := range in.EnvironmentPermissions {
		e := s.env(p.EnvironmentKey)
		if e == nil {
			return "wrong permissions: environment " + p.EnvironmentKey + " does not exist"
		}
		if p.Level < 0 || p.Level >= len(environmentPermissionLevels) {
			return "wrong permissions: level out of range 0-6"
		}
		role.Environments[e.Key] = EnvironmentPermission{Level: p.Level, CreateApplications: p.CreateApplications, AddDependenciesToSystem: p.AddDependenciesToSystem}
	}
	role.Name, role.Description = name, in.Description
	role.ManageInfrastructure, role.ManageTeams = in.ManageInfrastructure, in.ManageTeams
	return ""
}

// deleteRole deletes a role; its users move to the role named by the
// UsersNewRoleKey query (the key of the replacement role, although the
// swagger types it boolean: lifetime-rest-api.md §2.2 Roles).
func (s *Sim) deleteRole(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	role := pathItem(w, r, "RoleKey", "Role with key %s not found.", s.role)
	if role == nil {
		return
	}
	if role.Reserved {
		writeErrorf(w, http.StatusBadRequest, "Role %s can't be deleted because it is reserved.", role.Name)
		return
	}
	newKey, _ := queryValue(r, "UsersNewRoleKey")
	var affected []*User
	for _, u := range s.users {
		if u.RoleKey == role.Key {
			affected = append(affected, u)
		}
	}
	next := s.role(newKey)
	if len(affected) > 0 && (next == nil || next == role) {
		writeErrorf(w, http.StatusBadRequest, "Role %s can't be deleted: %d users have it; give their new role in UsersNewRoleKey.", role.Name, len(affected))
		return
	}
	for _, u := range affected {
		u.RoleKey = next.Key
	}
	s.removeRole(role)
	writeNoContent(w)
}

// listRolePermissionLevels answers with the list of environment permission
// levels (a list, as the swagger's description says; its schema says one
// object: see knownDifferences in the conformance test).
func (s *Sim) listRolePermissionLevels(w http.ResponseWriter, _ *http.Request, _ *ServiceAccount) {
	list := make([]wirePermissionLevel, 0, len(environmentPermissionLevels))
	for i, l := range environmentPermissionLevels {
		list = append(list, wirePermissionLevel{Level: i, LevelLabel: l.label, Description: l.description})
	}
	writeJSON(w, http.StatusOK, list)
}

// toWireRole converts a role, with its permission in every environment when
// perms is set. Callers hold s.mu.
func (s *Sim) toWireRole(role *Role, perms bool) wireRole {
	out := wireRole{Key: role.Key, Name: role.Name, Description: role.Description, ManageInfrastructure: role.ManageInfrastructure, ManageTeams: role.ManageTeams}
	if perms {
		out.EnvironmentPermissions = []wireEnvironmentPermission{}
		for _, e := range s.sortedEnvs() {
			p := role.Environments[e.Key]
			out.EnvironmentPermissions = append(out.EnvironmentPermissions, wireEnvironmentPermission{
				EnvironmentKey: e.Key, EnvironmentName: e.Name, Level: p.Level, LevelLabel: levelLabel(p.Level),
				CreateApplications: p.CreateApplications, AddDependenciesToSystem: p.AddDependenciesToSystem,
			})
		}
	}
	return out
}

// levelLabel returns the label of an environment permission level.
func levelLabel(level int) string {
	if level < 0 || level >= len(environmentPermissionLevels) {
		return ""
	}
	return environmentPermissionLevels[level].label
}
