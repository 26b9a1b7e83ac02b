package lifetime

import (
	"strings"
	"testing"
	"time"
)

func TestSimSourceCodeAndSolution(t *testing.T) {
	t.Parallel()
	c, s, clock := simClient(t)
	ctx := t.Context()
	dev := simEnv(t, s, "Development")
	core, portal := simApp(t, s, "Core Services"), simApp(t, s, "Customer Portal")
	fast := &PackageWaitOptions{PollInterval: time.Millisecond, Timeout: 10 * time.Second}

	st, _, err := c.Environments.RequestApplicationSourceCode(ctx, dev, core)
	if err != nil {
		t.Fatal(err)
	}
	if st.Status != SourceCodeInProgress || st.PackageKey == "" {
		t.Fatalf("request = %+v, want InProgress with a package key", st)
	}
	now, _, err := c.Environments.ApplicationSourceCodeStatus(ctx, dev, core, st.PackageKey)
	if err != nil || now.Status != SourceCodeInProgress {
		t.Fatalf("status right away = %+v, %v; want InProgress", now, err)
	}
	clock.Advance(time.Hour) // packaging takes simulated time
	done, err := c.Environments.WaitApplicationSourceCode(ctx, dev, core, st.PackageKey, fast)
	if err != nil {
		t.Fatal(err)
	}
	if done.Status != SourceCodeDone || done.PackageKey != st.PackageKey {
		t.Errorf("final status = %+v, want Done for %s", done, st.PackageKey)
	}
	link, _, err := c.Environments.ApplicationSourceCodeLink(ctx, dev, core, st.PackageKey)
	if err != nil || !strings.Contains(link.URL, "/downloads/") {
		t.Errorf("source code link = %+v, %v", link, err)
	}

	// The same for one module of the application.
	vs, _, err := c.Applications.ListVersions(ctx, core, &ApplicationVersionListOptions{MaximumVersionsToReturn: 1})
	if err != nil || len(vs) != 1 {
		t.Fatalf("ListVersions = %d versions, %v", len(vs), err)
	}
	v, _, err := c.Applications.GetVersion(ctx, core, vs[0].Key, &ApplicationVersionGetOptions{IncludeModules: true})
	if err != nil || len(v.ModuleVersions) == 0 {
		t.Fatalf("GetVersion = %+v, %v", v, err)
	}
	moduleKey := v.ModuleVersions[0].ModuleKey
	mst, _, err := c.Environments.RequestModuleSourceCode(ctx, dev, moduleKey)
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)
	if mdone, err := c.Environments.WaitModuleSourceCode(ctx, dev, moduleKey, mst.PackageKey, fast); err != nil || mdone.Status != SourceCodeDone {
		t.Fatalf("WaitModuleSourceCode = %+v, %v", mdone, err)
	}
	if mlink, _, err := c.Environments.ModuleSourceCodeLink(ctx, dev, moduleKey, mst.PackageKey); err != nil || !strings.Contains(mlink.URL, "/downloads/") {
		t.Errorf("module source code link = %+v, %v", mlink, err)
	}

	key, _, err := c.Environments.CreateSolution(ctx, dev, &SolutionCreateRequest{SolutionName: "Release", ApplicationKeys: []string{core, portal}})
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Hour)
	sol, err := c.Environments.WaitSolution(ctx, dev, key, fast)
	if err != nil {
		t.Fatal(err)
	}
	if sol.Status != SolutionCompleted {
		t.Errorf("solution status = %+v, want Completed", sol)
	}
	slink, _, err := c.Environments.SolutionDownloadLink(ctx, dev, key)
	if err != nil || !strings.Contains(slink.URL, "/downloads/") || !slink.Expires.IsSet() {
		t.Errorf("solution link = %+v, %v", slink, err)
	}
}
