package lifetime

import (
	"context"
	"net/http"
)

// Environment is an environment registered in LifeTime (swagger
// definition Environment).
type Environment struct {
	// Key uniquely identifies the environment.
	Key string `json:"Key"`
	// Name of the environment.
	Name string `json:"Name"`
	// OSVersion is the Platform Server version (X.X.X.X).
	OSVersion string `json:"OSVersion"`
	// Order is the environment's position in LifeTime.
	Order int32 `json:"Order"`
	// DetailsURL links to the environment in the LifeTime console.
	DetailsURL string `json:"DetailsURL,omitempty"`
	// HostName is the address the environment was registered with.
	HostName string `json:"HostName"`
	// UseHTTPS says whether LifeTime connects to it with HTTPS.
	UseHTTPS bool `json:"UseHTTPS"`
	// EnvironmentType is Development, Test or Production; it can be
	// empty (notes §5.3 item 17).
	EnvironmentType string `json:"EnvironmentType"`
	// NumberOfFrontEnds is the number of front-end servers.
	NumberOfFrontEnds int32 `json:"NumberOfFrontEnds"`
	// ApplicationServerType is the stack (.NET or JAVA).
	ApplicationServerType string `json:"ApplicationServerType"`
	// ApplicationServer is IIS, JBoss or WebLogic.
	ApplicationServer string `json:"ApplicationServer"`
	// DatabaseProvider is SqlServer or Oracle (servers answer "SQLServer").
	DatabaseProvider string `json:"DatabaseProvider"`
	// IsCloudEnvironment says whether it runs on OutSystems Cloud.
	IsCloudEnvironment bool `json:"IsCloudEnvironment"`
	// IsOffline is not in the swagger; newer LifeTime versions send it
	// (docs examples 2021-2024). False when absent.
	IsOffline bool `json:"IsOffline,omitempty"`
}

// List returns all the environments of the infrastructure, in LifeTime's
// order. No environments gives an empty, non-nil slice.
//
// LifeTime API: GET /environments/
func (s *EnvironmentsService) List(ctx context.Context) ([]*Environment, *Response, error) {
	return listOf[Environment](ctx, s.client, "Environments_List", "environments/", nil)
}

// Get returns the environment with the given key.
//
// LifeTime API: GET /environments/{EnvironmentKey}/
func (s *EnvironmentsService) Get(ctx context.Context, environmentKey string) (*Environment, *Response, error) {
	p, err := keyPath("environments/{EnvironmentKey}/", environmentKey)
	if err != nil {
		return nil, nil, err
	}
	return oneOf[Environment](ctx, s.client, http.MethodGet, "Environments_Get", p, nil, nil)
}
