package sim

func (s *Sim) moduleRoutes() []route { return nil }
