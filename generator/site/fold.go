package site

import (
	"html/template"
	"strconv"
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
