package sim

import "fmt"

// In-band results of the LifeTime Services API. Every response carries
// Success and an APIStatus; business errors are HTTP 200 with Success=false
// and a machine-readable Status.ResponseId. The codes and texts below are
// those of the "APIStatus Structure" help page
// (http://www.outsystems.com/help/servicestudio/9.1/APIs/LifeTimeServices/Structures/APIStatus_Structure.htm,
// soap-apis.md §3.4). Codes past 403 were not captured publicly, so the
// simulator uses none of them.

// ltsStatus is the APIStatus structure.
type ltsStatus struct {
	ID                     int    `xml:"Id"`
	ResponseID             int    `xml:"ResponseId"`
	ResponseMessage        string `xml:"ResponseMessage"`
	ResponseAdditionalInfo string `xml:"ResponseAdditionalInfo"`
}

// ltsResult is the Success + Status pair that starts every response element.
type ltsResult struct {
	Success bool      `xml:"Success"`
	Status  ltsStatus `xml:"Status"`
}

// The documented ResponseId values.
const (
	ltsOK                        = 1
	ltsUsernameEmpty             = 10
	ltsNameEmpty                 = 11
	ltsApplicationKeyEmpty       = 12
	ltsEnvironmentKeyEmpty       = 13
	ltsRoleNameEmpty             = 14
	ltsPasswordTooShort          = 15
	ltsUsernameExists            = 100
	ltsUserNotFound              = 101
	ltsUserProtected             = 103
	ltsInvalidCredentials        = 200
	ltsInvalidToken              = 201
	ltsTokenRequired             = 202
	ltsRoleNameReserved          = 300
	ltsRoleProtected             = 301
	ltsRoleExists                = 302
	ltsRoleNotFound              = 303
	ltsApplicationNotFound       = 400
	ltsInvalidPermissionLevel    = 401
	ltsApplicationPermissionNone = 402

	// ltsTeamNotFound is the ResponseId the simulator uses for an unknown
	// or empty team name. The public APIStatus table stops at 403, so the
	// real code is unknown; 500 continues the table's one-hundred-per-area
	// numbering (users 1xx, credentials 2xx, roles 3xx, applications 4xx).
	// Clients should not rely on it.
	ltsTeamNotFound = 500
)

// ltsMessages holds the documented ResponseMessage of each code.
var ltsMessages = map[int]string{
	ltsOK:                        "OK",
	ltsUsernameEmpty:             "User username cannot be empty.",
	ltsNameEmpty:                 "User name cannot be empty.",
	ltsApplicationKeyEmpty:       "Application key cannot be empty.",
	ltsEnvironmentKeyEmpty:       "Environment key cannot be empty.",
	ltsRoleNameEmpty:             "Role name cannot be empty.",
	ltsPasswordTooShort:          "User password must be at least 6 characters long.",
	ltsUsernameExists:            "Username already exists.",
	ltsUserNotFound:              "User does not exist.",
	ltsUserProtected:             "User is protected.",
	ltsInvalidCredentials:        "Invalid credentials provided in WS call.",
	ltsInvalidToken:              "Invalid credentials provided in WS call.",
	ltsTokenRequired:             "Invalid credentials provided in WS call.",
	ltsRoleNameReserved:          "Role name is reserved.",
	ltsRoleProtected:             "Role is protected.",
	ltsRoleExists:                "Role already exists.",
	ltsRoleNotFound:              "Role does not exist.",
	ltsApplicationNotFound:       "Application does not exist.",
	ltsInvalidPermissionLevel:    "Invalid permission level ID.",
	ltsApplicationPermissionNone: "Application permission does not exist.",
	ltsTeamNotFound:              "Team does not exist.",
}

// ltsError is an in-band failure: the operation answers Success=false with it.
type ltsError struct {
	code int
	info string // ResponseAdditionalInfo
}

func (e *ltsError) Error() string {
	return fmt.Sprintf("LifeTime Services status %d: %s %s", e.code, ltsMessages[e.code], e.info)
}

// ltsFail builds an ltsError with the documented additional info.
func ltsFail(code int, info string) *ltsError { return &ltsError{code: code, info: info} }

// ltsResultOf turns an operation outcome into the Success/Status pair.
func ltsResultOf(err *ltsError) ltsResult {
	if err == nil {
		return ltsResult{Success: true, Status: ltsStatus{ResponseID: ltsOK, ResponseMessage: ltsMessages[ltsOK]}}
	}
	return ltsResult{Status: ltsStatus{ResponseID: err.code, ResponseMessage: ltsMessages[err.code], ResponseAdditionalInfo: err.info}}
}
