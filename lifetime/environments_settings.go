package lifetime

import (
	"context"
	"fmt"
	"net/http"
)

// DeploymentZone is a deployment zone of an environment (swagger
// DeploymentZone_v2).
type DeploymentZone struct {
	// Key uniquely identifies the zone.
	Key string `json:"Key"`
	// Name of the zone, which outsystems-pipeline matches to pick a zone.
	Name string `json:"Name"`
	// IsDefault is true for the environment's default zone.
	IsDefault bool `json:"IsDefault"`
	// DeploymentTechnology is the hosting technology of the zone.
	DeploymentTechnology DeploymentTechnology `json:"DeploymentTechnology"`
}

// DeploymentTechnology is the hosting technology of a deployment zone.
type DeploymentTechnology struct {
	// Key uniquely identifies the technology.
	Key string `json:"Key"`
	// Name of the technology.
	Name string `json:"Name"`
}

// ListDeploymentZones returns the deployment zones of an environment. A 403
// can mean the feature is not licensed.
//
// LifeTime API: GET /environments/{EnvironmentKey}/deploymentzones/
func (s *EnvironmentsService) ListDeploymentZones(ctx context.Context, environmentKey string) ([]*DeploymentZone, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/deploymentzones/", environmentKey)
	if err != nil {
		return nil, nil, err
	}
	return listOf[DeploymentZone](ctx, s.client, "Environments_GetDeploymentZones", p, nil)
}

// MaintenanceModeSetting turns maintenance mode on or off. A target in
// maintenance mode refuses deployment start and continue.
type MaintenanceModeSetting struct {
	// IsMaintenanceModeEnabled turns maintenance mode on (true) or off.
	IsMaintenanceModeEnabled bool `json:"IsMaintenanceModeEnabled"`
	// Reason is recorded with the change.
	Reason string `json:"Reason"`
}

// SetMaintenanceMode sets the maintenance mode of an environment. There is
// no operation to read it. The swagger path has no trailing slash, and none
// is sent.
//
// LifeTime API: PUT /environments/{EnvironmentKey}/maintenancemode
func (s *EnvironmentsService) SetMaintenanceMode(ctx context.Context, environmentKey string, setting MaintenanceModeSetting) (*Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/maintenancemode", environmentKey)
	if err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodPut, "Environments_SetMaintenanceMode", p, nil, setting, nil)
}

// Template is an application template available in an environment.
type Template struct {
	// Key uniquely identifies the template.
	Key string `json:"Key"`
	// Name of the template.
	Name string `json:"Name"`
	// Description of the template.
	Description string `json:"Description"`
	// ApplicationKind is Web, Mobile, Service or Reactive.
	ApplicationKind string `json:"ApplicationKind"`
}

// ListTemplates returns the application templates of an environment
// (LifeTime 11.5.0 or later).
//
// LifeTime API: GET /environments/{EnvironmentKey}/templates/
func (s *EnvironmentsService) ListTemplates(ctx context.Context, environmentKey string) ([]*Template, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/templates/", environmentKey)
	if err != nil {
		return nil, nil, err
	}
	return listOf[Template](ctx, s.client, "Environments_GetTemplates", p, nil)
}

