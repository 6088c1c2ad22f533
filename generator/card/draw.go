package card

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"
	"math"
	"slices"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// The card's colours: the site's light theme (templates/assets/site.css).
var (
	paper = color.RGBA{0xfb, 0xfa, 0xf7, 0xff}
	ink   = color.RGBA{0x1c, 0x1c, 0x1c, 0xff}
	muted = color.RGBA{0x55, 0x55, 0x55, 0xff}
	rule  = color.RGBA{0xd8, 0xd4, 0xcc, 0xff}
	// bands are the badge colours by band, worst first: background, text.
	bands = [5][2]color.RGBA{
		{{0xfd, 0xe0, 0xde, 0xff}, {0x7a, 0x17, 0x12, 0xff}},
		{{0xfd, 0xe6, 0xd2, 0xff}, {0x73, 0x30, 0x0b, 0xff}},
		{{0xfa, 0xf0, 0xc4, 0xff}, {0x5c, 0x42, 0x00, 0xff}},
		{{0xdc, 0xef, 0xe9, 0xff}, {0x0f, 0x4d, 0x3c, 0xff}},
		{{0xdb, 0xef, 0xd9, 0xff}, {0x1a, 0x4d, 0x16, 0xff}},
	}
	neutral = [2]color.RGBA{{0xe8, 0xe6, 0xe1, 0xff}, ink}
)

// A card is a paletted image: every colour is one of a few colours drawn
// over one of a few backgrounds, at one of [levels] steps of coverage, so
// that antialiased text needs no colour search and the PNG is small and
// quick to encode.
const levels = 16

// pair is a colour drawn over a background.
type pair struct{ fg, bg color.RGBA }

// pairs returns every colour pair a card draws, in palette order (at most
// 256/levels of them). A solid colour is the last level of a pair.
func pairs() []pair {
	ps := []pair{{ink, paper}, {muted, paper}, {rule, paper}, {neutral[1], neutral[0]}, {neutral[0], paper}}
	for _, b := range bands {
		ps = append(ps, pair{b[1], b[0]}, pair{b[0], paper})
	}
	return ps
}

// palette returns the palette of ps: for each pair, levels colours from the
// background (coverage 0) to the colour (full coverage).
func palette(ps []pair) color.Palette {
	var pal color.Palette
	for _, p := range ps {
		for k := range levels {
			mix := func(a, b uint8) uint8 { return uint8((int(b)*(levels-1-k) + int(a)*k + (levels-1)/2) / (levels - 1)) }
			pal = append(pal, color.RGBA{mix(p.fg.R, p.bg.R), mix(p.fg.G, p.bg.G), mix(p.fg.B, p.bg.B), 0xff})
		}
	}
	return pal
}

// level is the level of each coverage: 0 (none) to levels-1 (full).
var level = func() (l [256]uint8) {
	for a := range l {
		l[a] = uint8((a*(levels-1) + 127) / 255)
	}
	return l
}()

// pen returns the palette index of the first level of fg over bg: the
// background itself.
func (cv *canvas) pen(fg, bg color.RGBA) uint8 {
	for i, p := range cv.pairs {
		if p.fg == fg && p.bg == bg {
			return uint8(i * levels)
		}
	}
	panic("card: no palette entry for a colour pair") // the layout uses only the pairs above
}

// The layout, in pixels: a band of colour on the start edge, then a column
// of text between margins.
const (
	stripe   = 24
	margin   = 72
	column   = Width - stripe - 2*margin
	top      = 56
	bottom   = Height - 48
	gutter   = 40
	badgePX  = 22 // padding of a badge's text, across
	badgePY  = 8  // and down
	badgeGap = 16 // between badges, across and down
)

// style is how a piece of text is set.
type style struct {
	size  int // font size in pixels
	bold  bool
	color color.RGBA
	bg    color.RGBA // what it is drawn on; the zero colour is paper
	lines int        // the most lines it takes; the last is cut with an ellipsis, at the end of a word
	lead  float64    // line height as a multiple of size
}

var (
	kickerStyle = style{size: 30, color: muted, lines: 1, lead: 1.4}
	titleStyle  = style{size: 54, bold: true, color: ink, lines: 3, lead: 1.25}
	labelStyle  = style{size: 26, color: muted, lines: 2, lead: 1.4}
	valueStyle  = style{size: 38, bold: true, color: ink, lines: valueLines, lead: 1.25}
	bylineStyle = style{size: 28, color: muted, lines: 1, lead: 1.4}
	footerStyle = style{size: 28, bold: true, color: ink, lines: 1, lead: 1.4}
)

