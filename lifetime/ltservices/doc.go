// Package ltservices is a client for the LifeTime Services API, the legacy
// SOAP API of the LifeTime console (https://<host>/LifeTimeServices/*.asmx):
// authentication tokens and the management of IT users, roles and teams.
//
// # Deprecated upstream
//
// OutSystems deprecated the LifeTime Services API in LifeTime 11.16.0
// (November 2022), no longer supports it and announced its removal; no later
// release note records the removal, so it may or may not answer on a given
// console. Prefer the LifeTime REST API v2 (package lifetime), which covers
// users, roles and teams. This package exists for consoles and integrations
// that still use the SOAP API, for instance to check them before and after a
// LifeTime upgrade. When the API is gone, calls fail with an [*HTTPError]
// (usually 404).
//
// Each method's documentation names the operation it calls on a line
// "LifeTime Services SOAP: Service.Operation".
//
// # Authentication
//
// Every operation carries an Authentication structure. With
// [WithCredentials] the client gets a session token from
// AuthenticationService.Authentication_GetToken, reuses it, renews it
// before its 5 minutes of validity end ([TokenLifetime], [TokenRenewBefore]),
// and renews it once more when LifeTime answers ResponseId 201 (invalid or
// expired token) before giving up. From LifeTime 11.13.0 a service account
// token of the REST API can be used instead ([WithServiceAccountToken]).
// User, role and team operations need the Manage Infrastructure permission.
// Passwords and tokens never appear in logs or errors.
//
// # TLS
//
// Certificates are verified; a plain http:// host needs [WithInsecureHTTP].
// A console whose certificate comes from a private CA is trusted with
// [WithCABundle] or [WithCAFile] (on top of the system roots); client
// certificates and other TLS settings go in [WithTLSConfig]. The options
// have the names and rules of package lifetime's.
//
// # Errors
//
// LifeTime reports business errors in-band: HTTP 200, Success=false and a
// Status with a ResponseId. They are returned as [*StatusError]; the
// documented codes have sentinels matched with errors.Is (for example
// [ErrUserNotFound] for 101, [ErrInvalidToken] for 201). SOAP faults are
// [*FaultError]; answers that are not SOAP are [*HTTPError] with at most
// 1 MiB of the body. Read-only operations (GetToken, List and Get
// operations) are retried on connection errors and on HTTP 408, 429, 502,
// 503 and 504; operations that change something are sent once, and the
// client keeps its connections alive.
package ltservices
