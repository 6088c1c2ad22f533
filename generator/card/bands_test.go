package card

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// painterFor returns a painter with the repository's fonts (npm ci
// installs them).
func painterFor(t testing.TB) *Painter {
	t.Helper()
	fonts, _, err := ReadFonts(os.DirFS(filepath.Join("..", "..", "node_modules")))
	if err != nil {
		t.Fatalf("%v (run npm ci)", err)
	}
	p, err := New(fonts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBandsChangeNoByte draws a stream of cards like a site's twice, with
// the cache of bands and without, on two goroutines: every card has the
// same bytes, and the cache gave some of the bands.
func TestBandsChangeNoByte(t *testing.T) {
	with, without := painterFor(t), painterFor(t)
	without.bands = nil
	const n = 600
	got := make([][]byte, n)
	done := make(chan bool)
	for k := range 2 {
		go func() {
			defer func() { done <- true }()
			for i := k; i < n; i += 2 {
				data, err := with.Draw(siteCard(i % (n / 2)))
				if err != nil {
					t.Error(err)
					return
				}
				got[i] = data
			}
		}()
	}
	<-done
	<-done
	for i := range n {
		want, err := without.Draw(siteCard(i % (n / 2)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got[i], want) {
			t.Fatalf("card %d: the bytes differ with the cache of bands", i)
		}
	}
	if with.bands.hits == 0 {
		t.Error("the cache gave no band")
	}
}

// TestBandTakenNotAlone draws a card whose bands the cache has, then
// draws on one of them as another part of a card would: the canvas
// reports that the card must be drawn again whole, and drawn whole it has
// the bytes of a card drawn without the cache.
func TestBandTakenNotAlone(t *testing.T) {
	p, plain := painterFor(t), painterFor(t)
	plain.bands = nil
	var c Card
	data, err := os.ReadFile(filepath.Join("testdata", "en.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	for range 3 { // seen, kept, taken
		if _, err := p.Draw(c); err != nil {
			t.Fatal(err)
		}
	}
	cv := p.newCanvas()
	cv.draw(c)
	var taken *group
	for i := range cv.groups {
		if cv.groups[i].hit != nil {
			taken = &cv.groups[i]
			break
		}
	}
	if taken == nil {
		t.Fatal("no band was taken from the cache")
	}
	if _, ok := cv.bands(); !ok {
		t.Fatal("the bands taken are not the card's alone")
	}
	cv.fill(stripe+margin, taken.r0+1, stripe+margin+10, taken.r0+2, cv.pen(ink, paper)+levels-1)
	if _, ok := cv.bands(); ok {
		t.Fatal("a band drawn on is taken")
	}
	cv.whole = true
	cv.draw(c)
	bands, ok := cv.bands()
	if !ok || len(bands) > 0 {
		t.Fatalf("drawn whole, the card has bands %v (ok %v)", bands, ok)
	}
	got := cv.enc.encode(p.png, bands, p.bands, nil, cv.img)
	want, err := plain.Draw(c)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("the card drawn whole differs")
	}
}

// siteCard returns the i-th of a stream of cards like a site's: claims
// whose titles, claimants and figures differ from card to card (so that
// no title is drawn twice, as in a build), a hundred of each topic in a
// row, as a build draws them; every ninth title is long enough to wrap
// and be cut, every seventh card is a topic's (its badges in rows), and
// every fifth one is in Arabic, right to left.
func siteCard(i int) Card {
	topic := i / 100 % 100
	bands := []string{"False", "Misleading", "Needs context", "Mostly accurate", "Accurate"}
	money := func(v int) string { return fmt.Sprintf("$%d.%dM", v/10, v%10) }
	v := 42 + i*37%1500
	c := Card{
		Lang:   "en",
		Kicker: fmt.Sprintf("What did project %d cost?", topic),
		Title:  fmt.Sprintf("Claimant %d says project %d cost %s", i%97, topic, money(v)),
		Badges: []Badge{{Text: bands[i%5], Band: i % 5}},
		Facts: []Fact{
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
			c.Badges = append(c.Badges, Badge{Text: fmt.Sprintf("%s: %d", bands[4-b], (i+b*7)%40), Band: 4 - b})
		}
		c.Byline = "Claims checked: 100"
	}
	if i%5 == 2 {
		c = Card{
			Lang: "ar", RTL: true,
			Kicker: fmt.Sprintf("كم كلّف المشروع %d؟", topic),
			Title:  fmt.Sprintf("كلّف التدريب النهائي لنموذج DeepSeek-V%d مبلغ %d.%d مليون دولار على 2048 شريحة H800", i%97, v/10, v%10),
			Badges: []Badge{{Text: "دقيق لما يقيسه", Band: 4}},
			Facts: []Fact{
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
	p := painterFor(b)
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