// back is the colour st is drawn on.
func (st style) back() color.RGBA {
	if st.bg == (color.RGBA{}) {
		return paper
	}
	return st.bg
}

// badgeStyle is a badge's text: smaller when there are several.
func badgeStyle(n int) style {
	if n > 1 {
		return style{size: 28, bold: true, lines: 1, lead: 1.35}
	}
	return style{size: 38, bold: true, lines: 1, lead: 1.35}
}

// draw lays c out on the canvas's image.
func (cv *canvas) draw(c Card) {
	cv.rtl, cv.lang = c.RTL, c.Lang
	cv.clear()
	accent := cv.pen(ink, paper) + levels - 1
	if len(c.Badges) > 0 {
		col := bandColors(c.Badges[0].Band)
		accent = cv.pen(col[1], col[0]) + levels - 1
	}
	cv.fill(0, 0, stripe, Height, accent) // the stripe: cleared by clear, so not noted as drawn
	clear(cv.drawn[:])
	clear(cv.owner[:])
	// The parts of the card are drawn in groups, whose bands of scanlines
	// the encoder may have seen before (see bandCache).
	cv.groups, cv.cur = cv.groups[:0], 0
	cv.prefix = cv.prefix[:0]
	if cv.rtl {
		cv.prefix = append(cv.prefix, 1)
	} else {
		cv.prefix = append(cv.prefix, 0)
	}
	cv.prefix = append(cv.prefix, accent)
	cv.prefix = binary.AppendUvarint(cv.prefix, uint64(len(cv.lang)))
	cv.prefix = append(cv.prefix, cv.lang...)

	x := stripe + margin
	y := top
	if c.Kicker != "" {
		y = cv.group(func() int { return cv.text(clean(c.Kicker), kickerStyle, x, y, column) },
			'k', []string{c.Kicker}, kickerStyle, x, y, column) + 4
	}
	if c.Title != "" {
		y = cv.group(func() int { return cv.text(clean(c.Title), titleStyle, x, y, column) },
			't', []string{c.Title}, titleStyle, x, y, column) + 24
	}
	// The foot: a rule, the byline at the start, the site at the end. Above
	// it, the facts: see factStyles.
	footH := lineHeight(footerStyle)
	fy := bottom - footH
	if len(c.Badges) > 0 {
		var texts []string
		bands := []int{x, y, column, fy - 24}
		for _, b := range c.Badges {
			texts, bands = append(texts, b.Text), append(bands, b.Band)
		}
		y = cv.group(func() int { return cv.badges(c.Badges, x, y, column, fy-24) },
			'b', texts, style{}, bands...) + 32
	}
	facts := c.Facts[:min(len(c.Facts), 2)]
	if len(facts) > 0 {
		w := (column - gutter*(len(facts)-1)) / len(facts)
		label, value := cv.factStyles(facts, w, fy-24-y)
		var labels, values []string
		for _, f := range facts {
			labels, values = append(labels, f.Label), append(values, f.Value)
		}
		vy := cv.group(func() int {
			vy := y // the values line up below the longest label
			for i, f := range facts {
				vy = max(vy, cv.text(clean(f.Label), label, x+i*(w+gutter), y, w))
			}
			return vy
		}, 'l', labels, label, x, y, w)
		cv.group(func() int {
			for i, f := range facts {
				cv.text(clean(f.Value), value, x+i*(w+gutter), vy, w)
			}
			return 0
		}, 'v', values, value, x, vy, w)
	}
	cv.fill(x, fy-16, x+column, fy-14, cv.pen(rule, paper)+levels-1)
	cv.group(func() int {
		siteW := 0
		if c.Footer != "" {
			siteW = min(cv.width(clean(c.Footer), footerStyle), column/2)
			cv.text(clean(c.Footer), footerStyle, x+column-siteW, fy, siteW)
		}
		if c.Byline != "" {
			cv.text(clean(c.Byline), bylineStyle, x, fy, column-siteW-gutter)
		}
		return 0
	}, 'f', []string{c.Footer, c.Byline}, footerStyle, x, fy, column)
}

// bandColors returns the background and text colours of a band.
func bandColors(band int) [2]color.RGBA {
	if band >= 0 && band < len(bands) {
		return bands[band]
	}
	return neutral
}

