package content

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"html/template"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"

	"reckon/generator/diag"
	"reckon/generator/route"
)

// newMarkdown returns the converter: CommonMark, GitHub tables (alignment as
// classes, so that no style attribute is written), strikethrough, autolinks,
// footnotes, typographic punctuation, automatic heading IDs and Reckon's
// references, whose places in the HTML go to rec. Raw HTML is never
// rendered.
func newMarkdown(rec *recorder) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:"})),
			extension.NewFootnote(extension.WithFootnoteBacklinkHTML("↩︎")),
			extension.NewTypographer(),
			&strikethrough{},
			&references{rec: rec},
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(tableCells{}, 500)),
		),
	)
}

// strikethrough adds GitHub's ~~strikethrough~~ (goldmark exports only a
// shared instance of this extender).
type strikethrough struct{}

func (strikethrough) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(extension.NewStrikethroughParser(), 500)))
	m.Renderer().AddOptions(rendererOption(extension.NewStrikethroughHTMLRenderer(), 500))
}

// tableCells marks header cells with scope="col" and writes the alignment of
// cells as a class (align-left, align-center, align-right).
type tableCells struct{}

func (tableCells) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		c, ok := n.(*east.TableCell)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if _, head := c.Parent().(*east.TableHeader); head {
			c.SetAttributeString("scope", "col")
		}
		switch c.Alignment {
		case east.AlignLeft:
			c.SetAttributeString("class", "align-left")
		case east.AlignCenter:
			c.SetAttributeString("class", "align-center")
		case east.AlignRight:
			c.SetAttributeString("class", "align-right")
		}
		return ast.WalkContinue, nil
	})
}

// A compiler parses and renders documents, one at a time, with a Markdown
// converter of its own.
type compiler struct {
	dir   string                                 // the content folder
	cache *Cache                                 // nil for none
	known func(string) ([sha256.Size]byte, bool) // nil for none: see [Cache.LoadKnown]
	md    goldmark.Markdown
	rec   *recorder
	buf   bytes.Buffer
	w     *bufio.Writer
}

func newCompiler() *compiler {
	c := &compiler{rec: &recorder{}}
	c.md = newMarkdown(c.rec)
	c.w = bufio.NewWriter(&c.buf)
	return c
}

// parse parses a body with heading IDs that avoid the site's own.
func (c *compiler) parse(body []byte) ast.Node {
	pc := parser.NewContext(parser.WithIDs(newIDs()))
	return c.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
}

// compile renders the parsed body into d, leaving a slot for each
// reference and for the src of each image, and lists them in document
// order (the order in which [Set.Render] resolves them); pos gives a body
// offset's position, images the output name of every image.
func (c *compiler) compile(d *Doc, root ast.Node, body []byte, pos func(int) diag.Pos, images map[*ast.Image]string) error {
	d.refs = nil
	slots := map[*ast.Image]int{}
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *refNode:
			n.index = len(d.refs)
			d.refs = append(d.refs, docRef{kind: n.kind, args: n.args, pos: pos(n.offset)})
		case *ast.Image:
			if name, ok := images[n]; ok {
				slots[n] = len(d.refs)
				d.refs = append(d.refs, docRef{kind: Image, args: []string{name}})
			}
		}
		return ast.WalkContinue, nil
	})
	c.buf.Reset()
	c.w.Reset(&c.buf)
	*c.rec = recorder{buf: &c.buf, w: c.w, images: slots}
	if err := c.md.Renderer().Render(c.w, body, root); err != nil {
		return err
	}
	d.html = c.buf.String()
	d.slots = c.rec.slots
	*c.rec = recorder{}
	return nil
}

// recorder notes where the renderer met each reference.
type recorder struct {
	buf    *bytes.Buffer
	w      *bufio.Writer // writes to buf
	slots  []slot
	images map[*ast.Image]int // the index in the document's refs of each image's src
}

func (r *recorder) add(ref int, chart bool) {
	r.slots = append(r.slots, slot{at: r.buf.Len() + r.w.Buffered(), ref: ref, chart: chart})
}

// Render returns the HTML of d with its references resolved through
// resolve, in document order. d must come from a Set that passed
// [Set.Check] against the data resolve resolves from: a checked reference
// always resolves, so Render cannot fail. It is safe for concurrent use.
func (s *Set) Render(d *Doc, resolve Resolver) template.HTML {
	if d.released {
		panic("content: Render of a released document " + d.File)
	}
	if len(d.refs) == 0 {
		return template.HTML(d.html)
	}
	refs := make([]Ref, len(d.refs))
	for i, r := range d.refs {
		refs[i] = resolve(r.kind, r.args)
	}
	var b bytes.Buffer
	b.Grow(len(d.html) + 128*len(d.slots))
	last := 0
	for _, sl := range d.slots {
		b.WriteString(d.html[last:sl.at])
		last = sl.at
		r := &refs[sl.ref]
		switch kind := d.refs[sl.ref].kind; {
		case sl.chart:
			b.WriteString(string(r.HTML))
			b.WriteByte('\n')
		case kind == Image:
			b.Write(util.EscapeHTML(util.URLEscape([]byte(r.URL), false)))
		default:
			writeRef(&b, kind, r)
		}
	}
	b.WriteString(d.html[last:])
	return template.HTML(b.String())
}

