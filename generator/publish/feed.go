package publish

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"

	"reckon/generator/claim"
	"reckon/generator/costmodel"
	"reckon/generator/route"
)

// ClaimReview structured data, as Google's fact-check documentation asks:
// https://developers.google.com/search/docs/appearance/structured-data/factcheck
type claimReview struct {
	Context       string       `json:"@context"`
	Type          string       `json:"@type"`
	URL           string       `json:"url"`
	ClaimReviewed string       `json:"claimReviewed"`
	ReviewBody    string       `json:"reviewBody,omitempty"`
	DatePublished string       `json:"datePublished"`
	DateModified  string       `json:"dateModified,omitempty"`
	InLanguage    string       `json:"inLanguage"`
	Author        organization `json:"author"`
	ReviewRating  rating       `json:"reviewRating"`
	ItemReviewed  claimItem    `json:"itemReviewed"`
}

type organization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rating struct {
	Type          string `json:"@type"`
	RatingValue   int    `json:"ratingValue"`
	BestRating    int    `json:"bestRating"`
	WorstRating   int    `json:"worstRating"`
	AlternateName string `json:"alternateName"`
}

type claimItem struct {
	Type            string         `json:"@type"`
	Author          party          `json:"author"`
	DatePublished   string         `json:"datePublished,omitempty"`
	FirstAppearance *creativeWork  `json:"firstAppearance,omitempty"`
	Appearance      []creativeWork `json:"appearance,omitempty"`
}

