package sim

func (s *Sim) applicationRoutes() []route { return nil }
