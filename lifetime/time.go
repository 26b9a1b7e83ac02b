package lifetime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// notSetWire is LifeTime's "not set" date, sent without a zone.
const notSetWire = "1900-01-01T00:00:00"

// wireLayout is how Time is marshalled: UTC with up to 7 fractional digits.
const wireLayout = "2006-01-02T15:04:05.9999999Z07:00"

// notSetLimit: any instant up to the end of 1900-01-01 reads as "not set".
var notSetLimit = time.Date(1900, 1, 2, 0, 0, 0, 0, time.UTC)

// Time is a LifeTime date-time. LifeTime sends RFC 3339 values with 0 to 7
// fractional digits, with or without a zone (without one, UTC is assumed),
// and "1900-01-01T00:00:00" for "not set", which reads as the zero Time
// (IsZero true, IsSet false). JSON null and "" also read as not set.
type Time struct {
	time.Time
}

// IsSet reports whether the value holds a real date.
func (t Time) IsSet() bool { return !t.IsZero() }

// UnmarshalJSON reads a LifeTime date-time.
func (t *Time) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		t.Time = time.Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("lifetime: date-time %s is not a string: %w", truncate(string(b), 40), err)
	}
	v, err := ParseTime(s)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// MarshalJSON writes the wire format: "1900-01-01T00:00:00" when not set,
// else RFC 3339 in UTC with up to 7 fractional digits.
func (t Time) MarshalJSON() ([]byte, error) {
	return json.Marshal(t.String())
}

// String returns the wire format (see MarshalJSON).
func (t Time) String() string {
	if !t.IsSet() {
		return notSetWire
	}
	return t.UTC().Format(wireLayout)
}

// ParseTime parses a LifeTime date-time (see [Time]).
func ParseTime(s string) (Time, error) {
	if s == "" || s == notSetWire {
		return Time{}, nil
	}
	var (
		v   time.Time
		err error
	)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.9999999", "2006-01-02"} {
		if v, err = time.Parse(layout, s); err == nil {
			break
		}
	}
	if err != nil {
		return Time{}, fmt.Errorf("lifetime: cannot read date-time %q: want RFC 3339 or %s", truncate(s, 40), notSetWire)
	}
	if v.Before(notSetLimit) {
		return Time{}, nil
	}
	return Time{Time: v}, nil
}
