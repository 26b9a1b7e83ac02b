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

// environmentPermissionsForApplicationXML is ArrayOfEnvironmentPermissionForApplication.
type environmentPermissionsForApplicationXML struct {
	Items []environmentPermissionForApplicationXML `xml:"EnvironmentPermissionForApplication"`
}

// applicationPermissionsXML is ApplicationPermissions.
type applicationPermissionsXML struct {
	List *environmentPermissionsForApplicationXML `xml:"ApplicationPermissions,omitempty"`
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
	Application *applicationShortInfoXML   `xml:"ssSTApplicationShortInfo,omitempty"`
	Permissions *applicationPermissionsXML `xml:"ssSTApplicationPermissions,omitempty"`
}

// appPermissionsRecordsXML is ArrayOfWORCApplicationShortInfoApplicationPermissionsRecord.
type appPermissionsRecordsXML struct {
	Records []appPermissionsRecordXML `xml:"WORCApplicationShortInfoApplicationPermissionsRecord"`
}

// Messages of AuthenticationService and UserManagementService.
type (
	getTokenRequest struct {
		Username string `xml:"Username"`
		Password string `xml:"Password"`
	}
	getTokenResponse struct {
		ltsResult
		Token string `xml:"Token,omitempty"`
	}
	userListRequest struct {
		ltsAuthenticated
		ShowInactive bool `xml:"ShowInactive"`
	}
	userListResponse struct {
		ltsResult
		PlatformUsers *platformUsersXML `xml:"PlatformUsers,omitempty"`
	}
	userCreateOrUpdateRequest struct {
		ltsAuthenticated
		Username        string `xml:"Username"`
		Password        string `xml:"Password"`
		EncryptPassword bool   `xml:"EncryptPassword"`
		Name            string `xml:"Name"`
		Email           string `xml:"Email"`
		RoleName        string `xml:"RoleName"`
	}
	userCreateOrUpdateResponse struct {
		ltsResult
		PlatformUser *platformUserXML `xml:"PlatformUser,omitempty"`
	}
	userChangePasswordRequest struct {
		ltsAuthenticated
		Username        string `xml:"Username"`
		NewPassword     string `xml:"NewPassword"`
		EncryptPassword bool   `xml:"EncryptPassword"`
	}
	userChangeUsernameRequest struct {
		ltsAuthenticated
		OldUsername string `xml:"OldUsername"`
		NewUsername string `xml:"NewUsername"`
	}
	usernameRequest struct {
		ltsAuthenticated
		Username string `xml:"Username"`
	}
	userApplicationRequest struct {
		ltsAuthenticated
		Username       string `xml:"Username"`
		ApplicationKey string `xml:"ApplicationKey"`
	}
	userSetApplicationRoleRequest struct {
		ltsAuthenticated
		Username       string `xml:"Username"`
		ApplicationKey string `xml:"ApplicationKey"`
		RoleName       string `xml:"RoleName"`
	}
	userGetApplicationPermissionsResponse struct {
		ltsResult
		ArePlatformRolePermissions bool                       `xml:"ArePlatformRolePermissions"`
		ApplicationPermissions     *applicationPermissionsXML `xml:"ApplicationPermissions,omitempty"`
	}
	userGetAllPermissionsResponse struct {
		ltsResult
		ApplicationPermissions  *appPermissionsRecordsXML  `xml:"ApplicationPermissions,omitempty"`
		PlatformRolePermissions *applicationPermissionsXML `xml:"PlatformRolePermissions,omitempty"`
	}
)

// credentials of Authentication_GetToken are its own Username and Password.
func (r *getTokenRequest) credentials() ltsAuthentication {
	return ltsAuthentication{Username: r.Username, Password: r.Password}
}

// ltsAuthenticationService lists the operations of AuthenticationService.
func (s *Sim) ltsAuthenticationService() map[string]ltsOperation {
	return map[string]ltsOperation{
		"Authentication_GetToken": ltsOp(s, s.ltsGetToken),
	}
}

