// Package card draws the social cards of a site: one PNG image of
// [Width]x[Height] pixels per claim and per topic, which pages name in
// og:image so that a shared link shows the verdict and the key figures.
//
// A [Card] holds only text that the caller made in the reader's language
// (package site, from the catalog): the package writes no words of its own.
// Text is shaped with HarfBuzz's port in github.com/go-text/typesetting, so
// that Arabic letters join, runs of Arabic, Latin and digits are put in
// bidi order and lines break where the language allows; glyph outlines are
// filled with golang.org/x/image/vector. The fonts are TrueType files that
// the caller reads (the command reads them from npm packages, see
// [Fonts]); none is embedded here.
//
// Draw is deterministic: the same card and fonts give the same bytes. A
// [Painter] is safe for concurrent use; each goroutine gets its own faces,
// shaper, rasteriser and image from a pool, so that fonts are parsed once,
// with what they keep from card to card: glyphs rasterised, strings
// shaped and badge shapes, each the same as made again, so that what a
// canvas drew before changes no pixel. The painter itself keeps, for
// every goroutine, the bands of scanlines that cards share (a topic's
// kicker, the badges, a claimant's byline), encoded, so that a card that
// has one again is neither drawn nor encoded there; the bytes are those
// of the card drawn whole (see bandCache).
//
// It may import nothing of Reckon.
package card

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/vector"
)

// Width and Height are the size of every card in pixels, the size that
// og:image:width and og:image:height state.
const (
	Width  = 1200
	Height = 630
)

// Fonts are the TrueType (or OpenType) files a card is drawn with, each one
// required: a Latin face and an Arabic one, regular and bold. A rune that
// the Latin face lacks is drawn with the Arabic one, and the other way
// round.
type Fonts struct {
	Regular, Bold             []byte
	ArabicRegular, ArabicBold []byte
}

// Card is the text of one card, every string as the reader sees it. Empty
// strings are left out.
type Card struct {
	Lang   string // the language of the text, as a BCP 47 tag ("en", "ar"); it chooses language-specific glyphs
	RTL    bool   // the text's base direction is right to left: the layout is mirrored
	Kicker string // the line above the title (the topic's title)
	Title  string // the claim's or topic's title, up to three lines
	Badges []Badge
	Facts  []Fact // at most two are shown, side by side
	Byline string // who made the claim, as worded
	Footer string // the site's name
}

// Badge is a verdict in words, drawn in the colour of its band.
type Badge struct {
	Text string
	Band int // 0 (worst) to 4 (best), as package site's Rating.Band; any other value is neutral
}

// Fact is a key figure with its label ("The claim", "$5.6M").
type Fact struct {
	Label, Value string
}

// Painter draws cards with one set of fonts.
type Painter struct {
	regular, bold, arabic, arabicBold *font.Font
	pool                              sync.Pool // of *canvas
	pairs                             []pair
	palette                           color.Palette
	png                               *tables
	bands                             *bandCache // nil: none
	fonts                             [32]byte   // their digest, for Key
}

