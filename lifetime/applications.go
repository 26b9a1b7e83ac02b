package lifetime

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// ApplicationKind is the kind of an application, as LifeTime reports it.
type ApplicationKind string

// Application kinds named by the LifeTime API documentation. Other values may
// appear on newer servers and are kept as they are.
const (
	ApplicationKindMobile        ApplicationKind = "Mobile"
	ApplicationKindWebResponsive ApplicationKind = "WebResponsive"
)

// Application is an application of the infrastructure, with its status in the
// environments where it runs when that was asked for.
type Application struct {
	// Key is the application's unique identifier.
	Key string `json:"Key"`
	// Name is the application's name.
	Name string `json:"Name"`
	// Kind is the kind of application (Mobile, WebResponsive, ...).
	Kind ApplicationKind `json:"Kind"`
	// Team is the name of the team that owns the application.
	Team string `json:"Team"`
	// Description describes the application.
	Description string `json:"Description"`
	// URLPath is the application's path relative to the environment's host name.
	URLPath string `json:"URLPath"`
	// IconHash changes whenever the application's icon changes.
	IconHash string `json:"IconHash"`
	// IconURL is the icon's URL, relative to the LifeTime host.
	IconURL string `json:"IconURL"`
	// DetailsURL is the URL of the application's page in LifeTime.
	DetailsURL string `json:"DetailsURL"`
	// IsSystem tells whether the application is a built-in component of the
	// platform (Service Center, LifeTime, ...).
	IsSystem bool `json:"IsSystem"`
	// AppStatusInEnvs holds the application's status in each environment;
	// filled only when IncludeEnvStatus was requested.
	AppStatusInEnvs []*AppStatusInEnv `json:"AppStatusInEnvs"`
}

// AppStatusInEnv is the status of an application in one environment.
type AppStatusInEnv struct {
	// EnvironmentKey is the environment's unique identifier.
	EnvironmentKey string `json:"EnvironmentKey"`
	// BaseApplicationVersionKey is the tagged version the running code is
	// based on; when IsModified is false it is the version that runs.
	BaseApplicationVersionKey string `json:"BaseApplicationVersionKey"`
	// BaseApplicationVersionLabel is the label of that version (newer servers).
	BaseApplicationVersionLabel string `json:"BaseApplicationVersionLabel"`
	// IsModified is true when the application changed since its last tag.
	IsModified bool `json:"IsModified"`
	// IsModifiedReason is a code telling why the application counts as modified.
	IsModifiedReason string `json:"IsModifiedReason"`
	// IsModifiedMessage explains the modification for people.
	IsModifiedMessage string `json:"IsModifiedMessage"`
	// ConsistencyStatus is the application's consistency status.
	ConsistencyStatus string `json:"ConsistencyStatus"`
	// ConsistencyStatusMessages holds messages about the consistency status.
	ConsistencyStatusMessages string `json:"ConsistencyStatusMessages"`
	// MobileAppsStatus is the status of the application's mobile builds.
	MobileAppsStatus []*MobileAppStatusInEnv `json:"MobileAppsStatus"`
	// ModuleStatusInEnvs is the status of the application's modules; filled
	// only when IncludeModules was requested.
	ModuleStatusInEnvs []*ModuleStatusInEnv `json:"ModuleStatusInEnvs"`
	// DeploymentZoneKey is the deployment zone the application runs in.
	DeploymentZoneKey string `json:"DeploymentZoneKey"`
}

// MobileAppStatusInEnv is the status of a mobile build of an application in
// one environment.
type MobileAppStatusInEnv struct {
	// EnvironmentKey is the environment's unique identifier.
	EnvironmentKey string `json:"EnvironmentKey"`
	// NativePlatform is Android or iOS.
	NativePlatform string `json:"NativePlatform"`
	// VersionNumber is the store version of the native build, such as 1.5.4.
	VersionNumber string `json:"VersionNumber"`
	// HasBinaryAvailable is true when a binary exists for the current configuration.
	HasBinaryAvailable bool `json:"HasBinaryAvailable"`
	// IsConfigured is true when the mobile application is configured.
	IsConfigured bool `json:"IsConfigured"`
	// IsConfigurationChanged is true when the configuration changed in the environment.
	IsConfigurationChanged bool `json:"IsConfigurationChanged"`
	// IsModified is true when the native hash differs from the tagged baseline.
	IsModified bool `json:"IsModified"`
}

// ApplicationListOptions are the query parameters of [ApplicationsService.List].
type ApplicationListOptions struct {
	// Optional: include each application's status per environment.
	IncludeEnvStatus bool
	// Optional: include module status; LifeTime requires IncludeEnvStatus too.
	IncludeModules bool
}

