package ltservices

import (
	"context"
	"time"
)

// Session tokens of Authentication_GetToken are valid for 5 minutes
// (soap-apis.md §3.3). The client renews a cached token once it is older
// than TokenLifetime - TokenRenewBefore.
const (
	TokenLifetime    = 5 * time.Minute
	TokenRenewBefore = time.Minute
)

// tokenCache holds one session token. One caller at a time fetches; the
// others wait for it or for their context.
type tokenCache struct {
	sem      chan struct{} // a one-slot lock that waiters can abandon
	token    string
	obtained time.Time
}

func newTokenCache() *tokenCache {
	return &tokenCache{sem: make(chan struct{}, 1)}
}

// get returns the cached token while it is fresh, else a new one from fetch.
func (t *tokenCache) get(ctx context.Context, fetch func(context.Context) (string, error)) (string, error) {
	select {
	case t.sem <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-t.sem }()
	if t.token != "" && time.Since(t.obtained) < TokenLifetime-TokenRenewBefore {
		return t.token, nil
	}
	obtained := time.Now()
	tok, err := fetch(ctx)
	if err != nil {
		return "", err
	}
	t.token, t.obtained = tok, obtained
	return tok, nil
}

// invalidate forgets tok if it is still the cached token.
func (t *tokenCache) invalidate(tok string) {
	t.sem <- struct{}{}
	defer func() { <-t.sem }()
	if t.token == tok {
		t.token = ""
	}
}
