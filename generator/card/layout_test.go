package card

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// canvasFor returns a canvas with the repository's fonts (npm ci installs
// them), set for the direction and language of a card.
func canvasFor(t *testing.T, rtl bool, lang string) *canvas {
	t.Helper()
	cv := painterFor(t).newCanvas()
	cv.rtl, cv.lang = rtl, lang
	return cv
}

// TestBadgeTextFitsItsWidth sets each badge text in the width it measures:
// it takes one line and is not cut (the wrapper, asked to cut, wanted a
// fraction of a pixel more than the text's width for mixed-direction text,
// and the badges lost their counts).
func TestBadgeTextFitsItsWidth(t *testing.T) {
	for _, tc := range []struct {
		rtl  bool
		lang string
		text []string
	}{
		{true, "ar", []string{"Mostly accurate: ٥", "Needs context: ١", "Misleading: ٣", "False: ١", "دقيق في معظمه: ٥", "\u2068Mostly accurate\u2069: 5"}},
		{false, "en", []string{"Mostly accurate: 5", "Needs context: 1", "Misleading: 3", "False: 1"}},
	} {
		cv := canvasFor(t, tc.rtl, tc.lang)
		for n := 1; n <= 4; n += 3 {
			st := badgeStyle(n)
			for _, s := range tc.text {
				w := cv.width(s, st)
				lines, cut := cv.lines(s, st, w)
				if len(lines) != 1 || cut {
					t.Errorf("%q at %dpx in its width %d: %d lines, cut %v; want 1 line, uncut", s, st.size, w, len(lines), cut)
				}
			}
		}
	}
}

// TestVisualOrder checks the order in which a line's runs are drawn, left
// to right, against the Unicode bidirectional algorithm (rule L2).
func TestVisualOrder(t *testing.T) {
	for _, tc := range []struct {
		rtl  bool
		text string
		want []string // the runs' text, left to right
	}{
		// Arabic layout: the label reads first, from the right, then its count.
		{true, "Needs context: ١", []string{"١", ": ", "Needs context"}},
		// An isolated Latin label keeps a European count after it, too.
		{true, "\u2068Needs context\u2069: 1", []string{"1", "\u2069: ", "Needs context", "\u2068"}},
		// Arabic in Latin in Arabic: the inner Arabic is read right to left.
		{true, "قال \u2068Our model عربي done\u2069 اليوم", []string{"\u2069 اليوم", "Our model ", "عربي", " done", "قال \u2068"}},
		// Latin layout: a number between Arabic words stays between them, and
		// the Arabic reads right to left.
		{false, "By عربي 2024 نص now", []string{"By ", " نص", "2024", "عربي ", " now"}},
	} {
		cv := canvasFor(t, tc.rtl, "ar")
		st := labelStyle
		st.lines = 1
		lines, cut := cv.lines(tc.text, st, 4000)
		if len(lines) != 1 || cut {
			t.Fatalf("%q: %d lines, cut %v", tc.text, len(lines), cut)
		}
		var got []string
		for _, r := range cv.visual(lines[0], cut) {
			got = append(got, string(cv.runes[r.Runes.Offset:r.Runes.Offset+r.Runes.Count]))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q (rtl %v): runs left to right %q, want %q", tc.text, tc.rtl, got, tc.want)
		}
	}
}

// TestFactStyles checks that a figure with its range is set whole: on
// three lines at full size where there is room, at a smaller size where
// there is less, its label on one line where that is still too much, and
// cut only where nothing fits.
func TestFactStyles(t *testing.T) {
	cv := canvasFor(t, true, "ar")
	facts := []Fact{
		{Label: "نموذجنا: DeepSeek-V3's final training run, at $2 per GPU-hour", Value: "⁨٥٫٥٧٦ مليون دولار⁩"},
		{Label: "نموذجنا: Fleet capex plus operating costs", Value: "⁨٢٫٣٩٤ مليار دولار⁩ (⁨٢٫٢٤٤ مليار دولار⁩ إلى ⁨٢٫٥٤٤ مليار دولار⁩)"},
	}
	w := (column - gutter) / 2
	for _, tc := range []struct {
		room                    int
		labelLines, size, lines int
	}{
		{400, 2, 38, 3},
		{200, 2, 32, 2}, // 2*36 + 3*48 > 200 >= 2*36 + 2*40
		{150, 2, 28, 2}, // the figure shrinks before its label is cut
		{110, 1, 28, 2},
		{100, 1, 28, 1}, // nothing fits: one line of the smallest size, cut
	} {
		label, value := cv.factStyles(facts, w, tc.room)
		if label.lines != tc.labelLines || value.size != tc.size || value.lines != tc.lines {
			t.Errorf("room %d: labels on %d lines, values %dpx on %d lines; want %d, %dpx on %d",
				tc.room, label.lines, value.size, value.lines, tc.labelLines, tc.size, tc.lines)
		}
	}
}

// TestCanvasReused draws the test cards in turn on one canvas, twice over
// (left to right and right to left, with different stripes, after one
// another): each image is the one a fresh canvas draws, so that what a
// canvas keeps from card to card (shaped strings, glyphs, rectangles, the
// rows it clears) changes no pixel.
func TestCanvasReused(t *testing.T) {
	names := []string{"en", "ar", "ar-topic", "en-rows"}
	cards := make([]Card, len(names))
	for i, name := range names {
		data, err := os.ReadFile(filepath.Join("testdata", name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &cards[i]); err != nil {
			t.Fatal(err)
		}
	}
	cv := canvasFor(t, false, "en")
	for round := range 2 {
		for i, c := range cards {
			cv.draw(c)
			fresh := canvasFor(t, false, "en")
			fresh.draw(c)
			if !bytes.Equal(cv.img.Pix, fresh.img.Pix) {
				t.Errorf("round %d, %s: the reused canvas draws other pixels", round, names[i])
			}
		}
	}
}
