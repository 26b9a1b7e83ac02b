package sim

import (
	"slices"
	"strings"
)

// LifeTime Services: TeamManagementService (TeamManagementService.wsdl 2015,
// soap-apis.md §3.5). Team_List leaves ApplicationList and UserList empty;
// Team_GetDetails fills them.

// platformTeamXML is PlatformTeam.
type platformTeamXML struct {
	ID              int                      `xml:"Id"`
	Name            string                   `xml:"Name"`
	Description     string                   `xml:"Description"`
	ApplicationList applicationShortInfosXML `xml:"ApplicationList"`
	UserList        platformUsersXML         `xml:"UserList"`
}

// applicationShortInfosXML is ArrayOfApplicationShortInfo.
type applicationShortInfosXML struct {
	Items []applicationShortInfoXML `xml:"ApplicationShortInfo"`
}

// platformTeamsXML is ArrayOfPlatformTeam.
type platformTeamsXML struct {
	Teams []platformTeamXML `xml:"PlatformTeam"`
}

// Messages of TeamManagementService.
type (
	teamListResponse struct {
		ltsResult
		PlatformTeams *platformTeamsXML `xml:"PlatformTeams,omitempty"`
	}
	teamNameRequest struct {
		ltsAuthenticated
		TeamName string `xml:"TeamName"`
	}
	teamResponse struct {
		ltsResult
		PlatformTeam *platformTeamXML `xml:"PlatformTeam,omitempty"`
	}
	teamCreateOrUpdateRequest struct {
		ltsAuthenticated
		TeamName    string `xml:"TeamName"`
		Description string `xml:"Description"`
	}
	teamAddUserRequest struct {
		ltsAuthenticated
		TeamName string `xml:"TeamName"`
		Username string `xml:"Username"`
		RoleName string `xml:"RoleName"`
	}
	teamUserRequest struct {
		ltsAuthenticated
		TeamName string `xml:"TeamName"`
		Username string `xml:"Username"`
	}
	teamApplicationRequest struct {
		ltsAuthenticated
		TeamName       string `xml:"TeamName"`
		ApplicationKey string `xml:"ApplicationKey"`
	}
)

// ltsTeamManagementService lists the operations of TeamManagementService.
func (s *Sim) ltsTeamManagementService() map[string]ltsOperation {
	return map[string]ltsOperation{
		"Team_List":              ltsOp(s, s.ltsTeamList),
		"Team_GetDetails":        ltsOp(s, s.ltsTeamGetDetails),
		"Team_CreateOrUpdate":    ltsOp(s, s.ltsTeamCreateOrUpdate),
		"Team_Delete":            ltsOp(s, s.ltsTeamDelete),
		"Team_AddUser":           ltsOp(s, s.ltsTeamAddUser),
		"Team_RemoveUser":        ltsOp(s, s.ltsTeamRemoveUser),
		"Team_AssignApplication": ltsOp(s, s.ltsTeamAssignApplication),
		"Team_RemoveApplication": ltsOp(s, s.ltsTeamRemoveApplication),
	}
}

func (s *Sim) ltsTeamList(_ *ltsAuthOnly, resp *teamListResponse) *ltsError {
	resp.PlatformTeams = &platformTeamsXML{}
	for _, t := range s.teams {
		resp.PlatformTeams.Teams = append(resp.PlatformTeams.Teams, platformTeamXML{ID: recordID(t.Key), Name: t.Name, Description: t.Description})
	}
	return nil
}

func (s *Sim) ltsTeamGetDetails(req *teamNameRequest, resp *teamResponse) *ltsError {
	t, err := s.ltsMustTeam(req.TeamName)
	if err != nil {
		return err
	}
	resp.PlatformTeam = s.platformTeam(t)
	return nil
}

func (s *Sim) ltsTeamCreateOrUpdate(req *teamCreateOrUpdateRequest, resp *teamResponse) *ltsError {
	if strings.TrimSpace(req.TeamName) == "" {
		return ltsFail(ltsTeamNotFound, "Team name cannot be empty.")
	}
	t := s.ltsTeamByName(req.TeamName)
	if t == nil {
		t = &Team{Key: s.newKey(), Name: req.TeamName}
		s.teams = append(s.teams, t)
	}
	t.Description = req.Description
	resp.PlatformTeam = s.platformTeam(t)
	return nil
}

func (s *Sim) ltsTeamDelete(req *teamNameRequest, _ *ltsNoPayload) *ltsError {
	t, err := s.ltsMustTeam(req.TeamName)
	if err != nil {
		return err
	}
	s.teams = slices.DeleteFunc(s.teams, func(x *Team) bool { return x == t })
	return nil
}

func (s *Sim) ltsTeamAddUser(req *teamAddUserRequest, _ *ltsNoPayload) *ltsError {
	t, u, err := s.ltsTeamAndUser(req.TeamName, req.Username)
	if err != nil {
		return err
	}
	role, err := s.ltsMustRole(req.RoleName)
	if err != nil {
		return err
	}
	setTeamMember(t, u.Key, role.Key)
	return nil
}

