package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strings"
	"sync/atomic"
	"text/template/parse"
)

// A program executes a template of a set in Go: it walks the template's
// parse tree as html/template escaped it (and foldEscaped, foldPartials and
// foldEscapers folded it), as text/template would, for the part of the
// template language the templates use (text; actions that print a value
// through the escapers html/template chose; if, with and range over
// slices; variables; template calls; the functions t, tx, table and print
// and the builtins eq, ne, and, or and not), where text/template finds
// each field by name and calls each function through reflect. The
// escapers are Go's own ([escapeString], [urlFilter], [urlProcess]),
// which [execAgrees] checks against html/template at every parse.
//
// A template with anything else, or that calls one that has, has no
// program. A program gives up (errFallback) on anything it does not
// know how to do as text/template does it at run time: a method of the
// name of a field, a nil pointer, a map, a value of another type than its
// escapers take, an error of a function. The caller then executes the
// template with html/template, which writes the page or its error, so a
// program never writes what html/template would not.
type program struct {
	run runFn
	// size is the length of the last output, which the next run's buffer
	// is grown to at once.
	size atomic.Int64
}

// errFallback is what a program returns when the template is to be
// executed by html/template.
var errFallback = errors.New("site: executed by html/template")

// maxProgramDepth is how deep template calls nest before a program gives
// up, for text/template to report a template that calls itself without
// end.
const maxProgramDepth = 1000

// execState is the state of one run of a program.
type execState struct {
	buf *bytes.Buffer
	// vars are the variables in scope, innermost last, from base on: a
	// template call sees none of its caller's.
	vars  []execVar
	base  int
	depth int
}

type execVar struct {
	name string
	v    reflect.Value
}

type (
	runFn  func(s *execState, dot reflect.Value) error
	evalFn func(s *execState, dot reflect.Value) (reflect.Value, error)
)

// exec runs p on data, appending to b. On an error, b may hold part of
// the output: the caller truncates it.
func (p *program) exec(b *bytes.Buffer, data any) (err error) {
	dot := reflect.ValueOf(data)
	s := &execState{buf: b, vars: make([]execVar, 1, 16)}
	s.vars[0] = execVar{"$", dot}
	n := b.Len()
	b.Grow(int(p.size.Load()))
	defer func() {
		if recover() != nil {
			err = errFallback // for html/template to report, as it does
		}
	}()
	if err := p.run(s, dot); err != nil {
		return err
	}
	p.size.Store(int64(b.Len() - n))
	return nil
}

// programs are the programs of the templates of a set. It is safe for
// concurrent use.
type programs struct {
	byName map[string]*program
	// fallbacks counts the executions that html/template made, of a
	// template without a program or whose program gave up.
	fallbacks atomic.Int64
}

// execute executes the template name of set on data into w, with its
// program if it has one, or else (and when the program gives up) with
// html/template. A nil ps has no programs.
func (ps *programs) execute(set *template.Template, w io.Writer, name string, data any) error {
	if ps == nil {
		return set.ExecuteTemplate(w, name, data)
	}
	if p := ps.byName[name]; p != nil {
		if b, ok := w.(*bytes.Buffer); ok {
			n := b.Len()
			if p.exec(b, data) == nil {
				return nil
			}
			b.Truncate(n)
		} else {
			var b bytes.Buffer
			if p.exec(&b, data) == nil {
				_, err := w.Write(b.Bytes())
				return err
			}
		}
	}
	ps.fallbacks.Add(1)
	return set.ExecuteTemplate(w, name, data)
}

// compilePrograms returns the programs of the templates names of set,
// which html/template must have escaped (see [foldEscaped]), and which
// call the functions funcs (by name; those of html/template are Go's
// own). A template that cannot be compiled has none. The caller checks
// first that [execAgrees].
func compilePrograms(set *template.Template, funcs template.FuncMap, names ...string) *programs {
	out := &programs{byName: map[string]*program{}}
	for _, name := range names {
		c := &compiler{set: set, funcs: funcs, progs: map[string]*program{}}
		if p := c.template(name); p != nil && c.ok() {
			out.byName[name] = p
		}
	}
	return out
}

// compiler compiles the templates one template calls.
type compiler struct {
	set    *template.Template
	funcs  template.FuncMap
	progs  map[string]*program // by name, each compiled once
	failed bool
}

func (c *compiler) ok() bool { return !c.failed }

// fail notes that the template cannot be compiled.
func (c *compiler) fail() runFn {
	c.failed = true
	return nil
}

