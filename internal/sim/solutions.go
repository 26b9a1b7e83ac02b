package sim

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Solutions (LifeTime >= 11.22.0): a temporary solution of applications is
// built over time and downloaded as an .osp (lifetime-rest-api.md §2.2).
// Where the swagger declares arrays, the real server answers single objects
// ({"Status","StatusReason"} and {"url","expires"}), as the docs example and
// outsystems-pipeline show (§2.2 "Schema mismatch", §5.3 item 5); the
// simulator follows the real server. Older consoles answer 405 "The requested
// resource does not exist" (documented for these endpoints).

// solution is a temporary solution being built.
type solution struct {
	key     string
	envKey  string
	name    string
	appKeys []string
	started time.Time
}

// solutionStages returns the statuses a solution goes through, evenly over
// Options.SolutionDuration (lifetime-rest-api.md §2.2 "Status values").
func solutionStages() []string {
	return []string{"Created", "Ready", "Gathering Dependencies", "Getting Binaries", "Generating Meta Model", "Generating Solution", "Completed"}
}

func (s *Sim) solutionRoutes() []route {
	return []route{
		{Pattern: "POST /environments/{EnvironmentKey}/solution", Op: "Environments_SolutionCreate", Perm: PermSourceCode, Since: "11.22.0", NotFoundStatus: http.StatusMethodNotAllowed, Handler: s.createSolution},
		{Pattern: "GET /environments/{EnvironmentKey}/solutionstatus/{SolutionKey}", Op: "Environments_SolutionStatus", Perm: PermSourceCode, Since: "11.22.0", NotFoundStatus: http.StatusMethodNotAllowed, Handler: s.solutionStatus},
		{Pattern: "GET /environments/{EnvironmentKey}/solution/{SolutionKey}", Op: "Environments_SolutionDownload", Perm: PermSourceCode, Since: "11.22.0", NotFoundStatus: http.StatusMethodNotAllowed, Handler: s.downloadSolution},
	}
}

// stage returns the solution's current status.
func (s *Sim) stage(sol *solution) string {
	stages := solutionStages()
	elapsed := s.now().Sub(sol.started)
	n := len(stages) - 1
	i := int(elapsed * time.Duration(n) / s.opts.SolutionDuration)
	return stages[min(max(i, 0), n)]
}

// createSolution answers 200 with the solution key as text
// (lifetime-rest-api.md §2.2: "returns 200 and the solution key (text)").
func (s *Sim) createSolution(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	key := r.PathValue("EnvironmentKey")
	e := s.env(key)
	if e == nil {
		writeErrorf(w, http.StatusNotFound, "No environment with key %s was found.", key)
		return
	}
	var in struct {
		SolutionName      string
		ApplicationKeys   []string
		IncludeReferences *bool
	}
	if err := decodeJSON(r, &in); err != nil {
		writeErrorf(w, http.StatusBadRequest, "Invalid request due to invalid input paramenters: %v.", err)
		return
	}
	if len(in.ApplicationKeys) == 0 {
		writeError(w, http.StatusBadRequest, "Invalid request due to invalid input paramenters: ApplicationKeys is empty.")
		return
	}
	var apps []string
	for _, k := range in.ApplicationKeys {
		a := s.app(k)
		if a == nil || s.running[e.Key+"/"+a.Key] == nil {
			writeErrorf(w, http.StatusBadRequest, "Invalid request due to invalid input paramenters: application %s does not run in %s.", k, e.Name)
			return
		}
		apps = append(apps, a.Key)
	}
	name := in.SolutionName
	if name == "" {
		name = "Solution"
	}
	sol := &solution{key: s.newKey(), envKey: e.Key, name: name, appKeys: apps, started: s.now()}
	s.solutions[sol.key] = sol
	writeText(w, http.StatusOK, sol.key)
}

// pathSolution resolves {EnvironmentKey} and {SolutionKey}. Callers hold s.mu.
func (s *Sim) pathSolution(w http.ResponseWriter, r *http.Request) *solution {
	ek := r.PathValue("EnvironmentKey")
	e := s.env(ek)
	if e == nil {
		writeErrorf(w, http.StatusNotFound, "No environment with key %s was found.", ek)
		return nil
	}
	sol := s.solutions[strings.ToLower(r.PathValue("SolutionKey"))]
	if sol == nil || sol.envKey != e.Key {
		writeErrorf(w, http.StatusBadRequest, "Invalid request due to invalid input paramenters: solution %s not found.", r.PathValue("SolutionKey"))
		return nil
	}
	return sol
}

func (s *Sim) solutionStatus(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	if sol := s.pathSolution(w, r); sol != nil {
		writeJSON(w, http.StatusOK, struct{ Status, StatusReason string }{s.stage(sol), ""})
	}
}

// downloadSolution answers the link once Completed, 400 before (docs).
func (s *Sim) downloadSolution(w http.ResponseWriter, r *http.Request, _ *ServiceAccount) {
	sol := s.pathSolution(w, r)
	if sol == nil {
		return
	}
	if st := s.stage(sol); st != "Completed" {
		writeErrorf(w, http.StatusBadRequest, "Invalid request due to invalid input paramenters: solution %s is %s, not Completed.", sol.key, st)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "OUTSYSTEMS-SIM-OSP 1\nsolution=%s\n", sol.name)
	for _, k := range sol.appKeys {
		fmt.Fprintf(&b, "application=%s\n", k)
	}
	s.writeDownloadLink(w, r, http.StatusOK, sol.name+".osp", "application/octet-stream", []byte(b.String()))
}
