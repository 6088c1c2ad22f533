package card

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"math/bits"
	"slices"
)

// A card is written as a PNG file by a small encoder of its own: a card is
// mostly runs of one colour, and the standard library's encoder spends
// most of a card's time searching for matches that a run-length coder
// finds at once. Every scanline is unfiltered, and the pixels are
// compressed as one deflate block with Huffman codes made for the card
// (RFC 1951, 3.2.7) whose only matches repeat the previous byte (zlib's
// Z_RLE) or the bytes of the scanline above: a card uses a few palette
// indices, so that a literal costs a few bits, and text repeats itself
// down the strokes of its glyphs. Matches end with their scanline, so that
// a scanline equal to the two above it takes the tokens of the one above,
// found once. The output is a function of the pixels alone.

// rowLen is the length of a scanline in the zlib stream: its filter byte,
// then its pixels. The pixels are read a word (8 bytes) at a time.
const rowLen = Width + 1

var _ = [1]struct{}{}[Width%8] // Width is a whole number of words

// A token is a literal byte (below 256), a run of the previous byte
// (isRun plus its length) or a copy of the bytes above (isUp plus its
// length): the index of its code in a table of [numTokens].
type token uint16

const (
	isRun     = 256
	isUp      = isRun + maxRun + 1
	numTokens = isUp + maxRun + 1
	minRun    = 3
	maxRun    = 258
	// goodRun is the length of a run that is taken without looking for
	// a longer copy from above: a run costs fewer bits.
	goodRun = 32
)

// code is a Huffman code with its extra bits, ready to be written from the
// low bit first.
type code struct {
	bits uint64
	n    uint8
}

// lengths and distances of deflate: the first value of each symbol and its
// number of extra bits.
var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
)

// tables are the symbols of the tokens.
type tables struct {
	lit  [numTokens]uint16 // the literal/length symbol of each token
	dist [numTokens]int8   // and its distance symbol, or -1
}

func newTables() *tables {
	t := &tables{}
	upSym := int8(0) // the distance symbol of a scanline's length
	for s := len(distBase) - 1; s >= 0; s-- {
		if int(distBase[s]) <= rowLen {
			upSym = int8(s)
			break
		}
	}
	for k := range numTokens {
		t.dist[k] = -1 // a literal, or no token (a run shorter than minRun)
		if k < isRun {
			t.lit[k] = uint16(k)
		}
	}
	for s := len(lengthBase) - 1; s >= 0; s-- {
		end := maxRun + 1
		if s < len(lengthBase)-1 {
			end = int(lengthBase[s+1])
		}
		if s == len(lengthBase)-2 {
			end = maxRun // 258 has a symbol of its own
		}
		for l := int(lengthBase[s]); l < end; l++ {
			t.lit[isRun+l], t.dist[isRun+l] = uint16(257+s), 0
			t.lit[isUp+l], t.dist[isUp+l] = uint16(257+s), upSym
		}
	}
	return t
}

// encoder is one goroutine's state of encoding: its buffers are reused.
type encoder struct {
	tokens []token
	count  [numTokens]int // of each token
	rows   []int32        // the first token of each scanline, and the end
	lens   [286 + 30]uint8
	codes  [numTokens]code
	huff   huffman
	adler  uint32            // of the scanlines
	sums   [Height][2]uint32 // of each scanline (rowSums)
}

// encode writes img, [Width] by [Height] pixels, as a PNG file, appending
// to out. The tokens of bands, in order down the image, come from the
// cache c, or are kept in it (see [bandCache]); c may be nil when bands
// is empty.
func (e *encoder) encode(t *tables, bands []band, c *bandCache, out []byte, img *image.Paletted) []byte {
	e.tokenize(img, bands, c)

	out = append(out, "\x89PNG\r\n\x1a\n"...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], Width)
	binary.BigEndian.PutUint32(ihdr[4:], Height)
	ihdr[8], ihdr[9] = 8, 3 // 8 bits an index, paletted
	out = chunk(out, "IHDR", ihdr[:])
	pal := make([]byte, 0, 3*len(img.Palette))
	for _, c := range img.Palette {
		r, g, b, _ := c.RGBA()
		pal = append(pal, byte(r>>8), byte(g>>8), byte(b>>8))
	}
	out = chunk(out, "PLTE", pal)

	// IDAT: a zlib stream of one final block.
	start := len(out)
	out = append(out, 0, 0, 0, 0, 'I', 'D', 'A', 'T', 0x78, 0x01)
	out = e.block(t, out)
	out = binary.BigEndian.AppendUint32(out, e.adler)
	binary.BigEndian.PutUint32(out[start:], uint32(len(out)-start-8))
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start+4:]))
	return chunk(out, "IEND", nil)
}