func (c *compiler) template(name string) *program {
	if p, ok := c.progs[name]; ok {
		return p
	}
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		c.failed = true
		return nil
	}
	p := &program{}
	c.progs[name] = p // before its body, for a template that calls itself
	p.run = c.list(t.Tree.Root)
	return p
}

func (c *compiler) list(l *parse.ListNode) runFn {
	if l == nil {
		return func(*execState, reflect.Value) error { return nil }
	}
	var fns []runFn
	for _, n := range l.Nodes {
		if _, ok := n.(*parse.CommentNode); ok {
			continue
		}
		f := c.node(n)
		if f == nil {
			return c.fail()
		}
		fns = append(fns, f)
	}
	return func(s *execState, dot reflect.Value) error {
		for _, f := range fns {
			if err := f(s, dot); err != nil {
				return err
			}
		}
		return nil
	}
}

func (c *compiler) node(n parse.Node) runFn {
	switch n := n.(type) {
	case *parse.TextNode:
		text := string(n.Text)
		return func(s *execState, _ reflect.Value) error {
			s.buf.WriteString(text)
			return nil
		}
	case *parse.ActionNode:
		return c.action(n.Pipe)
	case *parse.IfNode:
		return c.ifOrWith(&n.BranchNode, false)
	case *parse.WithNode:
		return c.ifOrWith(&n.BranchNode, true)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.call(n)
	}
	return c.fail()
}

// action is an action: a declaration, which prints nothing, or a value
// through its escapers, which print it.
func (c *compiler) action(p *parse.PipeNode) runFn {
	if p == nil || len(p.Cmds) == 0 {
		return c.fail()
	}
	if len(p.Decl) > 0 {
		eval := c.pipe(p)
		if eval == nil {
			return nil
		}
		return func(s *execState, dot reflect.Value) error {
			_, err := eval(s, dot)
			return err
		}
	}
	if len(p.Cmds) < 2 {
		return c.fail() // html/template gives every action an escaper
	}
	head := c.command(p.Cmds[0], false)
	var escs []escaper
	for i, cmd := range p.Cmds[1:] {
		id, ok := cmd.Args[0].(*parse.IdentifierNode)
		if len(cmd.Args) != 1 || !ok {
			return c.fail()
		}
		e, ok := c.escaper(id.Ident)
		if !ok || i > 0 && e.next == nil {
			return c.fail()
		}
		escs = append(escs, e)
	}
	if head == nil {
		return nil
	}
	first, rest := escs[0].first, escs[1:]
	write := escs[0].write
	if len(rest) > 0 {
		write = nil
	}
	return func(s *execState, dot reflect.Value) error {
		v, err := head(s, dot, reflect.Value{})
		if err != nil {
			return err
		}
		v = unwrap(v)
		if write != nil && v.IsValid() {
			if b, ok := write(s.buf.AvailableBuffer(), v); ok {
				s.buf.Write(b)
				return nil
			}
		}
		str, ok := first(v)
		if !ok {
			return errFallback
		}
		for _, e := range rest {
			str = e.next(str)
		}
		s.buf.WriteString(str)
		return nil
	}
}

// ifOrWith is an if or a with, as text/template's walkIfOrWith runs it.
func (c *compiler) ifOrWith(b *parse.BranchNode, with bool) runFn {
	cond, list, elseList := c.pipe(b.Pipe), c.list(b.List), c.list(b.ElseList)
	if cond == nil || list == nil || elseList == nil {
		return nil
	}
	return func(s *execState, dot reflect.Value) error {
		mark := len(s.vars)
		v, err := cond(s, dot)
		if err != nil {
			return err
		}
		truth, ok := isTrue(indirectInterface(v))
		switch {
		case !ok:
			err = errFallback
		case truth && with:
			err = list(s, v)
		case truth:
			err = list(s, dot)
		default:
			err = elseList(s, dot)
		}
		s.vars = s.vars[:mark]
		return err
	}
}

// rangeNode is a range over a slice or an array, as text/template's
// walkRange runs it; over anything else, the program gives up.
func (c *compiler) rangeNode(r *parse.RangeNode) runFn {
	if len(r.Pipe.Decl) > 0 && r.Pipe.IsAssign {
		return c.fail()
	}
	eval, list, elseList := c.pipe(r.Pipe), c.list(r.List), c.list(r.ElseList)
	if eval == nil || list == nil || elseList == nil {
		return nil
	}
	each := rangeBody(eval, list, elseList, len(r.Pipe.Decl))
	return func(s *execState, dot reflect.Value) error {
		outer := len(s.vars)
		err := each(s, dot)
		s.vars = s.vars[:outer]
		return err
	}
}