func (s *Sim) ltsTeamRemoveUser(req *teamUserRequest, _ *ltsNoPayload) *ltsError {
	t, u, err := s.ltsTeamAndUser(req.TeamName, req.Username)
	if err != nil {
		return err
	}
	if !removeTeamMember(t, u.Key) {
		return ltsFail(ltsUserNotFound, "User with username '"+u.Username+"' is not a member of team '"+t.Name+"'.")
	}
	return nil
}

func (s *Sim) ltsTeamAssignApplication(req *teamApplicationRequest, _ *ltsNoPayload) *ltsError {
	t, app, err := s.ltsTeamAndApplication(req)
	if err != nil {
		return err
	}
	addTeamApp(t, app.Key)
	return nil
}

func (s *Sim) ltsTeamRemoveApplication(req *teamApplicationRequest, _ *ltsNoPayload) *ltsError {
	t, app, err := s.ltsTeamAndApplication(req)
	if err != nil {
		return err
	}
	if !removeTeamApp(t, app.Key) {
		return ltsFail(ltsApplicationNotFound, "Application with key '"+app.Key+"' is not assigned to team '"+t.Name+"'.")
	}
	return nil
}

// ltsTeamAndApplication resolves the team and application of a request.
func (s *Sim) ltsTeamAndApplication(req *teamApplicationRequest) (*Team, *application, *ltsError) {
	t, err := s.ltsMustTeam(req.TeamName)
	if err != nil {
		return nil, nil, err
	}
	app, err := s.ltsMustApplication(req.ApplicationKey)
	if err != nil {
		return nil, nil, err
	}
	return t, app, nil
}

// ltsTeamAndUser resolves the team and user of a request.
func (s *Sim) ltsTeamAndUser(teamName, username string) (*Team, *User, *ltsError) {
	t, err := s.ltsMustTeam(teamName)
	if err != nil {
		return nil, nil, err
	}
	u, err := s.ltsMustUser(username)
	if err != nil {
		return nil, nil, err
	}
	return t, u, nil
}

// platformTeam converts a team with its applications and users. Callers hold s.mu.
func (s *Sim) platformTeam(t *Team) *platformTeamXML {
	p := &platformTeamXML{ID: recordID(t.Key), Name: t.Name, Description: t.Description}
	for _, key := range t.Apps {
		if app := s.app(key); app != nil {
			p.ApplicationList.Items = append(p.ApplicationList.Items, applicationShortInfoXML{Name: app.Name, Key: app.Key, Description: app.Description})
		}
	}
	for _, m := range t.Members {
		for _, u := range s.users {
			if u.Key == m.UserKey {
				pu := s.platformUser(u)
				if r := s.role(m.RoleKey); r != nil {
					pu.RoleName = r.Name // the user's role in this team
				}
				p.UserList.Users = append(p.UserList.Users, pu)
			}
		}
	}
	return p
}

// ltsTeamByName finds a team by name, ignoring case. Callers hold s.mu.
func (s *Sim) ltsTeamByName(name string) *Team {
	if name == "" {
		return nil
	}
	return findFold(s.teams, name, func(t *Team) string { return t.Name })
}

// ltsMustTeam finds a team or fails with ltsTeamNotFound.
func (s *Sim) ltsMustTeam(name string) (*Team, *ltsError) {
	t := s.ltsTeamByName(name)
	if t == nil {
		return nil, ltsFail(ltsTeamNotFound, "There is no team with name '"+name+"'.")
	}
	return t, nil
}

// setTeamMember adds the user to the team with the role, or changes the role.
func setTeamMember(t *Team, userKey, roleKey string) {
	for i := range t.Members {
		if t.Members[i].UserKey == userKey {
			t.Members[i].RoleKey = roleKey
			return
		}
	}
	t.Members = append(t.Members, TeamMember{UserKey: userKey, RoleKey: roleKey})
}

// removeTeamMember removes the user from the team, reporting whether it was a member.
func removeTeamMember(t *Team, userKey string) bool {
	n := len(t.Members)
	t.Members = slices.DeleteFunc(t.Members, func(m TeamMember) bool { return m.UserKey == userKey })
	return len(t.Members) != n
}

// addTeamApp assigns the application to the team (once).
func addTeamApp(t *Team, appKey string) {
	if !slices.Contains(t.Apps, appKey) {
		t.Apps = append(t.Apps, appKey)
	}
}

// removeTeamApp removes the application from the team, reporting whether it was assigned.
func removeTeamApp(t *Team, appKey string) bool {
	n := len(t.Apps)
	t.Apps = slices.DeleteFunc(t.Apps, func(k string) bool { return k == appKey })
	return len(t.Apps) != n
}
