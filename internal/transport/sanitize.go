package transport

import (
	"net/url"
	"strings"
)

// redacted replaces secrets and sensitive query values.
const redacted = "REDACTED"

// sensitiveQueryKeys are query parameter names (lower case) whose values
// SanitizeURL hides. A plain "key" is not among them: LifeTime's keys
// (EnvironmentKey, ApplicationKey, ...) identify objects and are no secret.
var sensitiveQueryKeys = map[string]bool{
	"token": true, "access_token": true, "auth": true, "authorization": true,
	"password": true, "pwd": true, "pass": true, "secret": true,
	"client_secret": true, "apikey": true, "api_key": true,
	"sig": true, "signature": true, "code": true,
}

// SanitizeURL returns u as a string without user information and with the
// values of sensitive query parameters (token, password, secret, signature
// and similar names, compared case-insensitively) replaced by "REDACTED".
// A nil URL gives "".
func SanitizeURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	c.User = nil
	if c.RawQuery != "" {
		q := c.Query()
		changed := false
		for k, vs := range q {
			if sensitiveQueryKeys[strings.ToLower(k)] {
				for i := range vs {
					vs[i] = redacted
				}
				changed = true
			}
		}
		if changed {
			c.RawQuery = q.Encode()
		}
	}
	return c.String()
}

// redactor replaces known secrets in strings.
type redactor struct {
	secrets []string
}

func newRedactor(secrets []string) redactor {
	var keep []string
	for _, s := range secrets {
		// Very short secrets would redact ordinary text; a real token or
		// password is longer than 3 characters.
		if len(s) > 3 {
			keep = append(keep, s)
			if e := url.QueryEscape(s); e != s {
				keep = append(keep, e)
			}
		}
	}
	return redactor{secrets: keep}
}

func (r redactor) redact(s string) string {
	for _, sec := range r.secrets {
		if strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, redacted)
		}
	}
	return s
}
