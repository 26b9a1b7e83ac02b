// Package lifetimetest starts a simulated OutSystems LifeTime infrastructure
// on loopback for the tests of code that talks to LifeTime: the LifeTime REST
// API v2 (/lifetimeapi/rest/v2/...), the LifeTime Services SOAP API
// (/LifeTimeServices/...) and the LifeTime environment's Service Center
// (/ServiceCenter/...), all on one httptest server.
//
// The simulator is written from the official API contract and the observed
// behaviour of real servers (plain-text keys on create, 204 with an empty body
// for empty lists, 1900-01-01T00:00:00 for unset dates, 401/403/404 with the
// {"Errors":[...],"StatusCode":N} body), not from this module's clients.
//
// A Server is seeded from a named scenario (see ScenarioNames), serves a
// valid service-account token (Token), and exposes the simulator (Sim) to
// seed more data, inspect what was served (Counters, Deployment), move
// simulated time (with a ManualClock), inject faults (InjectFault) and
// upgrade the console (UpgradeConsole).
//
// Scenarios (ScenarioNames): "default" (self-managed, dedicated LifeTime
// 11.25.4, Development/Test/Production on Platform Server 11.34.1, two
// plugins), "cloud", "hybrid-old-licence", "hybrid-new-licence",
// "shared-lifetime" (LifeTime inside Production), "o10-environment" (a
// Legacy environment on Platform Server 10), "plugin-publish-fails" and
// "slow-console-return". Facts no API returns (deployment model, licence
// purchase date, plugins, integrations) are in Server.Meta.
//
// Faults (Sim().InjectFault) are matched by operation (the swagger
// operationId such as "Deployments_Create", or the SOAP operation), method
// or path prefix, fire with a seeded probability, and can add latency,
// answer an error status or 429 with Retry-After, reset the connection
// before or after the request is processed, truncate or corrupt the body, or
// trickle it. Sim().Counters tells what was served, so a test can assert
// that a client retrying after an ambiguous failure created exactly one
// deployment.
//
// Every registered environment also has a Service Center, at
// Server.ServiceCenterURL(name) + "/ServiceCenter/...".
//
// Time-dependent behaviour (deployments running, console downtime, source
// code packages, solutions, publishes) follows the server's clock. With the
// default real clock, durations are short (a deployment step takes one
// second) so that polling code finishes quickly; with WithClock and a
// ManualClock, nothing moves until the test advances the clock. ManualClock
// is the same type as servicecentertest.ManualClock, so one clock can drive
// both simulators in a test.
package lifetimetest
