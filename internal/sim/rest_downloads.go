package sim

import (
	"net/http"
	"strconv"
	"strings"
)

// downloadRoutes serve GET /downloads/{DownloadKey}, which is not in the
// swagger although the server hands out links to it (lifetime-rest-api.md
// §2.1). outsystems-pipeline authenticates it with the raw token, without
// "Bearer " (§1.2), so both forms are accepted.
func (s *Sim) downloadRoutes() []route {
	return []route{
		{Pattern: "GET /downloads/{DownloadKey}", Op: "Downloads_Get", Perm: PermSourceCode, RawToken: true, Handler: s.serveDownload},
	}
}

// serveDownload answers the bytes behind a link; 404 once the link expired
// (60 minutes of simulated time).
func (s *Sim) serveDownload(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	key := strings.ToLower(r.PathValue("DownloadKey"))
	d := s.downloads[key]
	if d == nil || !s.now().Before(d.expires) {
		writeError(w, http.StatusNotFound, "No environment or application found.")
		return
	}
	w.Header().Set("Content-Type", d.contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+d.fileName+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(d.content)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(d.content)
}