// rangeBody runs a range: its pipeline, which declares its variables,
// then its list on each element, or its else list on none.
func rangeBody(eval evalFn, list, elseList runFn, decls int) runFn {
	return func(s *execState, dot reflect.Value) error {
		v, err := eval(s, dot)
		if err != nil {
			return err
		}
		v, _ = indirect(v)
		if k := v.Kind(); k != reflect.Slice && k != reflect.Array {
			return errFallback
		}
		mark := len(s.vars)
		for i := range v.Len() {
			elem := v.Index(i)
			if decls > 0 {
				s.vars[mark-1].v = elem
			}
			if decls > 1 {
				s.vars[mark-2].v = reflect.ValueOf(i)
			}
			err := list(s, elem)
			s.vars = s.vars[:mark]
			if err != nil {
				return err
			}
		}
		if v.Len() == 0 {
			return elseList(s, dot)
		}
		return nil
	}
}

// call is a template call: the called template runs with the value of the
// pipeline as its dot and its $.
func (c *compiler) call(n *parse.TemplateNode) runFn {
	p := c.template(n.Name)
	if p == nil {
		return c.fail()
	}
	var eval evalFn
	if n.Pipe != nil {
		if eval = c.pipe(n.Pipe); eval == nil {
			return nil
		}
	}
	return func(s *execState, dot reflect.Value) error {
		var v reflect.Value
		if eval != nil {
			var err error
			if v, err = eval(s, dot); err != nil {
				return err
			}
		}
		if s.depth >= maxProgramDepth {
			return errFallback
		}
		base, mark := s.base, len(s.vars)
		s.base = mark
		s.vars = append(s.vars, execVar{"$", v})
		s.depth++
		err := p.run(s, v)
		s.depth--
		s.vars, s.base = s.vars[:mark], base
		return err
	}
}

// cmdFn evaluates a command, with the value of the command before it
// (final; invalid for the first).
type cmdFn func(s *execState, dot, final reflect.Value) (reflect.Value, error)

// pipe is a pipeline whose value is used (not printed), with its
// declarations.
func (c *compiler) pipe(p *parse.PipeNode) evalFn {
	if p == nil || len(p.Cmds) == 0 {
		return c.failEval()
	}
	cmds := make([]cmdFn, len(p.Cmds))
	for i, cmd := range p.Cmds {
		if cmds[i] = c.command(cmd, i > 0); cmds[i] == nil {
			return nil
		}
	}
	var decl []string
	for _, v := range p.Decl {
		if len(v.Ident) != 1 {
			return c.failEval()
		}
		decl = append(decl, v.Ident[0])
	}
	assign := p.IsAssign
	return func(s *execState, dot reflect.Value) (reflect.Value, error) {
		var v reflect.Value
		for _, cmd := range cmds {
			var err error
			if v, err = cmd(s, dot, v); err != nil {
				return v, err
			}
			v = unwrap(v)
		}
		for _, name := range decl {
			if !assign {
				s.vars = append(s.vars, execVar{name, v})
				continue
			}
			i := s.lookup(name)
			if i < 0 {
				return v, errFallback
			}
			s.vars[i].v = v
		}
		return v, nil
	}
}

func (c *compiler) failEval() evalFn {
	c.failed = true
	return nil
}

// command is a command of a pipeline; later says it is not the first,
// so that it takes the value before it as its last argument, which only
// a function does.
func (c *compiler) command(cmd *parse.CommandNode, later bool) cmdFn {
	if len(cmd.Args) == 0 {
		return c.failCmd()
	}
	if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
		return c.function(id.Ident, cmd.Args[1:], later)
	}
	if later || len(cmd.Args) != 1 {
		return c.failCmd()
	}
	arg := c.arg(cmd.Args[0])
	if arg == nil {
		return nil
	}
	return func(s *execState, dot, _ reflect.Value) (reflect.Value, error) { return arg(s, dot) }
}

func (c *compiler) failCmd() cmdFn {
	c.failed = true
	return nil
}

