package sim

import "strings"

// LifeTime Services: AuthenticationService and UserManagementService
// (operations and shapes from authenticationService.wsdl and the 2015/2022
// UserManagementService WSDLs, soap-apis.md §3.5). Service accounts are not
// users here: User_List has not returned them since Platform Server 10.0.603.0.

// ltsMinPasswordLength is the documented minimum (ResponseId 15).
const ltsMinPasswordLength = 6

// platformUserXML is PlatformUser.
type platformUserXML struct {
	ID       int    `xml:"Id"`
	Username string `xml:"Username"`
	Name     string `xml:"Name"`
	Email    string `xml:"Email"`
	RoleName string `xml:"RoleName"`
}

// platformUsersXML is ArrayOfPlatformUser.
type platformUsersXML struct {
	Users []platformUserXML `xml:"PlatformUser"`
}

// environmentPermissionForApplicationXML is EnvironmentPermissionForApplication.
type environmentPermissionForApplicationXML struct {
	EnvironmentKey               string `xml:"EnvironmentKey"`
	EnvironmentName              string `xml:"EnvironmentName"`
	EnvironmentHost              string `xml:"EnvironmentHost"`
	EnvironmentType              string `xml:"EnvironmentType"`
	ApplicationPermissionLevelID int    `xml:"ApplicationPermissionLevelId"`
}

// applicationPermissionsXML is ApplicationPermissions (a record wrapping ArrayOfEnvironmentPermissionForApplication).
type applicationPermissionsXML struct {
	List struct {
		Items []environmentPermissionForApplicationXML `xml:"EnvironmentPermissionForApplication"`
	} `xml:"ApplicationPermissions"`
}

// applicationShortInfoXML is ApplicationShortInfo.
type applicationShortInfoXML struct {
	Name        string `xml:"Name"`
	Key         string `xml:"Key"`
	Description string `xml:"Description"`
}

// appPermissionsRecordXML is WORCApplicationShortInfoApplicationPermissionsRecord
// (the element names keep OutSystems' internal ssST prefixes).
type appPermissionsRecordXML struct {
	Application applicationShortInfoXML   `xml:"ssSTApplicationShortInfo"`
	Permissions applicationPermissionsXML `xml:"ssSTApplicationPermissions"`
}

func (s *Sim) ltsAuthenticationGetToken(call *soapCall) (any, error) {
	var req struct {
		Username string `xml:"Username"`
		Password string `xml:"Password"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	var resp struct {
		ltsResult
		Token string `xml:"Token"`
	}
	err := s.ltsAuthenticate(ltsAuthentication{Username: req.Username, Password: req.Password})
	if err == nil {
		now := s.now()
		for token, sess := range s.ltsSessions { // forget expired sessions
			if !now.Before(sess.Expires) {
				delete(s.ltsSessions, token)
			}
		}
		resp.Token = s.newKey() // the documented sample token is a GUID
		s.ltsSessions[resp.Token] = ltsSession{Username: req.Username, Expires: now.Add(ltsTokenLifetime)}
	}
	resp.ltsResult = ltsResultOf(err)
	return &resp, nil
}

func (s *Sim) ltsUserList(call *soapCall) (any, error) {
	var req struct {
		Authentication ltsAuthentication `xml:"Authentication"`
		ShowInactive   bool              `xml:"ShowInactive"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	var resp struct {
		ltsResult
		PlatformUsers *platformUsersXML `xml:"PlatformUsers,omitempty"`
	}
	resp.ltsResult = ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
		list := &platformUsersXML{}
		for _, u := range s.users {
			if u.IsActive || req.ShowInactive {
				list.Users = append(list.Users, s.platformUser(u))
			}
		}
		resp.PlatformUsers = list
		return nil
	}))
	return &resp, nil
}

