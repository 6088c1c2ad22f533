package site

import (
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"text/template/parse"
)

// foldStrings replaces, in every template of set, each call of the
// function t with a constant key and no arguments ({{t "skip_link"}}) by
// the string itself, so that pages do not look the string up each time.
// The string is still escaped for where it stands, as the function's
// result was. A key with no string is left alone: its call fails, as it
// would have, only when it runs. It must be called before the templates
// are first executed.
func foldStrings(set *template.Template, tx *texts) {
	for _, tm := range set.Templates() {
		if tm.Tree != nil && tm.Tree.Root != nil {
			foldNode(tm.Tree.Root, tx)
		}
	}
}

func foldNode(n parse.Node, tx *texts) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			foldNode(c, tx)
		}
	case *parse.ActionNode:
		foldPipe(n.Pipe, tx)
	case *parse.IfNode:
		foldBranch(&n.BranchNode, tx)
	case *parse.RangeNode:
		foldBranch(&n.BranchNode, tx)
	case *parse.WithNode:
		foldBranch(&n.BranchNode, tx)
	case *parse.TemplateNode:
		foldPipe(n.Pipe, tx)
	case *parse.PipeNode:
		foldPipe(n, tx)
	case *parse.ChainNode:
		foldNode(n.Node, tx)
	}
}

func foldBranch(b *parse.BranchNode, tx *texts) {
	foldPipe(b.Pipe, tx)
	foldNode(b.List, tx)
	foldNode(b.ElseList, tx)
}

func foldPipe(p *parse.PipeNode, tx *texts) {
	if p == nil {
		return
	}
	for i, c := range p.Cmds {
		// Only a first command: a later one takes the result of the one
		// before as its last argument.
		if i == 0 && len(c.Args) == 2 {
			fn, ok1 := c.Args[0].(*parse.IdentifierNode)
			key, ok2 := c.Args[1].(*parse.StringNode)
			if ok1 && ok2 && fn.Ident == "t" {
				if s, ok := tx.m[key.Text]; ok {
					str := *key
					str.Quoted, str.Text = strconv.Quote(s), s
					c.Args = []parse.Node{&str}
					continue
				}
			}
		}
		for _, a := range c.Args {
			foldNode(a, tx)
		}
	}
}

// printedConstant returns the string an action prints and the escapers
// html/template put after it, when the action prints a constant string
// ({{"Skip to the content" | _html_template_htmlescaper}}, which is what
// foldStrings and html/template make of {{t "skip_link"}}).
func printedConstant(a *parse.ActionNode) (string, string, bool) {
	p := a.Pipe
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 || len(p.Cmds[0].Args) != 1 {
		return "", "", false
	}
	s, ok := p.Cmds[0].Args[0].(*parse.StringNode)
	if !ok {
		return "", "", false
	}
	chain, ok := escapers(p)
	return s.Text, chain, ok
}

// escapers returns the escapers html/template put after the first command
// of a pipeline ("_html_template_attrescaper"), and false if it has none or
// anything else.
func escapers(p *parse.PipeNode) (string, bool) {
	var chain []string
	for _, c := range p.Cmds[1:] {
		if len(c.Args) != 1 {
			return "", false
		}
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || !strings.HasPrefix(id.Ident, "_html_template_") {
			return "", false
		}
		chain = append(chain, id.Ident)
	}
	return strings.Join(chain, " | "), len(chain) > 0
}

// escapeProbe is a context in which html/template escapes an action: the
// text before and after it. A probe learns the escapers of its context
// from html/template and prints a string through them.
type escapeProbe struct {
	before, after string
	tmpl          *template.Template
}

// newProbes returns the probes of the contexts that interface strings
// mostly stand in (element text, a quoted attribute, a text area's
// text), by the escapers html/template gives each.
func newProbes() map[string]*escapeProbe {
	out := map[string]*escapeProbe{}
	for _, src := range []string{`{{.}}`, `<p title="{{.}}">`, `<textarea>{{.}}</textarea>`} {
		var p escapeProbe
		p.before, p.after, _ = strings.Cut(src, "{{.}}")
		t, err := template.New("probe").Parse(src)
		if err != nil || t.Execute(io.Discard, "") != nil {
			continue
		}
		var chains []string
		walkActions(t.Tree.Root, func(a *parse.ActionNode) parse.Node {
			c, _ := escapers(a.Pipe)
			chains = append(chains, c)
			return nil
		})
		if len(chains) == 1 && chains[0] != "" {
			p.tmpl = t
			out[chains[0]] = &p
		}
	}
	return out
}

