package content

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Reference kinds.
const (
	Claim = "claim" // {{claim TOPIC/NAME}}
	Value = "value" // {{value TOPIC NAME [central|low|high|range]}}
	Chart = "chart" // {{chart TOPIC NAME}}
	// Topic is what a [Lookup] is asked about a topic article: args [TOPIC].
	Topic = "topic"
	// Image is what a [Resolver] is asked for an image that ships with the
	// site: args [NAME], its output path such as "images/gpu.png".
	Image = "image"
)

// Ref is what a reference resolves to.
type Ref struct {
	Text  string // the text shown: a claim's title, a formatted value
	Value string // a value's machine-readable form, for <data value>; "" for claims and charts
	URL   string // where the reference links to (an image's src); "" for no link
	// HTML is a chart's whole figure, written as it is. The resolver builds
	// it with html/template, so it is safe.
	HTML template.HTML
}

// A Resolver resolves a reference of a kind (Claim, Value, Chart or Image)
// with its arguments. It is only given references that [Set.Check] found
// with the same data, so it cannot fail.
type Resolver func(kind string, args []string) Ref

// A Lookup tells [Set.Check] whether the data has what a reference names:
// kind is Claim (args [TOPIC/NAME]), Value (args [TOPIC NAME] or [TOPIC
// NAME PART]), Chart (args [TOPIC NAME]) or Topic (args [TOPIC]), with
// arguments already checked for number and form. It returns nil when the
// reference resolves, or when it cannot tell (the data did not load), and
// otherwise an error whose message becomes the error at the reference's
// position; an error with a Hint() string method gives the hint too.
type Lookup func(kind string, args []string) error

// The node kinds are registered with goldmark once, as goldmark's own
// extensions do: a NodeKind must be the same value for every document.
var (
	kindRef   = ast.NewNodeKind("ReckonRef")
	kindChart = ast.NewNodeKind("ReckonChart")
)

// refNode is an inline reference.
type refNode struct {
	ast.BaseInline
	kind    string
	args    []string
	offset  int    // of the opening braces in the body
	problem string // a syntax error, found while parsing
	hint    string
	index   int // in the document's references, in document order
}

func (n *refNode) Kind() ast.NodeKind { return kindRef }

func (n *refNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Kind": n.kind, "Args": strings.Join(n.args, " ")}, nil)
}

// chartNode is a chart reference that stands alone in its paragraph.
type chartNode struct {
	ast.BaseBlock
	ref *refNode
}

func (n *chartNode) Kind() ast.NodeKind { return kindChart }

func (n *chartNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Args": strings.Join(n.ref.args, " ")}, nil)
}

// references is the goldmark extension: its parser, transformer and
// renderers, which note the places of references (and of images' src) in
// rec.
type references struct{ rec *recorder }

func (e *references) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(refParser{}, 150)),
		parser.WithASTTransformers(util.Prioritized(chartBlocks{}, 100)),
	)
	m.Renderer().AddOptions(rendererOption(refRenderer{e.rec}, 100), rendererOption(newImageRenderer(e.rec), 100))
}

func rendererOption(r renderer.NodeRenderer, priority int) renderer.Option {
	return renderer.WithNodeRenderers(util.Prioritized(r, priority))
}

// refParser parses {{kind args...}} on one line.
type refParser struct{}

func (refParser) Trigger() []byte { return []byte{'{'} }

func (refParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 2 || line[1] != '{' {
		return nil
	}
	n := &refNode{offset: seg.Start}
	end := bytes.Index(line, []byte("}}"))
	if end < 0 {
		n.problem = "reference is not closed"
		n.hint = "write a reference on one line, as {{kind args}}; to write {{ literally, escape it as \\{{"
		block.Advance(2)
		return n
	}
	block.Advance(end + 2)
	fields := strings.Fields(string(line[2:end]))
	if len(fields) == 0 {
		n.problem = "empty reference"
		n.hint = "write {{claim TOPIC/NAME}}, {{value TOPIC NAME}} or {{chart TOPIC NAME}}"
		return n
	}
	n.kind, n.args = fields[0], fields[1:]
	n.problem, n.hint = checkArgs(n.kind, n.args)
	return n
}

