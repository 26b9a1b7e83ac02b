// Package outsystems is the guide to go-outsystems, a Go SDK for the
// OutSystems 11 LifeTime management console and Service Center.
//
// The root package holds no API of its own beyond [Version]; the work is done
// by the packages below. This page says what lives where and the rules that
// hold across all of them.
//
// # Packages
//
//   - lifetime: typed client for the LifeTime REST API v2
//     (https://<lifetime-host>/lifetimeapi/rest/v2), every operation of the
//     official swagger, with a deployment waiter.
//   - lifetime/ltservices: client for the legacy LifeTime Services SOAP API
//     (deprecated upstream since LifeTime 11.16.0, still present on older consoles).
//   - servicecenter: typed SOAP client for an environment's Service Center
//     (platform information, solutions, publishing).
//   - compat: OutSystems versions, the release catalogue, support dates,
//     breaking changes and the rules that turn an infrastructure into findings.
//   - upgrade: the documented LifeTime upgrade procedure as composable steps
//     with text, JSON and JUnit reports.
//   - lifetime/lifetimetest and servicecenter/servicecentertest: simulated
//     LifeTime infrastructures and Service Centers on loopback, for tests of
//     your own code.
//
// # Authentication
//
// The LifeTime REST API uses a service account token sent as a bearer token.
// Service Center SOAP services use a user name and password. The SDK never
// writes tokens or passwords to logs or error messages; pass them from the
// environment or a file, never on a command line.
//
// # Errors
//
// Each protocol has one error type, matchable with [errors.Is] and
// [errors.As]: *lifetime.APIError for REST answers outside 2xx (with
// sentinels such as lifetime.ErrNotFound), *servicecenter.FaultError for SOAP
// faults, *ltservices.StatusError for in-band failures of LifeTime Services,
// and *compat.VersionError when a feature needs a newer version. The text of
// Error() is for people and is not part of the API.
//
// # Retries and timeouts
//
// Every call takes a context and honours its deadline. Requests that are safe
// to repeat (REST GET, PUT and DELETE, read-only SOAP operations) are retried
// on connection errors and on 408, 429, 502, 503 and 504, with jittered
// exponential backoff bounded in attempts and elapsed time, honouring
// Retry-After. Creating a deployment or publishing is never repeated blindly:
// after an ambiguous failure the client looks for what the first attempt
// created.
//
// # Versions
//
// LifeTime has been released monthly since Release Sep.2018 (11.0.108.0), apart
// from the Platform Server. Package compat parses every version format
// OutSystems prints and never compares a LifeTime version with a Platform
// Server one.
//
// # Upgrades
//
// Package upgrade runs the LifeTime upgrade procedure: pre-flight checks
// (supported environment versions, dedicated LifeTime environment, hybrid
// licence, breaking changes for plugins and integrations), the upgrade window
// (support case on OutSystems Cloud, installer when self-managed) and the
// republish and verification of LifeTime plugins afterwards.
package outsystems

// Version is the version of this module. It is sent in the User-Agent
// header as "go-outsystems/<Version>".
const Version = "0.1.0-dev"