// badges draws the badges in rows from the start edge, each whole, a badge
// that does not fit on a row beginning the next, and returns the y below
// them. Only a badge wider than the whole row is cut, and only rows that
// end above limit are drawn.
func (cv *canvas) badges(bs []Badge, x, y, w, limit int) int {
	st := badgeStyle(len(bs))
	h := lineHeight(st) + 2*badgePY
	at := 0
	for _, b := range bs {
		text := clean(b.Text)
		bw := min(cv.width(text, st)+2*badgePX, w)
		if at > 0 && at+bw > w {
			if y+2*h+badgeGap > limit {
				break
			}
			at, y = 0, y+h+badgeGap
		}
		col := bandColors(b.Band)
		cv.roundRect(x+at, y, bw, h, 10, cv.pen(col[0], paper))
		st.color, st.bg = col[1], col[0]
		cv.text(text, st, x+at+badgePX, y+badgePY, bw-2*badgePX)
		at += bw + badgeGap
	}
	return y + h
}

// valueSizes are the sizes a fact's value may take, largest first, and
// valueLines the most lines it may take.
var valueSizes = [...]int{valueStyle.size, 32, 28}

const valueLines = 3

// factStyles chooses how the facts' labels and values are set in boxes w
// wide, in room pixels of height: the labels on the lines they need (at
// most labelStyle.lines), the values whole, on the fewest lines at the
// largest of valueSizes that fits. Where nothing fits, the labels take one
// line, and only then are the values cut, at the smallest size.
func (cv *canvas) factStyles(facts []Fact, w, room int) (label, value style) {
	label, value = labelStyle, valueStyle
	need := 1
	for _, f := range facts {
		need = max(need, min(labelStyle.lines, cv.count(clean(f.Label), labelStyle, w)))
	}
	for _, label.lines = range []int{need, 1} {
		for _, size := range valueSizes {
			value.size, value.lines = size, 1
			for _, f := range facts {
				value.lines = max(value.lines, cv.count(clean(f.Value), value, w))
			}
			if value.lines <= valueLines && label.lines*lineHeight(label)+value.lines*lineHeight(value) <= room {
				return label, value
			}
		}
	}
	value.lines = min(valueLines, max(1, (room-lineHeight(label))/lineHeight(value)))
	return label, value
}

// lineHeight is the height of one line of st.
func lineHeight(st style) int { return int(float64(st.size)*st.lead + 0.5) }

// box mirrors a box given from the start edge (x from the left in left to
// right text) for right-to-left text, and returns its left edge.
func (cv *canvas) box(x, w int) int {
	if cv.rtl {
		return Width - x - w
	}
	return x
}

// clear makes the image paper again: the rows drawn on and both edges,
// where the stripe is.
func (cv *canvas) clear() {
	for y, drawn := range cv.drawn {
		row := cv.img.Pix[y*cv.img.Stride:][:Width]
		if drawn {
			clear(row)
			cv.drawn[y] = false
			continue
		}
		clear(row[:stripe])
		clear(row[Width-stripe:])
	}
}

// note notes the rows of r as drawn on, by the open group (see own).
func (cv *canvas) note(r image.Rectangle) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		cv.drawn[y] = true
	}
	cv.own(r.Min.Y, r.Max.Y)
}

// fill fills a rectangle given from the start edge with the colour of a
// palette index.
func (cv *canvas) fill(x0, y0, x1, y1 int, c uint8) {
	l := cv.box(x0, x1-x0)
	r := image.Rect(l, y0, l+x1-x0, y1).Intersect(cv.img.Bounds())
	cv.note(r)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := cv.img.Pix[y*cv.img.Stride:]
		for x := r.Min.X; x < r.Max.X; x++ {
			row[x] = c
		}
	}
}

// roundRect fills a rectangle with rounded corners, given from the start
// edge, with the colour pair whose first palette index is pen.
func (cv *canvas) roundRect(x, y, w, h, r int, pen uint8) {
	l := cv.box(x, w)
	k := rectKey{w, h, r}
	m, ok := cv.rects[k]
	if !ok {
		m = cv.rasteriseRect(w, h, r)
		if len(cv.rects) >= maxRects {
			clear(cv.rects)
		}
		cv.rects[k] = m
	}
	cv.paint(l, y, w, h, m, pen)
}

// rectKey names the levels of a rounded rectangle: its size and radius.
type rectKey struct{ w, h, r int }

// maxRects is the most rounded rectangles a canvas keeps.
const maxRects = 256

