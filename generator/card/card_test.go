package card_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"

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

// siteCard returns the i-th of a stream of cards like a site's: claims
// whose titles, claimants and figures differ from card to card (so that
// no title is drawn twice, as in a build), of a hundred topics, with every
// ninth title long enough to wrap and be cut, every seventh card a
// topic's (its badges in rows), and every fifth one in Arabic, right to
// left.
func siteCard(i int) card.Card {
	topic := i / 7 % 100
	bands := []string{"False", "Misleading", "Needs context", "Mostly accurate", "Accurate"}
	money := func(v int) string { return fmt.Sprintf("$%d.%dM", v/10, v%10) }
	v := 42 + i*37%1500
	c := card.Card{
		Lang:   "en",
		Kicker: fmt.Sprintf("What did project %d cost?", topic),
		Title:  fmt.Sprintf("Claimant %d says project %d cost %s", i%97, topic, money(v)),
		Badges: []card.Badge{{Text: bands[i%5], Band: i % 5}},
		Facts: []card.Fact{
			{Label: "The claim", Value: []string{"", "about ", "more than ", "at most "}[i%4] + money(v)},
			{Label: "Our model: The final run", Value: fmt.Sprintf("%s (%s to %s)", money(v+13), money(v-40), money(v+91))},
		},
		Byline: fmt.Sprintf("Claimed by Claimant %d", i%97),
		Footer: "Synthetic Checks",
	}
	if i%9 == 4 {
		c.Title = fmt.Sprintf("Claimant %d says that the final training run of project %d, with its experiments and the hardware it bought, cost no more than %s, far below every estimate made before it", i%97, topic, money(v))
		c.Facts[1].Label = "Our model: Everything, hardware bought, at cloud prices"
	}
	if i%7 == 3 {
		c.Kicker, c.Title = "", fmt.Sprintf("Project %d", topic)
		c.Badges = nil
		for b := range 5 {
			c.Badges = append(c.Badges, card.Badge{Text: fmt.Sprintf("%s: %d", bands[4-b], (i+b*7)%40), Band: 4 - b})
		}
		c.Byline = "Claims checked: 100"
	}
	if i%5 == 2 {
		c = card.Card{
			Lang: "ar", RTL: true,
			Kicker: fmt.Sprintf("كم كلّف المشروع %d؟", topic),
			Title:  fmt.Sprintf("كلّف التدريب النهائي لنموذج DeepSeek-V%d مبلغ %d.%d مليون دولار على 2048 شريحة H800", i%97, v/10, v%10),
			Badges: []card.Badge{{Text: "دقيق لما يقيسه", Band: 4}},
			Facts: []card.Fact{
				{Label: "الادعاء", Value: fmt.Sprintf("%d.%d مليون $", v/10, v%10)},
				{Label: "تقدير النموذج (GPU hours × السعر)", Value: fmt.Sprintf("%d.%d مليون $ (5.2 إلى 6.1)", v/10+1, v%10)},
			},
			Byline: "قالته شركة DeepSeek في تقريرها التقني",
			Footer: "Reckon للتحقق",
		}
	}
	return c
}

// BenchmarkDrawSite measures a card, drawn and encoded, on one goroutine,
// as a build draws them: a stream of cards of which none is drawn twice
// (see siteCard). It reports the mean size of their files.
func BenchmarkDrawSite(b *testing.B) {
	p := painter(b)
	n, size := 0, 0
	for b.Loop() {
		data, err := p.Draw(siteCard(n))
		if err != nil {
			b.Fatal(err)
		}
		n++
		size += len(data)
	}
	b.ReportMetric(float64(size)/float64(n), "B/card")
}
