package lifetime

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// errNoKey is wrapped when a create answer holds no key.
var errNoKey = errors.New("no key in the answer")

// parseKey reads the key a create operation answers with. LifeTime sends it
// as plain text (the swagger's text/plain, e.g. POST /deployments/), as a
// quoted JSON string, or as a JSON object such as {"DeploymentKey":"..."}
// or {"Key":"..."} (see lifetime-rest-api notes §1.3; outsystems-pipeline
// lifetime_base.py tries JSON first and falls back to the raw text).
// An answer that does not look like a key (see looksLikeKey: invalid UTF-8,
// control characters, spaces, markup) is an error wrapping errNoKey, which
// the callers report as ErrUnexpectedResponse.
func parseKey(body []byte) (string, error) {
	b := bytes.TrimSpace(body)
	if len(b) == 0 {
		return "", errNoKey
	}
	var key string
	switch b[0] {
	case '"':
		if err := json.Unmarshal(b, &key); err != nil {
			return "", fmt.Errorf("key as JSON string: %w", err)
		}
	case '{':
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(b, &obj); err != nil {
			return "", fmt.Errorf("key as JSON object: %w", err)
		}
		k, err := keyFromObject(obj)
		if err != nil {
			return "", err
		}
		key = k
	default:
		key = string(b)
	}
	key = strings.TrimSpace(key)
	if key == "" {
		return "", errNoKey
	}
	if !looksLikeKey(key) {
		return "", fmt.Errorf("%w: the answer %q does not look like a key", errNoKey, truncate(key, 60))
	}
	return key, nil
}

// looksLikeKey reports whether key can be a LifeTime key (a GUID in
// practice): at most 200 bytes of valid UTF-8, printable, no spaces, no
// control characters, no U+FFFD (what decoding invalid UTF-8 in a JSON
// string yields) and none of the characters of markup or JSON.
func looksLikeKey(key string) bool {
	if len(key) > 200 || !utf8.ValidString(key) {
		return false
	}
	return strings.IndexFunc(key, func(r rune) bool {
		return r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) || !unicode.IsPrint(r) ||
			strings.ContainsRune(`"<>{}[]`, r)
	}) < 0
}

// keyFromObject picks "Key" (any casing), else the only string field whose
// name ends with "key".
func keyFromObject(obj map[string]json.RawMessage) (string, error) {
	var candidates []string
	for name, raw := range obj {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			continue
		}
		lower := strings.ToLower(name)
		if lower == "key" {
			return s, nil
		}
		if strings.HasSuffix(lower, "key") {
			candidates = append(candidates, s)
		}
	}
	if len(candidates) == 1 {
		return candidates[0], nil
	}
	return "", fmt.Errorf("%w: object with %d fields named *Key", errNoKey, len(candidates))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
