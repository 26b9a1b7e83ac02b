package lifetime

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSimDBConnections creates, edits, permissions and deletes a database
// connection in the simulator and reads every change back.
func TestSimDBConnections(t *testing.T) {
	t.Parallel()
	c, s, _ := simClient(t)
	ctx := t.Context()
	dev := simEnv(t, s, "Development")

	providers, _, err := c.DBConnections.ListProviders(ctx, dev)
	if err != nil || len(providers) == 0 {
		t.Fatalf("ListProviders = %v, %v", providers, err)
	}
	levels, _, err := c.DBConnections.ListPermissionLevels(ctx)
	if err != nil || len(levels) == 0 {
		t.Fatalf("ListPermissionLevels = %v, %v", levels, err)
	}
	readOnly := -1
	for _, l := range levels {
		if l.Label == "Read-Only" {
			readOnly = l.Level
		}
	}
	if readOnly < 0 {
		t.Fatalf("no Read-Only level in %v", levels)
	}

	req := &DBConnectionRequest{Name: "Reports DB", ProviderKey: providers[0].ProviderKey, Description: "Reporting", Username: "rep", Password: "pw-reports-1", ConfigParams: "Server=rep;Database=reports"}
	if _, err := c.DBConnections.TestConnection(ctx, dev, req); err != nil {
		t.Fatal(err)
	}
	created, _, err := c.DBConnections.Create(ctx, dev, req)
	if err != nil {
		t.Fatal(err)
	}
	if created.Name != "Reports DB" || created.Description != "Reporting" {
		t.Errorf("created = %+v", created)
	}
	edit := *req
	edit.Description = "Reporting (replica)"
	if _, err := c.DBConnections.Update(ctx, dev, "Reports DB", &edit); err != nil {
		t.Fatal(err)
	}
	got, _, err := c.DBConnections.Get(ctx, dev, "Reports DB")
	if err != nil {
		t.Fatal(err)
	}
	if got.Description != "Reporting (replica)" {
		t.Errorf("after update = %+v", got)
	}
	all, _, err := c.DBConnections.List(ctx, dev)
	if err != nil || len(all) != 2 {
		t.Errorf("List = %d connections, %v; want the scenario's and the new one", len(all), err)
	}

	if _, err := c.DBConnections.SetRolePermission(ctx, dev, "Reports DB", "Developer", readOnly); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DBConnections.SetUserPermission(ctx, dev, "Reports DB", "ana.silva", readOnly); err != nil {
		t.Fatal(err)
	}
	rl, _, err := c.DBConnections.GetRolePermission(ctx, dev, "Reports DB", "Developer")
	if err != nil {
		t.Fatal(err)
	}
	ul, _, err := c.DBConnections.GetUserPermission(ctx, dev, "Reports DB", "ana.silva")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int{readOnly, readOnly}, []int{rl.Level, ul.Level}); diff != "" {
		t.Errorf("role and user levels (-want +got):\n%s", diff)
	}
	if _, err := c.DBConnections.RevokeRolePermission(ctx, dev, "Reports DB", "Developer"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DBConnections.RevokeUserPermission(ctx, dev, "Reports DB", "ana.silva"); err != nil {
		t.Fatal(err)
	}
	// A role without a permission reads as No Access.
	if rl, _, err := c.DBConnections.GetRolePermission(ctx, dev, "Reports DB", "Developer"); err != nil || rl.Label != "No Access" {
		t.Errorf("role level after revoke = %+v, %v; want No Access", rl, err)
	}

	if _, err := c.DBConnections.Delete(ctx, dev, "Reports DB"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.DBConnections.Get(ctx, dev, "Reports DB"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get deleted connection: err = %v, want ErrNotFound", err)
	}
}
