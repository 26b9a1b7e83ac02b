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
// Each protocol has one error type for answers that are not a success,
// matchable with [errors.Is] and [errors.As]:
//
//   - *lifetime.APIError: a REST answer outside 2xx, with the HTTP status,
//     the body's Errors and StatusCode, the operation, the sanitized URL and
//     at most 1 MiB of the body. errors.Is matches it against sentinels such
//     as lifetime.ErrNotFound, ErrUnauthorized, ErrForbidden, ErrBadRequest,
//     ErrConflict (a command refused in the plan's current state),
//     ErrTooManyRequests and ErrServer.
//   - *lifetime.OperationError: no answer at all (connection refused or
//     reset, timeout, context ended), with the operation that failed.
//   - *lifetime.UnknownOutcomeError: creating a deployment failed in a way
//     that leaves unknown whether LifeTime created it, and no matching plan
//     was found; *lifetime.DeploymentError and *lifetime.WaitInterruptedError
//     come from the deployment waiter.
//   - *servicecenter.FaultError and *ltservices.FaultError: SOAP faults;
//     *servicecenter.HTTPError and *ltservices.HTTPError: answers that are
//     not SOAP; *servicecenter.PublishError: a publication that failed, with
//     its errors per module.
//   - *ltservices.StatusError: an in-band failure (Success=false) of the
//     LifeTime Services API, with its ResponseId and sentinels per code.
//   - *compat.VersionError: a feature needs a newer LifeTime or Platform
//     Server (matches compat.ErrFeatureUnavailable).
//
// The text of Error() is for people and is not part of the API; it never
// holds a token or a password.
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
// The deployment waiter polls every 20 seconds by default, backs off on
// transient errors for up to 30 minutes of failed polls (a console restart
// during an upgrade), reports progress through a callback, and can abort the
// plan when its context ends. Reliability under faults is tested by the
// suite in reliability/ (a 200-deployment soak under injected faults); the
// figures of the benchmarks are in BENCHMARKS.md.
//
// # Versions
//
// LifeTime has been released monthly since Release Sep.2018 (11.0.108.0), apart
// from the Platform Server. Package compat parses every version format
// OutSystems prints and never compares a LifeTime version with a Platform
// Server one. No LifeTime API returns the LifeTime version: the method
// InferLifeTime of compat.Catalog gives the range of versions consistent with
// the LifeTime environment's Platform Server and the endpoints that answer.
// The embedded catalogue is a snapshot of OutSystems' release notes; newer
// versions are accepted and reported as newer than the catalogue.
//
// # Upgrades
//
// Package upgrade runs the LifeTime upgrade procedure: pre-flight checks
// (supported environment versions, dedicated LifeTime environment, hybrid
// licence, breaking changes for plugins and integrations), the upgrade window
// (support case on OutSystems Cloud, installer when self-managed) and the
// republish and verification of LifeTime plugins afterwards.
//
// # Examples
//
// Runnable programs in examples/ (preflight, upgrade, republish-plugins,
// deploy) run against a simulated infrastructure when no LifeTime URL is
// given; the README lists their flags and exit codes. The command
// internal/sim/cmd/ltsim serves a simulated infrastructure on loopback for
// tools written in other languages.
package outsystems

// Version is the version of this module. It is sent in the User-Agent
// header as "go-outsystems/<Version>".
const Version = "0.1.0-dev"
