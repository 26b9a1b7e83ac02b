package sim

func (s *Sim) downloadRoutes() []route { return nil }