// rasteriseRect returns the levels of a w by h rectangle whose corners
// are rounded with radius r, row by row.
func (cv *canvas) rasteriseRect(w, h, r int) []uint8 {
	z := &cv.ras
	z.Reset(w, h)
	fw, fh, fr := float32(w), float32(h), float32(r)
	z.MoveTo(fr, 0)
	z.LineTo(fw-fr, 0)
	z.QuadTo(fw, 0, fw, fr)
	z.LineTo(fw, fh-fr)
	z.QuadTo(fw, fh, fw-fr, fh)
	z.LineTo(fr, fh)
	z.QuadTo(0, fh, 0, fh-fr)
	z.LineTo(0, fr)
	z.QuadTo(0, 0, fr, 0)
	z.ClosePath()
	mask := cv.mask
	z.DrawOp = draw.Src // every pixel of the area, so the mask needs no clearing
	z.Draw(mask, image.Rect(0, 0, w, h), image.Opaque, image.Point{})
	out := make([]uint8, w*h)
	for row := range h {
		for i, a := range mask.Pix[row*mask.Stride:][:w] {
			out[row*w+i] = level[a]
		}
	}
	return out
}

// paint draws levels, w by h of them row by row, at (x, y) of the image
// in the colour pair whose first palette index is pen: each pixel at its
// level, unless it has a higher level of the same pair already (where two
// lines' marks meet).
func (cv *canvas) paint(x, y, w, h int, lv []uint8, pen uint8) {
	r := image.Rect(x, y, x+w, y+h).Intersect(cv.img.Bounds())
	cv.note(r)
	for py := r.Min.Y; py < r.Max.Y; py++ {
		src := lv[(py-y)*w+r.Min.X-x:][:r.Dx()]
		dst := cv.img.Pix[py*cv.img.Stride+r.Min.X:][:r.Dx()]
		maxLevels(dst, src, pen)
	}
}

// fonts returns the font map of st.
func (cv *canvas) fonts(st style) fontmap {
	if st.bold {
		return cv.bold
	}
	return cv.regular
}

// direction is the base direction of the card's text.
func (cv *canvas) direction() di.Direction {
	if cv.rtl {
		return di.DirectionRTL
	}
	return di.DirectionLTR
}

// shapeKey names a string set in a size and weight on a card of a
// direction and language: what its shaping depends on.
type shapeKey struct {
	s         string
	size      int
	bold, rtl bool
	lang      string
}

// shaped is a string shaped: its runes, the bidi level of each, and its
// runs.
type shaped struct {
	runes  []rune
	levels []bidi.Level
	runs   []shaping.Output
}

// maxShaped is the most shaped strings a canvas keeps; it forgets them all
// when it has more.
const maxShaped = 1024

// shape splits s into runs of one direction, script and face, and shapes
// each; the runs are valid until the next call. It notes the bidi level of
// each rune, for [canvas.visual].
//
// A card sets a string more than once (measured, wrapped, then cut) and
// cards share strings (the site's name, labels, topics), so the shaping
// is kept: each call gets a copy of the glyphs, which the wrapper may
// change, and shaping is a function of the key, so the copy is what
// shaping again would give.
func (cv *canvas) shape(s string, st style) []shaping.Output {
	k := shapeKey{s, st.size, st.bold, cv.rtl, cv.lang}
	sh, ok := cv.shapes[k]
	if !ok {
		sh = cv.shapeNew(s, st)
		if len(cv.shapes) >= maxShaped {
			clear(cv.shapes)
		}
		cv.shapes[k] = sh
	}
	cv.runes = append(cv.runes[:0], sh.runes...)
	cv.levels = append(cv.levels[:0], sh.levels...)
	cv.glyphBuf, cv.shaped = cv.glyphBuf[:0], cv.shaped[:0]
	for _, r := range sh.runs {
		start := len(cv.glyphBuf)
		cv.glyphBuf = append(cv.glyphBuf, r.Glyphs...)
		r.Glyphs = cv.glyphBuf[start:len(cv.glyphBuf):len(cv.glyphBuf)]
		cv.shaped = append(cv.shaped, r)
	}
	return cv.shaped
}