// party is who made a claim. A party whose name is not known is described
// and given no name: structured data carries only what is known.
type party struct {
	Type        string `json:"@type"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	JobTitle    string `json:"jobTitle,omitempty"`
}

type creativeWork struct {
	Type          string `json:"@type"`
	URL           string `json:"url"`
	Headline      string `json:"headline,omitempty"`
	DatePublished string `json:"datePublished,omitempty"`
}

// ClaimReview returns the JSON-LD of the claim c's page. encoding/json
// escapes <, > and &, so that the block cannot end its script early. It is
// safe for concurrent use.
func (p *Publisher) ClaimReview(c *costmodel.Claim) ([]byte, error) {
	cl := c.Claim
	// The claim is the wording reviewed: its author is who worded it (the
	// claimant), not who first produced the figure (the origin), and it
	// first appeared in the claim's source.
	author := party{Type: "Organization", Name: cl.Claimant}
	switch {
	case cl.ClaimantKind == claim.Person:
		author = party{Type: "Person", Name: cl.Claimant, JobTitle: cl.ClaimantRole}
	case cl.Unnamed:
		author = party{Type: "Organization", Description: cl.Claimant}
	}
	item := claimItem{Type: "Claim", Author: author, DatePublished: cl.Date.ISO()}
	work := func(s *claim.Source, date claim.Date) creativeWork {
		if date.IsZero() {
			date = s.Published
		}
		return creativeWork{Type: "CreativeWork", URL: s.URL, Headline: s.Title, DatePublished: date.ISO()}
	}
	if s := p.in.Claims.Source(cl.Source.SourceID); s != nil && s.URL != "" {
		first := work(s, cl.Source.Date)
		item.FirstAppearance = &first
		item.Appearance = append(item.Appearance, first)
	}
	for _, rep := range cl.Repeated {
		if s := p.in.Claims.Source(rep.SourceID); s != nil && s.URL != "" {
			item.Appearance = append(item.Appearance, work(s, rep.Date))
		}
	}
	rt := c.Rating
	cr := claimReview{
		Context: "https://schema.org", Type: "ClaimReview", URL: p.u.Abs(p.u.Claim(cl.ID)),
		ClaimReviewed: cl.Title, ReviewBody: cl.Summary,
		DatePublished: cl.Published.String(), InLanguage: p.in.Words.Lang(),
		Author:       organization{Type: "Organization", Name: p.in.Claims.Site.Publisher, URL: p.u.Abs(p.u.Home())},
		ReviewRating: rating{Type: "Rating", RatingValue: rt.Value, BestRating: rt.Best, WorstRating: rt.Worst, AlternateName: p.in.Words.RatingLabel(rt)},
		ItemReviewed: item,
	}
	if d := cl.Changed(); d != cl.Published {
		cr.DateModified = d.String()
	}
	data, err := json.MarshalIndent(cr, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("claim %s: json-ld: %v", cl.ID, err)
	}
	return data, nil
}

// Atom feed (RFC 4287) of fact-checks, new and corrected.
type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle"`
	Links    []atomLink  `xml:"link"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomEntry struct {
	Title     string       `xml:"title"`
	Link      atomLink     `xml:"link"`
	ID        string       `xml:"id"`
	Published string       `xml:"published"`
	Updated   string       `xml:"updated"`
	Category  atomCategory `xml:"category"`
	Summary   string       `xml:"summary"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

// feedCount is how many entries the feed holds: the newest changes.
const feedCount = 50

func atomTime(isoDate string) string { return isoDate + "T00:00:00Z" }

// feedEntries returns the feed entries of the claims of t.
func (p *Publisher) feedEntries(t *costmodel.Topic) []atomEntry {
	words := p.in.Words
	out := make([]atomEntry, 0, len(t.Claims))
	for _, c := range t.Claims {
		cl := c.Claim
		url := p.u.Abs(p.u.Claim(cl.ID))
		summary := words.String("feed_summary", c.Rating.Label, cl.Claimant, words.Figure(cl.Figure), cl.Summary)
		if k := cl.LastCorrection(); k != nil {
			summary += " " + words.String("feed_corrected", words.Date(k.Date), k.Change)
		}
		out = append(out, atomEntry{
			Title: cl.Title, Link: atomLink{Rel: "alternate", Type: "text/html", Href: url}, ID: url,
			Published: atomTime(cl.Published.String()), Updated: atomTime(cl.Changed().String()),
			Category: atomCategory{Term: t.Topic.ID, Label: t.Topic.Title},
			Summary:  strings.TrimSpace(summary),
		})
	}
	return out
}

// feed writes the Atom feed of the newest changes, entries (see newest).
func (p *Publisher) feed(w *writer, entries []atomEntry) {
	words, site := p.in.Words, p.in.Claims.Site
	home := p.u.Abs(p.u.Home())
	f := atomFeed{
		Lang: words.Lang(), Title: site.Title, Subtitle: site.Description, ID: home,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: p.u.Abs(p.u.Feed())},
			{Rel: "alternate", Type: "text/html", Href: home},
		},
		Author:  atomPerson{Name: site.Publisher, URI: home},
		Entries: entries,
	}
	f.Updated = atomTime("1970-01-01")
	if d := p.in.Claims.Changed(); !d.IsZero() {
		f.Updated = atomTime(d.String())
	}
	w.files[p.u.File(p.u.Feed())] = w.xml(f)
}

// The sitemap (sitemaps.org 0.9).
type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// sitemap lists pages, sorted by URL.
func (p *Publisher) sitemap(w *writer, pages []route.Page) {
	var s urlset
	for _, pg := range pages {
		s.URLs = append(s.URLs, sitemapURL{Loc: p.u.Abs(pg.Path), Lastmod: pg.Lastmod})
	}
	slices.SortFunc(s.URLs, func(a, b sitemapURL) int { return strings.Compare(a.Loc, b.Loc) })
	w.files[p.u.File(p.u.Sitemap())] = w.xml(s)
}

func (p *Publisher) robots(w *writer) {
	w.files[p.u.File(p.u.Robots())] = []byte("User-agent: *\nAllow: /\n\nSitemap: " + p.u.Abs(p.u.Sitemap()) + "\n")
}

// xml writes v as indented XML with its header and a final newline.
func (w *writer) xml(v any) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	w.fail(enc.Encode(v))
	b.WriteByte('\n')
	return b.Bytes()
}
