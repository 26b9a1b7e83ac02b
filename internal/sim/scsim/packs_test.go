package scsim_test

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim/scsim"
	"github.com/google/go-cmp/cmp"
)

// zipOf builds a solution pack holding the named files.
func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(w, "content of %s", n)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type publishResponse struct {
	XMLName            xml.Name `xml:"http://www.outsystems.com PublishResponse"`
	Messages           string   `xml:"http://www.outsystems.com Messages"`
	SolutionPubID      int      `xml:"http://www.outsystems.com SolutionPubId"`
	PackUID            string   `xml:"http://www.outsystems.com PackUID"`
	PackSchemaVersion  int      `xml:"http://www.outsystems.com PackSchemaVersion"`
	NeedsConfiguration bool     `xml:"http://www.outsystems.com NeedsConfiguration"`
}

func publishArgs(filename string, file []byte, justUpload bool) string {
	return creds(testUser, testPass) +
		"<File>" + base64.StdEncoding.EncodeToString(file) + "</File>" +
		"<Filename>" + filename + "</Filename>" +
		fmt.Sprintf("<JustUpload>%t</JustUpload>", justUpload) +
		"<CleanPublish>false</CleanPublish><FromOSPTool>true</FromOSPTool>" +
		"<CatalogMappings><DBCatalogMapping><EspaceName>A</EspaceName><CatalogName>C</CatalogName></DBCatalogMapping></CatalogMappings>" +
		"<ReuseTablesOnMove>false</ReuseTablesOnMove>"
}

// upload calls Publish with a pack.
func upload(t *testing.T, f *fixture, filename string, file []byte, justUpload bool) publishResponse {
	t.Helper()
	var got publishResponse
	wantOK(t, f.call(t, "Solutions", "Publish", publishArgs(filename, file, justUpload)), &got)
	return got
}

func TestPublishUploadedPack(t *testing.T) {
	f := newFixture(t)
	f.sc.AddModule(scsim.Module{Name: "Existing", Outdated: true})
	got := upload(t, f, "MyApp.oap", zipOf(t, "Existing.oml", "NewModule.oml", "Connector.xif", "readme.txt"), false)
	if got.SolutionPubID == 0 || got.PackUID == "" || got.NeedsConfiguration || got.PackSchemaVersion != 1 {
		t.Fatalf("PublishResponse = %+v", got)
	}
	first, err := scsim.ParseMessages(got.Messages)
	if err != nil || len(first) == 0 || first[0].Text != "Publication of solution 'MyApp' started (3 modules)." {
		t.Fatalf("Publish Messages = %q (%v)", got.Messages, err)
	}
	f.clock.Advance(40 * time.Second)
	_, msgs := messages(t, f, got.SolutionPubID, len(first))
	if last := msgs[len(msgs)-1]; last.Type != "Done" || last.Text != "Publication finished successfully." {
		t.Errorf("last message = %+v", last)
	}
	kinds := map[string]string{}
	for _, m := range f.sc.Modules() {
		kinds[m.Name] = m.Kind
		if m.Outdated {
			t.Errorf("%s still outdated after publish", m.Name)
		}
	}
	if diff := cmp.Diff(map[string]string{"Existing": "eSpace", "NewModule": "eSpace", "Connector": "Extension"}, kinds); diff != "" {
		t.Errorf("modules after upload (-want +got):\n%s", diff)
	}
	var id solutionIDResponse
	wantOK(t, f.call(t, "Solutions", "GetSolutionIdByName", creds(testUser, testPass)+"<solutionName>MyApp</solutionName>"), &id)
	if c := f.sc.Counters(); c.Uploads != 1 || c.PublicationsStarted != 1 {
		t.Errorf("Uploads = %d, PublicationsStarted = %d, want 1 and 1", c.Uploads, c.PublicationsStarted)
	}
}

func TestPublishJustUpload(t *testing.T) {
	f := newFixture(t)
	got := upload(t, f, "Later.osp", zipOf(t, "M.oml"), true)
	if got.SolutionPubID != 0 {
		t.Errorf("SolutionPubId = %d, want 0 for JustUpload", got.SolutionPubID)
	}
	msgs, err := scsim.ParseMessages(got.Messages)
	if err != nil || len(msgs) != 1 || msgs[0].Text != "Solution 'Later' uploaded (1 modules); not published." {
		t.Errorf("Messages = %q (%v)", got.Messages, err)
	}
	if c := f.sc.Counters(); c.PublicationsStarted != 0 {
		t.Errorf("PublicationsStarted = %d, want 0", c.PublicationsStarted)
	}
}