// ltsUserManagementService lists the operations of UserManagementService.
func (s *Sim) ltsUserManagementService() map[string]ltsOperation {
	return map[string]ltsOperation{
		"User_List":                        ltsOp(s, s.ltsUserList),
		"User_CreateOrUpdate":              ltsOp(s, s.ltsUserCreateOrUpdate),
		"User_ChangePassword":              ltsOp(s, s.ltsUserChangePassword),
		"User_ChangeUsername":              ltsOp(s, s.ltsUserChangeUsername),
		"User_SetActive":                   ltsOp(s, s.ltsUserSetActive),
		"User_SetInactive":                 ltsOp(s, s.ltsUserSetInactive),
		"User_SetApplicationRole":          ltsOp(s, s.ltsUserSetApplicationRole),
		"User_GetApplicationPermissions":   ltsOp(s, s.ltsUserGetApplicationPermissions),
		"User_GetAllPermissions":           ltsOp(s, s.ltsUserGetAllPermissions),
		"User_DeleteApplicationPermission": ltsOp(s, s.ltsUserDeleteApplicationPermission),
	}
}

// ltsGetToken opens a session of ltsTokenLifetime for the authenticated user.
func (s *Sim) ltsGetToken(req *getTokenRequest, resp *getTokenResponse) *ltsError {
	now := s.now()
	for token, sess := range s.ltsSessions { // forget expired sessions
		if !now.Before(sess.Expires) {
			delete(s.ltsSessions, token)
		}
	}
	resp.Token = s.newKey() // the documented sample token is a GUID
	s.ltsSessions[resp.Token] = ltsSession{Username: req.Username, Expires: now.Add(ltsTokenLifetime)}
	return nil
}

func (s *Sim) ltsUserList(req *userListRequest, resp *userListResponse) *ltsError {
	resp.PlatformUsers = &platformUsersXML{}
	for _, u := range s.users {
		if u.IsActive || req.ShowInactive {
			resp.PlatformUsers.Users = append(resp.PlatformUsers.Users, s.platformUser(u))
		}
	}
	return nil
}

func (s *Sim) ltsUserCreateOrUpdate(req *userCreateOrUpdateRequest, resp *userCreateOrUpdateResponse) *ltsError {
	switch {
	case strings.TrimSpace(req.Username) == "":
		return ltsFail(ltsUsernameEmpty, "")
	case strings.TrimSpace(req.Name) == "":
		return ltsFail(ltsNameEmpty, "")
	case strings.TrimSpace(req.RoleName) == "":
		return ltsFail(ltsRoleNameEmpty, "")
	}
	role, err := s.ltsMustRole(req.RoleName)
	if err != nil {
		return err
	}
	u := s.userByUsername(req.Username)
	if (u == nil || req.Password != "") && len(req.Password) < ltsMinPasswordLength {
		return ltsFail(ltsPasswordTooShort, "")
	}
	if u == nil {
		u = &User{Key: s.newKey(), Username: req.Username, IsActive: true, ApplicationRoles: map[string]string{}}
		s.users = append(s.users, u)
	}
	if req.Password != "" {
		u.Password = req.Password
	}
	u.Name, u.Email, u.RoleKey = req.Name, req.Email, role.Key
	p := s.platformUser(u)
	resp.PlatformUser = &p
	return nil
}

func (s *Sim) ltsUserChangePassword(req *userChangePasswordRequest, _ *ltsNoPayload) *ltsError {
	u, err := s.ltsMustUser(req.Username)
	if err != nil {
		return err
	}
	if len(req.NewPassword) < ltsMinPasswordLength {
		return ltsFail(ltsPasswordTooShort, "")
	}
	u.Password = req.NewPassword
	return nil
}

func (s *Sim) ltsUserChangeUsername(req *userChangeUsernameRequest, _ *ltsNoPayload) *ltsError {
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
}

func (s *Sim) ltsUserSetActive(req *usernameRequest, _ *ltsNoPayload) *ltsError {
	return s.ltsSetUserActive(req.Username, true)
}