// tokenize turns the scanlines of img into tokens, counts them and sums
// the scanlines' Adler-32 checksum (RFC 1950). The scanlines of bands are
// tokenized as the cache has them, or kept in it.
func (e *encoder) tokenize(img *image.Paletted, bands []band, c *bandCache) {
	const mod = 65521
	e.tokens, e.rows = e.tokens[:0], e.rows[:0]
	clear(e.count[:])
	var s1, s2 uint64 = 1, 0
	var sum, weighted uint64 // of the scanline above
	pix := img.Pix
	same := 0 // how many scanlines above equal this one, up to 2
	for y := range Height {
		for len(bands) > 0 && bands[0].r1 <= y {
			bands = bands[1:]
		}
		var b *band // the band of this scanline, if any
		if len(bands) > 0 && bands[0].r0 <= y {
			b = &bands[0]
		}
		first := len(e.tokens)
		e.rows = append(e.rows, int32(first))
		if b != nil && b.hit != nil {
			// Only the band's last scanline is in the image.
			h, i := b.hit, y-b.r0
			e.tokens = append(e.tokens, h.tokens[h.rows[i]:h.rows[i+1]]...)
			sum, weighted = uint64(h.sums[i][0]), uint64(h.sums[i][1])
			if y == b.r1-1 {
				same = h.same
			}
		} else {
			row := pix[y*img.Stride:][:Width]
			var above []byte
			if y > 0 {
				above = pix[(y-1)*img.Stride:][:Width]
				if bytes.Equal(row, above) {
					same = min(same+1, 2)
				} else {
					same = 0
				}
			}
			if same == 2 {
				// The tokens of the scanline above, which had the same
				// scanline above it and the same last byte before it.
				e.tokens = append(e.tokens, e.tokens[e.rows[y-1]:first]...)
			} else {
				if same == 0 {
					sum, weighted = rowSums(row)
				}
				e.tokens = appendRow(e.tokens, row, above)
			}
			e.sums[y] = [2]uint32{uint32(sum), uint32(weighted)}
			if b != nil && b.key != "" && y == b.r1-1 {
				c.keep(b.key, e.band(b, row, same))
			}
		}
		s2 = (s2 + rowLen*s1 + weighted) % mod
		s1 = (s1 + sum) % mod
		for _, k := range e.tokens[first:] {
			e.count[k]++
		}
	}
	e.rows = append(e.rows, int32(len(e.tokens)))
	e.adler = uint32(s2<<16 | s1)
}

// band returns b tokenized, up to its last scanline, last, which equals
// the same scanlines above it.
func (e *encoder) band(b *band, last []byte, same int) *bandEntry {
	start := e.rows[b.r0]
	k := &bandEntry{r0: b.r0, r1: b.r1, tokens: append([]token(nil), e.tokens[start:]...),
		last: append([]byte(nil), last...), same: same, ret: b.ret}
	k.rows = make([]int32, 0, b.r1-b.r0+1)
	for _, r := range e.rows[b.r0:b.r1] {
		k.rows = append(k.rows, r-start)
	}
	k.rows = append(k.rows, int32(len(k.tokens)))
	k.sums = append([][2]uint32(nil), e.sums[b.r0:b.r1]...)
	return k
}

