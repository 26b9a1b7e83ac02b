package upgrade

import (
	"context"
	"errors"
	"strings"

	"github.com/go-outsystems/outsystems/lifetime/ltservices"
)

// lifeTimeServicesSmoke implements [SmokeCaller] for SOAP integrations
// with the LifeTime Services client.
type lifeTimeServicesSmoke struct{ lts *ltservices.Client }

// LifeTimeServicesSmoke returns a [SmokeCaller] for SOAP integrations over
// lts, the LifeTime Services client: one read-only call per operation an
// integration uses, User_List, Role_List or Team_List (or the resource
// names "users", "roles", "teams"); other operations have no smoke call
// ([ErrNoSmokeCall]). REST calls are not its business ([ErrNoSmokeCall]):
// combine it with the REST smoke caller with [CombineSmoke].
//
// LifeTime Services is deprecated upstream since LifeTime 11.16.0 and
// announced for removal, which is exactly what this check catches after an
// upgrade.
func LifeTimeServicesSmoke(lts *ltservices.Client) SmokeCaller {
	return &lifeTimeServicesSmoke{lts: lts}
}

// Smoke makes one read-only LifeTime Services call.
func (s *lifeTimeServicesSmoke) Smoke(ctx context.Context, kind IntegrationKind, what string) error {
	if kind != IntegrationSOAP {
		return ErrNoSmokeCall
	}
	var err error
	switch strings.ToLower(strings.TrimSpace(what)) {
	case "user_list", "users":
		_, err = s.lts.Users.List(ctx, false)
	case "role_list", "roles":
		_, err = s.lts.Roles.List(ctx)
	case "team_list", "teams":
		_, err = s.lts.Teams.List(ctx)
	default:
		return ErrNoSmokeCall
	}
	return err
}

// CombineSmoke returns a [SmokeCaller] that asks each caller in turn until
// one has a call for the resource (does not return [ErrNoSmokeCall]).
func CombineSmoke(callers ...SmokeCaller) SmokeCaller { return smokeChain(callers) }

// smokeChain is the SmokeCaller CombineSmoke returns.
type smokeChain []SmokeCaller

func (c smokeChain) Smoke(ctx context.Context, kind IntegrationKind, what string) error {
	for _, s := range c {
		if s == nil {
			continue
		}
		if err := s.Smoke(ctx, kind, what); !errors.Is(err, ErrNoSmokeCall) {
			return err
		}
	}
	return ErrNoSmokeCall
}
