package card

import (
	"encoding/binary"
	"hash/maphash"
	"image"
	"math"
	"sync"
)

// Cards share whole bands of scanlines: a topic's kicker, the badges, the
// facts' labels, a claimant's byline beside the site's name are drawn
// alike on card after card. A painter keeps such a band: its tokens (see
// [appendRow]) and its part of the checksum, which are a function of its
// pixels and of the scanline above it, with its last scanline and where
// it ends. A card that has the band again is not drawn there: the canvas
// puts the band's last scanline in place (the one that the scanline below
// it is compared with), and the encoder takes the band's tokens.
//
// A band is what one group of drawing calls draws (the kicker, the
// badges, the labels, the foot; not the title nor the values, which are a
// card's own), named by what the group's calls are made of: its text, styles, place and colours, and
// what every part of the card shares (the direction, the language and the
// stripe's colour). Drawing is a function of those (TestCanvasReused), so
// a band is the same wherever its name is, provided that its scanlines
// were drawn by its group alone and the scanline above it by nothing (it
// is paper and stripe). A band is kept only when it was, and taken only
// when it is: when another part of the card would draw on a band taken
// from the cache, the card is drawn again, whole (see Painter.Draw). A
// cached band changes no byte of a card: TestBandsChangeNoByte.
//
// A band is kept the second time it is seen. At 10,000 claims, with a
// hundred topics of a hundred claims, the bands that recur (a topic's
// kicker in each stripe colour, a claimant's byline, the labels, the
// badges) pass the bound, so the cache forgets them all now and then:
// it holds at most maxBandBytes, and the hashes of the bands seen once at
// most maxSeen, about 1 MiB.

// Bounds of a [bandCache]: it forgets every band when the bytes it holds
// (tokens, sums, last scanlines and names) would pass maxBandBytes.
const (
	maxBandBytes = 4 << 20
	maxSeen      = 1 << 16
)

// group is a group of drawing calls on a canvas: its name, and the
// scanlines it drew on.
type group struct {
	key    []byte
	r0, r1 int        // r0 == r1: none
	ret    int        // what the group's function returned
	hit    *bandEntry // the band from the cache, not drawn
	keep   bool       // the band is to be kept once encoded
}

// band is a group's scanlines as the encoder sees them: their tokens
// from the cache (hit), or to be kept (key).
type band struct {
	r0, r1 int
	hit    *bandEntry
	key    string // "" when the band is not to be kept
	ret    int
}

// bandEntry is a band kept: its tokens, each scanline's checksum sums,
// its last scanline and how many scanlines above that one equal it (up
// to 2, as the encoder counts them), and what its group returned.
type bandEntry struct {
	r0, r1 int
	tokens []token
	rows   []int32     // where each scanline's tokens start, and the end
	sums   [][2]uint32 // each scanline's sum and weighted sum (rowSums)
	last   []byte
	same   int
	ret    int
}

// bandCache is the bands a painter keeps. It is safe for concurrent use.
type bandCache struct {
	seed  maphash.Seed
	mu    sync.Mutex
	bands map[string]*bandEntry
	seen  map[uint64]bool // bands seen once, by the hash of their key
	size  int             // the bytes held by bands
	hits  int             // bands given, for tests
}

func newBandCache() *bandCache {
	return &bandCache{seed: maphash.MakeSeed(), bands: map[string]*bandEntry{}, seen: map[uint64]bool{}}
}

// lookup returns the band of key, if kept, or whether it is to be kept
// once encoded: a band is kept the second time it is seen, so that the
// cache does not fill with bands that only one card draws (titles).
func (c *bandCache) lookup(key []byte) (_ *bandEntry, keep bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if b, ok := c.bands[string(key)]; ok {
		c.hits++
		return b, false
	}
	h := maphash.Bytes(c.seed, key)
	if c.seen[h] {
		return nil, true
	}
	if len(c.seen) >= maxSeen {
		clear(c.seen)
	}
	c.seen[h] = true
	return nil, false
}

// keep keeps b under key.
func (c *bandCache) keep(key string, b *bandEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.bands[key]; ok {
		return
	}
	size := 2*len(b.tokens) + 4*len(b.rows) + 8*len(b.sums) + len(b.last) + len(key)
	if c.size+size > maxBandBytes {
		clear(c.bands)
		c.size = 0
	}
	c.bands[key] = b
	c.size += size
}

// Owners of a scanline, in canvas.owner: no group (0), a group (its
// index plus 1) or more than one, or a call outside any group (several).
const several = math.MaxUint8