// rowSums returns the sum of a scanline's bytes, and the sum of each byte
// times the number of bytes from it to the scanline's end, itself
// included: its part of the Adler-32 checksum. Words of paper (0) are
// skipped; the others are summed in four lanes of 16 bits, which cannot
// overflow (at most 4 x 7 x 255).
func rowSums(row []byte) (sum, weighted uint64) {
	const (
		lanes = 0x00ff00ff00ff00ff
		ones  = 0x0001000100010001 // the top lane gets the sum of the lanes
		ramp  = 0x0000000100020003 // the top lane gets the sum of lane j times j
	)
	for x := 0; x < len(row); x += 8 {
		w := binary.LittleEndian.Uint64(row[x:])
		if w == 0 {
			continue
		}
		even, odd := w&lanes, w>>8&lanes // bytes 0, 2, 4, 6 and 1, 3, 5, 7
		s := (even + odd) * ones >> 48
		// The sum of byte i times i: 2j for even byte j, 2j+1 for odd.
		idx := 2*((even+odd)*ramp>>48) + odd*ones>>48
		sum += s
		weighted += uint64(len(row)-x)*s - idx
	}
	return sum, weighted
}

// appendRow appends the tokens of a scanline, its filter byte (0) and its
// pixels, above being the scanline above or nil. At each byte it takes
// the longer of a run of the byte before and a copy from above (the run
// when they are as long, or when the run is goodRun long), or else a
// literal.
func appendRow(tokens []token, row, above []byte) []token {
	start := len(tokens)
	tokens = slices.Grow(tokens, len(row)+1)[:start+len(row)+1] // at most a token a byte
	out := tokens[start:]
	out[0] = 0 // filter: none
	j := 1
	prev := byte(0)
	for x := 0; x < len(row); {
		b := row[x]
		if b != prev {
			// No run starts here; a copy needs minRun bytes alike.
			if above == nil || x+minRun > len(row) || b != above[x] || row[x+1] != above[x+1] || row[x+2] != above[x+2] {
				out[j] = token(b)
				j++
				prev = b
				x++
				continue
			}
			lim := min(maxRun, len(row)-x)
			u := matchLen(row[x:x+lim], above[x:x+lim])
			out[j] = isUp + token(u)
			j++
			x += u
			prev = row[x-1]
			continue
		}
		lim := min(maxRun, len(row)-x)
		n := runLen(row[x:x+lim], b)
		if n < goodRun && n < lim && above != nil && b == above[x] {
			if u := matchLen(row[x:x+lim], above[x:x+lim]); u > n && u >= minRun {
				out[j] = isUp + token(u)
				j++
				x += u
				prev = row[x-1]
				continue
			}
		}
		if n >= minRun {
			out[j] = isRun + token(n)
			j++
			x += n
			continue
		}
		out[j] = token(b)
		j++
		x++
	}
	return tokens[:start+j]
}

// runLen is how many bytes b begins with that are v.
func runLen(b []byte, v byte) int {
	pat := uint64(v) * 0x0101010101010101
	n := 0
	for ; n+8 <= len(b); n += 8 {
		if x := binary.LittleEndian.Uint64(b[n:]) ^ pat; x != 0 {
			return n + bits.TrailingZeros64(x)/8
		}
	}
	for n < len(b) && b[n] == v {
		n++
	}
	return n
}

// matchLen is how many bytes a and b, of one length, begin with alike.
func matchLen(a, b []byte) int {
	n := 0
	for ; n+8 <= len(a); n += 8 {
		if x := binary.LittleEndian.Uint64(a[n:]) ^ binary.LittleEndian.Uint64(b[n:]); x != 0 {
			return n + bits.TrailingZeros64(x)/8
		}
	}
	for n < len(a) && a[n] == b[n] {
		n++
	}
	return n
}

