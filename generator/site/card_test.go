package site_test

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"reckon/generator/card"
)

// painter returns a card painter with the fonts of the repository's
// node_modules (npm ci installs them).
func painter(t *testing.T) *card.Painter {
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

// renderWithCards renders the fixture with the strings strs and the topic
// article article, drawing its cards.
func renderWithCards(t *testing.T, strs fixtureStrings, article string) output {
	t.Helper()
	in, docs := fixture(strs, article, fixtureMethodology)
	in = withDocs(t, in, docs)
	in.Cards = painter(t)
	files, err := renderSite(in, tmplFS())
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// cardMeta is the head of a page from its og:image to its twitter:card.
var cardMeta = regexp.MustCompile(`(?s)(<meta property="og:image".*)?<meta name="twitter:card"[^>]*>`)

// TestCards draws the social cards of the fixture: one per claim and per
// topic, each a 1200x630 PNG named on its page with its size and its text
// in one sentence.
func TestCards(t *testing.T) {
	files := renderWithCards(t, plainStrings(), fixtureArticle)
	var cards []string
	for name := range files {
		if strings.HasPrefix(name, "cards/") {
			cards = append(cards, name)
		}
	}
	slices.Sort(cards)
	if want := []string{"cards/deepseek.png", "cards/deepseek/seed-r1.png", "cards/deepseek/v3-report.png"}; strings.Join(cards, " ") != strings.Join(want, " ") {
		t.Fatalf("cards %q, want %q", cards, want)
	}
	for _, name := range cards {
		cfg, err := png.DecodeConfig(bytes.NewReader(files[name]))
		if err != nil || cfg.Width != card.Width || cfg.Height != card.Height {
			t.Errorf("%s: %dx%d, %v; want a %dx%d PNG", name, cfg.Width, cfg.Height, err, card.Width, card.Height)
		}
	}
	for _, tc := range []struct{ page, want string }{
		{"claims/deepseek/v3-report/index.html", `<meta property="og:image" content="https://factcheck.example/cards/deepseek/v3-report.png">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:image:alt" content="DeepSeek said $5.576M. Our model&#39;s estimate for Final training run of V3: $5.576M. Our rating: Accurate.">
<meta name="twitter:card" content="summary_large_image">`},
		{"topics/deepseek/index.html", `<meta property="og:image" content="https://factcheck.example/cards/deepseek.png">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:image:alt" content="What did DeepSeek spend? Our model&#39;s estimates: Final training run of V3: $5.576M and Development of V3: $21.35M ($17.1M to $27.2M). Ratings of its claims: Accurate: 1 and Misleading: 1.">
<meta name="twitter:card" content="summary_large_image">`},
	} {
		if got := cardMeta.FindString(string(files[tc.page])); got != tc.want {
			t.Errorf("%s: head has\n%s\nwant\n%s", tc.page, got, tc.want)
		}
	}
}

// TestNoCards renders without a painter: no card, no og:image, and the
// small twitter card.
func TestNoCards(t *testing.T) {
	files := render(t)
	for name := range files {
		if strings.HasPrefix(name, "cards/") {
			t.Errorf("%s drawn without a painter", name)
		}
	}
	page := string(files["claims/deepseek/v3-report/index.html"])
	if got, want := cardMeta.FindString(page), `<meta name="twitter:card" content="summary">`; got != want {
		t.Errorf("head has %s, want %s", got, want)
	}
}

// TestCardsHostile draws the cards of the fixture whose every string is
// hostile (markup, bidi marks, very long text): each is still a 1200x630
// PNG, and its alt text is escaped in the head.
func TestCardsHostile(t *testing.T) {
	files := renderWithCards(t, hostileStrings(), hostileArticle)
	n := 0
	for name, data := range files {
		if !strings.HasPrefix(name, "cards/") {
			continue
		}
		n++
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width != card.Width || cfg.Height != card.Height {
			t.Errorf("%s: %dx%d, %v; want a %dx%d PNG", name, cfg.Width, cfg.Height, err, card.Width, card.Height)
		}
	}
	if n != 3 {
		t.Errorf("%d cards, want 3", n)
	}
	head := cardMeta.FindString(string(files["claims/deepseek/v3-report/index.html"]))
	if !strings.Contains(head, `<meta property="og:image:alt" content="`) || strings.Contains(head, "<script") {
		t.Errorf("head has %s", head)
	}
}
