package scsim

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path"
	"strings"
)

// Solution packs (.osp, and application packs .oap) are zip archives holding
// one file per module: <name>.oml for eSpaces and <name>.xif for extensions
// (INFERRED: the format is not part of the SOAP contract; the simulator only
// needs the module list). packSolution writes such an archive and
// unpackModules reads the module list back, so a file from Download can be
// uploaded with Publish.

// packSolution builds the archive of a solution's modules.
func packSolution(name string, modules []*Module) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range modules {
		ext := ".oml"
		if m.Kind == KindExtension {
			ext = ".xif"
		}
		f, err := zw.Create(m.Name + ext)
		if err != nil {
			return nil, err
		}
		if _, err := fmt.Fprintf(f, "simulated %s %s, key %s, version %d, solution %s\n",
			m.Kind, m.Name, m.Key, m.PublishedVersion, name); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// packedModule is a module found in an uploaded archive.
type packedModule struct {
	name, kind string
}

// unpackModules lists the modules of an uploaded archive. It fails when the
// bytes are not a zip archive or hold no module file.
func unpackModules(file []byte) ([]packedModule, error) {
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		return nil, fmt.Errorf("not a solution pack: %w", err)
	}
	var out []packedModule
	for _, f := range zr.File {
		base := path.Base(f.Name)
		ext := strings.ToLower(path.Ext(base))
		name := strings.TrimSuffix(base, path.Ext(base))
		switch {
		case name == "":
		case ext == ".oml":
			out = append(out, packedModule{name: name, kind: KindESpace})
		case ext == ".xif":
			out = append(out, packedModule{name: name, kind: KindExtension})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the solution pack holds no module (.oml or .xif file)")
	}
	return out, nil
}