// Release lets go of the rendered body of d, for a build that renders it
// no more, so that the memory it holds is freed while the rest of the site
// is made: a claim's commentary is rendered once for each edition that
// shows it. Everything else of d stays. Render panics on a released d.
func (d *Doc) Release() {
	d.html, d.slots, d.released = "", nil, true
}

// ids generates heading IDs that keep the heading's words in any script:
// the text in Unicode normalization form C, lower-cased, its letters,
// marks and digits kept (ASCII ones as goldmark keeps them, so English IDs
// are goldmark's: "The model" is "the-model"), each space, hyphen or
// underscore as a hyphen, other punctuation and symbols dropped; "سعر
// التدريب" is "سعر-التدريب". An ID is unique within a document and never
// one the site reserves (see [route.Reserved]); a heading with no letter or
// digit is "section".
type ids struct {
	used map[string]bool // the IDs given in the document, made when one is
}

func newIDs() *ids { return &ids{} }

// reservedIDs are route.ReservedIDs, as a set.
var reservedIDs = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, id := range route.ReservedIDs() {
		out[id] = true
	}
	return out
})

// taken reports whether id is given in the document already, or reserved.
func (s *ids) taken(id string) bool { return s.used[id] || reservedIDs()[id] }

// put notes that id is given in the document.
func (s *ids) put(id string) {
	if s.used == nil {
		s.used = map[string]bool{}
	}
	s.used[id] = true
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	value = bytes.TrimSpace(value)
	if !ascii(value) {
		value = norm.NFC.Bytes(value)
	}
	var b []byte
	for i := 0; i < len(value); {
		c := value[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				b = append(b, c)
			case c >= 'A' && c <= 'Z':
				b = append(b, c+'a'-'A')
			case c == ' ' || c == '\t' || c == '-' || c == '_':
				b = append(b, '-')
			}
			continue
		}
		r, n := utf8.DecodeRune(value[i:])
		i += n
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
			b = utf8.AppendRune(b, unicode.ToLower(r))
		case unicode.IsSpace(r):
			b = append(b, '-')
		}
	}
	if len(b) == 0 {
		b = []byte("section")
	}
	id := string(b)
	if route.ReservedForm(id) {
		s.put(id)
	}
	for i := 1; s.taken(id); i++ {
		id = fmt.Sprintf("%s-%d", b, i)
	}
	s.put(id)
	return []byte(id)
}

// ascii reports whether b is all ASCII.
func ascii(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func (s *ids) Put(value []byte) { s.put(string(value)) }

// problem is a syntax or structure error found while parsing.
type problem struct {
	offset    int
	msg, hint string
}

// problems walks a parsed body for malformed references, charts placed
// twice, headings that break the page's outline and links to other schemes
// than http, https and mailto; it returns them with the body's images, in
// document order, for the caller to check.
func problems(root ast.Node, body []byte) ([]problem, []*ast.Image) {
	var out []problem
	var images []*ast.Image
	level := 1
	charts := map[string]bool{}
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *refNode:
			switch {
			case n.problem != "":
				out = append(out, problem{n.offset, n.problem, n.hint})
			case n.kind == Chart && charts[strings.Join(n.args, " ")]:
				out = append(out, problem{n.offset, fmt.Sprintf("chart %s is already placed on this page", strings.Join(n.args, " ")), "place each chart once per page"})
			case n.kind == Chart:
				charts[strings.Join(n.args, " ")] = true
			}
		case *ast.Heading:
			off := 0
			if n.Lines().Len() > 0 {
				off = lineStart(body, n.Lines().At(0).Start)
			}
			switch {
			case n.Level == 1:
				out = append(out, problem{off, "level-1 heading in the body", "the page's title is its only h1: start sections at ##"})
			case n.Level > level+1:
				out = append(out, problem{off, fmt.Sprintf("heading level %d follows level %d", n.Level, level), "go down one level at a time, so that the outline has no gaps"})
			}
			level = n.Level
		case *ast.Link:
			if msg, hint := checkLink(destination(n.Destination)); msg != "" {
				out = append(out, problem{nodeOffset(n, body), msg, hint})
			}
		case *ast.AutoLink:
			// goldmark decodes no entities in an autolink.
			if msg, hint := checkLink(string(util.URLEscape(n.URL(body), false))); msg != "" {
				out = append(out, problem{autoLinkOffset(n, body), msg, hint})
			}
		case *ast.Image:
			images = append(images, n)
		}
		return ast.WalkContinue, nil
	})
	return out, images
}

// nodeOffset finds where an inline node stands: at its first text, or at
// the start of the block that holds it.
func nodeOffset(n ast.Node, body []byte) int {
	off := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		return off
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// autoLinkOffset finds where an autolink stands: its label's first place
// in its block, after the "<" if it has one.
func autoLinkOffset(n *ast.AutoLink, body []byte) int {
	off := nodeOffset(n, body)
	if i := bytes.Index(body[off:], n.Label(body)); i >= 0 {
		off += i
		if off > 0 && body[off-1] == '<' {
			off--
		}
	}
	return off
}

// lineStart returns the offset of the start of the line holding off.
func lineStart(body []byte, off int) int {
	return bytes.LastIndexByte(body[:off], '\n') + 1
}
