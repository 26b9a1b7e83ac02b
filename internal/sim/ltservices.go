package sim

import "net/http"

func (s *Sim) registerLTServicesRoutes(mux *http.ServeMux) {}
