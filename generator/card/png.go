package card

import (
	"encoding/binary"
	"hash/crc32"
	"image"
)

// A card is written as a PNG file by a small encoder of its own: a card is
// mostly runs of one colour, and the standard library's encoder spends
// most of a card's time searching for matches that a run-length coder
// finds at once. The pixels are compressed as one fixed-Huffman deflate
// block whose only matches repeat the previous byte (zlib's Z_RLE), with
// every scanline unfiltered. The output is a function of the pixels alone.

// fixedCode is the fixed Huffman code of each literal/length symbol
// (RFC 1951, 3.2.6), bit-reversed for writing from the low bit first.
type code struct {
	bits uint32
	n    uint8
}

// lengthCode is, for each match length 3 to 258, its symbol's code
// followed by its extra bits, and then the code of distance 1.
type tables struct {
	lit    [286]code
	length [259]code
}

func reverse(v uint32, n uint8) uint32 {
	var r uint32
	for range n {
		r = r<<1 | v&1
		v >>= 1
	}
	return r
}

func newTables() *tables {
	t := &tables{}
	for s := range 286 {
		var c code
		switch {
		case s < 144:
			c = code{uint32(0x30 + s), 8}
		case s < 256:
			c = code{uint32(0x190 + s - 144), 9}
		case s < 280:
			c = code{uint32(s - 256), 7}
		default:
			c = code{uint32(0xc0 + s - 280), 8}
		}
		t.lit[s] = code{reverse(c.bits, c.n), c.n}
	}
	// The symbols 257 to 285: the first length of each and its extra bits.
	base := [29]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	extra := [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	for i := 28; i >= 0; i-- {
		end := 259
		if i < 28 {
			end = base[i+1]
		}
		if i == 27 {
			end = 258 // 258 has a symbol of its own
		}
		for l := base[i]; l < end; l++ {
			c := t.lit[257+i]
			bits := c.bits | uint32(l-base[i])<<c.n
			n := c.n + extra[i]
			// Distance 1 is distance code 0: five zero bits.
			t.length[l] = code{bits, n + 5}
		}
	}
	return t
}

// bitWriter writes bits from the low bit first.
type bitWriter struct {
	out  []byte
	acc  uint64
	nacc uint8
}

func (w *bitWriter) write(c code) {
	w.acc |= uint64(c.bits) << w.nacc
	w.nacc += c.n
	for w.nacc >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
}

func (w *bitWriter) flush() {
	if w.nacc > 0 {
		w.out = append(w.out, byte(w.acc))
	}
	w.acc, w.nacc = 0, 0
}

// encode writes img as a PNG file, appending to out, with raw as scratch
// for the scanlines.
func (t *tables) encode(out, raw []byte, img *image.Paletted) ([]byte, []byte) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	raw = raw[:0]
	for y := range h {
		raw = append(raw, 0) // filter: none
		raw = append(raw, img.Pix[y*img.Stride:][:w]...)
	}

	out = append(out, "\x89PNG\r\n\x1a\n"...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 3 // 8 bits an index, paletted
	out = chunk(out, "IHDR", ihdr[:])
	pal := make([]byte, 0, 3*len(img.Palette))
	for _, c := range img.Palette {
		r, g, b, _ := c.RGBA()
		pal = append(pal, byte(r>>8), byte(g>>8), byte(b>>8))
	}
	out = chunk(out, "PLTE", pal)

	// IDAT: a zlib stream of one final fixed-Huffman block.
	start := len(out)
	out = append(out, 0, 0, 0, 0, 'I', 'D', 'A', 'T', 0x78, 0x01)
	bw := bitWriter{out: out}
	bw.write(code{1, 1}) // final block
	bw.write(code{1, 2}) // fixed Huffman codes
	sum := adler{s1: 1}  // the sum of nothing
	for i := 0; i < len(raw); {
		if i > 0 {
			v := raw[i-1]
			lim := min(258, len(raw)-i)
			n := 0
			for pat := uint64(v) * 0x0101010101010101; n+8 <= lim && binary.LittleEndian.Uint64(raw[i+n:]) == pat; n += 8 {
			}
			for n < lim && raw[i+n] == v {
				n++
			}
			if n >= 3 {
				bw.write(t.length[n])
				sum.run(v, n)
				i += n
				continue
			}
		}
		bw.write(t.lit[raw[i]])
		sum.run(raw[i], 1)
		i++
	}
	bw.write(t.lit[256]) // end of block
	bw.flush()
	out = binary.BigEndian.AppendUint32(bw.out, sum.sum())
	binary.BigEndian.PutUint32(out[start:], uint32(len(out)-start-8))
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start+4:]))
	return chunk(out, "IEND", nil), raw
}

// adler is the Adler-32 checksum of the scanlines (RFC 1950), summed a
// run at a time.
type adler struct{ s1, s2 uint64 }

// run adds n bytes of value v: s1 grows by v for each, s2 by each new s1.
func (a *adler) run(v byte, n int) {
	const mod = 65521
	m := uint64(n)
	a.s2 = (a.s2 + m*a.s1 + uint64(v)*m*(m+1)/2) % mod
	a.s1 = (a.s1 + m*uint64(v)) % mod
}

func (a *adler) sum() uint32 { return uint32(a.s2<<16 | a.s1) }

// chunk appends a PNG chunk.
func chunk(out []byte, kind string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, kind...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}
