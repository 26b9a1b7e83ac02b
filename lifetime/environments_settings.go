package lifetime

import (
	"context"
	"fmt"
	"net/http"
)

// DeploymentZone is a deployment zone of an environment (swagger
// DeploymentZone_v2).
type DeploymentZone struct {
	Key       string `json:"Key"`
	Name      string `json:"Name"`
	IsDefault bool   `json:"IsDefault"`
	// DeploymentTechnology is the hosting technology of the zone.
	DeploymentTechnology DeploymentTechnology `json:"DeploymentTechnology"`
}

// DeploymentTechnology is the hosting technology of a deployment zone.
type DeploymentTechnology struct {
	Key  string `json:"Key"`
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
	IsMaintenanceModeEnabled bool   `json:"IsMaintenanceModeEnabled"`
	Reason                   string `json:"Reason"`
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
	Key         string `json:"Key"`
	Name        string `json:"Name"`
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
	BaseURI        *CSPDirective `json:"BaseUri,omitempty"`
	ChildSrc       *CSPDirective `json:"ChildSrc,omitempty"`
	ConnectSrc     *CSPDirective `json:"ConnectSrc,omitempty"`
	DefaultSrc     *CSPDirective `json:"DefaultSrc,omitempty"`
	FontSrc        *CSPDirective `json:"FontSrc,omitempty"`
	ImgSrc         *CSPDirective `json:"ImgSrc,omitempty"`
	MediaSrc       *CSPDirective `json:"MediaSrc,omitempty"`
	ObjectSrc      *CSPDirective `json:"ObjectSrc,omitempty"`
	PluginTypes    *CSPDirective `json:"PluginTypes,omitempty"`
	ScriptSrc      *CSPDirective `json:"ScriptSrc,omitempty"`
	StyleSrc       *CSPDirective `json:"StyleSrc,omitempty"`
	FrameAncestors *CSPDirective `json:"FrameAncestors,omitempty"`
	ReportTo       *CSPDirective `json:"ReportTo,omitempty"`
	Other          *CSPDirective `json:"Other,omitempty"`
}

// CSPDirective is one directive: its value and whether it is set for the
// environment (false inherits the default).
type CSPDirective struct {
	CSPDirectiveID int    `json:"CSPDirectiveId"`
	Value          string `json:"Value"`
	IsSetForEnv    bool   `json:"IsSetForEnv"`
}

// CSPResult is the answer of SetCSP (swagger Environment_CSP_Response).
type CSPResult struct {
	Success                 bool     `json:"Success"`
	EnvironmentKey          string   `json:"EnvironmentKey"`
	ErrorDirectives         []string `json:"ErrorDirectives"`
	ErrorMessage            string   `json:"ErrorMessage"`
	NeedsRecompilation      bool     `json:"NeedsRecompilation"`
	AddedDataDirectives     []string `json:"AddedDataDirectives"`
	AddedSelfDirectives     []string `json:"AddedSelfDirectives"`
	AddedInternalDirectives []string `json:"AddedInternalDirectives"`
	AddedGapDirectives      []string `json:"AddedGapDirectives"`
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
