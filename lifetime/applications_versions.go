package lifetime

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// ApplicationVersion is a tagged version of an application with the versions
// of its modules.
type ApplicationVersion struct {
	// Key is the application version's unique identifier.
	Key string `json:"Key"`
	// ApplicationKey is the application's unique identifier.
	ApplicationKey string `json:"ApplicationKey"`
	// Version is the version label, such as "1.0.3".
	Version string `json:"Version"`
	// ChangeLog is the change log of the version. Absent (empty) on LifeTime
	// 11 releases older than the one that added it.
	ChangeLog string `json:"ChangeLog"`
	// CreatedOn is when the version was created; not set on LifeTime
	// releases that do not report it.
	CreatedOn Time `json:"CreatedOn"`
	// InUse tells whether the version is in use.
	InUse bool `json:"InUse"`
	// MobileVersions holds the versions of the native builds.
	MobileVersions []*MobileVersion `json:"MobileVersions"`
	// PrimaryColor is the primary color of the application's interface.
	PrimaryColor string `json:"PrimaryColor"`
	// NativeHash is the native hash of the mobile platform.
	NativeHash string `json:"NativeHash"`
	// ModuleVersions holds the versions of the application's modules, when
	// they were asked for.
	ModuleVersions []*ModuleVersion `json:"ModuleVersions"`
	// EnvironmentKey is the environment the version was created in.
	EnvironmentKey string `json:"EnvironmentKey"`
}

// MobileVersion is the version of one native build of an application.
type MobileVersion struct {
	// NativePlatform is Android or iOS.
	NativePlatform string `json:"NativePlatform"`
	// VersionNumber is the store version, such as 1.5.4.
	VersionNumber string `json:"VersionNumber"`
	// VersionDescription describes the version.
	VersionDescription string `json:"VersionDescription"`
}

// ApplicationVersionListOptions are the query parameters of
// [ApplicationsService.ListVersions].
type ApplicationVersionListOptions struct {
	// Optional: only versions whose change log contains this text.
	ChangeLogFilter string
	// Optional: at most this many versions; 0 means the server default (5).
	// Negative values are refused.
	MaximumVersionsToReturn int
}

// maxVersionsQuery sets MaximumVersionsToReturn when n is positive and
// refuses negative values, which LifeTime answers with 400.
func maxVersionsQuery(q url.Values, n int) error {
	if n < 0 {
		return invalidOption("MaximumVersionsToReturn", "must not be negative")
	}
	if n > 0 {
		q.Set("MaximumVersionsToReturn", strconv.Itoa(n))
	}
	return nil
}

// ListVersions returns the versions of an application, newest first.
//
// LifeTime API: GET /applications/{ApplicationKey}/versions/
func (s *ApplicationsService) ListVersions(ctx context.Context, applicationKey string, opts *ApplicationVersionListOptions) ([]*ApplicationVersion, *Response, error) {
	p, err := keyPath("applications/{ApplicationKey}/versions/", applicationKey)
	if err != nil {
		return nil, nil, err
	}
	if opts == nil {
		opts = &ApplicationVersionListOptions{}
	}
	q := url.Values{}
	if opts.ChangeLogFilter != "" {
		q.Set("ChangeLogFilter", opts.ChangeLogFilter)
	}
	if err := maxVersionsQuery(q, opts.MaximumVersionsToReturn); err != nil {
		return nil, nil, err
	}
	return listOf[ApplicationVersion](ctx, s.client, "Applications_Versions_List", p, q)
}

// ApplicationVersionGetOptions are the query parameters of
// [ApplicationsService.GetVersion].
type ApplicationVersionGetOptions struct {
	// Optional: include the module versions. The swagger marks the query
	// parameter as required, so it is always sent (false when opts is nil).
	IncludeModules bool
}

// GetVersion returns one version of an application.
//
// LifeTime API: GET /applications/{ApplicationKey}/versions/{VersionKey}/
func (s *ApplicationsService) GetVersion(ctx context.Context, applicationKey, versionKey string, opts *ApplicationVersionGetOptions) (*ApplicationVersion, *Response, error) {
	p, err := keyPath("applications/{ApplicationKey}/versions/{VersionKey}/", applicationKey, versionKey)
	if err != nil {
		return nil, nil, err
	}
	if opts == nil {
		opts = &ApplicationVersionGetOptions{}
	}
	q := url.Values{"IncludeModules": {strconv.FormatBool(opts.IncludeModules)}}
	return oneOf[ApplicationVersion](ctx, s.client, http.MethodGet, "Applications_Versions_Get", p, q, nil)
}

// DeleteVersion discards an application version. LifeTime refuses versions
// that run somewhere or are part of a deployment plan.
//
// LifeTime API: DELETE /applications/{ApplicationKey}/versions/{VersionKey}/
func (s *ApplicationsService) DeleteVersion(ctx context.Context, applicationKey, versionKey string) (*Response, error) {
	p, err := keyPath("applications/{ApplicationKey}/versions/{VersionKey}/", applicationKey, versionKey)
	if err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodDelete, "Applications_Versions_Delete", p, nil, nil, nil)
}

// GetVersionDownloadLink returns a link to the binary (.oap) of an
// application version. The link expires after about 60 minutes. When
// LifeTime has no binary for the version (204) it returns [ErrNoBinary].
//
// LifeTime API: GET /applications/{ApplicationKey}/versions/{VersionKey}/content/
func (s *ApplicationsService) GetVersionDownloadLink(ctx context.Context, applicationKey, versionKey string) (*DownloadLink, *Response, error) {
	p, err := keyPath("applications/{ApplicationKey}/versions/{VersionKey}/content/", applicationKey, versionKey)
	if err != nil {
		return nil, nil, err
	}
	return downloadLinkOf(ctx, s.client, "Applications_Versions_Download", p, nil)
}
