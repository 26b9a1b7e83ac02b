// Package scsim simulates the Service Center of one OutSystems environment:
// the SOAP services a client uses to read the Platform Server version and to
// create, publish, download and delete solutions. It is the server side,
// written from the facts in the project's SOAP reference notes
// (shared/reference/soap-apis.md), never from the project's own client, and
// it imports only the standard library.
//
// One [ServiceCenter] is created with [New] and served with
// [ServiceCenter.Handler], which answers under /ServiceCenter/ (paths are
// matched case-insensitively, as IIS does). The whole-infrastructure
// simulator (package sim) mounts it for the LifeTime environment, and
// servicecenter/servicecentertest serves it alone on loopback.
//
// # Services and operations
//
//   - OutSystemsPlatform.asmx: GetPlatformInfo (no credentials) returns
//     Version (four-part, e.g. 11.31.0.44210) and Serial.
//   - Solutions.asmx: TestLogin, CreateAllSolution, GetSolutionIdByName,
//     PublishRunning, PublishRunningVersion, GetMessages, Publish (upload of
//     an OSP/OAP), Download, Delete, Pack and Pack2, with the element names,
//     order and types of the captured O11 WSDL.
//   - Operations the WSDLs list but whose behaviour the facts do not
//     establish (Solutions Handshake, GetPropertiesForHandshake,
//     GetProperties, PublishWithoutConfiguration; OutSystemsPlatform
//     SetLicense) answer a soap:Server fault "The simulator does not
//     implement <Service>.<Operation>." rather than invented data.
//   - PlatformServices_v8_0_0.asmx, EXPERIMENTAL: Modules_Get,
//     SolutionPack_GetPublishMessages, SolutionPack_PublishContinue and
//     SolutionPack_PublishAbort; and the REST companion POST
//     /ServiceCenter/rest/PlatformServices/Staging_PublishWith2StepOption.
//     No WSDL of this service is public: inputs are read by position (the
//     only thing the facts establish) and the response element names are the
//     simulator's own guesses, documented in platformservices.go.
//
// # Wire behaviour
//
// Requests are SOAP 1.1 (Content-Type text/xml, action in the SOAPAction
// header, normally quoted: "http://ServiceCenter/Solutions/PublishRunning")
// or SOAP 1.2 (application/soap+xml, action in the optional action
// parameter); the answer uses the same version. Elements are in the
// namespace http://www.outsystems.com. As in ASP.NET, the SOAPAction selects
// the operation and the body element must match it.
//
// Errors are SOAP faults on HTTP 500, with ASP.NET's texts: faultcode
// soap:Client for requests the server cannot read (malformed XML, unknown
// SOAPAction, wrong body element, an int that is not an int) and soap:Server
// ("Server was unable to process request. ---> ...") for failures of the
// operation: "Invalid username or password.", an unknown solution or
// publication, a solution already being published. An unknown path, and any
// method but POST (so GET of the .asmx help page or of ?WSDL: no WSDL is
// served), answer 404. While
// unavailable ([ServiceCenter.SetAvailable]) every request answers 503.
//
// [Config.Strict] additionally refuses an unquoted SOAPAction and missing
// mandatory (minOccurs="1") booleans and ints, which a real server silently
// reads as false and 0; use it to check a client sends them.
//
// # Credentials
//
// Operations other than GetPlatformInfo carry username and password elements
// in the body. The simulator accepts the plain [Config.Password] and, when
// set, the pre-hashed form [Config.HashedPassword] ("#" followed by the
// platform hash, as OutSystems' SetupTools sends it) compared verbatim: the
// hash algorithm is not public, so the simulator does not compute it.
// [Config.RequireHashedPassword] refuses the plain form, for testing
// clients against a server that accepts only hashes (which of the two a real
// Service Center accepts is an open question).
//
// # Publications
//
// A publication (PublishRunning, PublishRunningVersion, Publish, or a
// staging) runs over simulated time read from [Config.Clock]; nothing runs
// in the background: every request and every inspection method advances the
// state to the clock's current time. [Config.PublishDuration] is shared
// equally by the modules. For each module the log gets "Compiling module
// 'M'." (Info) at the start of its slot, a Warning when the module's
// references were outdated, and at the end of its slot either "Module 'M'
// published." (Info; the module's Outdated flag is cleared and its published
// version bumped) or, for a module named in [ServiceCenter.FailPublishOf],
// an Error naming the module. The last message is of type Done ("Publication
// finished successfully." or "Publication finished with N error(s)."). In a
// two-step staging, stage 1 ends with a PublishStop message and waits for
// SolutionPack_PublishContinue or SolutionPack_PublishAbort.
//
// Only one publication of a solution runs at a time (Platform Server 11.15.0
// added that validation); a second PublishRunning of the same solution is a
// fault.
//
// # The Messages string
//
// GetMessages, Publish and Delete return the log as a string whose format is
// not public. The simulator writes this XML document (its own format):
//
//	<Messages>
//	  <Message>
//	    <Id>3</Id>                    <!-- 1, 2, 3... within one publication -->
//	    <Type>Error</Type>            <!-- Info, Warning, Error, PublishStop or Done -->
//	    <Module>PluginA</Module>      <!-- empty for messages about the whole publication -->
//	    <Text>Module 'PluginA' failed to publish.</Text>
//	    <Detail>...</Detail>
//	    <Instant>2026-01-02T03:04:05.5Z</Instant>  <!-- RFC 3339, UTC, fraction when not zero -->
//	  </Message>
//	</Messages>
//
// GetMessages(SolutionPubId, LastSeenId) returns the messages emitted so far
// whose Id is greater than LastSeenId (an empty <Messages/> when there are
// none); a client polls with the last Id it saw until it gets a Done
// message. [ParseMessages] reads the format back.
//
// # Solutions and solution packs
//
// CreateAllSolution makes a solution of every non-system module; called
// again with the same name it refreshes the module list and returns the same
// id. Publish reads the uploaded pack as a zip archive of <Module>.oml
// (eSpace) and <Module>.xif (extension) files, names the solution after the
// file name without its extension, adds modules it does not know, and
// publishes it unless JustUpload (then SolutionPubId is 0); Download returns
// such an archive, so a downloaded pack can be published again; Pack and
// Pack2 zip the files of their ComponentList the same way.
// NeedsConfiguration is always false.
package scsim
