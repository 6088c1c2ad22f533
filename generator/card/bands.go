package card

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"sync"
)

// Cards share whole bands of scanlines: a topic's kicker, the badges, the
// facts' labels, a claimant's byline beside the site's name are drawn
// alike on card after card. A band's tokens (see [appendRow]) and its
// part of the checksum are a function of its pixels and of the scanline
// above it, so a painter keeps them and the encoder takes them from it
// instead of tokenizing the band again.
//
// A band is what one group of drawing calls draws (a kicker, the badges,
// the labels...), named by the calls themselves: every call made in the
// group, with its text, style, place and colour, and what every band of
// the card shares (the direction, the language and the stripe's colour).
// The canvas draws every card whole, so its pixels never come from the
// cache; the cache gives a band's tokens only when the band's scanlines
// were drawn by its group alone and the scanline above it by nothing (it
// is paper and stripe), as when the tokens were kept: drawing is a
// function of the calls (TestCanvasReused), so the pixels, and the
// tokens, are the same. A cached band changes no byte of a card.

// Bounds of a [bandCache]; it forgets every band when the tokens reach
// theirs. At 2 bytes a token and 12 a scanline, with the keys, the cache
// holds at most about 3 MiB.
const (
	maxBandTokens = 1 << 20
	maxBands      = 4096
	maxSeen       = 1 << 16 // the hashes of the bands seen once
)

// group is a group of drawing calls on a canvas: what names it, and the
// scanlines it drew on.
type group struct {
	key    []byte
	r0, r1 int // r0 == r1: none
}

// band is a group's scanlines as the encoder sees them: their tokens
// from the cache (hit), or to be kept (key, when not hit and seen
// before).
type band struct {
	r0, r1 int
	hit    *bandEntry
	key    string // "" when the band is not to be kept
}

// bandEntry is the tokens and checksum sums of a band's scanlines.
type bandEntry struct {
	r0, r1 int
	tokens []token
	rows   []int32     // where each scanline's tokens start, and the end
	sums   [][2]uint32 // each scanline's sum and weighted sum (rowSums)
}

// bandCache is the bands a painter keeps. It is safe for concurrent use.
type bandCache struct {
	seed   maphash.Seed
	mu     sync.Mutex
	bands  map[string]*bandEntry
	seen   map[uint64]bool // bands seen once, by the hash of their key
	tokens int             // in bands
	hits   int             // bands given, for tests
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
	if c.tokens+len(b.tokens) > maxBandTokens || len(c.bands) >= maxBands {
		clear(c.bands)
		c.tokens = 0
	}
	c.bands[key] = b
	c.tokens += len(b.tokens)
}

// Owners of a scanline, in canvas.owner: no group (0), a group (its
// index plus 1) or more than one, or a call outside any group (several).
const several = math.MaxUint8

// begin opens a group of drawing calls; end closes it. Groups do not nest.
func (cv *canvas) begin() {
	if len(cv.groups) >= several-1 {
		return // no more groups: the calls are outside any
	}
	n := len(cv.groups)
	if n < cap(cv.groups) {
		cv.groups = cv.groups[:n+1] // its key's room is reused
	} else {
		cv.groups = append(cv.groups, group{})
	}
	g := &cv.groups[n]
	g.key, g.r0, g.r1 = append(g.key[:0], cv.prefix...), 0, 0
	cv.cur = uint8(n + 1)
}

func (cv *canvas) end() { cv.cur = 0 }

// call adds a drawing call to the open group's key: its kind and its
// arguments.
func (cv *canvas) call(kind byte, s string, args ...int) {
	if cv.cur == 0 {
		return
	}
	g := &cv.groups[cv.cur-1]
	g.key = append(g.key, kind)
	g.key = binary.AppendUvarint(g.key, uint64(len(s)))
	g.key = append(g.key, s...)
	for _, a := range args {
		g.key = binary.AppendVarint(g.key, int64(a))
	}
}

// callText adds the call that sets s in st in a box to the open group.
func (cv *canvas) callText(s string, st style, x, y, w int) {
	if cv.cur == 0 {
		return
	}
	bold := 0
	if st.bold {
		bold = 1
	}
	cv.call('t', s, st.size, bold, int(cv.pen(st.color, st.back())), st.lines, int(math.Float64bits(st.lead)), x, y, w)
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

// bands returns the bands of the card drawn whose tokens c has, or is to
// keep: the groups that drew alone on their scanlines, below a scanline
// that nothing drew on. They are in order down the card.
func (cv *canvas) bands(c *bandCache) []band {
	cv.found = cv.found[:0]
	if c == nil {
		return nil
	}
	for i, g := range cv.groups {
		if g.r0 == g.r1 || g.r0 == 0 || cv.owner[g.r0-1] != 0 {
			continue
		}
		alone := true // the scanlines between its lines are paper
		for y := g.r0; y < g.r1 && alone; y++ {
			alone = cv.owner[y] == uint8(i+1) || cv.owner[y] == 0
		}
		if !alone {
			continue
		}
		b := band{r0: g.r0, r1: g.r1}
		hit, keep := c.lookup(g.key)
		switch {
		case hit != nil && hit.r0 == g.r0 && hit.r1 == g.r1:
			b.hit = hit
		case keep:
			b.key = string(g.key)
		default:
			continue
		}
		cv.found = append(cv.found, b)
	}
	// The groups are drawn down the card, but a band's place is its own.
	for i := 1; i < len(cv.found); i++ {
		for j := i; j > 0 && cv.found[j].r0 < cv.found[j-1].r0; j-- {
			cv.found[j], cv.found[j-1] = cv.found[j-1], cv.found[j]
		}
	}
	return cv.found
}
