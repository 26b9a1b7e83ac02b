package upgrade

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
)

//go:embed report.schema.json
var reportSchema []byte

// ReportSchema returns the JSON Schema (draft 2020-12) of the JSON form of
// [Report], version [ReportSchemaVersion] (the file report.schema.json). It
// documents every field.
func ReportSchema() []byte { return append([]byte(nil), reportSchema...) }

// WriteJSON writes the report as indented JSON, in the form described by
// [ReportSchema]. Durations are integers in nanoseconds (fields ending in
// _ns); times are RFC 3339.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("upgrade: write JSON report: %w", err)
	}
	return nil
}
