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
	for i := 0; i < 16; i += 8 {
		v := s.rng.Uint64()
		for j := 0; j < 8; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	h := hex.EncodeToString(b[:])
	return fmt.Sprintf("%s-%s-%s-%s-%s", h[0:8], h[8:12], h[12:16], h[16:20], h[20:32])
}

// newToken returns a random opaque token (service-account style). Callers
// hold s.mu.
func (s *Sim) newToken() string {
	var b [32]byte
	for i := 0; i < 32; i += 8 {
		v := s.rng.Uint64()
		for j := 0; j < 8; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// newHash returns a short random hash like the GeneralHash of module versions.
func (s *Sim) newHash() string {
	var b [16]byte
	v1, v2 := s.rng.Uint64(), s.rng.Uint64()
	for j := 0; j < 8; j++ {
		b[j] = byte(v1 >> (8 * j))
		b[8+j] = byte(v2 >> (8 * j))
	}
	return base64.RawStdEncoding.EncodeToString(b[:])
}