func (s *Sim) ltsUserSetInactive(req *usernameRequest, _ *ltsNoPayload) *ltsError {
	return s.ltsSetUserActive(req.Username, false)
}

func (s *Sim) ltsSetUserActive(username string, active bool) *ltsError {
	u, err := s.ltsMustUser(username)
	if err != nil {
		return err
	}
	u.IsActive = active
	return nil
}

func (s *Sim) ltsUserSetApplicationRole(req *userSetApplicationRoleRequest, _ *ltsNoPayload) *ltsError {
	u, app, err := s.ltsUserAndApplication(req.Username, req.ApplicationKey)
	if err != nil {
		return err
	}
	role := s.roleByName(req.RoleName) // an empty name is not error 14 here
	if role == nil {
		return ltsNoRole(req.RoleName)
	}
	if u.ApplicationRoles == nil {
		u.ApplicationRoles = map[string]string{}
	}
	u.ApplicationRoles[app.Key] = role.Key
	return nil
}

func (s *Sim) ltsUserGetApplicationPermissions(req *userApplicationRequest, resp *userGetApplicationPermissionsResponse) *ltsError {
	u, app, err := s.ltsUserAndApplication(req.Username, req.ApplicationKey)
	if err != nil {
		return err
	}
	roleKey, specific := u.ApplicationRoles[app.Key]
	if !specific {
		roleKey = u.RoleKey
	}
	resp.ArePlatformRolePermissions = !specific
	resp.ApplicationPermissions = s.applicationPermissions(roleKey)
	return nil
}

func (s *Sim) ltsUserGetAllPermissions(req *usernameRequest, resp *userGetAllPermissionsResponse) *ltsError {
	u, err := s.ltsMustUser(req.Username)
	if err != nil {
		return err
	}
	resp.ApplicationPermissions = &appPermissionsRecordsXML{}
	for _, appKey := range sortedKeys(u.ApplicationRoles) {
		app := s.app(appKey)
		if app == nil {
			continue
		}
		resp.ApplicationPermissions.Records = append(resp.ApplicationPermissions.Records, appPermissionsRecordXML{
			Application: &applicationShortInfoXML{Name: app.Name, Key: app.Key, Description: app.Description},
			Permissions: s.applicationPermissions(u.ApplicationRoles[appKey]),
		})
	}
	resp.PlatformRolePermissions = s.applicationPermissions(u.RoleKey)
	return nil
}

func (s *Sim) ltsUserDeleteApplicationPermission(req *userApplicationRequest, _ *ltsNoPayload) *ltsError {
	u, app, err := s.ltsUserAndApplication(req.Username, req.ApplicationKey)
	if err != nil {
		return err
	}
	if _, ok := u.ApplicationRoles[app.Key]; !ok {
		return ltsFail(ltsApplicationPermissionNone, "No changes occurred.")
	}
	delete(u.ApplicationRoles, app.Key)
	return nil
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
func (s *Sim) applicationPermissions(roleKey string) *applicationPermissionsXML {
	list := &environmentPermissionsForApplicationXML{}
	role := s.role(roleKey)
	for _, e := range s.envs {
		p := environmentPermissionForApplicationXML{EnvironmentKey: e.Key, EnvironmentName: e.Name, EnvironmentHost: e.HostName, EnvironmentType: e.Type}
		if role != nil {
			p.ApplicationPermissionLevelID = role.Environments[e.Key].Level
		}
		list.Items = append(list.Items, p)
	}
	return &applicationPermissionsXML{List: list}
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

// ltsUserAndApplication resolves the user and the application of a request.
func (s *Sim) ltsUserAndApplication(username, appKey string) (*User, *application, *ltsError) {
	u, err := s.ltsMustUser(username)
	if err != nil {
		return nil, nil, err
	}
	app, err := s.ltsMustApplication(appKey)
	if err != nil {
		return nil, nil, err
	}
	return u, app, nil
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