// shapeNew shapes s in st, as [canvas.shape] does.
func (cv *canvas) shapeNew(s string, st style) shaped {
	runes := []rune(s)
	in := shaping.Input{
		Text: runes, RunStart: 0, RunEnd: len(runes),
		Direction: cv.direction(), Size: fixed.I(st.size),
		Language: language.NewLanguage(cv.lang),
	}
	def := bidi.LeftToRight
	if cv.rtl {
		def = bidi.RightToLeft
	}
	sh := shaped{runes: runes, levels: make([]bidi.Level, 0, len(runes))}
	levels := cv.bidi.Segment(runes, def)
	for i := range levels.NumRuns() {
		r := levels.Run(i)
		for range r.End - r.Start {
			sh.levels = append(sh.levels, r.Level)
		}
	}
	for _, run := range cv.seg.Split(in, cv.fonts(st)) {
		out := cv.shaper.Shape(run)
		out.Glyphs = slices.Clone(out.Glyphs)
		sh.runs = append(sh.runs, out)
	}
	return sh
}

// ellipsis returns the mark s that ends a line of st cut short, shaped
// once.
func (cv *canvas) ellipsis(s string, st style) shaping.Output {
	k := shapeKey{s, st.size, st.bold, cv.rtl, cv.lang}
	out, ok := cv.ellipses[k]
	if !ok {
		runes := []rune(s)
		out = cv.shaper.Shape(shaping.Input{
			Text: runes, RunEnd: len(runes), Direction: cv.direction(),
			Face: cv.fonts(st).latin, Size: fixed.I(st.size), Language: language.NewLanguage(cv.lang),
		})
		out.Glyphs = slices.Clone(out.Glyphs)
		if len(cv.ellipses) >= maxShaped {
			clear(cv.ellipses)
		}
		cv.ellipses[k] = out
	}
	out.Glyphs = slices.Clone(out.Glyphs)
	return out
}

// trimEnd takes the room of the spaces that end a line away, whatever the
// direction of their run (the wrapper trims them only in a run of the
// paragraph's direction, so that a Latin line in Arabic text kept its
// space at its start edge); by rule L1 they sit at the line's end, unseen.
func (cv *canvas) trimEnd(line shaping.Line, cut bool) {
	if cut {
		line = line[:len(line)-1]
	}
	if len(line) == 0 {
		return
	}
	last := line[len(line)-1]
	start, end := line[0].Runes.Offset, min(last.Runes.Offset+last.Runes.Count, len(cv.runes))
	trim := end
	for trim > start && unicode.IsSpace(cv.runes[trim-1]) {
		trim--
	}
	if trim == end {
		return
	}
	for i := range line {
		for j := range line[i].Glyphs {
			if g := &line[i].Glyphs[j]; g.ClusterIndex >= trim && g.ClusterIndex < end {
				g.Advance, g.XAdvance = 0, 0
			}
		}
		line[i].RecomputeAdvance()
	}
}

// visual returns the runs of a line (in logical order) in visual order,
// left to right, by rule L2 of the Unicode bidirectional algorithm: from
// the highest level to the lowest odd one, every stretch of runs at that
// level or higher is reversed. The wrapper's own order only swaps the runs
// against the paragraph's direction, which misplaces a number inside
// Arabic in left-to-right text, or Arabic inside Latin inside Arabic. The
// ellipsis of a cut line takes the paragraph's level. The slice is valid
// until the next call.
func (cv *canvas) visual(line shaping.Line, cut bool) []shaping.Output {
	base := bidi.Level(0)
	if cv.rtl {
		base = 1
	}
	cv.trimEnd(line, cut)
	cv.order, cv.orderLv = append(cv.order[:0], line...), cv.orderLv[:0]
	hi, lo := base, base
	for i, r := range line {
		l := base
		if o := r.Runes.Offset; !(cut && i == len(line)-1) && o >= 0 && o < len(cv.levels) {
			l = cv.levels[o]
		}
		cv.orderLv = append(cv.orderLv, l)
		hi, lo = max(hi, l), min(lo, l)
	}
	lo |= 1
	for lev := hi; lev >= lo; lev-- {
		for i := 0; i < len(cv.order); {
			if cv.orderLv[i] < lev {
				i++
				continue
			}
			j := i + 1
			for j < len(cv.order) && cv.orderLv[j] >= lev {
				j++
			}
			slices.Reverse(cv.order[i:j])
			slices.Reverse(cv.orderLv[i:j])
			i = j
		}
	}
	return cv.order
}

// width is the width of s set on one line in st, in whole pixels.
func (cv *canvas) width(s string, st style) int {
	var w fixed.Int26_6
	for _, run := range cv.shape(s, st) {
		w += run.Advance
	}
	return w.Ceil()
}

