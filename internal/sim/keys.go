package sim

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
)

// newKey returns a random GUID from the simulator's seeded generator, so that
// the same seed produces the same keys. Callers hold s.mu.
func (s *Sim) newKey() string {
	var b [16]byte
	s.fill(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	h := hex.EncodeToString(b[:])
	return fmt.Sprintf("%s-%s-%s-%s-%s", h[0:8], h[8:12], h[12:16], h[16:20], h[20:32])
}

// newToken returns a random opaque token (service-account style). Callers
// hold s.mu.
func (s *Sim) newToken() string {
	var b [32]byte
	s.fill(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// newHash returns a short random hash like the GeneralHash of module versions.
func (s *Sim) newHash() string {
	var b [16]byte
	s.fill(b[:])
	return base64.RawStdEncoding.EncodeToString(b[:])
}

// fill fills b from the seeded generator, one draw per eight bytes (least
// significant byte first), so that the same seed gives the same bytes.
// Callers hold s.mu.
func (s *Sim) fill(b []byte) {
	for i := 0; i < len(b); i += 8 {
		v := s.rng.Uint64()
		for j := 0; j < 8 && i+j < len(b); j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
}