// block appends the deflate block of the tokens: its codes, then the
// tokens, then the end of the block.
func (e *encoder) block(t *tables, out []byte) []byte {
	var freq [286 + 30]int
	lit, dist := freq[:286], freq[286:]
	for k, n := range e.count {
		if n > 0 {
			lit[t.lit[k]] += n
			if d := t.dist[k]; d >= 0 {
				dist[d] += n
			}
		}
	}
	lit[256] = 1 // the end of the block
	litLens, distLens := e.lens[:286], e.lens[286:]
	e.huff.lengths(lit, 15, litLens)
	e.huff.lengths(dist, 15, distLens)
	nlit := 257 + len(bytes.TrimRight(litLens[257:], "\x00"))
	ndist := max(1, len(bytes.TrimRight(distLens, "\x00")))

	w := bitWriter{out: out}
	w.code(code{1, 1}) // final block
	w.code(code{2, 2}) // dynamic Huffman codes
	w.lengths(&e.huff, e.lens[:], nlit, ndist)

	var litCodes [286]code
	canonical(litLens, litCodes[:])
	var distCodes [30]code
	canonical(distLens, distCodes[:])
	// A match's code: its length's symbol and extra bits, then its
	// distance's: at most 15+5+15+13 bits.
	for k := range numTokens {
		c := litCodes[t.lit[k]]
		if d := t.dist[k]; d >= 0 {
			l := k - isRun
			if k >= isUp {
				l = k - isUp
			}
			s := t.lit[k] - 257
			c.bits |= uint64(l-int(lengthBase[s])) << c.n
			c.n += lengthExtra[s]
			dc := distCodes[d]
			dist := 1
			if k >= isUp {
				dist = rowLen
			}
			dc.bits |= uint64(dist-int(distBase[d])) << dc.n
			dc.n += distExtra[d]
			c.bits |= dc.bits << c.n
			c.n += dc.n
		}
		e.codes[k] = c
	}
	w.tokens(&e.codes, e.tokens)
	w.code(litCodes[256])
	return w.flush()
}

// bitWriter writes bits from the low bit first.
type bitWriter struct {
	out  []byte
	acc  uint64
	nacc uint8 // below 8 between calls
}

// code writes a code of at most 56 bits: it writes the whole word and
// keeps the bytes that are done.
func (w *bitWriter) code(c code) {
	w.acc |= c.bits << w.nacc
	w.nacc += c.n
	w.out = binary.LittleEndian.AppendUint64(w.out, w.acc)
	done := w.nacc / 8
	w.out = w.out[:len(w.out)-8+int(done)]
	w.acc >>= 8 * done
	w.nacc -= 8 * done
}

// tokens writes the codes of tokens, as [bitWriter.code] does, into room
// made for them at once (a code is at most 7 bytes).
func (w *bitWriter) tokens(codes *[numTokens]code, tokens []token) {
	out := slices.Grow(w.out, 7*len(tokens)+8)
	n := len(out)
	out = out[:cap(out)]
	acc, nacc := w.acc, w.nacc
	for _, k := range tokens {
		c := codes[k]
		acc |= c.bits << (nacc & 63)
		nacc += c.n
		binary.LittleEndian.PutUint64(out[n:], acc)
		done := nacc / 8
		n += int(done)
		acc >>= (8 * done) & 63 // done is at most 7
		nacc &= 7
	}
	w.out, w.acc, w.nacc = out[:n], acc, nacc
}

// flush writes the bits left and returns the output.
func (w *bitWriter) flush() []byte {
	if w.nacc > 0 {
		w.out = append(w.out, byte(w.acc))
	}
	w.acc, w.nacc = 0, 0
	return w.out
}

// clOrder is the order in which the lengths of the code length code are
// written.
var clOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// lengths writes the header of a dynamic block: the code lengths of the
// nlit literal/length symbols and of the ndist distance symbols, run
// length coded (symbols 16 to 18) with a code of their own.
func (w *bitWriter) lengths(h *huffman, lens []uint8, nlit, ndist int) {
	seq := slices.Concat(lens[:nlit], lens[286:286+ndist])
	// The runs of lengths as symbols 0 to 18 (low 5 bits) and their extra
	// bits (above).
	var syms []uint16
	for i := 0; i < len(seq); {
		v, n := seq[i], 1
		for i+n < len(seq) && seq[i+n] == v {
			n++
		}
		i += n
		if v == 0 {
			for n >= 11 {
				k := min(n, 138)
				syms = append(syms, 18|uint16(k-11)<<5)
				n -= k
			}
			if n >= 3 {
				syms = append(syms, 17|uint16(n-3)<<5)
				n = 0
			}
		} else {
			syms = append(syms, uint16(v))
			n--
			for n >= 3 {
				k := min(n, 6)
				syms = append(syms, 16|uint16(k-3)<<5)
				n -= k
			}
		}
		for range n {
			syms = append(syms, uint16(v))
		}
	}
	var freq [19]int
	for _, s := range syms {
		freq[s&31]++
	}
	var clLens [19]uint8
	h.lengths(freq[:], 7, clLens[:])
	var clCodes [19]code
	canonical(clLens[:], clCodes[:])
	ncl := 19
	for ncl > 4 && clLens[clOrder[ncl-1]] == 0 {
		ncl--
	}
	w.code(code{uint64(nlit - 257), 5})
	w.code(code{uint64(ndist - 1), 5})
	w.code(code{uint64(ncl - 4), 4})
	for _, s := range clOrder[:ncl] {
		w.code(code{uint64(clLens[s]), 3})
	}
	extra := [19]uint8{16: 2, 17: 3, 18: 7}
	for _, s := range syms {
		c := clCodes[s&31]
		w.code(code{c.bits | uint64(s>>5)<<c.n, c.n + extra[s&31]})
	}
}

