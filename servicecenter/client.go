package servicecenter

import (
	"fmt"
	"net/url"

	"github.com/go-outsystems/outsystems/internal/soap"
	"github.com/go-outsystems/outsystems/internal/soapgen/scplatform"
	"github.com/go-outsystems/outsystems/internal/soapgen/scplatformservices"
	"github.com/go-outsystems/outsystems/internal/soapgen/scsolutions"
	"github.com/go-outsystems/outsystems/internal/transport"
)

// SOAPActions of the operations the client calls (soap-apis.md §1:
// "http://<Module>/<Service>/<Operation>").
const (
	actionGetPlatformInfo     = "http://ServiceCenter/OutSystemsPlatform/GetPlatformInfo"
	actionTestLogin           = "http://ServiceCenter/Solutions/TestLogin"
	actionGetSolutionIDByName = "http://ServiceCenter/Solutions/GetSolutionIdByName"
	actionGetMessages         = "http://ServiceCenter/Solutions/GetMessages"
	actionDownload            = "http://ServiceCenter/Solutions/Download"
	actionModulesGet          = "http://ServiceCenter/PlatformServices_v8_0_0/Modules_Get"
	actionGetPublishMessages  = "http://ServiceCenter/PlatformServices_v8_0_0/SolutionPack_GetPublishMessages"
)

// readOnly returns the allow-list of operations that may be retried: they
// read and change nothing. Everything else is sent exactly once.
func readOnly() []string {
	return []string{
		actionGetPlatformInfo, actionTestLogin, actionGetSolutionIDByName, actionGetMessages, actionDownload,
		actionModulesGet, actionGetPublishMessages,
	}
}

// Client calls the SOAP services of one environment's Service Center
// (https://<host>/ServiceCenter/*.asmx). It is safe for concurrent use.
type Client struct {
	base               *url.URL
	username, password string
	pipeline           *transport.Pipeline
	doer               *soap.Doer
	platform           scplatform.OutSystemsPlatformSoap
	solutions          scsolutions.SolutionsSoap
	platformServices   scplatformservices.PlatformServices_v8_0_0Soap
}

// NewClient returns a client for the Service Center of environmentHost:
// "host", "host:port", "https://host" or "https://host/ServiceCenter"
// (http:// needs [WithInsecureHTTP]). It does no I/O; bad input gives an
// error wrapping [ErrInvalidOption].
//
// Service Center's services are internal: since OutSystems 10 they answer
// only callers inside the environment's Internal Network when one is
// configured (soap-apis.md §0).
func NewClient(environmentHost string, opts ...Option) (*Client, error) {
	var cfg config
	if err := soap.Apply(&cfg, ErrInvalidOption, opts); err != nil {
		return nil, err
	}
	base, err := soap.BaseURL(environmentHost, cfg.AllowHTTP, "ServiceCenter")
	if err != nil {
		return nil, fmt.Errorf("%w: environment host: %w", ErrInvalidOption, err)
	}
	doer, err := cfg.NewDoer(DefaultPerAttemptTimeout, []string{cfg.password}, readOnly()...)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidOption, err)
	}
	return &Client{
		base:      base,
		username:  cfg.username,
		password:  cfg.password,
		pipeline:  doer.Pipeline(),
		doer:      doer,
		platform:  scplatform.NewOutSystemsPlatformSoap(doer.NewClient(soap.Endpoint(base, "ServiceCenter", "OutSystemsPlatform"))),
		solutions: scsolutions.NewSolutionsSoap(doer.NewClient(soap.Endpoint(base, "ServiceCenter", "Solutions"))),
		platformServices: scplatformservices.NewPlatformServices_v8_0_0Soap(
			doer.NewClient(soap.Endpoint(base, "ServiceCenter", "PlatformServices_v8_0_0"))),
	}, nil
}

// BaseURL returns the environment's base URL (scheme and host).
func (c *Client) BaseURL() string { return c.base.String() }

// credentials returns the user and password or ErrNoCredentials.
func (c *Client) credentials(op string) (string, string, error) {
	if c.username == "" {
		return "", "", fmt.Errorf("%s: %w", op, ErrNoCredentials)
	}
	return c.username, c.password, nil
}