// checkArgs checks the number and form of a reference's arguments.
func checkArgs(kind string, args []string) (problem, hint string) {
	switch kind {
	case Claim:
		if len(args) != 1 || !strings.Contains(args[0], "/") {
			return fmt.Sprintf("claim reference takes one claim ID, got %q", strings.Join(args, " ")), "write {{claim TOPIC/NAME}}, e.g. {{claim deepseek/v3-report}}"
		}
	case Value:
		if len(args) < 2 || len(args) > 3 {
			return fmt.Sprintf("value reference takes a topic, a name and an optional part, got %q", strings.Join(args, " ")), "write {{value TOPIC NAME}} or {{value TOPIC NAME range}}"
		}
		if len(args) == 3 {
			switch args[2] {
			case "central", "low", "high", "range":
			default:
				return fmt.Sprintf("unknown value part %q", args[2]), "use central, low, high or range"
			}
		}
	case Chart:
		if len(args) != 2 {
			return fmt.Sprintf("chart reference takes a topic and a chart name, got %q", strings.Join(args, " ")), "write {{chart TOPIC NAME}}, e.g. {{chart deepseek ladder}}"
		}
	default:
		return fmt.Sprintf("unknown reference kind %q", kind), "use claim, value or chart; to write {{ literally, escape it as \\{{"
	}
	return "", ""
}

// chartBlocks turns a paragraph that holds only a chart reference into a
// chart block, and marks the other misplaced references.
type chartBlocks struct{}

func (chartBlocks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var paras []*ast.Paragraph
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			if r := loneRef(p, src); r != nil && r.kind == Chart && r.problem == "" {
				paras = append(paras, p)
				return ast.WalkSkipChildren, nil
			}
		}
		r, ok := n.(*refNode)
		if !entering || !ok || r.problem != "" {
			return ast.WalkContinue, nil
		}
		switch r.kind {
		case Chart:
			r.problem = "chart reference inside a paragraph"
			r.hint = "put {{chart ...}} in a paragraph of its own, with blank lines around it"
		case Claim:
			for p := r.Parent(); p != nil; p = p.Parent() {
				if _, ok := p.(*ast.Link); ok {
					r.problem = "claim reference inside a link"
					r.hint = "{{claim ...}} is a link already: take it out of the [link](...)"
					break
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for _, p := range paras {
		r := loneRef(p, src)
		c := &chartNode{ref: r}
		p.Parent().ReplaceChild(p.Parent(), p, c)
		r.Parent().RemoveChild(r.Parent(), r)
		c.AppendChild(c, r)
	}
}

// loneRef returns the reference that is the paragraph's only content.
func loneRef(p *ast.Paragraph, src []byte) *refNode {
	var ref *refNode
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *refNode:
			if ref != nil {
				return nil
			}
			ref = c
		case *ast.Text:
			if len(bytes.TrimSpace(c.Segment.Value(src))) > 0 {
				return nil
			}
		default:
			return nil
		}
	}
	return ref
}

// refRenderer notes where each reference goes, for [Set.Render] to write
// it there once resolved: a claim as a link, a value as <data>, linked when
// it has a URL, a chart as its figure.
type refRenderer struct{ rec *recorder }

func (r refRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindRef, r.renderRef)
	reg.Register(kindChart, r.renderChart)
}

func (r refRenderer) renderRef(_ util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.rec.add(node.(*refNode).index, false)
	}
	return ast.WalkSkipChildren, nil
}

func (r refRenderer) renderChart(_ util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.rec.add(node.(*chartNode).ref.index, true)
	}
	return ast.WalkSkipChildren, nil
}

// writeRef writes a resolved claim or value reference.
func writeRef(b *bytes.Buffer, kind string, r *Ref) {
	if r.URL != "" {
		b.WriteString(`<a class="ref ref-`)
		b.WriteString(kind)
		b.WriteString(`" href="`)
		b.Write(util.EscapeHTML(util.URLEscape([]byte(r.URL), false)))
		b.WriteString(`">`)
	}
	if kind == Value {
		b.WriteString(`<data class="value" value="`)
		b.Write(util.EscapeHTML([]byte(r.Value)))
		b.WriteString(`">`)
		b.Write(util.EscapeHTML([]byte(r.Text)))
		b.WriteString(`</data>`)
	} else {
		// A claim's title is user text: isolated, so that no character
		// of it can reorder the sentence around it.
		b.WriteString("<bdi>")
		b.Write(util.EscapeHTML([]byte(r.Text)))
		b.WriteString("</bdi>")
	}
	if r.URL != "" {
		b.WriteString("</a>")
	}
}