// huffman builds Huffman codes; its buffers are reused.
type huffman struct {
	syms  []int
	nodes []hnode
}

// hnode is a node of a Huffman tree: a leaf is a symbol (sym >= 0).
type hnode struct {
	freq, parent, sym int
}

// lengths sets lens to the lengths of a Huffman code for the symbol
// frequencies freq, none longer than limit. Every symbol of a nonzero
// frequency has a code, and so does symbol 0 or 1 when fewer than two
// have: a code of one symbol is not complete. Where the best code is too
// long, the frequencies are halved until it is not.
func (h *huffman) lengths(freq []int, limit uint8, lens []uint8) {
	clear(lens)
	h.syms = h.syms[:0]
	for s, f := range freq {
		if f > 0 {
			h.syms = append(h.syms, s)
		}
	}
	for s := 0; len(h.syms) < 2; s++ {
		if freq[s] == 0 {
			h.syms = append(h.syms, s)
		}
	}
	slices.Sort(h.syms)
	f := func(s int) int { return max(1, freq[s]) }
	for shift := 0; ; shift++ {
		if h.build(f, shift, lens) <= limit {
			return
		}
	}
}

// build sets the lengths of h.syms in the Huffman tree of their
// frequencies f shifted right (at least 1), and returns the longest.
func (h *huffman) build(f func(int) int, shift int, lens []uint8) uint8 {
	h.nodes = h.nodes[:0]
	for _, s := range h.syms {
		h.nodes = append(h.nodes, hnode{freq: max(1, f(s)>>shift), parent: -1, sym: s})
	}
	// The leaves by frequency, then symbol; the internal nodes are made in
	// order of frequency, so two queues give the two lightest nodes.
	slices.SortStableFunc(h.nodes, func(a, b hnode) int { return a.freq - b.freq })
	n := len(h.nodes)
	leaf, inner := 0, n
	pick := func() int {
		if leaf < n && (inner >= len(h.nodes) || h.nodes[leaf].freq <= h.nodes[inner].freq) {
			leaf++
			return leaf - 1
		}
		inner++
		return inner - 1
	}
	for range n - 1 {
		a := pick()
		b := pick()
		h.nodes = append(h.nodes, hnode{freq: h.nodes[a].freq + h.nodes[b].freq, parent: -1, sym: -1})
		h.nodes[a].parent, h.nodes[b].parent = len(h.nodes)-1, len(h.nodes)-1
	}
	// Depths from the root down: a parent comes after its children.
	depth := make([]uint8, len(h.nodes))
	longest := uint8(0)
	for i := len(h.nodes) - 2; i >= 0; i-- {
		depth[i] = depth[h.nodes[i].parent] + 1
		if i < n {
			lens[h.nodes[i].sym] = depth[i]
			longest = max(longest, depth[i])
		}
	}
	return longest
}

// canonical sets codes to the canonical Huffman code of the lengths
// (RFC 1951, 3.2.2), each bit-reversed for writing from the low bit first.
func canonical(lens []uint8, codes []code) {
	var count [16]uint32
	for _, l := range lens {
		count[l]++
	}
	count[0] = 0
	var next [16]uint32
	c := uint32(0)
	for l := 1; l < 16; l++ {
		c = (c + count[l-1]) << 1
		next[l] = c
	}
	for s, l := range lens {
		if l == 0 {
			codes[s] = code{}
			continue
		}
		codes[s] = code{uint64(bits.Reverse32(next[l]) >> (32 - l)), l}
		next[l]++
	}
}

// chunk appends a PNG chunk.
func chunk(out []byte, kind string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, kind...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}
