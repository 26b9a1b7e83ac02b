// Package compat knows OutSystems versions: how to read and compare them,
// which releases exist, how long each major is supported, which versions
// were retracted, which breaking changes lie between two versions and which
// features a LifeTime console or an environment has. Rules turn a
// description of an infrastructure into findings for an upgrade pre-flight.
//
// The package is a leaf: it imports only the standard library and
// hashicorp/go-version, and does no I/O except [LoadFile].
//
// # Versions
//
// [Parse] reads every format OutSystems prints: "11.26.0", "11.18.1.0",
// "11.14.0 (Build 33133)", "11.14.0.33133", "11.0.108.0", "10.0.1115.0",
// "Release Sep.2018", "Release Oct.2019 CP3" and "LifeTime 11.30.1".
// A [Version] carries its [Product] (LifeTime, PlatformServer,
// DevelopmentEnvironment): since LifeTime 11.4.0 the products are numbered
// apart (LifeTime 11.30.0 bundles Platform Server 11.42.1), so
// [Version.Compare] never orders two products by number. Use
// [ParseProduct] when the product is known from context, such as
// ParseProduct(PlatformServer, env.OSVersion).
//
// Comparison is on Major.Feature.Patch. Build ids are ignored because they
// are not ordered across releases; the old M.n.ffpp.xyy format orders its
// fourth part beta < GA < hotfix. Versions newer than the catalogue are
// valid and compare normally.
//
// # The catalogue
//
// [Default] returns the catalogue embedded in the module
// (compat/catalog/catalog.json, a readable JSON file whose every entry
// names its source URL). [Load] and [LoadFile] read a newer file of the
// same schema. A [Catalog] is immutable and safe for concurrent use. It
// holds:
//
//   - releases of LifeTime (Release Sep.2018 to 11.30.1, with the bundled
//     Platform Server where the notes say), Platform Server 10 and 11 (to
//     11.43.0) and some Development Environment versions: [Catalog.Releases];
//   - end of support per major: [Catalog.Supported];
//   - retracted and defective versions: [Catalog.Defects];
//   - LifeTime and OutSystems 11 breaking changes, tagged with what they
//     affect: [Catalog.BreakingChanges];
//   - features with their LifeTime range and Platform Server minimum:
//     [Catalog.RequireFeature], returning a *[VersionError].
//
// # Queries
//
//   - [Catalog.BreakingChanges]: the changes met going from one LifeTime
//     version to another, for an infrastructure with or without plugins and
//     REST or SOAP integrations, each marked ActionRequired or not.
//   - [Catalog.Supported]: is this version supported on this day.
//   - [Catalog.CanManage]: can this LifeTime manage this Platform Server.
//   - [Catalog.RequireFeature] and [Catalog.RequireFeatureOn]: is this
//     feature available on this console and environment.
//   - [Catalog.InferLifeTime]: no LifeTime API returns the LifeTime version;
//     this narrows it to a [Range] from the Platform Server of the LifeTime
//     environment and from which endpoints answer ([Probes]).
//
// # Rules
//
// Each rule takes an [Infrastructure] and returns [Finding] values with an
// id, a [Severity] (Info, Warning, Blocker), a subject, a message, a remedy
// and a source URL: [Catalog.CheckSupportedVersions],
// [Catalog.CheckCanManage], [Catalog.CheckDedicatedLifeTime],
// [Catalog.CheckHybridLicence], [Catalog.CheckOutSystems10Environments],
// [Catalog.CheckDefects] and [Catalog.CheckBreakingChanges];
// [Catalog.Preflight] runs them all.
//
// # Errors
//
// *[ParseError] for unreadable versions, *[ProductError] for a version of
// the wrong product, *[VersionError] (matching [ErrFeatureUnavailable]) for
// a missing feature, [ErrUnknownFeature], [ErrNoLifeTimeMatches] and
// *[CatalogError] for a bad catalogue file.
package compat