// New parses the fonts and returns a painter that draws with them.
func New(f Fonts) (*Painter, error) {
	p := &Painter{pairs: pairs(), fonts: fontsDigest(f)}
	p.palette = palette(p.pairs)
	p.png, p.bands = newTables(), newBandCache()
	// The fonts are parsed at once, each on a goroutine of its own; the
	// first error, in the order of the fields, is reported.
	files := []struct {
		name string
		data []byte
		dst  **font.Font
	}{
		{"Regular", f.Regular, &p.regular},
		{"Bold", f.Bold, &p.bold},
		{"ArabicRegular", f.ArabicRegular, &p.arabic},
		{"ArabicBold", f.ArabicBold, &p.arabicBold},
	}
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, x := range files {
		if len(x.data) == 0 {
			errs[i] = fmt.Errorf("card: Fonts.%s is empty", x.name)
			continue
		}
		wg.Go(func() {
			face, err := font.ParseTTF(bytes.NewReader(x.data))
			if err != nil {
				errs[i] = fmt.Errorf("card: Fonts.%s: %v", x.name, err)
				return
			}
			*x.dst = face.Font
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, slices.DeleteFunc(errs, func(e error) bool { return e == nil })[0]
	}
	p.pool.New = func() any { return p.newCanvas() }
	return p, nil
}

// Draw draws c and returns it as a PNG file.
func (p *Painter) Draw(c Card) ([]byte, error) {
	return p.Append(nil, c)
}

// Append draws c and appends it, as a PNG file, to dst, so that a caller
// that hands the file on and is done with it can draw the next card into
// the same memory. It returns the extended buffer, or dst and an error.
func (p *Painter) Append(dst []byte, c Card) ([]byte, error) {
	if p == nil {
		return dst, errors.New("card: no painter")
	}
	cv := p.pool.Get().(*canvas)
	defer p.pool.Put(cv)
	cv.draw(c)
	bands, ok := cv.bands()
	if !ok {
		// A band from the cache is not the card's alone.
		cv.whole = true
		cv.draw(c)
		cv.whole = false
		bands, _ = cv.bands()
	}
	return cv.enc.encode(p.png, bands, p.bands, dst, cv.img), nil
}

// canvas is the state of one goroutine's drawing: faces with their caches,
// the shaper, the line wrapper, the rasteriser and the image, all reused
// from card to card.
type canvas struct {
	regular, bold fontmap
	shaper        shaping.HarfbuzzShaper
	seg           shaping.Segmenter
	wrap          shaping.LineWrapper
	ras           vector.Rasterizer
	img           *image.Paletted
	mask          *image.Alpha // the rasteriser's coverage, before it is painted
	pairs         []pair
	drawn         [Height]bool  // the rows drawn on, beside the stripe, since they were paper (index 0)
	owner         [Height]uint8 // who drew each row of this card: see own
	groups        []group       // of this card's drawing calls, see canvas.group
	cur           uint8         // the open group, plus 1; 0: none
	prefix        []byte        // what every group's key begins with
	found         []band        // the bands of this card, see canvas.bands
	cache         *bandCache    // the painter's, or nil
	whole         bool          // draw every group, taking no band from the cache
	glyphs        map[glyphKey]glyphMask
	enc           encoder
	runes         []rune
	shapes        map[shapeKey]shaped
	rects         map[rectKey][]uint8 // the levels of rounded rectangles
	ellipses      map[shapeKey]shaping.Output
	shaped        []shaping.Output // the runs of the text last shaped
	glyphBuf      []shaping.Glyph  // and their glyphs
	bidi          bidi.Paragraph
	levels        []bidi.Level     // of each rune of the text last shaped
	order         []shaping.Output // a line's runs in visual order
	orderLv       []bidi.Level     // and their levels
	rtl           bool
	lang          string
}

func (p *Painter) newCanvas() *canvas {
	return &canvas{
		regular:  fontmap{latin: font.NewFace(p.regular), arabic: font.NewFace(p.arabic)},
		bold:     fontmap{latin: font.NewFace(p.bold), arabic: font.NewFace(p.arabicBold)},
		img:      image.NewPaletted(image.Rect(0, 0, Width, Height), p.palette),
		mask:     image.NewAlpha(image.Rect(0, 0, Width+200, Height)),
		pairs:    p.pairs,
		glyphs:   map[glyphKey]glyphMask{},
		shapes:   map[shapeKey]shaped{},
		ellipses: map[shapeKey]shaping.Output{},
		rects:    map[rectKey][]uint8{},
		cache:    p.bands,
	}
}

// fontmap chooses the face of each rune: Arabic letters from the Arabic
// face, everything else from the Latin one when it has the glyph.
type fontmap struct{ latin, arabic *font.Face }

func (m fontmap) ResolveFace(r rune) *font.Face {
	if unicode.Is(unicode.Arabic, r) {
		if _, ok := m.arabic.NominalGlyph(r); ok {
			return m.arabic
		}
	}
	if _, ok := m.latin.NominalGlyph(r); ok {
		return m.latin
	}
	if _, ok := m.arabic.NominalGlyph(r); ok {
		return m.arabic
	}
	return m.latin
}

// maxRunes is the most of one string a card shapes: a card shows at most
// three lines of any one string.
const maxRunes = 600

// clean makes s one paragraph of at most maxRunes runes: line breaks and
// other control characters become spaces.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if n := 0; len(s) > maxRunes {
		for i := range s {
			if n == maxRunes {
				return s[:i]
			}
			n++
		}
	}
	return s
}
