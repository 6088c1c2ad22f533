package site

import (
	"fmt"
	"net/url"
	"strings"
)

// urls is the site's URL scheme. Every path it returns starts with the base
// URL's path ("/" for a site at the root of its host), so that links work
// from any page; Abs makes a path absolute with the base URL.
type urls struct {
	origin string // scheme://host, no slash
	prefix string // the base URL's path without its trailing slash: "" or "/proj"
}

func newURLs(base string) (urls, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return urls{}, fmt.Errorf("base URL %q is not an absolute http(s) URL without query or fragment", base)
	}
	return urls{origin: u.Scheme + "://" + u.Host, prefix: strings.TrimSuffix(u.EscapedPath(), "/")}, nil
}

func (u urls) path(p string) string { return u.prefix + p }

// Abs returns the absolute URL of a path returned by the other methods.
func (u urls) Abs(p string) string { return u.origin + p }

func (u urls) Home() string             { return u.path("/") }
func (u urls) Topic(id string) string   { return u.path("/topics/" + id + "/") }
func (u urls) Claim(id string) string   { return u.path("/claims/" + id + "/") }
func (u urls) Sources() string          { return u.path("/sources/") }
func (u urls) Corrections() string      { return u.path("/corrections/") }
func (u urls) Page(name string) string  { return u.path("/" + name + "/") }
func (u urls) NotFound() string         { return u.path("/404.html") }
func (u urls) Feed() string             { return u.path("/feed.xml") }
func (u urls) Sitemap() string          { return u.path("/sitemap.xml") }
func (u urls) Asset(name string) string { return u.path("/assets/" + name) }
func (u urls) ClaimsJSON() string       { return u.path("/data/claims.json") }
func (u urls) ClaimsCSV() string        { return u.path("/data/claims.csv") }
func (u urls) TopicJSON(id string) string {
	return u.path("/data/topics/" + id + ".json")
}

// Source is the anchor of a source on the sources page.
func (u urls) Source(id string) string { return u.Sources() + "#" + sourceAnchor(id) }

func sourceAnchor(id string) string { return "src-" + strings.ReplaceAll(id, "/", "--") }

// file returns the output file of a page path: a directory's index.html.
func (u urls) file(p string) string {
	p = strings.TrimPrefix(strings.TrimPrefix(p, u.prefix), "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}