// arg is an operand: a field chain, a variable and its fields, dot, a
// constant, or a pipeline in parentheses.
func (c *compiler) arg(n parse.Node) evalFn {
	switch n := n.(type) {
	case *parse.DotNode:
		return func(_ *execState, dot reflect.Value) (reflect.Value, error) { return dot, nil }
	case *parse.FieldNode:
		chain := newFieldChain(n.Ident)
		return func(_ *execState, dot reflect.Value) (reflect.Value, error) { return chain.eval(dot) }
	case *parse.VariableNode:
		name, chain := n.Ident[0], newFieldChain(n.Ident[1:])
		return func(s *execState, _ reflect.Value) (reflect.Value, error) {
			i := s.lookup(name)
			if i < 0 {
				return reflect.Value{}, errFallback
			}
			return chain.eval(s.vars[i].v)
		}
	case *parse.StringNode:
		v := reflect.ValueOf(n.Text)
		return func(*execState, reflect.Value) (reflect.Value, error) { return v, nil }
	case *parse.BoolNode:
		v := reflect.ValueOf(n.True)
		return func(*execState, reflect.Value) (reflect.Value, error) { return v, nil }
	case *parse.NumberNode:
		if !n.IsInt || strings.Trim(n.Text, "0123456789") != "" || int64(int(n.Int64)) != n.Int64 {
			return c.failEval()
		}
		v := reflect.ValueOf(int(n.Int64))
		return func(*execState, reflect.Value) (reflect.Value, error) { return v, nil }
	case *parse.PipeNode:
		if len(n.Decl) > 0 {
			return c.failEval()
		}
		return c.pipe(n)
	}
	return c.failEval()
}

// lookup returns the index of the innermost variable name; -1 if none.
func (s *execState) lookup(name string) int {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return i
		}
	}
	return -1
}

// function is a call of a function that the templates use, with its
// arguments and, when later, the value of the command before as its last.
func (c *compiler) function(name string, argNodes []parse.Node, later bool) cmdFn {
	args := make([]evalFn, len(argNodes))
	for i, n := range argNodes {
		if args[i] = c.arg(n); args[i] == nil {
			return nil
		}
	}
	// values evaluates the arguments, and the final value when later.
	values := func(s *execState, dot, final reflect.Value) ([]reflect.Value, error) {
		out := make([]reflect.Value, 0, len(args)+1)
		for _, a := range args {
			v, err := a(s, dot)
			if err != nil {
				return nil, err
			}
			if !v.IsValid() || !v.CanInterface() {
				return nil, errFallback
			}
			out = append(out, v)
		}
		if later {
			if !final.IsValid() || !final.CanInterface() {
				return nil, errFallback
			}
			out = append(out, final)
		}
		return out, nil
	}
	switch name {
	case "and", "or":
		if later || len(args) == 0 {
			return c.failCmd()
		}
		or := name == "or"
		return func(s *execState, dot, _ reflect.Value) (reflect.Value, error) {
			var v reflect.Value
			for _, a := range args {
				var err error
				if v, err = a(s, dot); err != nil {
					return v, err
				}
				if !v.IsValid() {
					return v, errFallback
				}
				if truth, _ := isTrue(indirectInterface(v)); truth == or {
					return v, nil
				}
			}
			return v, nil
		}
	case "not":
		return func(s *execState, dot, final reflect.Value) (reflect.Value, error) {
			vs, err := values(s, dot, final)
			if err != nil || len(vs) != 1 {
				return reflect.Value{}, errFallback
			}
			truth, _ := isTrue(indirectInterface(vs[0]))
			return reflect.ValueOf(!truth), nil
		}
	case "eq", "ne":
		ne := name == "ne"
		return func(s *execState, dot, final reflect.Value) (reflect.Value, error) {
			vs, err := values(s, dot, final)
			if err != nil || len(vs) != 2 {
				return reflect.Value{}, errFallback
			}
			same, ok := equal(indirectInterface(vs[0]), indirectInterface(vs[1]))
			if !ok {
				return reflect.Value{}, errFallback
			}
			return reflect.ValueOf(same != ne), nil
		}
	case "print":
		return func(s *execState, dot, final reflect.Value) (reflect.Value, error) {
			vs, err := values(s, dot, final)
			if err != nil {
				return reflect.Value{}, err
			}
			return reflect.ValueOf(fmt.Sprint(interfaces(vs)...)), nil
		}
	}
	switch f := c.funcs[name].(type) {
	case func(string, ...any) (string, error): // t
		return stringCall(f, values)
	case func(string, ...any) (Text, error): // tx
		return stringCall(f, values)
	case func(string, string, ...string) tableTag: // table
		return func(s *execState, dot, final reflect.Value) (reflect.Value, error) {
			vs, err := values(s, dot, final)
			if err != nil || len(vs) < 2 {
				return reflect.Value{}, errFallback
			}
			strs := make([]string, len(vs))
			for i, v := range vs {
				if v.Type() != stringType {
					return reflect.Value{}, errFallback
				}
				strs[i] = v.String()
			}
			return reflect.ValueOf(f(strs[0], strs[1], strs[2:]...)), nil
		}
	}
	return c.failCmd()
}