// print returns s as the probe's action prints it; false if the output is
// not the probe's text around it.
func (p *escapeProbe) print(s string) (string, bool) {
	var b strings.Builder
	if err := p.tmpl.Execute(&b, s); err != nil {
		return "", false
	}
	out := b.String()
	if len(out) < len(p.before)+len(p.after) || !strings.HasPrefix(out, p.before) || !strings.HasSuffix(out, p.after) {
		return "", false
	}
	return out[len(p.before) : len(out)-len(p.after)], true
}

// foldEscaped escapes the templates names of set, as their first
// execution would, and replaces each action in the escaped templates that
// prints a constant string by the text it prints, which html/template
// itself writes (see [escapeProbe]): then {{t "skip_link"}} costs a page
// no call at all. A template that fails to escape is left for its
// execution to report. It must be called before the templates are first
// executed, and after set was cloned for the last time.
func foldEscaped(set *template.Template, names ...string) {
	for _, name := range names {
		if t := set.Lookup(name); t != nil {
			_ = t.Execute(io.Discard, nil) // escapes t; the error is for its execution
		}
	}
	probes := newProbes()
	printed := map[[2]string]string{}
	for _, t := range set.Templates() {
		if t.Tree == nil || t.Tree.Root == nil {
			continue
		}
		walkActions(t.Tree.Root, func(a *parse.ActionNode) parse.Node {
			s, chain, ok := printedConstant(a)
			if !ok || probes[chain] == nil {
				return nil
			}
			key := [2]string{s, chain}
			out, ok := printed[key]
			if !ok {
				if out, ok = probes[chain].print(s); !ok {
					return nil
				}
				printed[key] = out
			}
			return &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(out)}
		})
	}
}

// walkActions calls f on every action of the tree at n, and puts the node
// f returns, if not nil, in the action's place.
func walkActions(n parse.Node, f func(*parse.ActionNode) parse.Node) { walkNodes(n, f) }

// walkNodes calls f on every node of type N in the lists of the tree at n
// (an action, a template call), and puts the node f returns, if not nil,
// in its place; it does not look inside the nodes f is called on.
func walkNodes[N parse.Node](n parse.Node, f func(N) parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for i, c := range n.Nodes {
			if x, ok := c.(N); ok {
				if r := f(x); r != nil {
					n.Nodes[i] = r
				}
				continue
			}
			walkNodes(c, f)
		}
	case *parse.IfNode:
		walkNodes(n.List, f)
		walkNodes(n.ElseList, f)
	case *parse.RangeNode:
		walkNodes(n.List, f)
		walkNodes(n.ElseList, f)
	case *parse.WithNode:
		walkNodes(n.List, f)
		walkNodes(n.ElseList, f)
	}
}

// goPartial is a partial of partials.html that Go writes in its place
// (see [foldPartials]).
type goPartial struct {
	name string
	// escaped is the partial as html/template escapes it for element text.
	escaped string
	// write writes what the partial writes for data v; false when v is
	// not of the partial's type, for which the partial is executed.
	write func(v any) (template.HTML, bool)
}

// goWritten returns the partials that Go writes: small ones that pages
// call many times.
func goWritten() []goPartial {
	return []goPartial{
		{"text", `{{range .}}{{if .User}}<bdi>{{.Text | _html_template_htmlescaper}}</bdi>{{else}}{{.Text | _html_template_htmlescaper}}{{end}}{{end}}`, func(v any) (template.HTML, bool) {
			t, ok := v.(Text)
			return t.html(), ok
		}},
		{"date", `{{if .ISO}}<time datetime="{{.ISO | _html_template_attrescaper}}">{{.Text | _html_template_htmlescaper}}</time>{{else}}{{.Text | _html_template_htmlescaper}}{{end}}`, func(v any) (template.HTML, bool) {
			d, ok := v.(Date)
			return timeHTML(d.ISO, d.Text), ok
		}},
		{"when", `{{if .ISO}}<time datetime="{{.ISO | _html_template_attrescaper}}">{{.When | _html_template_htmlescaper}}</time>{{else}}{{.When | _html_template_htmlescaper}}{{end}}`, func(v any) (template.HTML, bool) {
			d, ok := v.(Date)
			return timeHTML(d.ISO, d.When), ok
		}},
	}
}

