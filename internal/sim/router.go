package sim

import (
	"net/http"
	"strings"
)

// apiBase is the base path of the LifeTime REST API v2
// (lifetime-rest-api.md §1.4).
const apiBase = "/lifetimeapi/rest/v2"

// route is one REST operation of the LifeTime API.
type route struct {
	// Pattern is "METHOD /path" relative to apiBase, as in the swagger but
	// without the trailing slash; both forms are served (the real server
	// accepts both: lifetime-rest-api.md §0 item 1, §5.3 item 18).
	Pattern string
	// Op is the swagger operationId, used for counters and fault matching.
	Op string
	// Perm is the permission the token needs (403 otherwise).
	Perm Permission
	// Since is the first LifeTime version with the operation ("" = always).
	// On older consoles the route answers NotFoundStatus.
	Since string
	// NotFoundStatus is the status on consoles older than Since (default 404;
	// the solution endpoints document 405 "The requested resource does not
	// exist", lifetime-rest-api.md §2.2).
	NotFoundStatus int
	// RawToken accepts "Authorization: <token>" without "Bearer " (the
	// download links: outsystems-pipeline sends the raw token, §1.2).
	RawToken bool
	// Handler runs with s.mu held and the state ticked to the current time,
	// after authentication; it gets the caller's account from accountOf.
	Handler func(w http.ResponseWriter, r *http.Request, a *ServiceAccount)
}

// newMux builds the router: every REST route of every area, LifeTime
// Services, the LifeTime environment's Service Center, and a catch-all 404.
func (s *Sim) newMux() *http.ServeMux {
	mux := http.NewServeMux()
	s.register(mux, s.environmentRoutes())
	s.register(mux, s.applicationRoutes())
	s.register(mux, s.moduleRoutes())
	s.register(mux, s.deploymentRoutes())
	s.register(mux, s.downloadRoutes())
	s.register(mux, s.sourceCodeRoutes())
	s.register(mux, s.solutionRoutes())
	s.registerPeopleRoutes(mux)
	s.registerLTServicesRoutes(mux)
	s.registerServiceCenterRoutes(mux)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "The requested resource does not exist.")
	})
	return mux
}

// register adds REST routes to mux, each with and without a trailing slash.
func (s *Sim) register(mux *http.ServeMux, routes []route) {
	for _, rt := range routes {
		method, path, ok := strings.Cut(rt.Pattern, " ")
		if !ok {
			continue // every table entry has a method; tests serve each route
		}
		path = strings.TrimSuffix(path, "/")
		h := s.restHandler(rt)
		for _, p := range []string{method + " " + apiBase + path, method + " " + apiBase + path + "/{$}"} {
			mux.HandleFunc(p, h)
			s.ops[p] = rt.Op
		}
	}
}

// restHandler wraps a route with version gating, authentication and locking.
func (s *Sim) restHandler(rt route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.tick()
		if rt.Since != "" && !versionAtLeast(s.consoleVersion, rt.Since) {
			status := rt.NotFoundStatus
			if status == 0 {
				status = http.StatusNotFound
			}
			writeError(w, status, "The requested resource does not exist.")
			return
		}
		a, status := s.authenticate(r, rt.RawToken)
		if status != 0 {
			writeError(w, status, "Invalid authentication token.")
			return
		}
		if !a.can(rt.Perm) {
			writeErrorf(w, http.StatusForbidden, "Service account %s doesn't have permissions to execute %s.", a.Username, rt.Op)
			return
		}
		rt.Handler(w, r, a)
	}
}

// authenticate finds the service account of r's token. The LifeTime API v2
// only accepts service-account tokens as "Authorization: Bearer <token>"
// (lifetime-rest-api.md §1.1); a missing, unknown or expired token gets 401
// with the Exception body. It returns a non-zero status on failure.
// Callers hold s.mu.
func (s *Sim) authenticate(r *http.Request, allowRaw bool) (*ServiceAccount, int) {
	h := strings.TrimSpace(r.Header.Get("Authorization"))
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok {
		if !allowRaw {
			return nil, http.StatusUnauthorized
		}
		token = h
	}
	token = strings.TrimSpace(token)
	if token == "" {
		return nil, http.StatusUnauthorized
	}
	a := s.accountByToken(token)
	if a == nil {
		return nil, http.StatusUnauthorized
	}
	if !a.ExpiresAt.IsZero() && !s.now().Before(a.ExpiresAt) {
		return nil, http.StatusUnauthorized
	}
	return a, 0
}

// accountByToken returns the service account with token, or nil.
func (s *Sim) accountByToken(token string) *ServiceAccount {
	for _, a := range s.accounts {
		if a.Token == token {
			return a
		}
	}
	return nil
}

// can reports whether the account has permission p ("" always passes).
func (a *ServiceAccount) can(p Permission) bool {
	if p == "" || len(a.Permissions) == 0 {
		return true
	}
	for _, q := range a.Permissions {
		if q == p {
			return true
		}
	}
	return false
}
