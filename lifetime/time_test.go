package lifetime

import (
	"encoding/json"
	"testing"
	"time"
)

func TestTimeUnmarshal(t *testing.T) {
	tests := []struct {
		in    string
		want  time.Time
		isSet bool
	}{
		{`"1900-01-01T00:00:00"`, time.Time{}, false},
		{`"1900-01-01T00:00:00Z"`, time.Time{}, false},
		{`"1900-01-01T00:00:00.000"`, time.Time{}, false},
		{`null`, time.Time{}, false},
		{`""`, time.Time{}, false},
		{`"2018-10-10T15:02:09Z"`, time.Date(2018, 10, 10, 15, 2, 9, 0, time.UTC), true},
		{`"2018-10-10T15:36:38.26Z"`, time.Date(2018, 10, 10, 15, 36, 38, 260000000, time.UTC), true},
		{`"2023-02-01T15:53:53.6371234Z"`, time.Date(2023, 2, 1, 15, 53, 53, 637123400, time.UTC), true},
		{`"2023-02-01T15:53:53.6371234"`, time.Date(2023, 2, 1, 15, 53, 53, 637123400, time.UTC), true},
		{`"2023-02-01T15:53:53"`, time.Date(2023, 2, 1, 15, 53, 53, 0, time.UTC), true},
		{`"2023-02-01T16:53:53.5+01:00"`, time.Date(2023, 2, 1, 15, 53, 53, 500000000, time.UTC), true},
	}
	for _, tt := range tests {
		var got Time
		if err := json.Unmarshal([]byte(tt.in), &got); err != nil {
			t.Errorf("Unmarshal(%s): %v", tt.in, err)
			continue
		}
		if !got.Equal(tt.want) || got.IsSet() != tt.isSet {
			t.Errorf("Unmarshal(%s) = %v (set %v), want %v (set %v)", tt.in, got.Time, got.IsSet(), tt.want, tt.isSet)
		}
	}
	for _, bad := range []string{`"yesterday"`, `12`, `"2023-13-01T00:00:00Z"`} {
		var got Time
		if err := json.Unmarshal([]byte(bad), &got); err == nil {
			t.Errorf("Unmarshal(%s) accepted", bad)
		}
	}
}

func TestTimeRoundTrip(t *testing.T) {
	for _, in := range []string{
		`"1900-01-01T00:00:00"`,
		`"2018-10-10T15:02:09Z"`,
		`"2018-10-10T15:36:38.26Z"`,
		`"2023-02-01T15:53:53.6371234Z"`,
	} {
		var v Time
		if err := json.Unmarshal([]byte(in), &v); err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != in {
			t.Errorf("round trip %s -> %s", in, out)
		}
	}
	// Without a zone: read as UTC, written with Z, and reads back equal.
	var v, back Time
	_ = json.Unmarshal([]byte(`"2023-02-01T15:53:53.12"`), &v)
	out, _ := json.Marshal(v)
	if string(out) != `"2023-02-01T15:53:53.12Z"` {
		t.Errorf("no-zone marshal = %s", out)
	}
	_ = json.Unmarshal(out, &back)
	if !back.Equal(v.Time) {
		t.Errorf("no-zone round trip %v != %v", back, v)
	}
	// In a struct with the zero value.
	b, _ := json.Marshal(struct{ StartedOn Time }{})
	if string(b) != `{"StartedOn":"1900-01-01T00:00:00"}` {
		t.Errorf("zero in struct = %s", b)
	}
}