// text sets s in st in the box of width w whose top start corner is
// (x, y), from the start edge, broken into lines that fit; it returns the
// y below the last line.
func (cv *canvas) text(s string, st style, x, y, w int) int {
	if s == "" || w <= 0 {
		return y
	}
	lines, cut := cv.lines(s, st, w)
	lh := lineHeight(st)
	for i, line := range lines {
		cv.line(line, st, x, y, w, lh, cut && i == len(lines)-1)
		y += lh
	}
	return y
}

// count is how many lines s set in st takes in a box of width w, uncut.
func (cv *canvas) count(s string, st style, w int) int {
	if s == "" {
		return 0
	}
	runs := cv.shape(s, st)
	lines, _ := cv.wrap.WrapParagraph(shaping.WrapConfig{Direction: cv.direction()},
		w, cv.runes, shaping.NewSliceIterator(runs))
	return len(lines)
}

// lines breaks s set in st into lines of width w: all of them when they
// are at most st.lines, else st.lines lines, the last cut at the end of a
// word and ended with an ellipsis (cut is then true). The lines are valid
// until the next call.
//
// The text is wrapped whole first because the wrapper, when it may cut,
// wants some room to spare on a line that the text fills exactly; and a
// cut never falls inside a word, so never inside a number.
func (cv *canvas) lines(s string, st style, w int) (_ []shaping.Line, cut bool) {
	cfg := shaping.WrapConfig{Direction: cv.direction()}
	runs := cv.shape(s, st)
	lines, _ := cv.wrap.WrapParagraph(cfg, w, cv.runes, shaping.NewSliceIterator(runs))
	if len(lines) <= st.lines {
		return lines, false
	}
	// The ellipsis ends a line cut short, in every script. The text is
	// shaped again: wrapping trims the spaces at the ends of lines.
	cfg.TruncateAfterLines, cfg.BreakPolicy = st.lines, shaping.Never
	cfg.Truncator = cv.ellipsis("\u2026", st)
	runs = cv.shape(s, st)
	lines, n := cv.wrap.WrapParagraph(cfg, w, cv.runes, shaping.NewSliceIterator(runs))
	return lines, n > 0
}

// line draws one line of runs, in visual order, aligned on the start edge
// of its box; when cut, its last run is the ellipsis.
func (cv *canvas) line(line shaping.Line, st style, x, y, w, lh int, cut bool) {
	runs := cv.visual(line, cut)
	var adv fixed.Int26_6
	for _, r := range runs {
		adv += r.Advance
	}
	// The baseline sits where the ascent of the size puts it, centred in
	// the line's height, on a whole pixel.
	width := min(adv.Ceil(), Width)
	left := cv.box(x, w)
	if cv.rtl {
		left += w - width
	}
	base := float32(y) + float32(math.Round(float64(lh-st.size)/2+float64(st.size)*0.86))
	ink := cv.pen(st.color, st.back())
	pen := fixed.I(left)
	for _, r := range runs {
		scale := float32(r.Size) / 64 / float32(r.Face.Upem())
		for _, g := range r.Glyphs {
			gx := float32(pen+g.XOffset) / 64
			gy := base - float32(g.YOffset)/64
			cv.drawGlyph(glyphKey{r.Face, g.GlyphID, r.Size, 0, 0}, gx, gy, scale, ink)
			pen += g.Advance
		}
	}
}

// glyph adds the outline of a glyph at (x, y), the dot on the baseline, to
// the rasteriser.
func (cv *canvas) glyph(face *font.Face, gid font.GID, x, y, scale float32) {
	out, ok := face.GlyphData(gid).(font.GlyphOutline)
	if !ok {
		return
	}
	z := &cv.ras
	open := false
	for _, s := range out.Segments {
		a := s.Args
		switch s.Op {
		case ot.SegmentOpMoveTo:
			if open {
				z.ClosePath()
			}
			z.MoveTo(x+a[0].X*scale, y-a[0].Y*scale)
			open = true
		case ot.SegmentOpLineTo:
			z.LineTo(x+a[0].X*scale, y-a[0].Y*scale)
		case ot.SegmentOpQuadTo:
			z.QuadTo(x+a[0].X*scale, y-a[0].Y*scale, x+a[1].X*scale, y-a[1].Y*scale)
		case ot.SegmentOpCubeTo:
			z.CubeTo(x+a[0].X*scale, y-a[0].Y*scale, x+a[1].X*scale, y-a[1].Y*scale, x+a[2].X*scale, y-a[2].Y*scale)
		}
	}
	if open {
		z.ClosePath()
	}
}
