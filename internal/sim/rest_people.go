package sim

import "net/http"

func (s *Sim) registerPeopleRoutes(mux *http.ServeMux) {}
