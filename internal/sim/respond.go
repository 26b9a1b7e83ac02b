package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Response helpers shared by every REST handler of the simulator.

// exceptionBody is the error envelope of every OutSystems REST API
// (swagger definition "Exception"; lifetime-rest-api.md §5.1).
type exceptionBody struct {
	Errors     []string `json:"Errors"`
	StatusCode int      `json:"StatusCode"`
}

// writeJSON writes v as JSON with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		writeError(w, http.StatusInternalServerError, "Internal error raised.")
		return
	}
	body := bytes.TrimRight(buf.Bytes(), "\n")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeError writes the Exception body {"Errors":[...],"StatusCode":N}.
func writeError(w http.ResponseWriter, status int, messages ...string) {
	if len(messages) == 0 {
		messages = []string{http.StatusText(status)}
	}
	writeJSON(w, status, exceptionBody{Errors: messages, StatusCode: status})
}

// writeErrorf writes the Exception body with one formatted message.
func writeErrorf(w http.ResponseWriter, status int, format string, args ...any) {
	writeError(w, status, fmt.Sprintf(format, args...))
}

// pathItem returns the item the path parameter param names, looked up with
// find; when there is none it answers 404 with notFound, a format whose one
// verb is the key, and returns nil. Callers hold s.mu.
func pathItem[T any](w http.ResponseWriter, r *http.Request, param, notFound string, find func(string) *T) *T {
	key := r.PathValue(param)
	it := find(key)
	if it == nil {
		writeErrorf(w, http.StatusNotFound, notFound, key)
	}
	return it
}

// writeList writes a JSON array with 200, or 204 with an empty body when the
// list is empty: the real server answers "nothing to list" with 204
// (lifetime-rest-api.md §0 item 4, §5.1). list must be a slice.
func writeList(w http.ResponseWriter, list any) {
	if reflect.ValueOf(list).Len() == 0 {
		writeNoContent(w)
		return
	}
	writeJSON(w, http.StatusOK, list)
}

// writeNoContent writes 204 with an empty body.
func writeNoContent(w http.ResponseWriter) {
	w.WriteHeader(http.StatusNoContent)
}

// writeEmpty writes status with an empty body (202 commands, 200 deletes of
// team members, ...).
func writeEmpty(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(status)
}

// writeText writes a plain-text body, as the real server does for the keys
// returned by the create operations (lifetime-rest-api.md §1.3: the body of
// POST /deployments/ is only the key).
func writeText(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(text)))
	w.WriteHeader(status)
	_, _ = io.WriteString(w, text)
}

// maxRequestBody bounds the JSON bodies the simulator reads.
const maxRequestBody = 8 << 20

// decodeJSON decodes the request body into v; it fails on an empty or
// malformed body. The OutSystems JSON deserializer matches names
// case-insensitively, as encoding/json does.
func decodeJSON(r *http.Request, v any) error {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody))
	if err != nil {
		return fmt.Errorf("reading request body: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("empty request body")
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("invalid JSON body: %w", err)
	}
	return nil
}

// queryValue returns the query parameter name, matched case-insensitively
// (OutSystems REST parameter matching is case-insensitive: the swagger itself
// spells Users_Get's includeTeams in lower camelCase and Users_List's
// IncludeTeams in PascalCase; lifetime-rest-api.md §5.3 item 6).
func queryValue(r *http.Request, name string) (string, bool) {
	for k, vs := range r.URL.Query() {
		if strings.EqualFold(k, name) && len(vs) > 0 {
			return vs[0], true
		}
	}
	return "", false
}

// queryBool parses a boolean query parameter; absent means false. Both
// "true" and Python's "True" are accepted (lifetime-rest-api.md §1.2).
func queryBool(r *http.Request, name string) (bool, error) {
	v, ok := queryValue(r, name)
	if !ok || v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(strings.ToLower(v))
	if err != nil {
		return false, fmt.Errorf("query parameter %s: %q is not a boolean", name, v)
	}
	return b, nil
}

// queryInt parses an integer query parameter, returning def when absent.
func queryInt(r *http.Request, name string, def int) (int, error) {
	v, ok := queryValue(r, name)
	if !ok || v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("query parameter %s: %q is not an integer", name, v)
	}
	return n, nil
}

// unsetDate is how the real server writes a date that is not set
// (lifetime-rest-api.md §0 item 7: "StartedOn":"1900-01-01T00:00:00").
const unsetDate = "1900-01-01T00:00:00"

// wireTime is a time.Time written as the real server writes dates: UTC,
// RFC 3339 with 0-7 fractional digits, or 1900-01-01T00:00:00 when unset.
type wireTime time.Time

// MarshalJSON implements json.Marshaler.
func (t wireTime) MarshalJSON() ([]byte, error) {
	return []byte(`"` + formatTime(time.Time(t)) + `"`), nil
}

// formatTime formats t as the real server does.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return unsetDate
	}
	return t.UTC().Format(time.RFC3339Nano)
}
