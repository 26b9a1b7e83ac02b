package scsim

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"path"
	"strings"
	"time"
)

// Solutions.Pack and Pack2 build a solution pack from the files given in
// ComponentList (SolutionPack_File: Filename, Directory, DateTime, Size,
// CompressedSize, Content; soap-apis.md §2.2) and return it as file. The
// simulator zips the non-directory files as given, so a pack of .oml/.xif
// files can then be uploaded with Publish.

type solutionPackFile struct {
	Filename       string       `xml:"Filename"`
	Directory      xsBool       `xml:"Directory"`
	DateTime       string       `xml:"DateTime"`
	Size           xsInt        `xml:"Size"`
	CompressedSize xsInt        `xml:"CompressedSize"`
	Content        base64Binary `xml:"Content"`
}

type packRequest struct {
	XMLName             xml.Name
	ComponentList       []solutionPackFile `xml:"ComponentList>SolutionPack_File"`
	SolutionName        string             `xml:"SolutionName"`
	SolutionKey         string             `xml:"SolutionKey"` // Pack2 only
	SolutionDescription string             `xml:"SolutionDescription"`
	credentials
}

type packResponse struct {
	XMLName xml.Name
	File    base64Binary `xml:"file"`
}

func packOp(name string) operation {
	return soapOp(name, func(sc *ServiceCenter, in *packRequest, _ time.Time) (any, *fault) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		n := 0
		for _, pf := range in.ComponentList {
			clean := path.Clean("/" + strings.ReplaceAll(pf.Filename, `\`, "/"))[1:]
			if pf.Directory.V || clean == "" {
				continue
			}
			w, err := zw.Create(clean)
			if err == nil {
				_, err = w.Write(pf.Content)
			}
			if err != nil {
				return nil, serverFault("Could not pack '%s': %v", pf.Filename, err)
			}
			n++
		}
		if err := zw.Close(); err != nil {
			return nil, serverFault("Could not pack the solution: %v", err)
		}
		if n == 0 {
			return nil, serverFault("The component list is empty.")
		}
		return &packResponse{XMLName: response(name), File: buf.Bytes()}, nil
	})
}
