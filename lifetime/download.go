package lifetime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// DownloadLink is a temporary link to a binary (application package,
// source code, solution) that LifeTime serves under /downloads/{key}. It
// expires after 60 minutes. Fetch it with [Client.Download].
type DownloadLink struct {
	// URL is the absolute link.
	URL string `json:"url"`
	// Expires is when the link stops working.
	Expires Time `json:"expires"`
}

// Download writes the bytes behind a download link (a [DownloadLink] URL,
// absolute) to w and returns how many were written. The endpoint is not in
// the swagger. The link must point at the client's LifeTime host: the
// token is never sent anywhere else.
//
// The token is sent first without the "Bearer " prefix, as OutSystems'
// outsystems-pipeline has done since 2019 (file_helpers/file.py and
// lifetime_base.send_download_request in
// https://github.com/OutSystems/outsystems-pipeline); on 401 or 403 the
// request is repeated once with "Bearer ". Errors after bytes were written
// leave w partially written.
func (c *Client) Download(ctx context.Context, link string, w io.Writer) (int64, *Response, error) {
	if w == nil {
		return 0, nil, fmt.Errorf("%w: nil writer", ErrInvalidArgument)
	}
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || !u.IsAbs() || u.Host == "" {
		return 0, nil, fmt.Errorf("%w: download link is not an absolute URL", ErrInvalidArgument)
	}
	if !strings.EqualFold(u.Host, c.baseURL.Host) {
		return 0, nil, fmt.Errorf("%w: download link host %q is not the LifeTime host %q; the token is not sent there", ErrInvalidArgument, u.Host, c.baseURL.Host)
	}
	if u.Scheme != "https" && u.Scheme != c.baseURL.Scheme {
		return 0, nil, fmt.Errorf("%w: download link scheme %q", ErrInvalidArgument, u.Scheme)
	}
	var lastErr error
	for _, prefix := range []string{"", "Bearer "} {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return 0, nil, fmt.Errorf("%w: %w", ErrInvalidArgument, err)
		}
		req.Header.Set("Accept", "*/*")
		if c.token != "" {
			req.Header.Set("Authorization", prefix+c.token)
		}
		resp, err := c.send(req, "Downloads_Get")
		if err != nil {
			if c.token != "" && prefix == "" && (errors.Is(err, ErrUnauthorized) || errors.Is(err, ErrForbidden)) {
				lastErr = err
				continue
			}
			return 0, resp, err
		}
		n, err := io.Copy(w, resp.Body)
		resp.Body.Close()
		if err != nil {
			return n, resp, &OperationError{Operation: "Downloads_Get", Err: fmt.Errorf("copying the download: %w", err)}
		}
		return n, resp, nil
	}
	return 0, nil, lastErr
}
