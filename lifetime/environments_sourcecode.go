package lifetime

import (
	"context"
	"net/http"
)

// SourceCodeState is the state of a source code package being prepared.
type SourceCodeState string

// Source code package states. outsystems-pipeline treats anything other than
// these two as a failure (fetch_apps_source_code.py).
const (
	SourceCodeInProgress SourceCodeState = "InProgress"
	SourceCodeDone       SourceCodeState = "Done"
)

// SourceCodeStatus is the state of a source code package request (swagger
// SourceCode_Status).
type SourceCodeStatus struct {
	// PackageKey identifies the package; pass it to the status and download
	// link methods.
	PackageKey string `json:"PackageKey"`
	// Status is InProgress while packaging, Done when the package is ready.
	Status SourceCodeState `json:"Status"`
	// Messages holds the platform's messages about the packaging.
	Messages []*PlatformMessage `json:"Messages"`
}

// PlatformMessage is a message the platform produced (swagger Platform_HEMessage).
type PlatformMessage struct {
	// ID identifies the message.
	ID string `json:"Id"`
	// Message is the message text.
	Message string `json:"Message"`
	// Detail gives details.
	Detail string `json:"Detail"`
	// HelpRef is a help reference number.
	HelpRef int64 `json:"HelpRef"`
	// ExtraInfo holds extra information.
	ExtraInfo string `json:"ExtraInfo"`
	// Type is the message type (for example Error, Warning).
	Type string `json:"Type"`
	// Submitable tells whether the message can be submitted as feedback.
	Submitable bool `json:"Submitable"`
}

// Source code access needs LifeTime 11.21.1 and Platform Server 11.27.0 or
// later, in a non-production environment, with Open and Debug permission.
// The swagger documents 200 for the POST and the status GET; the real server
// answers 201 there (outsystems-pipeline, outsystems/vars/lifetime_vars.py,
// https://github.com/OutSystems/outsystems-pipeline), and both are accepted.

// RequestApplicationSourceCode asks LifeTime to package the source code of
// the application running in an environment. Poll
// [EnvironmentsService.ApplicationSourceCodeStatus] until Done, then get the
// link with [EnvironmentsService.ApplicationSourceCodeLink]. Packages over
// 150 MB fail; use the module variant then.
//
// LifeTime API: POST /environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/
func (s *EnvironmentsService) RequestApplicationSourceCode(ctx context.Context, environmentKey, applicationKey string) (*SourceCodeStatus, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/", environmentKey, applicationKey)
	if err != nil {
		return nil, nil, err
	}
	return oneOf[SourceCodeStatus](ctx, s.client, http.MethodPost, "Environments_Applications_SourceCode", p, nil, nil)
}

// ApplicationSourceCodeStatus returns the state of an application source
// code package.
//
// LifeTime API: GET /environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/{PackageKey}/status/
func (s *EnvironmentsService) ApplicationSourceCodeStatus(ctx context.Context, environmentKey, applicationKey, packageKey string) (*SourceCodeStatus, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/{PackageKey}/status/", environmentKey, applicationKey, packageKey)
	if err != nil {
		return nil, nil, err
	}
	return oneOf[SourceCodeStatus](ctx, s.client, http.MethodGet, "Environments_Applications_SourceCode_Status", p, nil, nil)
}

// ApplicationSourceCodeLink returns the download link of a finished
// application source code package.
//
// LifeTime API: GET /environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/{PackageKey}/download/
func (s *EnvironmentsService) ApplicationSourceCodeLink(ctx context.Context, environmentKey, applicationKey, packageKey string) (*DownloadLink, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/{PackageKey}/download/", environmentKey, applicationKey, packageKey)
	if err != nil {
		return nil, nil, err
	}
	return downloadLinkOf(ctx, s.client, "Environments_Applications_DownloadSourceCode", p, nil)
}

// RequestModuleSourceCode asks LifeTime to package the source code of a
// module running in an environment.
//
// LifeTime API: POST /environments/{EnvironmentKey}/modules/{ModuleKey}/sourcecodeaccess/
func (s *EnvironmentsService) RequestModuleSourceCode(ctx context.Context, environmentKey, moduleKey string) (*SourceCodeStatus, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/modules/{ModuleKey}/sourcecodeaccess/", environmentKey, moduleKey)
	if err != nil {
		return nil, nil, err
	}
	return oneOf[SourceCodeStatus](ctx, s.client, http.MethodPost, "Environments_Modules_SourceCode", p, nil, nil)
}

// ModuleSourceCodeStatus returns the state of a module source code package.
//
// LifeTime API: GET /environments/{EnvironmentKey}/modules/{ModuleKey}/sourcecodeaccess/{PackageKey}/status/
func (s *EnvironmentsService) ModuleSourceCodeStatus(ctx context.Context, environmentKey, moduleKey, packageKey string) (*SourceCodeStatus, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/modules/{ModuleKey}/sourcecodeaccess/{PackageKey}/status/", environmentKey, moduleKey, packageKey)
	if err != nil {
		return nil, nil, err
	}
	return oneOf[SourceCodeStatus](ctx, s.client, http.MethodGet, "Environments_Modules_SourceCode_Status", p, nil, nil)
}

// ModuleSourceCodeLink returns the download link of a finished module source
// code package.
//
// LifeTime API: GET /environments/{EnvironmentKey}/modules/{ModuleKey}/sourcecodeaccess/{PackageKey}/download/
func (s *EnvironmentsService) ModuleSourceCodeLink(ctx context.Context, environmentKey, moduleKey, packageKey string) (*DownloadLink, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/modules/{ModuleKey}/sourcecodeaccess/{PackageKey}/download/", environmentKey, moduleKey, packageKey)
	if err != nil {
		return nil, nil, err
	}
	return downloadLinkOf(ctx, s.client, "Environments_Modules_DownloadSourceCode", p, nil)
}
