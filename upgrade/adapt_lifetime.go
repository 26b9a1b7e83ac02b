package upgrade

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/lifetime"
)

// lifeTimeAdapter implements the LifeTime side of [Clients] with a
// *lifetime.Client: EnvironmentLister, DeploymentLister, ConsoleProber and
// SmokeCaller.
type lifeTimeAdapter struct{ lt *lifetime.Client }

// LifeTimeClients returns the LifeTime side of [Clients] over lt:
// Environments, Deployments, Console and Smoke. ConsoleHost is lt's host.
func LifeTimeClients(lt *lifetime.Client) Clients {
	a := &lifeTimeAdapter{lt: lt}
	return Clients{ConsoleHost: lt.BaseURL().Hostname(), Environments: a, Deployments: a, Console: a, Smoke: a}
}

// ListEnvironments lists the registered environments.
func (a *lifeTimeAdapter) ListEnvironments(ctx context.Context) ([]Environment, error) {
	envs, _, err := a.lt.Environments.List(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Environment, len(envs))
	for i, e := range envs {
		out[i] = Environment{Key: e.Key, Name: e.Name, HostName: e.HostName, PlatformServer: e.OSVersion, Cloud: e.IsCloudEnvironment}
	}
	return out, nil
}

// ListDeployments lists the plans created since since, with the status of
// each plan that was not aborted (one status call per plan: the list does
// not carry the status).
func (a *lifeTimeAdapter) ListDeployments(ctx context.Context, since time.Time) ([]Deployment, error) {
	deps, _, err := a.lt.Deployments.List(ctx, &lifetime.DeploymentListOptions{MinDate: since})
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	if envs, _, err := a.lt.Environments.List(ctx); err == nil {
		for _, e := range envs {
			names[e.Key] = e.Name
		}
	}
	out := make([]Deployment, 0, len(deps))
	for _, d := range deps {
		dep := Deployment{Key: d.Key, Source: nameOr(names, d.SourceEnvironmentKey), Target: nameOr(names, d.TargetEnvironmentKey)}
		if d.AbortedOn.IsZero() {
			p, _, err := a.lt.Deployments.Status(ctx, d.Key)
			if err != nil {
				return nil, fmt.Errorf("status of deployment %s: %w", d.Key, err)
			}
			dep.Status = string(p.DeploymentStatus)
		} else {
			dep.Status = string(lifetime.DeploymentAborted)
		}
		out = append(out, dep)
	}
	return out, nil
}

// nameOr returns the name of key, or key.
func nameOr(names map[string]string, key string) string {
	if n, ok := names[key]; ok {
		return n
	}
	return key
}

// Ping lists the environments: cheap, read-only and authenticated.
func (a *lifeTimeAdapter) Ping(ctx context.Context) error {
	_, _, err := a.lt.Environments.List(ctx)
	return err
}

// Smoke makes one read-only REST call per resource name. SOAP operations
// have no smoke call here ([ErrNoSmokeCall]).
func (a *lifeTimeAdapter) Smoke(ctx context.Context, kind IntegrationKind, what string) error {
	if kind != IntegrationREST {
		return ErrNoSmokeCall
	}
	var err error
	switch strings.ToLower(strings.Trim(what, "/ ")) {
	case "environments":
		_, _, err = a.lt.Environments.List(ctx)
	case "applications":
		_, _, err = a.lt.Applications.List(ctx, nil)
	case "deployments":
		_, _, err = a.lt.Deployments.List(ctx, nil)
	case "modules":
		_, _, err = a.lt.Modules.List(ctx, nil)
	case "roles":
		_, _, err = a.lt.Roles.List(ctx, nil)
	case "teams":
		_, _, err = a.lt.Teams.List(ctx, nil)
	default:
		return ErrNoSmokeCall
	}
	return err
}
