package sim

import (
	"net/http"
	"strconv"
	"strings"
)

// Handlers of the /users tag and of Auth_Token. Field names follow the
// swagger: User and TeamRole are PascalCase, ApplicationRole camelCase
// (lifetime-rest-api.md §2.2 Users).

// wireUser is the swagger "User". ApplicationRoles and Teams are present
// only when asked for (includeApplicationRoles / includeTeams).
type wireUser struct {
	Key              string                `json:"Key"`
	Username         string                `json:"Username"`
	Name             string                `json:"Name"`
	Email            string                `json:"Email"`
	IsActive         bool                  `json:"IsActive"`
	RoleKey          string                `json:"RoleKey"`
	RoleName         string                `json:"RoleName"`
	ApplicationRoles []wireApplicationRole `json:"ApplicationRoles,omitzero"`
	Teams            []wireTeamRole        `json:"Teams,omitzero"`
}

// wireApplicationRole is the swagger "ApplicationRole".
type wireApplicationRole struct {
	ApplicationKey  string `json:"applicationKey"`
	ApplicationName string `json:"applicationName"`
	RoleKey         string `json:"roleKey"`
	RoleName        string `json:"roleName"`
}

// wireTeamRole is the swagger "TeamRole".
type wireTeamRole struct {
	TeamKey  string `json:"TeamKey"`
	TeamName string `json:"TeamName"`
	RoleKey  string `json:"RoleKey"`
	RoleName string `json:"RoleName"`
}

// userInput is a User request body; nil fields were not sent.
type userInput struct {
	Username *string `json:"Username"`
	Name     *string `json:"Name"`
	Email    *string `json:"Email"`
	IsActive *bool   `json:"IsActive"`
	RoleKey  *string `json:"RoleKey"`
}

// minPasswordLength is the shortest password LifeTime accepts (LifeTime
// Services ResponseId 15: "User password must be at least 6 characters long").
const minPasswordLength = 6

// queryFlag reads a boolean query parameter of an operation whose swagger
// declares no 400 answer: a value that is not a boolean counts as false.
func queryFlag(r *http.Request, name string) bool {
	b, _ := queryBool(r, name)
	return b
}

func (s *Sim) listUsers(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	inactive, teams, appRoles := queryFlag(r, "IncludeInactive"), queryFlag(r, "IncludeTeams"), queryFlag(r, "IncludeApplicationRoles")
	list := []wireUser{}
	for _, u := range s.users {
		if u.IsActive || inactive {
			list = append(list, s.toWireUser(u, teams, appRoles))
		}
	}
	writeList(w, list)
}

func (s *Sim) getUser(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	teams, appRoles := queryFlag(r, "includeTeams"), queryFlag(r, "includeApplicationRoles")
	u := pathItem(w, r, "UserKey", "User with key %s not found.", s.user)
	if u == nil {
		return
	}
	writeJSON(w, http.StatusOK, s.toWireUser(u, teams, appRoles))
}

// createUser answers 201 with the new key as a JSON string: the swagger
// declares a string schema and no produces (lifetime-rest-api.md §2.2 Users).
func (s *Sim) createUser(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	var in userInput
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to create user due to invalid username, name or role: %v", err)
		return
	}
	u := &User{Key: s.newKey(), IsActive: true, ApplicationRoles: map[string]string{}}
	if msg := s.applyUserInput(u, in, true); msg != "" {
		writeErrorf(w, http.StatusBadRequest, "Failed to create user due to invalid username, name or role: %s", msg)
		return
	}
	s.users = append(s.users, u)
	writeJSON(w, http.StatusCreated, u.Key)
}

// updateUser answers 200 with the key as text/plain (swagger produces).
func (s *Sim) updateUser(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	u := pathItem(w, r, "UserKey", "User with key %s not found.", s.user)
	if u == nil {
		return
	}
	var in userInput
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to update user due to invalid username, name or role: %v", err)
		return
	}
	next := *u
	if msg := s.applyUserInput(&next, in, false); msg != "" {
		writeErrorf(w, http.StatusBadRequest, "Failed to update user due to invalid username, name or role: %s", msg)
		return
	}
	*u = next
	writeText(w, http.StatusOK, u.Key)
}

// applyUserInput validates in and applies it to u; it returns what is wrong.
// On create, Username, Name and RoleKey are required. Callers hold s.mu.
func (s *Sim) applyUserInput(u *User, in userInput, create bool) string {
	if in.Username != nil || create {
		name := strings.TrimSpace(deref(in.Username))
		if name == "" {
			return "the username is empty"
		}
		if other := s.userByUsername(name); other != nil && other.Key != u.Key {
			return "username " + name + " is already in use"
		}
		u.Username = name
	}
	if in.Name != nil || create {
		if strings.TrimSpace(deref(in.Name)) == "" {
			return "the name is empty"
		}
		u.Name = *in.Name
	}
	if in.RoleKey != nil || create {
		if s.role(deref(in.RoleKey)) == nil {
			return "role " + strconv.Quote(deref(in.RoleKey)) + " does not exist"
		}
		u.RoleKey = s.role(*in.RoleKey).Key
	}
	if in.Email != nil {
		u.Email = *in.Email
	}
	if in.IsActive != nil {
		u.IsActive = *in.IsActive
	}
	return ""
}