func TestPublishRejectsBadFiles(t *testing.T) {
	f := newFixture(t)
	for name, tc := range map[string]struct{ args, want string }{
		"empty":     {publishArgs("x.osp", nil, false), "Server was unable to process request. ---> The solution file is empty."},
		"not a zip": {publishArgs("x.osp", []byte("hello"), false), "Server was unable to process request. ---> The file 'x.osp' is not a valid solution pack: not a solution pack: zip: not a valid zip file"},
		"no module": {publishArgs("x.osp", zipOf(t, "a.txt"), false), "Server was unable to process request. ---> The file 'x.osp' is not a valid solution pack: the solution pack holds no module (.oml or .xif file)"},
	} {
		t.Run(name, func(t *testing.T) {
			if got := wantFault(t, f.call(t, "Solutions", "Publish", tc.args)).String; got != tc.want {
				t.Errorf("faultstring = %q, want %q", got, tc.want)
			}
		})
	}
	a := f.call(t, "Solutions", "Publish", creds(testUser, testPass)+"<File>***</File><Filename>x.osp</Filename>")
	if got := wantFault(t, a); got.Code != "soap:Client" {
		t.Errorf("invalid base64: fault %+v, want soap:Client", got)
	}
}

type downloadResponse struct {
	OpID int    `xml:"http://www.outsystems.com SolutionDownloadOpId"`
	File []byte `xml:"http://www.outsystems.com file"`
}

func download(t *testing.T, f *fixture, name string, version int) ([]string, downloadResponse) {
	t.Helper()
	var got struct {
		OpID int    `xml:"http://www.outsystems.com SolutionDownloadOpId"`
		File string `xml:"http://www.outsystems.com file"`
	}
	wantOK(t, f.call(t, "Solutions", "Download",
		fmt.Sprintf("<SolutionName>%s</SolutionName><SolutionVersionId>%d</SolutionVersionId>", name, version)+creds(testUser, testPass)), &got)
	file, err := base64.StdEncoding.DecodeString(got.File)
	if err != nil {
		t.Fatalf("file is not base64: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatalf("file is not a zip: %v", err)
	}
	var names []string
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if len(b) == 0 {
			t.Errorf("%s is empty", zf.Name)
		}
		names = append(names, zf.Name)
	}
	sort.Strings(names)
	return names, downloadResponse{OpID: got.OpID, File: file}
}

func TestDownloadAndRepublish(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	createAll(t, f, "Plugins")
	names, first := download(t, f, "Plugins", 0)
	if diff := cmp.Diff([]string{"PluginA.oml", "PluginB.oml", "PluginC.xif"}, names); diff != "" {
		t.Errorf("files in the pack (-want +got):\n%s", diff)
	}
	_, second := download(t, f, "plugins", 1) // version 1 is the current one
	if first.OpID == 0 || second.OpID == first.OpID {
		t.Errorf("SolutionDownloadOpId %d then %d, want distinct non-zero ids", first.OpID, second.OpID)
	}
	a := f.call(t, "Solutions", "Download", "<SolutionName>Plugins</SolutionName><SolutionVersionId>7</SolutionVersionId>"+creds(testUser, testPass))
	if s := wantFault(t, a).String; s != "Server was unable to process request. ---> Version 7 of solution 'Plugins' does not exist." {
		t.Errorf("faultstring = %q", s)
	}
	wantFault(t, f.call(t, "Solutions", "Download", "<SolutionName>None</SolutionName><SolutionVersionId>0</SolutionVersionId>"+creds(testUser, testPass)))

	// The downloaded pack publishes again, as the same modules.
	pub := upload(t, f, "Plugins.osp", first.File, false)
	f.clock.Advance(time.Minute)
	_, msgs := messages(t, f, pub.SolutionPubID, 0)
	if msgs[0].Text != "Publication of solution 'Plugins' started (3 modules)." || msgs[len(msgs)-1].Type != "Done" {
		t.Errorf("republish of the downloaded pack: first %q, last %+v", msgs[0].Text, msgs[len(msgs)-1])
	}
	if n := len(f.sc.Modules()); n != 5 {
		t.Errorf("%d modules after re-upload, want 5 (no duplicates)", n)
	}
	if c := f.sc.Counters().Downloads; c != 2 {
		t.Errorf("Downloads = %d, want 2", c)
	}
}