func (s *Sim) ltsUserCreateOrUpdate(call *soapCall) (any, error) {
	var req struct {
		Authentication  ltsAuthentication `xml:"Authentication"`
		Username        string            `xml:"Username"`
		Password        string            `xml:"Password"`
		EncryptPassword bool              `xml:"EncryptPassword"`
		Name            string            `xml:"Name"`
		Email           string            `xml:"Email"`
		RoleName        string            `xml:"RoleName"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	var resp struct {
		ltsResult
		PlatformUser *platformUserXML `xml:"PlatformUser,omitempty"`
	}
	resp.ltsResult = ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
		switch {
		case strings.TrimSpace(req.Username) == "":
			return ltsFail(ltsUsernameEmpty, "")
		case strings.TrimSpace(req.Name) == "":
			return ltsFail(ltsNameEmpty, "")
		case strings.TrimSpace(req.RoleName) == "":
			return ltsFail(ltsRoleNameEmpty, "")
		}
		role := s.roleByName(req.RoleName)
		if role == nil {
			return ltsFail(ltsRoleNotFound, "There is no role with name '"+req.RoleName+"'.")
		}
		u := s.userByUsername(req.Username)
		if u == nil {
			if len(req.Password) < ltsMinPasswordLength {
				return ltsFail(ltsPasswordTooShort, "")
			}
			u = &User{Key: s.newKey(), Username: req.Username, IsActive: true, ApplicationRoles: map[string]string{}}
			s.users = append(s.users, u)
		} else if req.Password != "" {
			if len(req.Password) < ltsMinPasswordLength {
				return ltsFail(ltsPasswordTooShort, "")
			}
		}
		if req.Password != "" {
			u.Password = req.Password
		}
		u.Name, u.Email, u.RoleKey = req.Name, req.Email, role.Key
		p := s.platformUser(u)
		resp.PlatformUser = &p
		return nil
	}))
	return &resp, nil
}

func (s *Sim) ltsUserChangePassword(call *soapCall) (any, error) {
	var req struct {
		Authentication  ltsAuthentication `xml:"Authentication"`
		Username        string            `xml:"Username"`
		NewPassword     string            `xml:"NewPassword"`
		EncryptPassword bool              `xml:"EncryptPassword"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	return ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
		u, err := s.ltsMustUser(req.Username)
		if err != nil {
			return err
		}
		if len(req.NewPassword) < ltsMinPasswordLength {
			return ltsFail(ltsPasswordTooShort, "")
		}
		u.Password = req.NewPassword
		return nil
	})), nil
}

func (s *Sim) ltsUserChangeUsername(call *soapCall) (any, error) {
	var req struct {
		Authentication ltsAuthentication `xml:"Authentication"`
		OldUsername    string            `xml:"OldUsername"`
		NewUsername    string            `xml:"NewUsername"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	return ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
		u, err := s.ltsMustUser(req.OldUsername)
		if err != nil {
			return err
		}
		if strings.TrimSpace(req.NewUsername) == "" {
			return ltsFail(ltsUsernameEmpty, "")
		}
		if other := s.userByUsername(req.NewUsername); other != nil && other != u {
			return ltsFail(ltsUsernameExists, "A user with username '"+req.NewUsername+"' already exists.")
		}
		u.Username = req.NewUsername
		return nil
	})), nil
}

func (s *Sim) ltsUserSetActive(call *soapCall) (any, error) { return s.ltsUserSetActiveTo(call, true) }
func (s *Sim) ltsUserSetInactive(call *soapCall) (any, error) {
	return s.ltsUserSetActiveTo(call, false)
}

func (s *Sim) ltsUserSetActiveTo(call *soapCall, active bool) (any, error) {
	var req struct {
		Authentication ltsAuthentication `xml:"Authentication"`
		Username       string            `xml:"Username"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	return ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
		u, err := s.ltsMustUser(req.Username)
		if err != nil {
			return err
		}
		u.IsActive = active
		return nil
	})), nil
}

func (s *Sim) ltsUserSetApplicationRole(call *soapCall) (any, error) {
	var req struct {
		Authentication ltsAuthentication `xml:"Authentication"`
		Username       string            `xml:"Username"`
		ApplicationKey string            `xml:"ApplicationKey"`
		RoleName       string            `xml:"RoleName"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	return ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
		u, err := s.ltsMustUser(req.Username)
		if err != nil {
			return err
		}
		app, err := s.ltsMustApplication(req.ApplicationKey)
		if err != nil {
			return err
		}
		role := s.roleByName(req.RoleName)
		if role == nil {
			return ltsFail(ltsRoleNotFound, "There is no role with name '"+req.RoleName+"'.")
		}
		if u.ApplicationRoles == nil {
			u.ApplicationRoles = map[string]string{}
		}
		u.ApplicationRoles[app.Key] = role.Key
		return nil
	})), nil
}

func (s *Sim) ltsUserGetApplicationPermissions(call *soapCall) (any, error) {
	var req struct {
		Authentication ltsAuthentication `xml:"Authentication"`
		Username       string            `xml:"Username"`
		ApplicationKey string            `xml:"ApplicationKey"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	var resp struct {
		ltsResult
		ArePlatformRolePermissions bool                       `xml:"ArePlatformRolePermissions"`
		ApplicationPermissions     *applicationPermissionsXML `xml:"ApplicationPermissions,omitempty"`
	}
	resp.ltsResult = ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
		u, err := s.ltsMustUser(req.Username)
		if err != nil {
			return err
		}
		app, err := s.ltsMustApplication(req.ApplicationKey)
		if err != nil {
			return err
		}
		roleKey, specific := u.ApplicationRoles[app.Key]
		if !specific {
			roleKey = u.RoleKey
		}
		resp.ArePlatformRolePermissions = !specific
		perms := s.applicationPermissions(roleKey)
		resp.ApplicationPermissions = &perms
		return nil
	}))
	return &resp, nil
}

