package servicecenter

import (
	"context"

	"github.com/go-outsystems/outsystems/internal/soapgen/scplatform"
)

// PlatformInfo is what GetPlatformInfo reports about the environment.
type PlatformInfo struct {
	// Version is the Platform Server version of the environment, e.g.
	// "11.31.0.44210". On the LifeTime environment it is the Platform
	// Server under LifeTime, not the LifeTime release.
	Version string
	// Serial is the installation's serial number.
	Serial string
}

// PlatformInfo returns the Platform Server version and serial of the
// environment. It needs no credentials.
//
// Service Center SOAP: OutSystemsPlatform.GetPlatformInfo
func (c *Client) PlatformInfo(ctx context.Context) (*PlatformInfo, error) {
	const op = "OutSystemsPlatform.GetPlatformInfo"
	resp, err := c.platform.GetPlatformInfoContext(ctx, &scplatform.GetPlatformInfo{})
	if err != nil {
		return nil, wrapErr(ctx, op, err)
	}
	return &PlatformInfo{Version: resp.Version, Serial: resp.Serial}, nil
}