// foldPartials replaces, in the templates of set that the escaping of the
// templates names reached (see [foldEscaped]), each call in element text
// of a partial that Go writes ({{template "text" .Reason}}, see
// [goWritten]) by a call of a function that writes what the partial
// writes: a page then spends one call where it spent a template and its
// actions. It does so only for a partial that is partials.html's own: a
// site's own is executed as it is. The function executes the partial
// itself for data not of its type, so that its output and errors are the
// partial's. Nothing is folded unless html/template escapes as Go does
// (see [escapeAgrees]). It must be called after foldEscaped with the same
// names. It returns the functions it put in the partials' place.
func foldPartials(set *template.Template, names ...string) template.FuncMap {
	if !escapeAgrees(newProbes()) {
		return nil
	}
	funcs := template.FuncMap{}
	for _, p := range goWritten() {
		t := set.Lookup(p.name)
		if t == nil || t.Tree == nil || t.Tree.Root == nil || t.Tree.Root.String() != p.escaped {
			continue
		}
		funcs[partialFunc(p.name)] = func(v any) (template.HTML, error) {
			if h, ok := p.write(v); ok {
				return h, nil
			}
			var b strings.Builder
			err := t.Execute(&b, v)
			return template.HTML(b.String()), err
		}
	}
	if len(funcs) == 0 {
		return nil
	}
	set.Funcs(funcs)
	seen := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		tm := set.Lookup(name)
		if seen[name] || tm == nil || tm.Tree == nil || tm.Tree.Root == nil {
			return
		}
		seen[name] = true
		walkTemplates(tm.Tree.Root, func(n *parse.TemplateNode) parse.Node {
			fn := partialFunc(n.Name)
			if funcs[fn] == nil || n.Pipe == nil || len(n.Pipe.Decl) > 0 {
				visit(n.Name)
				return nil
			}
			p := n.Pipe.CopyPipe()
			p.Cmds = append(p.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: n.Pos, Args: []parse.Node{parse.NewIdentifier(fn).SetPos(n.Pos)}})
			return &parse.ActionNode{NodeType: parse.NodeAction, Pos: n.Pos, Line: n.Line, Pipe: p}
		})
	}
	for _, name := range names {
		visit(name)
	}
	return funcs
}

// partialFunc is the name of the function that writes the partial name
// in its calls' place.
func partialFunc(name string) string { return "_reckon_" + name }

// timeHTML writes a date as the "date" partial does: a <time> element
// when the date has its ISO form.
func timeHTML(iso, text string) template.HTML {
	if iso == "" {
		return template.HTML(appendEscaped(nil, text))
	}
	return template.HTML(appendTime(make([]byte, 0, len(iso)+len(text)+len(`<time datetime=""></time>`)), iso, text))
}

// appendTime appends a date to b as [timeHTML] writes it.
func appendTime(b []byte, iso, text string) []byte {
	if iso == "" {
		return appendEscaped(b, text)
	}
	b = append(b, `<time datetime="`...)
	b = appendEscaped(b, iso)
	b = append(b, `">`...)
	b = appendEscaped(b, text)
	return append(b, "</time>"...)
}

// html writes t as the "text" partial does: each user span in a <bdi>,
// and every span escaped as html/template escapes element text.
func (t Text) html() template.HTML {
	n := 0
	for _, s := range t {
		n += len(s.Text) + len("<bdi></bdi>")
	}
	return template.HTML(t.appendHTML(make([]byte, 0, n)))
}

// appendHTML appends t to b as [Text.html] writes it.
func (t Text) appendHTML(b []byte) []byte {
	for _, s := range t {
		if s.User {
			b = append(b, "<bdi>"...)
		}
		b = appendEscaped(b, s.Text)
		if s.User {
			b = append(b, "</bdi>"...)
		}
	}
	return b
}

// appendEscaped appends s to b as html/template's escapers of element
// text and of a quoted attribute write a string: html/template's own
// HTMLEscapeString, which replaces the bytes of NUL (by U+FFFD), ", &, ',
// < and > and leaves every other byte, of valid UTF-8 or not, as it is;
// and + replaced by &#43;, which those escapers replace too. Both work
// byte by byte, so s can be cut at each +. [escapeAgrees] checks, at
// every parse of the templates, that this is what html/template writes.
func appendEscaped(b []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, '+')
		if i < 0 {
			return append(b, template.HTMLEscapeString(s)...)
		}
		b = append(append(b, template.HTMLEscapeString(s[:i])...), "&#43;"...)
		s = s[i+1:]
	}
}

// escapeSample returns what [escapeAgrees] has html/template escape:
// every byte, and characters that need care (line and paragraph
// separators, bidi controls, noncharacters, the replacement character)
// among others.
func escapeSample() string {
	b := make([]byte, 0, 512)
	for i := range 256 {
		b = append(b, byte(i))
	}
	return string(b) + "a\u2028b\u2029c \u202e\u2066\u2069 \ufdd0\ufffe\uffff\ufffd é 中文 +&#43;&amp; \xe2\x82 `=`"
}

// escapeAgrees reports whether [appendEscaped] writes what html/template
// writes for [escapeSample] in element text and in a quoted attribute, as
// probes (see [newProbes]) learn it: the partials and escapers that Go
// writes are folded only then, so that a Go whose html/template escapes
// otherwise gets what the templates write.
func escapeAgrees(probes map[string]*escapeProbe) bool {
	sample := escapeSample()
	want := string(appendEscaped(nil, sample))
	for _, chain := range []string{"_html_template_htmlescaper", "_html_template_attrescaper"} {
		p := probes[chain]
		if p == nil {
			return false
		}
		if got, ok := p.print(sample); !ok || got != want {
			return false
		}
	}
	return true
}

