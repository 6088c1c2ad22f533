package card

import (
	"bytes"
	"image"
	"image/png"
	"math/rand/v2"
	"testing"
)

// TestEncodeRoundTrip encodes images unlike cards as well as like them
// (blank; one colour; noise over every index; stripes of runs; scanlines
// that repeat the one above in part, whole, or twice) and decodes them
// with image/png, which checks the zlib checksum: every pixel comes back.
func TestEncodeRoundTrip(t *testing.T) {
	pal := palette(pairs())
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		name string
		fill func(x, y int) uint8
	}{
		{"blank", func(x, y int) uint8 { return 0 }},
		{"one colour", func(x, y int) uint8 { return 37 }},
		{"noise", func(x, y int) uint8 { return uint8(rng.IntN(len(pal))) }},
		{"skewed noise", func(x, y int) uint8 { return uint8(min(len(pal)-1, int(rng.ExpFloat64()*3))) }},
		{"runs", func(x, y int) uint8 { return uint8((x / (1 + y%300)) % len(pal)) }},
		{"rows in pairs", func(x, y int) uint8 { return uint8((x*7 + y/2*13) % 19) }},
		{"like the row above in part", func(x, y int) uint8 {
			if x%97 < 3 {
				return uint8(y % 5)
			}
			return uint8(x % 11)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img := image.NewPaletted(image.Rect(0, 0, Width, Height), pal)
			for y := range Height {
				for x := range Width {
					img.Pix[y*img.Stride+x] = tc.fill(x, y)
				}
			}
			var e encoder
			data := e.encode(newTables(), nil, nil, nil, img)
			got, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			p, ok := got.(*image.Paletted)
			if !ok || p.Bounds() != img.Bounds() || !bytes.Equal(p.Pix, img.Pix) || len(p.Palette) != len(pal) {
				t.Fatal("the decoded image differs")
			}
			for i := range pal {
				if p.Palette[i] != pal[i] {
					t.Fatalf("palette entry %d is %v, want %v", i, p.Palette[i], pal[i])
				}
			}
			// The encoder's buffers are reused: a second image encodes as
			// if alone.
			again := e.encode(newTables(), nil, nil, nil, img)
			if !bytes.Equal(again, data) {
				t.Error("a second encoding differs")
			}
		})
	}
}

// TestHuffmanLengths checks the code lengths of frequencies that need a
// code longer than the limit (Fibonacci numbers), of one symbol and of
// none: no length passes the limit, every symbol that occurs has a code,
// and the code is complete (Kraft's sum is 1).
func TestHuffmanLengths(t *testing.T) {
	fib := make([]int, 30)
	fib[0], fib[1] = 1, 1
	for i := 2; i < len(fib); i++ {
		fib[i] = fib[i-1] + fib[i-2]
	}
	for _, tc := range []struct {
		name  string
		freq  []int
		limit uint8
	}{
		{"fibonacci", fib, 15},
		{"fibonacci, limit 7", fib[:19], 7},
		{"one symbol", []int{0, 0, 5, 0}, 15},
		{"none", []int{0, 0, 0}, 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var h huffman
			lens := make([]uint8, len(tc.freq))
			h.lengths(tc.freq, tc.limit, lens)
			kraft, codes := 0.0, 0
			for s, l := range lens {
				if l > tc.limit {
					t.Errorf("symbol %d: length %d, limit %d", s, l, tc.limit)
				}
				if tc.freq[s] > 0 && l == 0 {
					t.Errorf("symbol %d occurs but has no code", s)
				}
				if l > 0 {
					kraft += 1 / float64(uint(1)<<l)
					codes++
				}
			}
			if kraft != 1 || codes < 2 {
				t.Errorf("Kraft's sum %v of %d codes (lengths %v), want 1 of at least 2", kraft, codes, lens)
			}
		})
	}
}
