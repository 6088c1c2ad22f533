package content

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"reckon/generator/route"
)

// ImagesDir is the folder, under the content folder, of the images that
// ship with the site: content/images/NAME is copied to images/NAME in the
// output.
const ImagesDir = route.ImagesDir

// imageExts are the image formats accepted, by lower-case extension. SVG is
// not among them: an SVG file opened on its own runs its scripts.
var imageExts = []string{".avif", ".gif", ".jpeg", ".jpg", ".png", ".webp"}

const (
	linkHint  = "link to http(s) pages, mailto: addresses or the site's own pages (/methodology/, #a-heading)"
	imageHint = "the site loads nothing from other hosts: save the image under content/images/ and write its path relative to this file (images/NAME.png from content/NAME.md)"
)

// destination returns a link or image destination as the page holds it:
// goldmark decodes its entities and backslash escapes and percent-encodes
// the rest, so that "&#106;avascript:" is "javascript:".
func destination(dest []byte) string { return string(util.URLEscape(dest, true)) }

// scheme returns the scheme of the URL u, lower-cased, percent-decoded and
// without tabs and newlines (which browsers drop), and whether u has one:
// the text before its first colon, when that holds no "/", "?" or "#".
func scheme(u string) (string, bool) {
	s, _, found := strings.Cut(u, ":")
	if !found || strings.ContainsAny(s, "/?#") {
		return "", false
	}
	if d, err := url.PathUnescape(s); err == nil {
		s = d
	}
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	return strings.ToLower(s), true
}

// validScheme reports whether s has the form of a URL scheme.
func validScheme(s string) bool {
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// checkLink reports a link whose destination u (see [destination]) is not
// an http, https or mailto URL, a path or a fragment.
func checkLink(u string) (msg, hint string) {
	if s, ok := scheme(u); ok {
		switch {
		case s == "http" || s == "https" || s == "mailto":
			return "", ""
		case validScheme(s):
			return fmt.Sprintf("link to a %s: URL", s), linkHint
		default:
			return fmt.Sprintf("link with a malformed scheme %q", s), linkHint
		}
	}
	if strings.HasPrefix(u, "//") {
		return fmt.Sprintf("protocol-relative link %q", u), "write the scheme (https:" + u + "), or a path from the site's root (/methodology/)"
	}
	return "", ""
}

// imageFile returns the file an image destination u (see [destination])
// names in the folder dir of the Markdown file file, or a problem: an
// image must be a file under dir/images/, named by a path relative to file.
func imageFile(dir, file, u string) (name, msg, hint string) {
	if s, ok := scheme(u); ok {
		if s == "http" || s == "https" {
			return "", fmt.Sprintf("external image %q", u), imageHint
		}
		if validScheme(s) {
			return "", fmt.Sprintf("image from a %s: URL", s), imageHint
		}
		return "", fmt.Sprintf("image with a malformed scheme %q", s), imageHint
	}
	if strings.HasPrefix(u, "//") {
		return "", fmt.Sprintf("external image %q", u), imageHint
	}
	if strings.ContainsAny(u, "?#") {
		return "", fmt.Sprintf("image path %q has a query or fragment", u), "name the file only: images/NAME.png"
	}
	if strings.HasPrefix(u, "/") {
		return "", fmt.Sprintf("image path %q starts with /", u), "write the path relative to this Markdown file (images/NAME.png from content/NAME.md, ../images/NAME.png from content/topics/TOPIC.md)"
	}
	rel, err := url.PathUnescape(u)
	if err != nil || u == "" {
		return "", fmt.Sprintf("malformed image path %q", u), "write the path relative to this Markdown file, e.g. images/NAME.png"
	}
	p := path.Join(path.Dir(file), rel)
	switch {
	case !strings.HasPrefix(p, dir+"/"):
		return "", fmt.Sprintf("image %q is outside the content folder", rel), "images live under content/images/; write the path relative to this Markdown file"
	case !strings.HasPrefix(p, path.Join(dir, ImagesDir)+"/"):
		return "", fmt.Sprintf("image %s is not under %s/", p, path.Join(dir, ImagesDir)), "move it to content/images/ and write the path relative to this Markdown file"
	}
	ext := strings.ToLower(path.Ext(p))
	found := false
	for _, e := range imageExts {
		found = found || e == ext
	}
	if !found {
		return "", fmt.Sprintf("image %s is not a PNG, JPEG, GIF, WebP or AVIF file", p), "convert it; SVG is not accepted, because an SVG file can run script"
	}
	return p, "", ""
}

// imageRenderer writes an image as goldmark does, but leaves a slot for its
// src, which [Set.Render] fills with the image's URL on the site.
type imageRenderer struct {
	rec  *recorder
	base renderer.NodeRendererFunc // goldmark's own
}

func newImageRenderer(rec *recorder) *imageRenderer {
	r := &imageRenderer{rec: rec}
	html.NewRenderer().RegisterFuncs(r)
	return r
}

// Register keeps goldmark's image renderer.
func (r *imageRenderer) Register(k ast.NodeKind, f renderer.NodeRendererFunc) {
	if k == ast.KindImage {
		r.base = f
	}
}

func (r *imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, r.render)
}

func (r *imageRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	n.Destination = nil // goldmark writes src="", and the slot goes in between
	var b bytes.Buffer
	bw := bufio.NewWriter(&b)
	st, err := r.base(bw, source, n, entering)
	bw.Flush()
	out := b.Bytes()
	const open = `<img src="`
	if i, ok := r.rec.images[n]; ok && bytes.HasPrefix(out, []byte(open)) {
		w.Write(out[:len(open)])
		r.rec.add(i, false)
		out = out[len(open):]
	}
	w.Write(out)
	return st, err
}
