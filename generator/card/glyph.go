package card

import (
	"encoding/binary"
	"image"
	"image/draw"
	"math"

	"github.com/go-text/typesetting/font"
	"golang.org/x/image/math/fixed"
)

// Glyphs are drawn from a cache of their coverage: a glyph of a face at a
// size, placed at a quarter of a pixel across and down, is rasterised once
// per canvas. A cached glyph is the same coverage as a fresh one, so the
// cache never changes a card's bytes.

// subpixels is how many positions a pixel has across and down.
const subpixels = 4

// maxGlyphs is the most glyphs a canvas keeps; it forgets them all when it
// has more.
const maxGlyphs = 8192

// glyphKey names a glyph's coverage: fx and fy are its dot's position
// within the pixel, in quarters.
type glyphKey struct {
	face   *font.Face
	gid    font.GID
	size   fixed.Int26_6
	fx, fy uint8
}

// glyphMask is a glyph's coverage: w by h pixels whose top left corner is
// (dx, dy) from the pixel that holds the dot.
type glyphMask struct {
	dx, dy, w, h int
	pix          []uint8 // levels, 0 to levels-1
}

// drawGlyph draws the glyph of k (its face, glyph and size) with its dot at
// (x, y) of the image, scale being pixels per font unit, in the colour pair
// whose first palette index is pen. Where the glyph meets another of the
// same pair, their levels add up (to full), as their coverage does.
func (cv *canvas) drawGlyph(k glyphKey, x, y, scale float32, pen uint8) {
	ix, iy := math.Floor(float64(x)), math.Floor(float64(y))
	k.fx = uint8(min(subpixels-1, int((float64(x)-ix)*subpixels)))
	k.fy = uint8(min(subpixels-1, int((float64(y)-iy)*subpixels)))
	m, ok := cv.glyphs[k]
	if !ok {
		m = cv.rasterise(k, scale)
		if len(cv.glyphs) >= maxGlyphs {
			clear(cv.glyphs)
		}
		cv.glyphs[k] = m
	}
	if m.w == 0 {
		return
	}
	x0, y0 := int(ix)+m.dx, int(iy)+m.dy
	r := image.Rect(x0, y0, x0+m.w, y0+m.h).Intersect(cv.img.Bounds())
	cv.note(r)
	for py := r.Min.Y; py < r.Max.Y; py++ {
		src := m.pix[(py-y0)*m.w+r.Min.X-x0:][:r.Dx()]
		dst := cv.img.Pix[py*cv.img.Stride+r.Min.X:][:r.Dx()]
		addLevels(dst, src, pen)
	}
}

// Levels are drawn a word (8 pixels) at a time where the image has no
// level but the first of the pen's pair (paper, the most of a card, or a
// badge under its text) or the levels are 0: there, by either rule of
// where marks meet, a level k is index pen+k and level 0 leaves the pixel
// as it was. Paper is level 0 of the first pair.

const (
	highBits = 0x8080808080808080
	lowBits  = 0x7f7f7f7f7f7f7f7f
	oneBits  = 0x0101010101010101
	nibbles  = 0x0f0f0f0f0f0f0f0f
)

// drawWord returns the word of levels m drawn over d in the pair whose
// first index is pen, and whether it could: when no byte of d is a level
// above 0 of the pair. The pair of an index is its high nibble and the
// level its low nibble, since a pair has 16 levels. A level is below 16:
// adding 0x7f sets a byte's high bit alone when its level is not 0, and
// pen+k is at most 255.
func drawWord(d, m uint64, pen uint8) (uint64, bool) {
	nonzero := (m + lowBits) & highBits >> 7       // 1 in each byte whose level is not 0
	other := d>>4&nibbles ^ uint64(pen>>4)*oneBits // 0 in each byte of the pen's pair
	samePair := ^((other&lowBits + lowBits) | other | lowBits)
	if samePair&(d&nibbles+lowBits)&highBits != 0 {
		return 0, false
	}
	keep := ^(nonzero * 0xff)
	return d&keep | (m + nonzero*uint64(pen)), true
}

