package site

import (
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
func walkActions(n parse.Node, f func(*parse.ActionNode) parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for i, c := range n.Nodes {
			if a, ok := c.(*parse.ActionNode); ok {
				if r := f(a); r != nil {
					n.Nodes[i] = r
				}
				continue
			}
			walkActions(c, f)
		}
	case *parse.IfNode:
		walkActions(n.List, f)
		walkActions(n.ElseList, f)
	case *parse.RangeNode:
		walkActions(n.List, f)
		walkActions(n.ElseList, f)
	case *parse.WithNode:
		walkActions(n.List, f)
		walkActions(n.ElseList, f)
	}
}
