// Package servicecentertest runs a simulated OutSystems Service Center on
// loopback, for tests of code that calls Service Center's SOAP services
// (directly or through package servicecenter).
//
// A [Server] is one environment's Service Center. Start it with [NewServer],
// point the code under test at [Server.URL] with [Server.Username] and
// [Server.Password], and seed or inspect it through [Server.ServiceCenter]:
// add modules, outdate them as a LifeTime upgrade does (MarkOutdated), make
// chosen modules fail to publish (FailPublishOf), take the server down
// (SetAvailable(false) answers 503 everywhere) and read counters of what was
// served (Counters).
//
// The simulator is written from the public facts about the real services,
// not from this module's client. It serves, under /ServiceCenter/:
//
//   - OutSystemsPlatform.asmx: GetPlatformInfo (no credentials): the
//     Platform Server version in four-part form ("11.31.0.44210") and serial;
//   - Solutions.asmx: TestLogin, CreateAllSolution, GetSolutionIdByName,
//     PublishRunning, PublishRunningVersion, GetMessages, Publish (upload of
//     an OSP/OAP), Download, Delete, Pack and Pack2 (solution packs are zip
//     archives of <Module>.oml and <Module>.xif files);
//   - experimentally, PlatformServices_v8_0_0.asmx Modules_Get and the
//     SolutionPack_GetPublishMessages/PublishContinue/PublishAbort
//     operations, and the REST Staging_PublishWith2StepOption. No WSDL of
//     PlatformServices is public: inputs are read by position and the
//     response element names are guesses.
//
// Operations the real WSDLs list but whose behaviour is not publicly known
// (Handshake, GetProperties, GetPropertiesForHandshake,
// PublishWithoutConfiguration, SetLicense) answer a soap:Server fault "The
// simulator does not implement ..." instead of invented data.
//
// # Time
//
// Publications run over simulated time: nothing happens in the background,
// each request reads the clock and advances the state. By default the clock
// is the wall clock and a publication takes [DefaultPublishDuration]; with
// [WithClock] and a [ManualClock] the test decides when time passes and
// never sleeps.
//
// # Wire behaviour
//
// SOAP 1.1 (text/xml with a quoted SOAPAction header
// "http://ServiceCenter/<Service>/<Operation>") and SOAP 1.2 are accepted;
// elements are in the namespace http://www.outsystems.com. Failures are SOAP
// faults on HTTP 500 with ASP.NET's texts: soap:Client for requests the
// server cannot read (malformed XML, unknown SOAPAction), soap:Server
// "Server was unable to process request. ---> Invalid username or
// password." for bad credentials, and likewise for an unknown solution or
// publication or a solution already being published. Unknown paths and GET
// requests (the .asmx help pages and ?WSDL are not simulated) answer 404.
// [WithStrict] also refuses an unquoted SOAPAction and missing mandatory
// booleans and ints, which a real server tolerates.
//
// Credentials: the plain password, and the pre-hashed "#..." form set with
// [WithHashedPassword] (compared verbatim: the platform's hash algorithm is
// not public). [WithRequireHashedPassword] refuses the plain form.
//
// # The publication log
//
// GetMessages(SolutionPubId, LastSeenId) returns the messages with an id
// greater than LastSeenId emitted so far, as a string holding this XML (the
// real format is not public; this is the simulator's own, read back by
// [ParseMessages]):
//
//	<Messages><Message><Id>3</Id><Type>Error</Type><Module>PluginB</Module>
//	<Text>Module 'PluginB' failed to publish.</Text><Detail>...</Detail>
//	<Instant>2026-01-02T03:04:05Z</Instant></Message>...</Messages>
//
// Type is Info, Warning (a module whose outdated references were
// refreshed), Error (a module that failed to publish), or Done, the last
// message of every publication ("Publication finished successfully." or
// "Publication finished with N error(s).").
package servicecentertest
