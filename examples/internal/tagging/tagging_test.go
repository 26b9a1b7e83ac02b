package tagging

import (
	"testing"

	"github.com/go-outsystems/outsystems/lifetime"
	"github.com/go-outsystems/outsystems/lifetime/lifetimetest"
)

func TestBump(t *testing.T) {
	for in, want := range map[string]string{"2.1": "2.2", "1.0.9": "1.0.10", "release": "release.1", "v3": "v4", "": ".1"} {
		if got := bump(in); got != want {
			t.Errorf("bump(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCreateAndNextLabelOnSimulator(t *testing.T) {
	srv, err := lifetimetest.NewServer()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	lt, err := lifetime.NewClient(srv.URL, lifetime.WithToken(srv.Token()), lifetime.WithHTTPClient(srv.Client()), lifetime.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	app, ok := srv.Sim().ApplicationByName("Customer Portal")
	dev, ok2 := srv.Sim().EnvironmentByName("Development")
	if !ok || !ok2 {
		t.Fatal("scenario lacks Customer Portal or Development")
	}
	label, err := NextLabel(t.Context(), lt, app.Key, "2.1")
	if err != nil || label != "2.2" {
		t.Fatalf("NextLabel = %q, %v; want 2.2", label, err)
	}
	key, err := Create(t.Context(), lt, dev.Key, app.Key, label, "tagged by a test")
	if err != nil {
		t.Fatal(err)
	}
	v, _, err := lt.Applications.GetVersion(t.Context(), app.Key, key, nil)
	if err != nil || v.Version != "2.2" || v.ChangeLog != "tagged by a test" {
		t.Fatalf("tagged version = %+v, %v", v, err)
	}
	if run, _ := srv.Sim().Running(dev.Key, app.Key); run.IsModified || run.VersionKey != key {
		t.Errorf("running in Development after the tag: %+v, want version %s unmodified", run, key)
	}
	// The label is now in use: the next one skips it.
	if label, err := NextLabel(t.Context(), lt, app.Key, "2.1"); err != nil || label != "2.3" {
		t.Errorf("NextLabel after tagging = %q, %v; want 2.3", label, err)
	}
	if _, err := Create(t.Context(), lt, "", app.Key, "9", ""); err == nil {
		t.Error("Create with no environment: no error")
	}
}
