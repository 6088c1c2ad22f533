package formula

import (
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
)

// Condition is a compiled condition: a boolean expression of the expr
// language over names whose values are strings, such as
// figure == "consistent" && framing in ["none", "fair"]. A site's rating
// levels are conditions. A Condition is immutable and safe for concurrent
// use.
type Condition struct {
	prog  *vm.Program
	names []string
}

// CompileCondition compiles src, a boolean expression with names in scope,
// each a string. Errors are of type *Error, with Offset -1 when the
// problem has no place in src.
func CompileCondition(src string, names []string) (*Condition, error) {
	env := make(map[string]string, len(names))
	for _, n := range names {
		env[n] = ""
	}
	p, err := expr.Compile(src, expr.Env(env), expr.AsBool())
	if err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			return nil, &Error{Offset: byteOffset(src, fe.From), Msg: firstLine(fe.Message)}
		}
		return nil, &Error{Offset: -1, Msg: firstLine(err.Error())}
	}
	return &Condition{prog: p, names: slices.Clone(names)}, nil
}

// Holds reports whether the condition holds when its names have the
// values vals, given in the order of the names passed to
// [CompileCondition].
func (c *Condition) Holds(vals []string) (bool, error) {
	env := make(map[string]string, len(c.names))
	for i, n := range c.names {
		env[n] = vals[i]
	}
	out, err := expr.Run(c.prog, env)
	if err != nil {
		return false, err
	}
	return out == true, nil
}

// Identifiers returns the names src uses, sorted; nil when src does not
// parse (compiling it reports why).
func Identifiers(src string) []string {
	tree, err := parser.Parse(src)
	if err != nil {
		return nil
	}
	v := identifiers{}
	ast.Walk(&tree.Node, v)
	return slices.Sorted(maps.Keys(v))
}

type identifiers map[string]bool

func (v identifiers) Visit(n *ast.Node) {
	if id, ok := (*n).(*ast.IdentifierNode); ok {
		v[id.Value] = true
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}
