package card

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// TestDrawWord draws random words of levels over random words of the
// image, by both rules of where marks meet, a word at a time and a byte at
// a time: the results are the same, and the word is drawn at a time
// whenever no byte has a level above 0 of the pen's pair.
func TestDrawWord(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pens := len(pairs())
	fast := 0
	for range 200000 {
		pen := uint8(rng.IntN(pens) * levels)
		var d, m [8]byte
		for i := range 8 {
			switch rng.IntN(4) {
			case 0:
				d[i] = 0 // paper
			case 1:
				d[i] = pen + uint8(rng.IntN(levels)) // the pen's pair
			default:
				d[i] = uint8(rng.IntN(pens * levels))
			}
			if rng.IntN(3) > 0 {
				m[i] = uint8(rng.IntN(levels))
			}
		}
		could := true
		for _, b := range d {
			if b-pen >= 1 && b-pen < levels {
				could = false
			}
		}
		w, ok := drawWord(binary.LittleEndian.Uint64(d[:]), binary.LittleEndian.Uint64(m[:]), pen)
		if ok != could {
			t.Fatalf("drawWord(% x, % x, %d): ok %v, want %v", d, m, pen, ok, could)
		}
		if !ok {
			continue
		}
		fast++
		for _, draw := range []func(dst, src []byte, pen uint8){addBytes, maxBytes} {
			want := d
			draw(want[:], m[:], pen)
			if got := binary.LittleEndian.Uint64(want[:]); got != w {
				t.Fatalf("drawWord(% x, % x, %d) = %016x, want % x", d, m, pen, w, want)
			}
		}
	}
	if fast == 0 {
		t.Fatal("no word was drawn at a time")
	}
}
