package sim

func (s *Sim) environmentRoutes() []route { return nil }