// group draws a group of calls, draw, whose name is made of kind, texts,
// st (if not the zero style) and ints, and returns what draw returns. The
// title ('t') and the values ('v') are drawn as they are: a card's own,
// they would fill the cache. When the cache has the band of a group
// and the canvas may take it, it puts the band's last scanline in place
// instead and returns what draw returned when the band was kept.
func (cv *canvas) group(draw func() int, kind byte, texts []string, st style, ints ...int) int {
	if cv.cache == nil || len(cv.groups) >= several-1 || kind == 't' || kind == 'v' {
		return draw() // no more groups: the calls are outside any
	}
	n := len(cv.groups)
	if n < cap(cv.groups) {
		cv.groups = cv.groups[:n+1] // its key's room is reused
	} else {
		cv.groups = append(cv.groups, group{})
	}
	g := &cv.groups[n]
	*g = group{key: append(g.key[:0], cv.prefix...)}
	g.key = append(g.key, kind)
	g.key = binary.AppendUvarint(g.key, uint64(len(texts)))
	for _, s := range texts {
		g.key = binary.AppendUvarint(g.key, uint64(len(s)))
		g.key = append(g.key, s...)
	}
	if st != (style{}) {
		bold := 0
		if st.bold {
			bold = 1
		}
		ints = append(ints, st.size, bold, int(cv.pen(st.color, st.back())), st.lines, int(math.Float64bits(st.lead)))
	}
	g.key = binary.AppendUvarint(g.key, uint64(len(ints)))
	for _, a := range ints {
		g.key = binary.AppendVarint(g.key, int64(a))
	}
	if !cv.whole {
		g.hit, g.keep = cv.cache.lookup(g.key)
	}
	if h := g.hit; h != nil {
		// The band's scanlines are its group's: the check is in bands.
		g.r0, g.r1, g.ret = h.r0, h.r1, h.ret
		copy(cv.img.Pix[(h.r1-1)*cv.img.Stride:][:Width], h.last)
		cv.cur = uint8(n + 1)
		cv.note(image.Rect(0, h.r1-1, Width, h.r1))
		cv.own(h.r0, h.r1)
		cv.cur = 0
		return h.ret
	}
	cv.cur = uint8(n + 1)
	g.ret = draw()
	cv.cur = 0
	return g.ret
}

// own notes the scanlines y0 to y1 as drawn on by the open group, or by a
// call outside any.
func (cv *canvas) own(y0, y1 int) {
	o := cv.cur
	if o == 0 {
		o = several
	}
	for y := y0; y < y1; y++ {
		if cv.owner[y] != o {
			if cv.owner[y] == 0 {
				cv.owner[y] = o
			} else {
				cv.owner[y] = several
			}
		}
	}
	if cv.cur == 0 || y0 >= y1 {
		return
	}
	g := &cv.groups[cv.cur-1]
	if g.r0 == g.r1 {
		g.r0, g.r1 = y0, y1
	} else {
		g.r0, g.r1 = min(g.r0, y0), max(g.r1, y1)
	}
}

// bands returns the bands of the card drawn that the encoder takes from
// the cache or keeps in it, in order down the card: the groups that drew
// alone on their scanlines (the scanlines between their lines are paper),
// below a scanline that nothing drew on. It reports false when a band
// taken from the cache is not alone: the card must be drawn again whole.
func (cv *canvas) bands() ([]band, bool) {
	cv.found = cv.found[:0]
	for i, g := range cv.groups {
		if g.hit == nil && !g.keep {
			continue
		}
		alone := g.r0 < g.r1 && g.r0 > 0 && cv.owner[g.r0-1] == 0
		for y := g.r0; y < g.r1 && alone; y++ {
			alone = cv.owner[y] == uint8(i+1) || cv.owner[y] == 0
		}
		switch {
		case g.hit != nil && !alone:
			return nil, false
		case g.hit != nil:
			cv.found = append(cv.found, band{r0: g.r0, r1: g.r1, hit: g.hit})
		case alone:
			cv.found = append(cv.found, band{r0: g.r0, r1: g.r1, key: string(g.key), ret: g.ret})
		}
	}
	// The groups are drawn down the card, but a band's place is its own.
	for i := 1; i < len(cv.found); i++ {
		for j := i; j > 0 && cv.found[j].r0 < cv.found[j-1].r0; j-- {
			cv.found[j], cv.found[j-1] = cv.found[j-1], cv.found[j]
		}
	}
	return cv.found, true
}
