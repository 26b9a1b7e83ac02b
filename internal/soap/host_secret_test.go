package soap

import (
	"strings"
	"testing"
)

// TestBaseURLErrorsHideUserInformation checks that no error of BaseURL
// quotes a password given in the URL.
func TestBaseURLErrorsHideUserInformation(t *testing.T) {
	for _, host := range []string{
		"https://svc:s3cret@host/%zz",           // unparsable
		"https://svc:s3cret@host",               // user information
		"ftp://svc:s3cret@host",                 // scheme
		"http://svc:s3cret@host",                // plain http
		"https://svc:s3cret@host/Other/path/",   // path
		"https://svc:s3cret@host/?q=1",          // query
		"https://svc:s3cret@:443/ServiceCenter", // no host
	} {
		_, err := BaseURL(host, false, "ServiceCenter")
		if err == nil {
			t.Errorf("BaseURL(%q) accepted", host)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("BaseURL error quotes the password: %v", err)
		}
	}
}
