package transport

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"strings"
)

// RetryableStatus reports whether an answer with this HTTP status may be
// retried for a call that is safe to repeat: 408, 429, 502, 503 and 504.
func RetryableStatus(code int) bool {
	switch code {
	case http.StatusRequestTimeout, http.StatusTooManyRequests,
		http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryableError reports whether a transport error (the parent context
// still alive) is worth another attempt: connection failures, resets and
// per-attempt timeouts are; unknown hosts, certificate failures and refused
// redirects are not.
func retryableError(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrRedirectRefused) {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	var (
		unknownAuthority x509.UnknownAuthorityError
		hostname         x509.HostnameError
		invalid          x509.CertificateInvalidError
		verify           *tls.CertificateVerificationError
		recordHeader     tls.RecordHeaderError
	)
	if errors.As(err, &unknownAuthority) || errors.As(err, &hostname) ||
		errors.As(err, &invalid) || errors.As(err, &verify) || errors.As(err, &recordHeader) {
		return false
	}
	// Configuration mistakes net/http reports only as text: repeating the
	// request cannot help.
	msg := err.Error()
	for _, s := range permanentMessages {
		if strings.Contains(msg, s) {
			return false
		}
	}
	return true
}

// permanentMessages are net/http error texts of requests that cannot
// succeed on a retry.
var permanentMessages = []string{
	"unsupported protocol scheme",
	"server gave HTTP response to HTTPS client",
	"stopped after 10 redirects",
}