// interfaces returns the values of vs, each of which can be taken (see
// [values]).
func interfaces(vs []reflect.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v.Interface()
	}
	return out
}

// unwrap is the value inside v when v is an empty interface, as
// text/template's evalPipeline takes it after each command.
func unwrap(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
		return reflect.ValueOf(v.Interface())
	}
	return v
}

// indirect returns the value v points to, through pointers and
// interfaces, and whether one of them was nil, as text/template's does.
func indirect(v reflect.Value) (reflect.Value, bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface returns the value inside the interface v.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface || v.IsNil() {
		return v
	}
	return v.Elem()
}

// isTrue is text/template's: whether v is not the zero of its kind, and
// whether it can tell.
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

// equal compares two values of the same basic kind (strings, signed
// integers, booleans) as text/template's eq does; false when it cannot.
func equal(a, b reflect.Value) (same, ok bool) {
	if !a.IsValid() || !b.IsValid() {
		return false, false
	}
	switch ka, kb := a.Kind(), b.Kind(); {
	case ka == reflect.String && kb == reflect.String:
		return a.String() == b.String(), true
	case ka == reflect.Bool && kb == reflect.Bool:
		return a.Bool() == b.Bool(), true
	case a.CanInt() && b.CanInt():
		return a.Int() == b.Int(), true
	}
	return false, false
}

// A fieldChain is the names of a chain of fields (.Page.Site.CSS), each
// with the index of the field in the last type it was found in.
type fieldChain []*fieldStep

func newFieldChain(names []string) fieldChain {
	out := make(fieldChain, len(names))
	for i, n := range names {
		out[i] = &fieldStep{name: n}
	}
	return out
}

func (fc fieldChain) eval(v reflect.Value) (reflect.Value, error) {
	for _, f := range fc {
		var ok bool
		if v, ok = f.eval(v); !ok {
			return v, errFallback
		}
	}
	return v, nil
}

// fieldStep is a field of a chain.
type fieldStep struct {
	name string
	last atomic.Pointer[fieldHit] // where the field was, in the last type
}

// fieldHit is where a field is in a struct type: its index; ok is false
// when text/template would not take the field (the type has a method of
// its name, or has no exported field of it).
type fieldHit struct {
	typ   reflect.Type
	index []int
	ok    bool
}

// eval returns the field of v, through pointers and interfaces, as
// text/template's evalField does; false where text/template calls a
// method, reads a map or fails.
func (f *fieldStep) eval(v reflect.Value) (reflect.Value, bool) {
	if !v.IsValid() {
		return v, false
	}
	v, isNil := indirect(v)
	if isNil || v.Kind() != reflect.Struct {
		return v, false
	}
	h := f.last.Load()
	if h == nil || h.typ != v.Type() {
		h = newFieldHit(v.Type(), f.name)
		f.last.Store(h)
	}
	if !h.ok {
		return v, false
	}
	if len(h.index) == 1 {
		return v.Field(h.index[0]), true
	}
	v, err := v.FieldByIndexErr(h.index)
	return v, err == nil
}

func newFieldHit(t reflect.Type, name string) *fieldHit {
	h := &fieldHit{typ: t}
	if _, ok := reflect.PointerTo(t).MethodByName(name); ok {
		return h
	}
	sf, ok := t.FieldByName(name)
	h.index, h.ok = sf.Index, ok && sf.IsExported()
	return h
}

// stringCall calls f, a function of a string key and arguments (t, tx),
// with the values of a command's arguments; a key that is not a string, or
// an error, is a fallback.
func stringCall[R any](f func(string, ...any) (R, error), values func(*execState, reflect.Value, reflect.Value) ([]reflect.Value, error)) cmdFn {
	return func(s *execState, dot, final reflect.Value) (reflect.Value, error) {
		vs, err := values(s, dot, final)
		if err != nil || len(vs) == 0 || vs[0].Type() != stringType {
			return reflect.Value{}, errFallback
		}
		out, err := f(vs[0].String(), interfaces(vs[1:])...)
		if err != nil {
			return reflect.Value{}, errFallback
		}
		return reflect.ValueOf(out), nil
	}
}