func (s *Sim) ltsUserGetAllPermissions(call *soapCall) (any, error) {
	var req struct {
		Authentication ltsAuthentication `xml:"Authentication"`
		Username       string            `xml:"Username"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	var resp struct {
		ltsResult
		ApplicationPermissions *struct {
			Records []appPermissionsRecordXML `xml:"WORCApplicationShortInfoApplicationPermissionsRecord"`
		} `xml:"ApplicationPermissions,omitempty"`
		PlatformRolePermissions *applicationPermissionsXML `xml:"PlatformRolePermissions,omitempty"`
	}
	resp.ltsResult = ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
		u, err := s.ltsMustUser(req.Username)
		if err != nil {
			return err
		}
		resp.ApplicationPermissions = &struct {
			Records []appPermissionsRecordXML `xml:"WORCApplicationShortInfoApplicationPermissionsRecord"`
		}{}
		for _, appKey := range sortedKeys(u.ApplicationRoles) {
			app := s.app(appKey)
			if app == nil {
				continue
			}
			resp.ApplicationPermissions.Records = append(resp.ApplicationPermissions.Records, appPermissionsRecordXML{
				Application: applicationShortInfoXML{Name: app.Name, Key: app.Key, Description: app.Description},
				Permissions: s.applicationPermissions(u.ApplicationRoles[appKey]),
			})
		}
		perms := s.applicationPermissions(u.RoleKey)
		resp.PlatformRolePermissions = &perms
		return nil
	}))
	return &resp, nil
}

func (s *Sim) ltsUserDeleteApplicationPermission(call *soapCall) (any, error) {
	var req struct {
		Authentication ltsAuthentication `xml:"Authentication"`
		Username       string            `xml:"Username"`
		ApplicationKey string            `xml:"ApplicationKey"`
	}
	if err := call.decode(&req); err != nil {
		return nil, err
	}
	return ltsResultOf(s.ltsRun(req.Authentication, func() *ltsError {
		u, err := s.ltsMustUser(req.Username)
		if err != nil {
			return err
		}
		app, err := s.ltsMustApplication(req.ApplicationKey)
		if err != nil {
			return err
		}
		if _, ok := u.ApplicationRoles[app.Key]; !ok {
			return ltsFail(ltsApplicationPermissionNone, "No changes occurred.")
		}
		delete(u.ApplicationRoles, app.Key)
		return nil
	})), nil
}

// ltsRun authenticates and then runs op. Callers hold s.mu.
func (s *Sim) ltsRun(a ltsAuthentication, op func() *ltsError) *ltsError {
	if err := s.ltsAuthenticate(a); err != nil {
		return err
	}
	return op()
}

// platformUser converts a user to PlatformUser. Callers hold s.mu.
func (s *Sim) platformUser(u *User) platformUserXML {
	p := platformUserXML{ID: recordID(u.Key), Username: u.Username, Name: u.Name, Email: u.Email}
	if r := s.role(u.RoleKey); r != nil {
		p.RoleName = r.Name
	}
	return p
}

// applicationPermissions lists, per environment, the level roleKey grants.
// Callers hold s.mu.
func (s *Sim) applicationPermissions(roleKey string) applicationPermissionsXML {
	var out applicationPermissionsXML
	role := s.role(roleKey)
	for _, e := range s.envs {
		p := environmentPermissionForApplicationXML{EnvironmentKey: e.Key, EnvironmentName: e.Name, EnvironmentHost: e.HostName, EnvironmentType: e.Type}
		if role != nil {
			p.ApplicationPermissionLevelID = role.Environments[e.Key].Level
		}
		out.List.Items = append(out.List.Items, p)
	}
	return out
}

// ltsMustUser finds a user or returns the documented errors 10 / 101.
func (s *Sim) ltsMustUser(username string) (*User, *ltsError) {
	if strings.TrimSpace(username) == "" {
		return nil, ltsFail(ltsUsernameEmpty, "")
	}
	u := s.userByUsername(username)
	if u == nil {
		return nil, ltsFail(ltsUserNotFound, "There is no user with username '"+username+"'.")
	}
	return u, nil
}

// ltsMustApplication finds an application or returns the documented errors 12 / 400.
func (s *Sim) ltsMustApplication(key string) (*application, *ltsError) {
	if strings.TrimSpace(key) == "" {
		return nil, ltsFail(ltsApplicationKeyEmpty, "")
	}
	app := s.app(key)
	if app == nil {
		return nil, ltsFail(ltsApplicationNotFound, "There is no application with key '"+key+"'.")
	}
	return app, nil
}
