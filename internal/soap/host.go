package soap

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ErrInsecureHTTP is wrapped by the error of [BaseURL] for an http:// URL
// when plain HTTP was not allowed.
var ErrInsecureHTTP = errors.New("plain http:// needs an explicit opt-in")

// BaseURL parses the host of an environment as a user gives it: "host",
// "host:port", "https://host" or, when allowHTTP, "http://host". A path is
// accepted only when it is empty, "/" or "/<module>" (e.g. "/ServiceCenter",
// any case). The result has scheme and host only.
func BaseURL(host string, allowHTTP bool, module string) (*url.URL, error) {
	h := strings.TrimSpace(host)
	if h == "" {
		return nil, errors.New("empty host")
	}
	if !strings.Contains(h, "://") {
		h = "https://" + h
	}
	u, err := url.Parse(h)
	if err != nil {
		// url.Error quotes the whole URL, user information included: keep
		// only the reason.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("parsing the host: %w", err)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !allowHTTP {
			return nil, fmt.Errorf("%q: %w", u.Redacted(), ErrInsecureHTTP)
		}
	default:
		return nil, fmt.Errorf("%q: scheme %q is not http or https", u.Redacted(), u.Scheme)
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("%q: no host", u.Redacted())
	}
	if u.User != nil {
		return nil, fmt.Errorf("%q: user information in the URL is not supported; use the credentials option", u.Redacted())
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q: query or fragment not allowed", u.Redacted())
	}
	p := strings.TrimSuffix(u.Path, "/")
	if p != "" && !strings.EqualFold(p, "/"+module) {
		return nil, fmt.Errorf("%q: unexpected path %q (give the environment host)", u.Redacted(), u.Path)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}

// Endpoint returns base + "/<module>/<service>.asmx".
func Endpoint(base *url.URL, module, service string) string {
	u := *base
	u.Path = "/" + module + "/" + service + ".asmx"
	return u.String()
}