// walkTemplates calls f on every template call of the tree at n, and puts
// the node f returns, if not nil, in the call's place.
func walkTemplates(n parse.Node, f func(*parse.TemplateNode) parse.Node) { walkNodes(n, f) }

// foldEscapers replaces, in the templates of set that the escaping of the
// templates names reached (see [foldEscaped]), the escaper of each action
// that html/template escapes for element text or a quoted attribute that
// is not a URL, a script or a style alone ({{.Title |
// _html_template_attrescaper}}) by a Go function that writes the same:
// for a string, html/template's own escaping (see [appendEscaped]); for
// HTML in element text, the HTML; for an int, its digits, which need no
// escaping; for any other value, what html/template's own escaper writes,
// through a probe (see [escapeProbe]). The function takes its one value
// as it is, where the escaper takes a list, which costs a page an
// allocation per action. An action with a chain of escapers (a URL, a
// script, a style, an unquoted attribute) keeps html/template's. Nothing
// is folded unless html/template escapes as Go does (see
// [escapeAgrees]). It must be called after foldEscaped with the same
// names. It returns the functions it put in the escapers' place.
func foldEscapers(set *template.Template, names ...string) template.FuncMap {
	probes := newProbes()
	if !escapeAgrees(probes) {
		return nil
	}
	funcs := template.FuncMap{}
	for _, esc := range []string{"_html_template_htmlescaper", "_html_template_attrescaper"} {
		p := probes[esc]
		html := esc == "_html_template_htmlescaper"
		funcs[escaperFunc(esc)] = func(v any) (string, error) {
			switch s := v.(type) {
			case string:
				return escapeString(s), nil
			case int:
				return strconv.Itoa(s), nil
			case template.HTML:
				if html {
					return string(s), nil
				}
			}
			return p.value(v)
		}
	}
	set.Funcs(funcs)
	for _, t := range reachable(set, names) {
		walkActions(t.Tree.Root, func(a *parse.ActionNode) parse.Node {
			p := a.Pipe
			if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 {
				return nil
			}
			last := p.Cmds[len(p.Cmds)-1]
			id, ok := last.Args[0].(*parse.IdentifierNode)
			if len(last.Args) != 1 || !ok || funcs[escaperFunc(id.Ident)] == nil {
				return nil
			}
			if prev, ok := p.Cmds[len(p.Cmds)-2].Args[0].(*parse.IdentifierNode); ok && strings.HasPrefix(prev.Ident, "_html_template_") {
				return nil // a chain of escapers
			}
			last.Args[0] = parse.NewIdentifier(escaperFunc(id.Ident)).SetPos(id.Pos)
			return nil
		})
	}
	return funcs
}

// escaperFunc is the name of the function that [foldEscapers] calls in
// the escaper's place.
func escaperFunc(escaper string) string {
	return "_reckon_" + strings.TrimPrefix(escaper, "_html_template_")
}

// value returns v as the probe's action prints it.
func (p *escapeProbe) value(v any) (string, error) {
	var b strings.Builder
	if err := p.tmpl.Execute(&b, v); err != nil {
		return "", err
	}
	out, ok := strings.CutPrefix(b.String(), p.before)
	if out, ok2 := strings.CutSuffix(out, p.after); ok && ok2 {
		return out, nil
	}
	return "", fmt.Errorf("cannot escape %T", v)
}

// escapeString returns s escaped as html/template escapes a string in
// element text and in a quoted attribute (see [appendEscaped]).
func escapeString(s string) string {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0, '"', '&', '\'', '+', '<', '>':
			if strings.IndexByte(s[i:], '+') < 0 {
				return template.HTMLEscapeString(s)
			}
			return string(appendEscaped(make([]byte, 0, len(s)+16), s))
		}
	}
	return s // nothing to escape, which most strings are
}

// reachable returns the templates of set that the templates names call,
// them included, each once.
func reachable(set *template.Template, names []string) []*template.Template {
	var out []*template.Template
	seen := map[string]bool{}
	var visit func(string)
	visit = func(name string) {
		t := set.Lookup(name)
		if seen[name] || t == nil || t.Tree == nil || t.Tree.Root == nil {
			return
		}
		seen[name] = true
		out = append(out, t)
		walkTemplates(t.Tree.Root, func(n *parse.TemplateNode) parse.Node {
			visit(n.Name)
			return nil
		})
	}
	for _, name := range names {
		visit(name)
	}
	return out
}
