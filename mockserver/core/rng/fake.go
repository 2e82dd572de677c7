package rng

import (
	"encoding/hex"
	mathrand "math/rand"
)

// Fake draws numbers and UUIDs exactly as gofakeit v6 did over the same
// source (its Number, Uint8 and UUID, which Anor Bank's ids, tokens and
// signatures came from): the same math/rand generator over s, consumed
// the same way, so every seeded value and every stream position a snapshot
// keeps are unchanged. gofakeit itself is no longer linked into the binary:
// its package init (data tables, 0.4 MB) cost every start about 4 ms of
// CPU (issue 15). TestFakeDrawsAsGofakeit compares the two.
type Fake struct{ r *mathrand.Rand }

// NewFake draws from s.
func NewFake(s *Source) *Fake { return &Fake{r: mathrand.New(s)} }

// Number returns an int in [min, max] (gofakeit's Number; min > max swap).
func (f *Fake) Number(min, max int) int {
	if min == max {
		return min
	}
	if min > max {
		min, max = max, min
	}
	if max-min+1 > 0 {
		return min + int(f.r.Int63n(int64(max-min+1)))
	}
	for { // the span overflows int: draw until one falls inside
		if v := int(f.r.Uint64()); v >= min && v <= max {
			return v
		}
	}
}

// Uint8 returns a random byte (gofakeit's Uint8).
func (f *Fake) Uint8() uint8 { return uint8(f.r.Intn(256)) }

// UUID returns a version 4 UUID in its 36-character form (gofakeit's UUID:
// each byte drawn with Intn(256)).
func (f *Fake) UUID() string {
	var u [16]byte
	for i := range u {
		u[i] = byte(f.r.Intn(256))
	}
	u[6] = u[6]&0x0f | 4<<4 // version 4
	u[8] = u[8]&0xbf | 0x80 // variant
	buf := make([]byte, 36)
	hex.Encode(buf[0:8], u[0:4])
	buf[8] = '-'
	hex.Encode(buf[9:13], u[4:6])
	buf[13] = '-'
	hex.Encode(buf[14:18], u[6:8])
	buf[18] = '-'
	hex.Encode(buf[19:23], u[8:10])
	buf[23] = '-'
	hex.Encode(buf[24:], u[10:])
	return string(buf)
}
