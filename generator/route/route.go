// Package route is the site's URL scheme: the path of every page and
// machine output, the file each path is written to, the element IDs pages
// link to (anchors), the code that embeds a chart, and the names that
// commentary may not take because the site uses them itself. Site,
// publish and content ask it.
//
// It may import: diag.
package route

import (
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"strings"

	"reckon/generator/diag"
)

// Scheme is the site's URL scheme. Every path it returns starts with the
// base URL's path ("/" for a site at the root of its host), so that links
// work from any page; Abs makes a path absolute with the base URL.
type Scheme struct {
	origin  string // scheme://host, no slash
	prefix  string // the base URL's path without its trailing slash: "" or "/proj"
	edition string // the edition's folder with a slash before it: "" or "/ar"
}

// In returns the scheme of the edition published under the folder prefix
// ("ar"; "" for the main edition): its pages and machine outputs are under
// /ar/, its assets are the site's, at the root.
func (u Scheme) In(prefix string) Scheme {
	u.edition = ""
	if prefix != "" {
		u.edition = "/" + prefix
	}
	return u
}

// Rel returns a path of the edition's (from Path) as a path from the
// edition's root ("/claims/x/y/"), the same in every edition.
func (u Scheme) Rel(p string) string {
	return "/" + strings.TrimPrefix(strings.TrimPrefix(p, u.prefix+u.edition), "/")
}

// Shared returns the path of p, a path from the site's root, for a file
// that every edition shares (the assets): never under an edition's folder.
func (u Scheme) Shared(p string) string { return u.prefix + p }

// New returns the scheme of a site published at base, an absolute http(s)
// URL without query or fragment ("https://factcheck.example/").
func New(base string) (Scheme, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return Scheme{}, fmt.Errorf("base URL %q is not an absolute http(s) URL without query or fragment", base)
	}
	return Scheme{origin: u.Scheme + "://" + u.Host, prefix: strings.TrimSuffix(u.EscapedPath(), "/")}, nil
}

// Path returns the path of p, a path from the edition's root ("/x/").
func (u Scheme) Path(p string) string { return u.prefix + u.edition + p }

// Abs returns the absolute URL of a path returned by the other methods.
func (u Scheme) Abs(p string) string { return u.origin + p }

func (u Scheme) Home() string             { return u.Path("/") }
func (u Scheme) Topic(id string) string   { return u.Path("/topics/" + id + "/") }
func (u Scheme) Claim(id string) string   { return u.Path("/claims/" + id + "/") }
func (u Scheme) Sources() string          { return u.Path("/sources/") }
func (u Scheme) Corrections() string      { return u.Path("/corrections/") }
func (u Scheme) Page(name string) string  { return u.Path("/" + name + "/") }
func (u Scheme) NotFound() string         { return u.Path("/404.html") }
func (u Scheme) Feed() string             { return u.Path("/feed.xml") }
func (u Scheme) Sitemap() string          { return u.Path("/sitemap.xml") }
func (u Scheme) Robots() string           { return u.Path("/robots.txt") }
func (u Scheme) Asset(name string) string { return u.Shared("/assets/" + name) }
func (u Scheme) ClaimsJSON() string       { return u.Path("/data/claims.json") }
func (u Scheme) ClaimsCSV() string        { return u.Path("/data/claims.csv") }
func (u Scheme) TopicJSON(id string) string {
	return u.Path("/data/topics/" + id + ".json")
}

// Card is the social card of a claim or a topic, named by its ID:
// /cards/TOPIC/NAME.png, /cards/TOPIC.png.
func (u Scheme) Card(id string) string { return u.Path("/cards/" + id + ".png") }

// The chart URLs. A chart's files are named by its ID, a slug path (see
// [ValidChartID]), so that they nest like the chart's subject:
// /data/charts/deepseek/ladder.csv, /embed/deepseek/v3-report/bridge/.
func (u Scheme) ChartCSV(id string) string  { return u.Path("/data/charts/" + id + ".csv") }
func (u Scheme) ChartJSON(id string) string { return u.Path("/data/charts/" + id + ".json") }
func (u Scheme) Embed(id string) string     { return u.Path("/embed/" + id + "/") }
func (u Scheme) OEmbed(id string) string    { return u.Path("/embed/" + id + "/oembed.json") }

// ChartPermalink is a chart's place on its own page: the claim's page for
// a claim's chart (claim is not ""), the topic's otherwise; elementID is
// the id of the chart's figure.
func (u Scheme) ChartPermalink(topic, claim, elementID string) string {
	if claim != "" {
		return u.Claim(claim) + "#" + elementID
	}
	return u.Topic(topic) + "#" + elementID
}

// Source is the anchor of a source on the sources page.
func (u Scheme) Source(id string) string { return u.Sources() + "#" + SourceID(id) }

// File returns the output file of a page path: a directory's index.html,
// under the edition's folder.
func (u Scheme) File(p string) string {
	p = strings.TrimPrefix(strings.TrimPrefix(p, u.prefix), "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// Page is a page the sitemap lists: its path and the date it last changed
// (ISO, or "" when unknown).
type Page struct {
	Path, Lastmod string
}

// ValidChartID reports whether id can name files: slugs of lower-case
// letters, digits and hyphens, separated by slashes.
func ValidChartID(id string) bool {
	if !fs.ValidPath(id) || !strings.Contains(id, "/") {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '/') {
			return false
		}
	}
	return true
}

// EmbedWidth is the width of an embedded chart's frame, in CSS pixels,
// before the host page makes it as wide as its column.
const EmbedWidth = 640

// EmbedHeight is the height of a chart's frame in CSS pixels for a chart of
// height chartHeight: the chart and room for its caption and links. The
// frame keeps this aspect ratio until the embed script sets the height that
// the embed page reports.
func EmbedHeight(chartHeight int) int { return chartHeight + 200 }

// Snippet is the code that embeds the chart id, titled title and of height
// chartHeight, in another page: an iframe of its embed page, as wide as its
// container and of a fixed aspect ratio, and the script that sets the
// iframe's height from the height the page reports. Neither needs an
// inline script. The snippet is text: templates escape it.
func (u Scheme) Snippet(id, title string, chartHeight int) string {
	h := EmbedHeight(chartHeight)
	esc := html.EscapeString
	return fmt.Sprintf(`<iframe src="%s" title="%s" width="%d" height="%d" loading="lazy" style="width:100%%;height:auto;aspect-ratio:%d/%d;border:0"></iframe>`+"\n"+
		`<script src="%s" async></script>`,
		esc(u.Abs(u.Embed(id))), esc(title), EmbedWidth, h, EmbedWidth, h, esc(u.Abs(u.Asset("embed.js"))))
}

// ForSite returns the scheme of a site published at baseURL, or, when
// baseURL is "", at the base_url the site's configuration gives.
func ForSite(baseURL, configured string) (Scheme, error) {
	if baseURL == "" {
		baseURL = configured
	}
	if baseURL == "" {
		return Scheme{}, &diag.Error{Pos: diag.Pos{File: "claims/site.toml"}, Msg: "no base URL for canonical links, the feed and the sitemap", Hint: "set base_url in claims/site.toml, or pass -base-url"}
	}
	return New(baseURL)
}

// CheckChartID returns an error when id cannot name a chart's files (see
// [ValidChartID]).
func CheckChartID(id string) error {
	if !ValidChartID(id) {
		return fmt.Errorf("chart ID %q is not a slug path", id)
	}
	return nil
}
