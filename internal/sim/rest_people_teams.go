package sim

import (
	"net/http"
	"slices"
	"strings"
)

// Handlers of the /teams tag. Team is camelCase, its users (UserRole) and
// applications (ApplicationShortInfo) PascalCase (swagger definitions;
// lifetime-rest-api.md §2.2 Teams). Creating and updating answer with the
// Team; removing a member or an application answers 200 with no body.

// wireTeam is the swagger "Team".
type wireTeam struct {
	Key          string                     `json:"key"`
	Name         string                     `json:"name"`
	Description  string                     `json:"description"`
	Users        []wireUserRole             `json:"users,omitzero"`
	Applications []wireApplicationShortInfo `json:"applications,omitzero"`
}

// wireUserRole is the swagger "UserRole".
type wireUserRole struct {
	UserKey  string `json:"UserKey"`
	Name     string `json:"Name"`
	Username string `json:"Username"`
	RoleKey  string `json:"RoleKey"`
	RoleName string `json:"RoleName"`
}

// wireApplicationShortInfo is the swagger "ApplicationShortInfo".
type wireApplicationShortInfo struct {
	Key  string `json:"Key"`
	Name string `json:"Name"`
}

// teamInput is a Team request body.
type teamInput struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// teamIncludes reads IncludeUsers and IncludeApplications.
func teamIncludes(r *http.Request) (users, apps bool) {
	return queryFlag(r, "IncludeUsers"), queryFlag(r, "IncludeApplications")
}

func (s *Sim) listTeams(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	users, apps := teamIncludes(r)
	list := []wireTeam{}
	for _, t := range s.teams {
		list = append(list, s.toWireTeam(t, users, apps))
	}
	writeList(w, list)
}

func (s *Sim) getTeam(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	users, apps := teamIncludes(r)
	t := pathItem(w, r, "TeamKey", "Team with key %s not found.", s.team)
	if t == nil {
		return
	}
	writeJSON(w, http.StatusOK, s.toWireTeam(t, users, apps))
}

func (s *Sim) createTeam(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	var in teamInput
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to create team due to invalid team name: %v", err)
		return
	}
	t := &Team{Key: s.newKey()}
	if msg := s.applyTeamInput(t, in); msg != "" {
		writeErrorf(w, http.StatusBadRequest, "Failed to create team due to invalid team name: %s", msg)
		return
	}
	s.teams = append(s.teams, t)
	writeJSON(w, http.StatusCreated, s.toWireTeam(t, true, true))
}

func (s *Sim) updateTeam(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	t := pathItem(w, r, "TeamKey", "Team with key %s not found.", s.team)
	if t == nil {
		return
	}
	var in teamInput
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to update team due to invalid team name: %v", err)
		return
	}
	if msg := s.applyTeamInput(t, in); msg != "" {
		writeErrorf(w, http.StatusBadRequest, "Failed to update team due to invalid team name: %s", msg)
		return
	}
	writeJSON(w, http.StatusOK, s.toWireTeam(t, true, true))
}

// applyTeamInput validates the name (non-empty, unique) and applies in.
// Callers hold s.mu.
func (s *Sim) applyTeamInput(t *Team, in teamInput) string {
	name := strings.TrimSpace(in.Name)
	if name == "" {
		return "the name is empty"
	}
	if other := s.ltsTeamByName(name); other != nil && other != t {
		return "team " + name + " already exists"
	}
	t.Name, t.Description = name, in.Description
	return ""
}

func (s *Sim) deleteTeam(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	t := pathItem(w, r, "TeamKey", "Team with key %s not found.", s.team)
	if t == nil {
		return
	}
	s.teams = slices.DeleteFunc(s.teams, func(x *Team) bool { return x == t })
	writeNoContent(w)
}

func (s *Sim) addTeamApplication(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	t := pathItem(w, r, "TeamKey", "Team with key %s not found.", s.team)
	if t == nil {
		return
	}
	var in wireApplicationShortInfo
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to add application to team: %v", err)
		return
	}
	app := s.app(in.Key)
	if app == nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to add application to team because application %s doesn't exist.", in.Key)
		return
	}
	addTeamApp(t, app.Key)
	writeEmpty(w, http.StatusCreated)
}

func (s *Sim) removeTeamApplication(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	t := pathItem(w, r, "TeamKey", "Team with key %s not found.", s.team)
	if t == nil {
		return
	}
	app := s.app(r.PathValue("ApplicationKey"))
	if app == nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to remove application from team because application %s doesn't exist.", r.PathValue("ApplicationKey"))
		return
	}
	if !removeTeamApp(t, app.Key) {
		writeErrorf(w, http.StatusNotFound, "Application %s is not in team %s.", app.Name, t.Name)
		return
	}
	writeEmpty(w, http.StatusOK)
}

func (s *Sim) addTeamUser(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	t := pathItem(w, r, "TeamKey", "Team with key %s not found.", s.team)
	if t == nil {
		return
	}
	var in struct {
		UserKey string `json:"userKey"`
		RoleKey string `json:"roleKey"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to add user to team: %v", err)
		return
	}
	u, role := s.user(in.UserKey), s.role(in.RoleKey)
	if u == nil || role == nil {
		writeError(w, http.StatusBadRequest, "Failed to add user to team because user doesn't exist or role doesn't exist.")
		return
	}
	setTeamMember(t, u.Key, role.Key)
	writeEmpty(w, http.StatusCreated)
}

func (s *Sim) removeTeamUser(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	t := pathItem(w, r, "TeamKey", "Team with key %s not found.", s.team)
	if t == nil {
		return
	}
	u := s.user(r.PathValue("UserKey"))
	if u == nil || !removeTeamMember(t, u.Key) {
		writeErrorf(w, http.StatusNotFound, "User %s is not a member of team %s.", r.PathValue("UserKey"), t.Name)
		return
	}
	writeEmpty(w, http.StatusOK)
}

// toWireTeam converts a team, with its users and applications when asked.
// Callers hold s.mu.
func (s *Sim) toWireTeam(t *Team, users, apps bool) wireTeam {
	out := wireTeam{Key: t.Key, Name: t.Name, Description: t.Description}
	if users {
		out.Users = []wireUserRole{}
		for _, m := range t.Members {
			u := s.user(m.UserKey)
			if u == nil {
				continue
			}
			ur := wireUserRole{UserKey: u.Key, Name: u.Name, Username: u.Username, RoleKey: m.RoleKey}
			if role := s.role(m.RoleKey); role != nil {
				ur.RoleName = role.Name
			}
			out.Users = append(out.Users, ur)
		}
	}
	if apps {
		out.Applications = []wireApplicationShortInfo{}
		for _, key := range t.Apps {
			if app := s.app(key); app != nil {
				out.Applications = append(out.Applications, wireApplicationShortInfo{Key: app.Key, Name: app.Name})
			}
		}
	}
	return out
}
