package servicecenter_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/go-outsystems/outsystems/servicecenter"
)

// TestGoldenRequests sends every operation once to a fake Service Center,
// compares the request (path, quoted SOAPAction, Content-Type, envelope
// with namespaces and element order) with its golden file, and checks what
// the client decoded from a canned answer.
func TestGoldenRequests(t *testing.T) {
	msgs := `&lt;Messages&gt;&lt;Message&gt;&lt;Id&gt;1&lt;/Id&gt;&lt;Type&gt;Info&lt;/Type&gt;&lt;Module/&gt;&lt;Text&gt;Solution deleted.&lt;/Text&gt;&lt;Detail/&gt;&lt;Instant&gt;2026-01-02T03:04:05Z&lt;/Instant&gt;&lt;/Message&gt;&lt;/Messages&gt;`
	deleted := []servicecenter.Message{{ID: 1, Type: servicecenter.MessageInfo, Text: "Solution deleted.", Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}}
	tests := []struct {
		op     string
		answer answer
		call   func(ctx context.Context, c *servicecenter.Client) (any, error)
		want   any
	}{
		{
			op:     "GetPlatformInfo",
			answer: soapOK("GetPlatformInfo", "<Version>11.31.0.44210</Version><Serial>SER-1</Serial>"),
			call:   func(ctx context.Context, c *servicecenter.Client) (any, error) { return c.PlatformInfo(ctx) },
			want:   &servicecenter.PlatformInfo{Version: "11.31.0.44210", Serial: "SER-1"},
		},
		{
			op:     "TestLogin",
			answer: soapOK("TestLogin", "<status>OK</status>"),
			call:   func(ctx context.Context, c *servicecenter.Client) (any, error) { return c.TestLogin(ctx) },
			want:   "OK",
		},
		{
			op:     "CreateAllSolution",
			answer: soapOK("CreateAllSolution", "<SolutionId>12</SolutionId>"),
			call: func(ctx context.Context, c *servicecenter.Client) (any, error) {
				return c.CreateAllSolution(ctx, "All_Components")
			},
			want: int64(12),
		},
		{
			op:     "GetSolutionIdByName",
			answer: soapOK("GetSolutionIdByName", "<SolutionId>12</SolutionId>"),
			call: func(ctx context.Context, c *servicecenter.Client) (any, error) {
				return c.SolutionID(ctx, "All_Components")
			},
			want: int64(12),
		},
		{
			// Both booleans are false and must still be sent (gowsdl issue #187).
			op:     "PublishRunning",
			answer: soapOK("PublishRunning", "<SolutionId>12</SolutionId><SolutionPubId>40</SolutionPubId>"),
			call: func(ctx context.Context, c *servicecenter.Client) (any, error) {
				return c.PublishRunning(ctx, "All_Components", nil)
			},
			want: &servicecenter.Publication{SolutionID: 12, ID: 40},
		},
		{
			op:     "Publish",
			answer: soapOK("Publish", "<Messages></Messages><SolutionPubId>41</SolutionPubId><PackUID>uid-1</PackUID><PackSchemaVersion>3</PackSchemaVersion><NeedsConfiguration>false</NeedsConfiguration>"),
			call: func(ctx context.Context, c *servicecenter.Client) (any, error) {
				return c.Publish(ctx, "Plugins.osp", bytes.NewReader([]byte("PK\x03\x04osp")), &servicecenter.PublishOptions{
					FromOSPTool:     true,
					CatalogMappings: []servicecenter.CatalogMapping{{Module: "PluginCore", Catalog: "PLUGINS"}},
				})
			},
			want: &servicecenter.PublishResult{PublicationID: 41, PackUID: "uid-1", PackSchemaVersion: 3},
		},
		{
			// LastSeenId 0 must be sent.
			op:     "GetMessages",
			answer: soapOK("GetMessages", "<Messages>"+msgs+"</Messages>"),
			call:   func(ctx context.Context, c *servicecenter.Client) (any, error) { return c.Messages(ctx, 40, 0) },
			want:   deleted,
		},
		{
			op:     "Download",
			answer: soapOK("Download", "<SolutionDownloadOpId>5</SolutionDownloadOpId><file>UEsDBG9zcA==</file>"),
			call: func(ctx context.Context, c *servicecenter.Client) (any, error) {
				return c.Download(ctx, "All_Components", 0)
			},
			want: []byte("PK\x03\x04osp"),
		},
		{
			op:     "Delete",
			answer: soapOK("Delete", "<Messages>"+msgs+"</Messages>"),
			call:   func(ctx context.Context, c *servicecenter.Client) (any, error) { return c.Delete(ctx, 12) },
			want:   deleted,
		},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			f := newFake(t, tt.answer)
			got, err := tt.call(t.Context(), f.client(t))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("decoded answer (-want +got):\n%s", diff)
			}
			reqs := f.recorded()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			checkGolden(t, tt.op, reqs[0])
		})
	}
}
