package sim

func (s *Sim) deploymentRoutes() []route { return nil }