// onPaper is drawWord over paper (d == 0), which it can always draw.
func onPaper(m uint64, pen uint8) uint64 {
	return m + (m+lowBits)&highBits>>7*uint64(pen)
}

// addLevels draws the levels src into dst in the pair whose first palette
// index is pen: where dst has a level of the pair already, they add up,
// as the coverage of two glyphs that meet does.
func addLevels(dst, src []byte, pen uint8) { drawLevels(dst, src, pen, addBytes) }

// maxLevels draws the levels src into dst in the pair whose first palette
// index is pen, unless dst has a higher level of the pair already (where
// two lines' marks meet).
func maxLevels(dst, src []byte, pen uint8) { drawLevels(dst, src, pen, maxBytes) }

// drawLevels draws the levels src into dst in the pair whose first
// palette index is pen, a word of eight at a time where dst is paper or
// the word can be drawn whole (drawWord), and with bytewise, the rule
// for where levels meet, everywhere else.
func drawLevels(dst, src []byte, pen uint8, bytewise func(dst, src []byte, pen uint8)) {
	i := 0
	for ; i+8 <= len(src); i += 8 {
		m := binary.LittleEndian.Uint64(src[i:])
		if m == 0 {
			continue
		}
		d := binary.LittleEndian.Uint64(dst[i:])
		if d == 0 {
			binary.LittleEndian.PutUint64(dst[i:], onPaper(m, pen))
			continue
		}
		if w, ok := drawWord(d, m, pen); ok {
			binary.LittleEndian.PutUint64(dst[i:], w)
			continue
		}
		bytewise(dst[i:i+8], src[i:i+8], pen)
	}
	bytewise(dst[i:], src[i:], pen)
}

func addBytes(dst, src []byte, pen uint8) {
	for i, k := range src {
		if k == 0 {
			continue
		}
		if old := dst[i] - pen; old < levels {
			k = min(levels-1, old+k)
		}
		dst[i] = pen + k
	}
}

func maxBytes(dst, src []byte, pen uint8) {
	for i, k := range src {
		if k != 0 {
			if old := dst[i] - pen; old >= levels || old < k {
				dst[i] = pen + k
			}
		}
	}
}

// rasterise returns the coverage of the glyph of k.
func (cv *canvas) rasterise(k glyphKey, scale float32) glyphMask {
	out, ok := k.face.GlyphData(k.gid).(font.GlyphOutline)
	if !ok || len(out.Segments) == 0 {
		return glyphMask{}
	}
	// The control points hold the outline: their bounds are the mask's.
	ox, oy := float32(k.fx)/subpixels, float32(k.fy)/subpixels
	minX, minY := float32(math.Inf(1)), float32(math.Inf(1))
	maxX, maxY := float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, s := range out.Segments {
		for _, a := range s.ArgsSlice() {
			px, py := ox+a.X*scale, oy-a.Y*scale
			minX, maxX = min(minX, px), max(maxX, px)
			minY, maxY = min(minY, py), max(maxY, py)
		}
	}
	dx, dy := int(math.Floor(float64(minX))), int(math.Floor(float64(minY)))
	w, h := int(math.Ceil(float64(maxX)))-dx, int(math.Ceil(float64(maxY)))-dy
	mb := cv.mask.Bounds()
	if w <= 0 || h <= 0 || w > mb.Dx() || h > mb.Dy() {
		return glyphMask{}
	}
	z := &cv.ras
	z.Reset(w, h)
	cv.glyph(k.face, k.gid, ox-float32(dx), oy-float32(dy), scale)
	z.DrawOp = draw.Src
	z.Draw(cv.mask, image.Rect(0, 0, w, h), image.Opaque, image.Point{})
	m := glyphMask{dx: dx, dy: dy, w: w, h: h, pix: make([]uint8, w*h)}
	for row := range h {
		src := cv.mask.Pix[row*cv.mask.Stride:][:w]
		dst := m.pix[row*w:][:w]
		for i, a := range src {
			dst[i] = level[a]
		}
	}
	return m
}
