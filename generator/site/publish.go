package site

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"reckon/generator/costmodel"
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

type party struct {
	Type     string `json:"@type"`
	Name     string `json:"name"`
	JobTitle string `json:"jobTitle,omitempty"`
}

type creativeWork struct {
	Type          string `json:"@type"`
	URL           string `json:"url"`
	Headline      string `json:"headline,omitempty"`
	DatePublished string `json:"datePublished,omitempty"`
}

// claimReview returns the JSON-LD of a claim's page, as a script body.
// encoding/json escapes <, > and & so the block cannot end its script early.
func (r *renderer) claimReview(c *costmodel.Claim, pageURL string) (template.JS, error) {
	cl := c.Claim
	lang, _ := r.lang()
	rt := r.rating(c.Rating)
	author := party{Type: "Organization", Name: cl.Claimant}
	if cl.ClaimantKind == "person" {
		author = party{Type: "Person", Name: cl.Claimant, JobTitle: cl.ClaimantRole}
	}
	item := claimItem{Type: "Claim", Author: author, DatePublished: cl.Date.String()}
	work := func(id, date string) creativeWork {
		s := r.source(id)
		if date == "" {
			date = s.Published.String()
		}
		return creativeWork{Type: "CreativeWork", URL: s.URL, Headline: s.Title, DatePublished: date}
	}
	if s := r.source(cl.Source.SourceID); s.URL != "" {
		first := work(cl.Source.SourceID, cl.Source.Date.String())
		item.FirstAppearance = &first
		item.Appearance = append(item.Appearance, first)
	}
	for _, rep := range cl.Repeated {
		if s := r.source(rep.SourceID); s.URL != "" {
			item.Appearance = append(item.Appearance, work(rep.SourceID, rep.Date.String()))
		}
	}
	cr := claimReview{
		Context: "https://schema.org", Type: "ClaimReview", URL: pageURL,
		ClaimReviewed: cl.Title, ReviewBody: cl.Summary,
		DatePublished: cl.Published.String(), InLanguage: lang,
		Author:       organization{Type: "Organization", Name: r.site.Publisher, URL: r.u.Abs(r.u.Home())},
		ReviewRating: rating{Type: "Rating", RatingValue: rt.Value, BestRating: rt.Best, WorstRating: rt.Worst, AlternateName: rt.Label},
		ItemReviewed: item,
	}
	if d := claimDate(cl); d != cl.Published {
		cr.DateModified = d.String()
	}
	data, err := json.MarshalIndent(cr, "", "  ")
	if err != nil {
		return "", fmt.Errorf("claim %s: json-ld: %v", cl.ID, err)
	}
	return template.JS(data), nil
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

func (r *renderer) feed() {
	lang, _ := r.lang()
	home := r.u.Abs(r.u.Home())
	f := atomFeed{
		Lang: lang, Title: r.site.Title, Subtitle: r.site.Description, ID: home,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: r.u.Abs(r.u.Feed())},
			{Rel: "alternate", Type: "text/html", Href: home},
		},
		Author: atomPerson{Name: r.site.Publisher, URI: home},
	}
	for _, t := range r.in.Results.Topics {
		for _, c := range t.Claims {
			cl := c.Claim
			url := r.u.Abs(r.u.Claim(cl.ID))
			updated := claimDate(cl)
			summary := r.tr.s("feed_summary", c.Rating.Label, cl.Claimant, r.figure(cl.Figure), cl.Summary)
			if corr := r.corrections(t, c); len(corr) > 0 {
				summary += " " + r.tr.s("feed_corrected", corr[0].Date.Text, corr[0].Change)
			}
			f.Entries = append(f.Entries, atomEntry{
				Title: cl.Title, Link: atomLink{Rel: "alternate", Type: "text/html", Href: url}, ID: url,
				Published: atomTime(cl.Published.String()), Updated: atomTime(updated.String()),
				Category: atomCategory{Term: t.Topic.ID, Label: t.Topic.Title},
				Summary:  strings.TrimSpace(summary),
			})
		}
	}
	slices.SortStableFunc(f.Entries, func(a, b atomEntry) int {
		return cmp.Or(strings.Compare(b.Updated, a.Updated), strings.Compare(a.ID, b.ID))
	})
	f.Entries = f.Entries[:min(len(f.Entries), feedCount)]
	f.Updated = atomTime("1970-01-01")
	if d := r.newest(); !d.IsZero() {
		f.Updated = atomTime(d.String())
	}
	r.files["feed.xml"] = marshalXML(f, r)
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

func (r *renderer) sitemapXML() {
	entries := slices.Clone(r.sitemap)
	slices.SortFunc(entries, func(a, b sitemapEntry) int { return strings.Compare(a.loc, b.loc) })
	var s urlset
	for _, e := range entries {
		s.URLs = append(s.URLs, sitemapURL{Loc: e.loc, Lastmod: e.lastmod})
	}
	r.files["sitemap.xml"] = marshalXML(s, r)
}

func (r *renderer) robots() {
	r.files["robots.txt"] = []byte("User-agent: *\nAllow: /\n\nSitemap: " + r.u.Abs(r.u.Sitemap()) + "\n")
}

func marshalXML(v any, r *renderer) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil && r.err == nil {
		r.err = err
	}
	b.WriteByte('\n')
	return b.Bytes()
}
