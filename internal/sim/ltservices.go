package sim

import "net/http"

// registerLTServicesRoutes serves the LifeTime Services API (SOAP) under
// /LifeTimeServices/<Service>.asmx; see ltservices_server.go.
func (s *Sim) registerLTServicesRoutes(mux *http.ServeMux) {
	mux.HandleFunc("/LifeTimeServices/", s.serveLTServices(s.ltsServices()))
}
