package lifetime

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
)

// RunningApplicationsOptions are the query parameters of
// [EnvironmentsService.ListApplications] and
// [EnvironmentsService.GetApplication].
type RunningApplicationsOptions struct {
	// Optional: include the status per environment.
	IncludeEnvStatus bool
	// Optional: include module status; LifeTime requires IncludeEnvStatus
	// too (400 otherwise), so it is refused locally without it.
	IncludeModules bool
}

func (o *RunningApplicationsOptions) query() (url.Values, error) {
	if o == nil {
		return nil, nil
	}
	return appStatusQuery(o.IncludeEnvStatus, o.IncludeModules)
}

// ListApplications returns the running versions of all applications in an
// environment. None gives an empty, non-nil slice.
//
// LifeTime API: GET /environments/{EnvironmentKey}/applications/
func (s *EnvironmentsService) ListApplications(ctx context.Context, environmentKey string, opts *RunningApplicationsOptions) ([]*Application, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/applications/", environmentKey)
	if err != nil {
		return nil, nil, err
	}
	q, err := opts.query()
	if err != nil {
		return nil, nil, err
	}
	return listOf[Application](ctx, s.client, "Environments_GetRunningApps", p, q)
}

// GetApplication returns the running version of an application in an
// environment. A 404 (ErrNotFound) means the application is not in the
// environment.
//
// LifeTime API: GET /environments/{EnvironmentKey}/applications/{ApplicationKey}/
func (s *EnvironmentsService) GetApplication(ctx context.Context, environmentKey, applicationKey string, opts *RunningApplicationsOptions) (*Application, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/applications/{ApplicationKey}/", environmentKey, applicationKey)
	if err != nil {
		return nil, nil, err
	}
	q, err := opts.query()
	if err != nil {
		return nil, nil, err
	}
	return oneOf[Application](ctx, s.client, http.MethodGet, "Environments_GetRunningApp", p, q, nil)
}

// BinaryType is the kind of binary of [EnvironmentsService.ApplicationDownloadLink].
type BinaryType string

// The binary types LifeTime serves.
const (
	BinaryOAP BinaryType = "oap"
	BinaryAPK BinaryType = "apk"
	BinaryAAB BinaryType = "aab"
	BinaryIPA BinaryType = "ipa"
)

// ApplicationDownloadLink returns a link (valid 60 minutes) to the binary
// of the application running in an environment. typ may be empty (the
// server's default). Asking for aab when only an apk exists gives the apk.
// No binary (204) gives an error wrapping [ErrNoBinary]. Fetch the link
// with [Client.Download].
//
// LifeTime API: GET /environments/{EnvironmentKey}/applications/{ApplicationKey}/content/
func (s *EnvironmentsService) ApplicationDownloadLink(ctx context.Context, environmentKey, applicationKey string, typ BinaryType) (*DownloadLink, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/applications/{ApplicationKey}/content/", environmentKey, applicationKey)
	if err != nil {
		return nil, nil, err
	}
	var q url.Values
	switch typ {
	case "":
	case BinaryOAP, BinaryAPK, BinaryAAB, BinaryIPA:
		q = url.Values{"Type": {string(typ)}}
	default:
		return nil, nil, fmt.Errorf("%w: binary type %q (want oap, apk, aab or ipa)", ErrInvalidArgument, typ)
	}
	return downloadLinkOf(ctx, s.client, "Environments_DownloadRunningApp", p, q)
}

// ApplicationCreateRequest creates an application from a template
// (swagger ApplicationCreate).
type ApplicationCreateRequest struct {
	// Required: a template published in the environment (see
	// [EnvironmentsService.ListTemplates]).
	TemplateKey string `json:"TemplateKey"`
	// Required: the owning team.
	TeamKey string `json:"TeamKey"`
	// Required: a unique name.
	Name string `json:"Name"`
	// Optional: what the application is for.
	Description string `json:"Description,omitempty"`
	// Required: primary color in hexadecimal, e.g. "#1068EB".
	Color string `json:"Color"`
}

var hexColor = regexp.MustCompile(`^#?[0-9A-Fa-f]{6}$`)

// CreateApplication creates an application in an environment and returns
// its key (LifeTime 11.5.0 or later). It is not retried.
//
// LifeTime API: POST /environments/{EnvironmentKey}/applications/
func (s *EnvironmentsService) CreateApplication(ctx context.Context, environmentKey string, body ApplicationCreateRequest) (string, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/applications/", environmentKey)
	if err != nil {
		return "", nil, err
	}
	for field, v := range map[string]string{"TemplateKey": body.TemplateKey, "TeamKey": body.TeamKey, "Name": body.Name} {
		if v == "" {
			return "", nil, fmt.Errorf("%w: ApplicationCreateRequest.%s", ErrEmptyKey, field)
		}
	}
	if !hexColor.MatchString(body.Color) {
		return "", nil, fmt.Errorf("%w: Color %q is not a hexadecimal color like #1068EB", ErrInvalidArgument, body.Color)
	}
	return keyOf(ctx, s.client, http.MethodPost, "Environments_Applications_Create", p, body)
}

// ApplicationVersionCreateRequest tags the running code of an application
// as a new version (swagger ApplicationVersionCreate).
type ApplicationVersionCreateRequest struct {
	// Optional: change log of the version.
	ChangeLog string `json:"ChangeLog"`
	// Required: the version label, e.g. "1.0.1".
	Version string `json:"Version"`
	// Optional: versions of the native builds of a mobile application;
	// nil is sent as null, as outsystems-pipeline does for other apps.
	MobileVersions []*MobileVersion `json:"MobileVersions"`
	// Deprecated: LifeTime (Feb 2019 release) ignores it for tagging but
	// still validates it when sent.
	ModuleVersionKeys []string `json:"ModuleVersionKeys,omitempty"`
}

// CreateApplicationVersion tags the application running in an environment
// with a new version and returns the new version's key. The version needs
// some processing time before it can be deployed. Not retried.
//
// LifeTime API: POST /environments/{EnvironmentKey}/applications/{ApplicationKey}/versions/
func (s *EnvironmentsService) CreateApplicationVersion(ctx context.Context, environmentKey, applicationKey string, body ApplicationVersionCreateRequest) (string, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/applications/{ApplicationKey}/versions/", environmentKey, applicationKey)
	if err != nil {
		return "", nil, err
	}
	if body.Version == "" {
		return "", nil, fmt.Errorf("%w: ApplicationVersionCreateRequest.Version is required", ErrInvalidArgument)
	}
	return keyOf(ctx, s.client, http.MethodPost, "Environments_Applications_Versions_Create", p, body)
}