func (s *Sim) setUserPassword(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	u := pathItem(w, r, "UserKey", "User with key %s not found.", s.user)
	if u == nil {
		return
	}
	var in struct {
		Password string `json:"password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to change password because password is invalid: %v", err)
		return
	}
	if len(in.Password) < minPasswordLength {
		writeErrorf(w, http.StatusBadRequest, "Failed to change password because password is invalid: it must be at least %d characters long.", minPasswordLength)
		return
	}
	u.Password = in.Password
	writeEmpty(w, http.StatusOK)
}

func (s *Sim) grantUserApp(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	u := pathItem(w, r, "UserKey", "User with key %s not found.", s.user)
	if u == nil {
		return
	}
	var in wireApplicationRole
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Failed to add application to user because application or role are invalid: %v", err)
		return
	}
	app, role := s.app(in.ApplicationKey), s.role(in.RoleKey)
	if app == nil || role == nil {
		writeError(w, http.StatusBadRequest, "Failed to add application to user because application or role are invalid.")
		return
	}
	if u.ApplicationRoles == nil {
		u.ApplicationRoles = map[string]string{}
	}
	u.ApplicationRoles[app.Key] = role.Key
	writeEmpty(w, http.StatusCreated)
}

func (s *Sim) revokeUserApp(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	u := pathItem(w, r, "UserKey", "User with key %s not found.", s.user)
	if u == nil {
		return
	}
	appKey := r.PathValue("ApplicationKey")
	for k := range u.ApplicationRoles {
		if strings.EqualFold(k, appKey) {
			delete(u.ApplicationRoles, k)
			writeNoContent(w)
			return
		}
	}
	writeErrorf(w, http.StatusNotFound, "User %s has no permission on application %s.", u.Username, appKey)
}

// toWireUser converts u. Callers hold s.mu.
func (s *Sim) toWireUser(u *User, teams, appRoles bool) wireUser {
	out := wireUser{Key: u.Key, Username: u.Username, Name: u.Name, Email: u.Email, IsActive: u.IsActive, RoleKey: u.RoleKey}
	if role := s.role(u.RoleKey); role != nil {
		out.RoleName = role.Name
	}
	if appRoles {
		out.ApplicationRoles = []wireApplicationRole{}
		for _, appKey := range sortedKeys(u.ApplicationRoles) {
			ar := wireApplicationRole{ApplicationKey: appKey, RoleKey: u.ApplicationRoles[appKey]}
			if app := s.app(appKey); app != nil {
				ar.ApplicationName = app.Name
			}
			if role := s.role(ar.RoleKey); role != nil {
				ar.RoleName = role.Name
			}
			out.ApplicationRoles = append(out.ApplicationRoles, ar)
		}
	}
	if teams {
		out.Teams = []wireTeamRole{}
		for _, t := range s.teams {
			for _, m := range t.Members {
				if m.UserKey == u.Key {
					tr := wireTeamRole{TeamKey: t.Key, TeamName: t.Name, RoleKey: m.RoleKey}
					if role := s.role(m.RoleKey); role != nil {
						tr.RoleName = role.Name
					}
					out.Teams = append(out.Teams, tr)
				}
			}
		}
	}
	return out
}

// renewToken serves Auth_Token: it replaces the caller's token with a new
// one valid for timePeriod months (the only documented unit, "M").
func (s *Sim) renewToken(w http.ResponseWriter, r *http.Request, a *ServiceAccount) {
	var in struct {
		TimePeriod int    `json:"timePeriod"`
		Unit       string `json:"unit"`
	}
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Invalid request: %v", err)
		return
	}
	if in.Unit == "" {
		in.Unit = "M"
	}
	if in.TimePeriod <= 0 || in.Unit != "M" {
		writeError(w, http.StatusBadRequest, "Invalid request: timePeriod must be a positive number of months (unit M).")
		return
	}
	a.Token = s.newToken()
	a.ExpiresAt = s.now().AddDate(0, in.TimePeriod, 0)
	writeJSON(w, http.StatusOK, struct {
		Token     string   `json:"token"`
		ExpiresAt wireTime `json:"expiresAt"`
	}{a.Token, wireTime(a.ExpiresAt)})
}

// wireLoginAttempt is the swagger "PlatformLoginAttempt" (camelCase).
type wireLoginAttempt struct {
	UserID                    int      `json:"userId"`
	Username                  string   `json:"username"`
	Success                   bool     `json:"success"`
	Instant                   wireTime `json:"instant"`
	IPAddress                 string   `json:"ipAddress"`
	UsernameFailureCount      int      `json:"usernameFailureCount"`
	OriginAddressFailureCount int      `json:"originAddressFailureCount"`
	UserAgent                 string   `json:"userAgent"`
	Visitor                   string   `json:"visitor"`
	RequestKey                string   `json:"requestKey"`
	Result                    string   `json:"result"`
	EnvironmentID             int      `json:"environmentId"`
	EnvironmentName           string   `json:"environmentName"`
}

// loginFilter reads the EnvironmentKey query of the blocked-login
// endpoints; ok is false when an answer (404) was written.
func (s *Sim) loginFilter(w http.ResponseWriter, r *http.Request) (envKey string, ok bool) {
	envKey, _ = queryValue(r, "EnvironmentKey")
	if envKey != "" {
		e := s.env(envKey)
		if e == nil {
			writeErrorf(w, http.StatusNotFound, "Failed to retrieve login attempts due to invalid environment key %s.", envKey)
			return "", false
		}
		envKey = e.Key
	}
	return envKey, true
}

// blockedLogins returns the blocked attempts matching the filters ("" = any).
// Callers hold s.mu.
func (s *Sim) blockedLogins(username, ip, envKey string) []*LoginAttempt {
	var out []*LoginAttempt
	for _, l := range s.loginAttempts {
		if l.Blocked && (username == "" || strings.EqualFold(l.Username, username)) &&
			(ip == "" || l.IPAddress == ip) && (envKey == "" || strings.EqualFold(l.EnvironmentKey, envKey)) {
			out = append(out, l)
		}
	}
	return out
}

// writeLoginAttempts answers 200 with the list and the Success, StatusCode
// and Message headers the swagger declares for these endpoints.
func (s *Sim) writeLoginAttempts(w http.ResponseWriter, attempts []*LoginAttempt) {
	list := []wireLoginAttempt{}
	for _, l := range attempts {
		wl := wireLoginAttempt{
			UserID: l.UserID, Username: l.Username, Success: l.Success, Instant: wireTime(l.Instant), IPAddress: l.IPAddress,
			UsernameFailureCount: l.UsernameFailureCount, OriginAddressFailureCount: l.OriginAddressFailureCount,
			UserAgent: l.UserAgent, Visitor: l.Visitor, RequestKey: l.RequestKey, Result: l.Result,
		}
		if e := s.env(l.EnvironmentKey); e != nil {
			wl.EnvironmentID, wl.EnvironmentName = recordID(e.Key), e.Name
		}
		list = append(list, wl)
	}
	setSuccessHeaders(w, http.StatusOK, "Login attempts retrieved successfully.")
	writeJSON(w, http.StatusOK, list)
}

// setSuccessHeaders sets the Success/StatusCode/Message response headers of
// the blocked-login endpoints (swagger "[headers: Success,StatusCode,Message]").
func setSuccessHeaders(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Success", "true")
	w.Header().Set("StatusCode", strconv.Itoa(status))
	w.Header().Set("Message", message)
}

func (s *Sim) listUserBlockedLogins(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	u := pathItem(w, r, "UserKey", "User with key %s not found.", s.user)
	if u == nil {
		return
	}
	envKey, ok := s.loginFilter(w, r)
	if !ok {
		return
	}
	s.writeLoginAttempts(w, s.blockedLogins(u.Username, "", envKey))
}

func (s *Sim) unblockUser(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	u := pathItem(w, r, "UserKey", "User with key %s not found.", s.user)
	if u == nil {
		return
	}
	envKey, ok := s.loginFilter(w, r)
	if !ok {
		return
	}
	ip, _ := queryValue(r, "IpAddress")
	for _, l := range s.blockedLogins(u.Username, ip, envKey) {
		l.Blocked = false
	}
	setSuccessHeaders(w, http.StatusOK, "User unblocked successfully.")
	writeEmpty(w, http.StatusOK)
}

func (s *Sim) listBlockedAddresses(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	envKey, ok := s.loginFilter(w, r)
	if !ok {
		return
	}
	s.writeLoginAttempts(w, s.blockedLogins("", "", envKey))
}

func (s *Sim) unblockAddress(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	envKey, ok := s.loginFilter(w, r)
	if !ok {
		return
	}
	for _, l := range s.blockedLogins("", r.PathValue("IPAddress"), envKey) {
		l.Blocked = false
	}
	setSuccessHeaders(w, http.StatusOK, "IP Address unblocked successfully.")
	writeEmpty(w, http.StatusOK)
}

// deref returns *p, or "" for nil.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