func TestDelete(t *testing.T) {
	f := newFixture(t)
	seedPlugins(f)
	id := createAll(t, f, "Gone")
	var got messagesResponse
	wantOK(t, f.call(t, "Solutions", "Delete", fmt.Sprintf("<SolutionID>%d</SolutionID>", id)+creds(testUser, testPass)), &got)
	msgs, err := scsim.ParseMessages(got.Messages)
	if err != nil || len(msgs) != 1 || msgs[0].Text != "Solution 'Gone' deleted." {
		t.Errorf("Delete Messages = %q (%v)", got.Messages, err)
	}
	a := f.call(t, "Solutions", "GetSolutionIdByName", creds(testUser, testPass)+"<solutionName>Gone</solutionName>")
	wantFault(t, a)
	a = f.call(t, "Solutions", "Delete", fmt.Sprintf("<SolutionID>%d</SolutionID>", id)+creds(testUser, testPass))
	if s := wantFault(t, a).String; !strings.HasSuffix(s, fmt.Sprintf("Solution with id %d does not exist.", id)) {
		t.Errorf("faultstring = %q", s)
	}
	if c := f.sc.Counters().SolutionsDeleted; c != 1 {
		t.Errorf("SolutionsDeleted = %d, want 1", c)
	}
}

func TestPackThenPublish(t *testing.T) {
	f := newFixture(t)
	file := func(name string, dir bool, content string) string {
		return fmt.Sprintf("<SolutionPack_File><Filename>%s</Filename><Directory>%t</Directory><DateTime>2015-02-19T18:59:01</DateTime>"+
			"<Size>%d</Size><CompressedSize>%d</CompressedSize><Content>%s</Content></SolutionPack_File>",
			name, dir, len(content), len(content), base64.StdEncoding.EncodeToString([]byte(content)))
	}
	for _, op := range []string{"Pack", "Pack2"} {
		t.Run(op, func(t *testing.T) {
			args := "<ComponentList>" + file("modules", true, "") + file(`modules\Alpha.oml`, false, "alpha") + file("Beta.xif", false, "beta") + "</ComponentList>" +
				"<SolutionName>Packed</SolutionName>"
			if op == "Pack2" {
				args += "<SolutionKey>k</SolutionKey>"
			}
			args += "<SolutionDescription>d</SolutionDescription>" + creds(testUser, testPass)
			var got struct {
				File string `xml:"http://www.outsystems.com file"`
			}
			wantOK(t, f.call(t, "Solutions", op, args), &got)
			raw, err := base64.StdEncoding.DecodeString(got.File)
			if err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
			if err != nil {
				t.Fatalf("file is not a zip: %v", err)
			}
			contents := map[string]string{}
			for _, zf := range zr.File {
				rc, _ := zf.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				contents[zf.Name] = string(b)
			}
			if diff := cmp.Diff(map[string]string{"modules/Alpha.oml": "alpha", "Beta.xif": "beta"}, contents); diff != "" {
				t.Errorf("pack contents (-want +got):\n%s", diff)
			}
			pub := upload(t, f, "Packed_"+op+".osp", raw, false)
			msgs, _ := scsim.ParseMessages(pub.Messages)
			if msgs[0].Text != "Publication of solution 'Packed_"+op+"' started (2 modules)." {
				t.Errorf("publish of the pack: %q", msgs[0].Text)
			}
		})
	}
	if s := wantFault(t, f.call(t, "Solutions", "Pack", "<ComponentList/>"+creds(testUser, testPass))).String; !strings.HasSuffix(s, "The component list is empty.") {
		t.Errorf("empty pack: %q", s)
	}
	wantFault(t, f.call(t, "Solutions", "Pack", "<ComponentList/>"+creds(testUser, "bad")))
}

func TestOperationsNotSimulated(t *testing.T) {
	f := newFixture(t)
	for _, op := range [][2]string{
		{"Solutions", "Handshake"}, {"Solutions", "GetPropertiesForHandshake"}, {"Solutions", "GetProperties"},
		{"Solutions", "PublishWithoutConfiguration"}, {"OutSystemsPlatform", "SetLicense"},
	} {
		got := wantFault(t, f.call(t, op[0], op[1], creds(testUser, testPass)))
		want := soapFault{XMLName: got.XMLName, Code: "soap:Server",
			String: "Server was unable to process request. ---> The simulator does not implement " + op[0] + "." + op[1] + "."}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s.%s (-want +got):\n%s", op[0], op[1], diff)
		}
	}
}
