// Package servicecenter is a client for the SOAP services of an OutSystems
// environment's Service Center (https://<host>/ServiceCenter/*.asmx):
// OutSystemsPlatform.asmx for the Platform Server version and Solutions.asmx
// to create, publish, follow, download and delete solutions.
//
// Its main use in this SDK is the step that follows a LifeTime upgrade,
// "republish all LifeTime plugins", run against the Service Center of the
// LifeTime environment:
//
//	sc, err := servicecenter.NewClient("lifetime.example.com",
//		servicecenter.WithCredentials(user, password))
//	...
//	if _, err := sc.CreateAllSolution(ctx, "All_Plugins"); err != nil { ... }
//	pub, err := sc.PublishRunning(ctx, "All_Plugins", nil)
//	...
//	res, err := sc.WaitPublish(ctx, pub.ID, &servicecenter.WaitOptions{OnMessage: show})
//
// Each method's documentation ends with a line "Service Center SOAP:
// Service.Operation" naming the operation it calls.
//
// # A contract that is not public
//
// Service Center's SOAP services are internal and undocumented; since
// OutSystems 10 OutSystemsPlatform and PlatformServices answer only callers
// inside the environment's Internal Network when one is configured. The
// client is written from WSDLs captured from a real OutSystems 11
// environment and from OutSystems' own tooling, and its requests are checked
// against golden files. What is inferred rather than known is said in each
// method's documentation, in particular the format of publication messages
// ([Message]) and the meaning of some switches.
//
// Operations the package does not wrap can be sent with [Client.Call] and
// request/response types of your own.
//
// # Experimental: PlatformServices
//
// Methods whose names start with Experimental call Service Center's
// PlatformServices_v8_0_0.asmx and its REST staging companion, the route
// OutSystems' own SetupTools uses to list modules with their status and to
// publish chosen (for instance outdated) modules: [Client.ExperimentalModules],
// [Client.ExperimentalPublishModules], [Client.ExperimentalWaitStaging] and
// the two-step controls. No WSDL of that service is public: the operation
// names and the order of their inputs are known, some element names are
// inferred (they are listed, with their sources, in experimental.go and the
// project's PlatformServices WSDL). They may change in any release.
//
// # Credentials
//
// Every operation but GetPlatformInfo carries a user name and password in
// its body. The password is sent as given: either the plain password or the
// "#<hash>" form OutSystems' tooling sends (see [WithCredentials]). It never
// appears in logs or errors.
//
// # TLS
//
// Certificates are verified; a plain http:// host needs [WithInsecureHTTP].
// A self-managed infrastructure whose certificates come from a private CA
// adds that CA with [WithCABundle] or [WithCAFile] (on top of the system
// roots); client certificates and other TLS settings go in
// [WithTLSConfig]. These options work with the SDK's own transport or with
// a caller's client ([WithHTTPClient]) whose transport is an
// *http.Transport, which is cloned, never modified.
//
// # Errors
//
// Service Center reports failures as SOAP faults (HTTP 500), returned as
// [*FaultError] with the fault code, string and raw detail; refused
// credentials match [ErrLoginFailed]. An answer that is not a SOAP envelope
// (an HTML page, a 404 for a service outside the Internal Network, a proxy's
// 503) is an [*HTTPError] with at most 1 MiB of its body. Invalid arguments
// fail before anything is sent ([ErrInvalidArgument], [ErrNoCredentials]).
// When the context ends, the error wraps ctx.Err().
//
// # Retries and connections
//
// Connections are kept alive between calls. Read-only operations
// (GetPlatformInfo, TestLogin, GetSolutionIdByName, GetMessages, Download)
// are retried on connection errors and on HTTP 408, 429, 502, 503 and 504
// ([WithRetry]); operations that change something (CreateAllSolution,
// PublishRunning, Publish, Delete) are sent exactly once, and faults are
// never retried.
package servicecenter
