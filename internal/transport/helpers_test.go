package transport

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestSanitizeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://lt.example.com/lifetimeapi/rest/v2/environments/", "https://lt.example.com/lifetimeapi/rest/v2/environments/"},
		{"https://user:pw@lt.example.com/x", "https://lt.example.com/x"},
		{"https://lt.example.com/x?Token=abc&MinDate=2024-01-01", "https://lt.example.com/x?MinDate=2024-01-01&Token=REDACTED"},
		{"https://lt.example.com/x?password=a&password=b", "https://lt.example.com/x?password=REDACTED&password=REDACTED"},
		{"https://lt.example.com/x?IncludeModules=true", "https://lt.example.com/x?IncludeModules=true"},
		{"https://lt.example.com/x?key=k1&API_KEY=s", "https://lt.example.com/x?API_KEY=REDACTED&key=k1"},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := SanitizeURL(u); got != tt.want {
			t.Errorf("SanitizeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if SanitizeURL(nil) != "" {
		t.Error("SanitizeURL(nil) not empty")
	}
}

func TestRedact(t *testing.T) {
	p, err := New(Config{Secrets: []string{"tok+en/value", "", "ab"}})
	if err != nil {
		t.Fatal(err)
	}
	in := "a tok+en/value and tok%2Ben%2Fvalue but ab stays"
	want := "a REDACTED and REDACTED but ab stays"
	if got := p.Redact(in); got != want {
		t.Errorf("Redact = %q, want %q", got, want)
	}
}

func TestReadBounded(t *testing.T) {
	b, err := ReadBounded(strings.NewReader("12345"), 5)
	if err != nil || string(b) != "12345" {
		t.Errorf("exact limit: %q, %v", b, err)
	}
	b, err = ReadBounded(strings.NewReader("123456"), 5)
	if !errors.Is(err, ErrBodyTooLarge) || string(b) != "12345" {
		t.Errorf("over limit: %q, %v", b, err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		value  string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"120", 2 * time.Minute, true},
		{" 3 ", 3 * time.Second, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"Monday, 02-Jan-26 03:05:05 GMT", time.Minute, true}, // RFC 850
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.value != "" {
			h.Set("Retry-After", tt.value)
		}
		got, ok := parseRetryAfter(h, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parseRetryAfter(%q) = %s, %v; want %s, %v", tt.value, got, ok, tt.want, tt.wantOK)
		}
	}
}