// ApplicationGetOptions are the query parameters of [ApplicationsService.Get].
type ApplicationGetOptions struct {
	// Optional: include the application's status per environment.
	IncludeEnvStatus bool
	// Optional: include module status; LifeTime requires IncludeEnvStatus too.
	IncludeModules bool
}

// appStatusQuery builds the IncludeModules/IncludeEnvStatus query shared by
// the application listing operations, refusing the combination LifeTime
// answers with 400 (modules without environment status).
func appStatusQuery(includeEnvStatus, includeModules bool) (url.Values, error) {
	if includeModules && !includeEnvStatus {
		return nil, invalidOption("IncludeModules", "requires IncludeEnvStatus")
	}
	return flagQuery(flag{"IncludeEnvStatus", includeEnvStatus}, flag{"IncludeModules", includeModules}), nil
}

// List returns the applications of the infrastructure. An infrastructure
// without applications gives an empty slice.
//
// LifeTime API: GET /applications/
func (s *ApplicationsService) List(ctx context.Context, opts *ApplicationListOptions) ([]*Application, *Response, error) {
	if opts == nil {
		opts = &ApplicationListOptions{}
	}
	q, err := appStatusQuery(opts.IncludeEnvStatus, opts.IncludeModules)
	if err != nil {
		return nil, nil, err
	}
	return listOf[Application](ctx, s.client, "Applications_List", "applications/", q)
}

// Get returns one application.
//
// LifeTime API: GET /applications/{ApplicationKey}/
func (s *ApplicationsService) Get(ctx context.Context, applicationKey string, opts *ApplicationGetOptions) (*Application, *Response, error) {
	p, err := keyPath("applications/{ApplicationKey}/", applicationKey)
	if err != nil {
		return nil, nil, err
	}
	if opts == nil {
		opts = &ApplicationGetOptions{}
	}
	q, err := appStatusQuery(opts.IncludeEnvStatus, opts.IncludeModules)
	if err != nil {
		return nil, nil, err
	}
	return oneOf[Application](ctx, s.client, http.MethodGet, "Applications_Get", p, q, nil)
}

// ApplicationConfiguration is whether an application may be deployed to one
// environment.
type ApplicationConfiguration struct {
	// EnvironmentKey is the environment the configuration applies to.
	EnvironmentKey string `json:"environmentKey"`
	// IsBlocked is true when the application cannot be deployed to the
	// environment. It is always sent, so false unblocks.
	IsBlocked bool `json:"isBlocked"`
	// IsBlockedChangeReason is why IsBlocked was last changed; empty when it
	// never was.
	IsBlockedChangeReason string `json:"isBlockedChangeReason"`
}

// applicationConfigurations is the body of the configuration operations.
type applicationConfigurations struct {
	// Configurations holds one entry per environment.
	Configurations []*ApplicationConfiguration `json:"configurations"`
}

// GetConfigurations returns, per environment, whether the application can be
// deployed there (LifeTime 11.21.1 or later).
//
// LifeTime API: GET /applications/{ApplicationKey}/configurations/
func (s *ApplicationsService) GetConfigurations(ctx context.Context, applicationKey string) ([]*ApplicationConfiguration, *Response, error) {
	p, err := keyPath("applications/{ApplicationKey}/configurations/", applicationKey)
	if err != nil {
		return nil, nil, err
	}
	out, resp, err := oneOf[applicationConfigurations](ctx, s.client, http.MethodGet, "Applications_Configurations_Get", p, nil, nil)
	if err != nil {
		return nil, resp, err
	}
	if out.Configurations == nil {
		out.Configurations = []*ApplicationConfiguration{}
	}
	return out.Configurations, resp, nil
}

// UpdateConfigurations blocks or unblocks deployments of the application per
// environment. LifeTime answers 405 ([ErrMethodNotAllowed]) when the feature
// is disabled in the infrastructure.
//
// LifeTime API: PUT /applications/{ApplicationKey}/configurations/
func (s *ApplicationsService) UpdateConfigurations(ctx context.Context, applicationKey string, configs []*ApplicationConfiguration) (*Response, error) {
	p, err := keyPath("applications/{ApplicationKey}/configurations/", applicationKey)
	if err != nil {
		return nil, err
	}
	if len(configs) == 0 {
		return nil, invalidOption("configurations", "at least one environment configuration is required")
	}
	for i, c := range configs {
		if c == nil || c.EnvironmentKey == "" {
			return nil, invalidOption("configurations["+strconv.Itoa(i)+"].EnvironmentKey", "must not be empty")
		}
	}
	return call(ctx, s.client, http.MethodPut, "Applications_Configurations_Update", p, nil, &applicationConfigurations{Configurations: configs}, nil)
}
