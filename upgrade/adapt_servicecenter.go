package upgrade

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-outsystems/outsystems/servicecenter"
)

// serviceCenterPublisher implements [PluginPublisher] with the Service
// Center of the LifeTime environment.
type serviceCenterPublisher struct {
	sc   *servicecenter.Client
	wait servicecenter.WaitOptions
}

// ServiceCenterPublisher returns a [PluginPublisher] over sc, the Service
// Center client of the LifeTime environment. It follows route A of the
// research notes (soap-apis.md §4): Solutions.CreateAllSolution makes (or
// refreshes) a solution of every non-system module of the environment,
// Solutions.PublishRunning publishes its running version, and the
// publication is polled with Solutions.GetMessages. In a dedicated LifeTime
// environment the non-system modules are the plugin modules; the modules
// argument of PublishPlugins is not used to narrow the solution, because no
// Service Center operation adds chosen modules to a solution.
//
// timeout bounds the wait for the publication (0: servicecenter's default,
// one hour); interval is the time between polls (0: its default).
//
// These Service Center services are internal and undocumented; see
// https://success.outsystems.com/documentation/11/setup_outsystems_infrastructure_and_platform/upgrade_outsystems/upgrade_lifetime/
// for the manual procedure they automate.
func ServiceCenterPublisher(sc *servicecenter.Client, timeout, interval time.Duration) PluginPublisher {
	return &serviceCenterPublisher{sc: sc, wait: servicecenter.WaitOptions{Timeout: timeout, Interval: interval}}
}

// PublishPlugins creates the solution of every non-system module and
// publishes it.
func (p *serviceCenterPublisher) PublishPlugins(ctx context.Context, solution string, _ []string) (int64, error) {
	if _, err := p.sc.CreateAllSolution(ctx, solution); err != nil {
		return 0, err
	}
	pub, err := p.sc.PublishRunning(ctx, solution, nil)
	if err != nil {
		return 0, err
	}
	return pub.ID, nil
}

// WaitPublish polls the publication and groups its messages per module.
func (p *serviceCenterPublisher) WaitPublish(ctx context.Context, id int64, progress func(string)) (PublishResult, error) {
	opts := p.wait
	if progress != nil {
		opts.OnMessage = func(m servicecenter.Message) { progress(messageText(m, true)) }
	}
	res, err := p.sc.WaitPublish(ctx, id, &opts)
	var perr *servicecenter.PublishError
	if errors.As(err, &perr) && perr.Result != nil {
		res, err = perr.Result, nil
	}
	if err != nil {
		return PublishResult{PublicationID: id}, err
	}
	return publishResult(id, res), nil
}

// publishResult converts a Service Center wait result.
func publishResult(id int64, res *servicecenter.WaitResult) PublishResult {
	out := PublishResult{PublicationID: id}
	if res == nil {
		return out
	}
	for _, m := range res.Modules {
		mp := ModulePublish{Module: m.Module}
		for _, e := range m.Errors {
			mp.Errors = append(mp.Errors, messageText(e, false))
		}
		for _, w := range m.Warnings {
			mp.Warnings = append(mp.Warnings, messageText(w, false))
		}
		out.Modules = append(out.Modules, mp)
	}
	for _, e := range res.Errors {
		if e.Module == "" {
			out.Errors = append(out.Errors, messageText(e, false))
		}
	}
	for _, w := range res.Warnings {
		if w.Module == "" {
			out.Warnings = append(out.Warnings, messageText(w, false))
		}
	}
	if !res.Finished && len(out.Errors) == 0 {
		out.Errors = append(out.Errors, fmt.Sprintf("publication %d did not report that it finished", id))
	}
	return out
}

// messageText renders a publication message, prefixed with its module
// when withModule is set.
func messageText(m servicecenter.Message, withModule bool) string {
	s := m.Text
	if m.Detail != "" {
		s += ": " + m.Detail
	}
	if withModule && m.Module != "" {
		s = m.Module + ": " + s
	}
	return s
}

// serviceCenterModules implements [ModuleLister] with Service Center's
// experimental module listing.
type serviceCenterModules struct{ sc *servicecenter.Client }

// ExperimentalModuleLister returns a [ModuleLister] over the experimental
// PlatformServices module listing of sc, the Service Center client of the
// LifeTime environment (servicecenter's ExperimentalModules: internal,
// undocumented, element names inferred). A module is outdated when Service
// Center reports outdated references or no publication since the last
// version update. The listing does not say which modules are system
// modules, so give the plugin modules in [Facts.PluginModules] when you use
// it.
func ExperimentalModuleLister(sc *servicecenter.Client) ModuleLister {
	return &serviceCenterModules{sc: sc}
}

// ListModules lists the modules of the LifeTime environment.
func (m *serviceCenterModules) ListModules(ctx context.Context) ([]Module, error) {
	mods, err := m.sc.ExperimentalModules(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Module, len(mods))
	for i, mod := range mods {
		out[i] = Module{Name: mod.Name, Key: mod.Key, Outdated: mod.Outdated()}
	}
	return out, nil
}
