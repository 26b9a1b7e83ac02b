package lifetime

import (
	"context"
	"net/http"
	"net/url"
)

// BlockedAddressesOptions are the query parameters of
// [EnvironmentsService.BlockedAddresses] and
// [EnvironmentsService.UnblockAddress].
type BlockedAddressesOptions struct {
	// Optional: only this environment.
	EnvironmentKey string
}

// query returns the EnvironmentKey query, if any.
func (o *BlockedAddressesOptions) query() url.Values {
	if o == nil || o.EnvironmentKey == "" {
		return nil
	}
	return url.Values{"EnvironmentKey": {o.EnvironmentKey}}
}

// BlockedAddresses returns the login attempts of blocked IP addresses
// (LifeTime 11.13.0 or later; 501, [ErrNotImplemented], when the feature is
// not supported).
//
// LifeTime API: GET /environments/blockedipaddresses/
func (s *EnvironmentsService) BlockedAddresses(ctx context.Context, opts *BlockedAddressesOptions) ([]*LoginAttempt, *Response, error) {
	return listOf[LoginAttempt](ctx, s.client, "BlockedAddresses_Get", "environments/blockedipaddresses/", opts.query())
}

// UnblockAddress unblocks an IP address.
//
// LifeTime API: DELETE /environments/blockedipaddresses/{IPAddress}/
func (s *EnvironmentsService) UnblockAddress(ctx context.Context, ipAddress string, opts *BlockedAddressesOptions) (*Response, error) {
	p, err := keyPath("environments/blockedipaddresses/{IPAddress}/", ipAddress)
	if err != nil {
		return nil, err
	}
	return call(ctx, s.client, http.MethodDelete, "BlockedAddresses_Unblock", p, opts.query(), nil, nil)
}