// CSPDirectives are the content security policy directives of an
// environment (LifeTime 11.10.3 or later). A nil directive is not sent.
type CSPDirectives struct {
	// BaseURI is the base-uri directive.
	BaseURI *CSPDirective `json:"BaseUri,omitempty"`
	// ChildSrc is the child-src directive.
	ChildSrc *CSPDirective `json:"ChildSrc,omitempty"`
	// ConnectSrc is the connect-src directive.
	ConnectSrc *CSPDirective `json:"ConnectSrc,omitempty"`
	// DefaultSrc is the default-src directive.
	DefaultSrc *CSPDirective `json:"DefaultSrc,omitempty"`
	// FontSrc is the font-src directive.
	FontSrc *CSPDirective `json:"FontSrc,omitempty"`
	// ImgSrc is the img-src directive.
	ImgSrc *CSPDirective `json:"ImgSrc,omitempty"`
	// MediaSrc is the media-src directive.
	MediaSrc *CSPDirective `json:"MediaSrc,omitempty"`
	// ObjectSrc is the object-src directive.
	ObjectSrc *CSPDirective `json:"ObjectSrc,omitempty"`
	// PluginTypes is the plugin-types directive.
	PluginTypes *CSPDirective `json:"PluginTypes,omitempty"`
	// ScriptSrc is the script-src directive.
	ScriptSrc *CSPDirective `json:"ScriptSrc,omitempty"`
	// StyleSrc is the style-src directive.
	StyleSrc *CSPDirective `json:"StyleSrc,omitempty"`
	// FrameAncestors is the frame-ancestors directive.
	FrameAncestors *CSPDirective `json:"FrameAncestors,omitempty"`
	// ReportTo is the report-to directive.
	ReportTo *CSPDirective `json:"ReportTo,omitempty"`
	// Other is the other directives directive.
	Other *CSPDirective `json:"Other,omitempty"`
}

// CSPDirective is one directive: its value and whether it is set for the
// environment (false inherits the default).
type CSPDirective struct {
	// CSPDirectiveID identifies the directive.
	CSPDirectiveID int `json:"CSPDirectiveId"`
	// Value is the directive's source list.
	Value string `json:"Value"`
	// IsSetForEnv is true when the environment overrides the default.
	IsSetForEnv bool `json:"IsSetForEnv"`
}

// CSPResult is the answer of SetCSP (swagger Environment_CSP_Response).
type CSPResult struct {
	// Success is false when the directives were refused.
	Success bool `json:"Success"`
	// EnvironmentKey is the environment changed.
	EnvironmentKey string `json:"EnvironmentKey"`
	// ErrorDirectives are the refused directives.
	ErrorDirectives []string `json:"ErrorDirectives"`
	// ErrorMessage says why.
	ErrorMessage string `json:"ErrorMessage"`
	// NeedsRecompilation is true when applications must be republished for the change to apply.
	NeedsRecompilation bool `json:"NeedsRecompilation"`
	// AddedDataDirectives, AddedSelfDirectives, AddedInternalDirectives and AddedGapDirectives list what LifeTime added on its own.
	AddedDataDirectives []string `json:"AddedDataDirectives"`
	// AddedSelfDirectives: see AddedDataDirectives.
	AddedSelfDirectives []string `json:"AddedSelfDirectives"`
	// AddedInternalDirectives: see AddedDataDirectives.
	AddedInternalDirectives []string `json:"AddedInternalDirectives"`
	// AddedGapDirectives: see AddedDataDirectives.
	AddedGapDirectives []string `json:"AddedGapDirectives"`
}

// GetCSP returns the content security policies of an environment.
//
// LifeTime API: GET /environments/{EnvironmentKey}/content_security_policies/
func (s *EnvironmentsService) GetCSP(ctx context.Context, environmentKey string) (*CSPDirectives, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/content_security_policies/", environmentKey)
	if err != nil {
		return nil, nil, err
	}
	return oneOf[CSPDirectives](ctx, s.client, http.MethodGet, "Environment_GetCSP", p, nil, nil)
}

// SetCSP sets the content security policies of an environment. LifeTime
// can answer 200 with Success false: that is returned as an error wrapping
// [ErrUnexpectedResponse] along with the result.
//
// LifeTime API: PUT /environments/{EnvironmentKey}/content_security_policies/
func (s *EnvironmentsService) SetCSP(ctx context.Context, environmentKey string, directives CSPDirectives) (*CSPResult, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/content_security_policies/", environmentKey)
	if err != nil {
		return nil, nil, err
	}
	res, resp, err := oneOf[CSPResult](ctx, s.client, http.MethodPut, "Environments_SetCSP", p, nil, directives)
	if err != nil {
		return nil, resp, err
	}
	if !res.Success {
		return res, resp, &OperationError{Operation: "Environments_SetCSP", Err: fmt.Errorf("%w: Success false: %s (directives %v)", ErrUnexpectedResponse, res.ErrorMessage, res.ErrorDirectives)}
	}
	return res, resp, nil
}
