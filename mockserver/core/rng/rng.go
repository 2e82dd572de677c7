// Package rng is the seeded random source every provider domain draws its
// ids, tokens and codes from. Its position is part of a snapshot: a Source
// marshals to its PCG state, so a restored namespace continues exactly where
// it stopped and never issues an id or code twice, with nothing replayed.
// Standard library only.
package rng

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
)

// Source is a PCG source seeded per namespace and per stream (one stream per
// provider and purpose, so adding a draw in one never shifts another). It
// also serves math/rand's Source64 (Fake draws through it). Not safe for
// concurrent use: its owner's lock guards it, as it guards the state the
// draws go into.
type Source struct{ pcg *rand.PCG }

// New seeds a source: seed is the namespace seed, stream names the purpose
// (a constant per provider and use).
func New(seed int64, stream uint64) *Source {
	return &Source{pcg: rand.NewPCG(uint64(seed), stream)}
}

// Uint64 draws 64 random bits.
func (s *Source) Uint64() uint64 { return s.pcg.Uint64() }

// Int63 draws a non-negative int64 (math/rand.Source).
func (s *Source) Int63() int64 { return int64(s.pcg.Uint64() >> 1) }

// Seed re-seeds the stream (math/rand.Source); the stream constant stays.
func (s *Source) Seed(seed int64) { s.pcg.Seed(uint64(seed), 0) }

// Rand is a math/rand/v2 generator drawing from s.
func (s *Source) Rand() *rand.Rand { return rand.New(s) }

// Digits returns n random decimal digits.
func (s *Source) Digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + s.pcg.Uint64()%10)
	}
	return string(b)
}

// MarshalJSON writes the stream's position as hex text.
func (s *Source) MarshalJSON() ([]byte, error) {
	b, err := s.pcg.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return json.Marshal(hex.EncodeToString(b))
}

// UnmarshalJSON restores a position written by MarshalJSON.
func (s *Source) UnmarshalJSON(data []byte) error {
	var text string
	if err := json.Unmarshal(data, &text); err != nil {
		return fmt.Errorf("rng: position is not a string: %w", err)
	}
	b, err := hex.DecodeString(text)
	if err != nil {
		return fmt.Errorf("rng: position is not hex: %w", err)
	}
	if s.pcg == nil {
		s.pcg = &rand.PCG{}
	}
	if err := s.pcg.UnmarshalBinary(b); err != nil {
		return fmt.Errorf("rng: %w", err)
	}
	return nil
}

// Rekey moves the stream to a new key derived from its position and epoch
// (core.IDSkipper): after a crash, a snapshot's position may predate draws
// already answered; re-keyed, the stream does not draw them again. The
// same position and epoch give the same stream, so a run stays
// reproducible from its state file.
func (s *Source) Rekey(epoch uint64) {
	hi, lo := s.pcg.Uint64(), s.pcg.Uint64()
	s.pcg.Seed(hi^mix(epoch), lo^mix(^epoch))
}

// mix is SplitMix64's finaliser: nearby epochs give unrelated keys.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}
