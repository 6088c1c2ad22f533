package card_test

import (
	"bytes"
	"encoding/json"
	"flag"

	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"reckon/generator/card"
	"reckon/generator/internal/golden"
)

// painter returns a painter with the fonts of the repository's
// node_modules (npm ci installs them).
func painter(t testing.TB) *card.Painter {
	t.Helper()
	fonts, _, err := card.ReadFonts(os.DirFS(filepath.Join("..", "..", "node_modules")))
	if err != nil {
		t.Fatalf("%v (run npm ci)", err)
	}
	p, err := card.New(fonts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// readCard reads a card's text from testdata.
func readCard(t testing.TB, name string) card.Card {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var c card.Card
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestDrawGolden draws an English card and an Arabic one (Arabic mixed with
// Latin names and digits, right to left), an Arabic topic card (badges of
// Latin labels with Arabic counts, a figure with its range on three lines)
// and an English one whose badges take two rows, and compares their pixels
// with the goldens, which are PNG files to look at.
func TestDrawGolden(t *testing.T) {
	p := painter(t)
	for _, name := range []string{"en", "ar", "ar-topic", "en-rows"} {
		t.Run(name, func(t *testing.T) {
			data, err := p.Draw(readCard(t, name))
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != card.Width || b.Dy() != card.Height {
				t.Fatalf("size %v, want %dx%d", b.Size(), card.Width, card.Height)
			}
			checkPixels(t, filepath.Join("testdata", name+".png"), data)
		})
	}
}

// TestDrawDeterministic draws the same cards on several goroutines at once
// and in turn, with reused canvases, and gets the same bytes every time.
func TestDrawDeterministic(t *testing.T) {
	p := painter(t)
	cards := []card.Card{readCard(t, "en"), readCard(t, "ar")}
	want := make([][]byte, len(cards))
	for i, c := range cards {
		data, err := p.Draw(c)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = data
	}
	var wg sync.WaitGroup
	for k := range 8 {
		wg.Go(func() {
			i := k % len(cards)
			got, err := p.Draw(cards[i])
			if err != nil {
				t.Error(err)
				return
			}
			if !bytes.Equal(got, want[i]) {
				t.Errorf("card %d: a second draw differs", i)
			}
		})
	}
	wg.Wait()
}

// TestAppend checks that Append draws what Draw does after what dst holds,
// and, given back the buffer it returned, draws into the same memory.
func TestAppend(t *testing.T) {
	p := painter(t)
	c := readCard(t, "en")
	want, err := p.Draw(c)
	if err != nil {
		t.Fatal(err)
	}
	var buf []byte
	for i := range 3 {
		got, err := p.Append(append(buf[:0], "head"...), c)
		if err != nil {
			t.Fatal(err)
		}
		if string(got[:4]) != "head" || !bytes.Equal(got[4:], want) {
			t.Errorf("draw %d: Append gave %d bytes, want %q and Draw's %d", i, len(got), "head", len(want))
		}
		if i > 0 && &got[0] != &buf[:1][0] {
			t.Errorf("draw %d: Append did not draw into the buffer it returned before", i)
		}
		buf = got
	}
	var none *card.Painter
	if got, err := none.Append(buf[:2], c); err == nil || len(got) != 2 {
		t.Errorf("a nil painter's Append = %d bytes, %v; want dst and an error", len(got), err)
	}
}

// checkPixels compares a PNG file with the golden one at path, pixel by
// pixel; with -update it rewrites the golden. A mismatch says how many
// pixels differ.
func checkPixels(t *testing.T, path string, got []byte) {
	t.Helper()
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		golden.Check(t, path, got)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	a, err := png.Decode(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := png.Decode(bytes.NewReader(got))
	n := 0
	if a.Bounds() != b.Bounds() {
		n = -1
	} else {
		for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
			for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
				if a.At(x, y) != b.At(x, y) {
					n++
				}
			}
		}
	}
	t.Errorf("%s: %d pixels differ (-1: the size), or the encoding does (rerun with -update to accept)", filepath.ToSlash(path), n)
}

// BenchmarkDraw measures a card, drawn and encoded, on one goroutine: each
// card of testdata in turn (English and Arabic, claims and topics), and
// reports the mean size of their files.
func BenchmarkDraw(b *testing.B) {
	p := painter(b)
	var cards []card.Card
	for _, name := range []string{"en", "ar", "ar-topic", "en-rows"} {
		cards = append(cards, readCard(b, name))
	}
	n, size := 0, 0
	for b.Loop() {
		data, err := p.Draw(cards[n%len(cards)])
		if err != nil {
			b.Fatal(err)
		}
		n++
		size += len(data)
	}
	b.ReportMetric(float64(size)/float64(n), "B/card")
}

// TestNewErrors checks the errors of fonts that are missing or broken: the
// first in the order of the fields.
func TestNewErrors(t *testing.T) {
	fonts, _, err := card.ReadFonts(os.DirFS(filepath.Join("..", "..", "node_modules")))
	if err != nil {
		t.Fatalf("%v (run npm ci)", err)
	}
	missing := fonts
	missing.Bold = nil
	broken := fonts
	broken.ArabicRegular = []byte("not a font")
	for _, tc := range []struct {
		name  string
		fonts card.Fonts
		want  string
	}{
		{"missing", missing, "card: Fonts.Bold is empty"},
		{"broken", broken, "card: Fonts.ArabicRegular: unknown font format tag [110 111 116 32]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := card.New(tc.fonts)
			if err == nil || err.Error() != tc.want {
				t.Errorf("got %v, want %s", err, tc.want)
			}
		})
	}
}

// TestIsolatesDrawNothing draws an Arabic card whose Latin names and
// numbers are wrapped in bidi isolates (U+2068 FIRST STRONG ISOLATE and
// U+2069 POP DIRECTIONAL ISOLATE, as the text layer writes them in
// right-to-left text): the marks take no room and show no glyph, so the
// card is the one without them.
func TestIsolatesDrawNothing(t *testing.T) {
	p := painter(t)
	plain := readCard(t, "ar")
	isolated := plain
	iso := func(s string) string { return "\u2068" + s + "\u2069" }
	isolated.Byline = strings.Replace(plain.Byline, "DeepSeek", iso("DeepSeek"), 1)
	isolated.Facts = []card.Fact{plain.Facts[0], {Label: plain.Facts[1].Label, Value: strings.Replace(plain.Facts[1].Value, "5.58", iso("5.58"), 1)}}
	if isolated.Byline == plain.Byline || isolated.Facts[1].Value == plain.Facts[1].Value {
		t.Fatal("the test card has no isolates")
	}
	a, err := p.Draw(plain)
	if err != nil {
		t.Fatal(err)
	}
	b, err := p.Draw(isolated)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("isolates change the card")
	}
}
