package cli

import (
	"fmt"
	"io"
	"os"
)

// Report is a report the examples can write as JSON and JUnit XML.
type Report interface {
	WriteJSON(w io.Writer) error
	WriteJUnit(w io.Writer) error
}

// WriteReports writes rep to the files named by -json and -junit, if any.
func (c *Common) WriteReports(rep Report) error {
	if c.JSONPath != "" {
		if err := writeFile(c.JSONPath, rep.WriteJSON); err != nil {
			return fmt.Errorf("writing the JSON report: %w", err)
		}
	}
	if c.JUnitPath != "" {
		if err := writeFile(c.JUnitPath, rep.WriteJUnit); err != nil {
			return fmt.Errorf("writing the JUnit report: %w", err)
		}
	}
	return nil
}

// writeFile creates path and fills it with write.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
