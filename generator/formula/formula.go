package formula

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"sync"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"

	"reckon/generator/unit"
)

// Errors returned by evaluation.
var (
	ErrDivisionByZero = errors.New("division by zero")
	ErrNotFinite      = errors.New("result is not a finite number")
)

// Error is a problem in a formula's source.
type Error struct {
	Offset int    // byte offset of the problem in the source, from 0
	Msg    string // what is wrong, lower case
	Hint   string // what to do about it; may be empty
}

// Error returns the message.
func (e *Error) Error() string { return e.Msg }

// Program is a compiled formula.
type Program struct {
	src   string
	unit  unit.Unit
	names []string // used names, sorted
	root  evalFunc
	tree  ast.Node // the checked syntax tree, for Tokens
	// vm compiles the formula for expr's virtual machine, the reference
	// evaluator, on first use: only Eval needs it, and the build never calls
	// Eval.
	vm func() (*vm.Program, error)
}

// Compile parses src, checks it against the package rules with names in
// scope, and infers the unit of its result. Errors are of type *Error.
func Compile(src string, names map[string]unit.Unit) (*Program, error) {
	tree, err := parser.Parse(src)
	if err != nil {
		return nil, syntaxError(src, err)
	}
	c := &checker{src: src, names: names, used: make(map[string]bool)}
	v, err := c.check(tree.Node)
	if err != nil {
		return nil, err
	}
	p := &Program{
		src:   src,
		unit:  v.unit,
		names: slices.Sorted(maps.Keys(c.used)),
		tree:  tree.Node,
	}
	slots := make(map[string]int, len(p.names))
	env := make(map[string]any, len(p.names))
	for i, name := range p.names {
		slots[name] = i
		env[name] = 0.0
	}
	p.root = build(tree.Node, slots)
	p.vm = sync.OnceValues(func() (*vm.Program, error) { return expr.Compile(src, exprOptions(env)...) })
	return p, nil
}

// Unit returns the unit of the formula's result.
func (p *Program) Unit() unit.Unit { return p.unit }

// Source returns the formula as given to Compile.
func (p *Program) Source() string { return p.src }

// Names returns the names the formula uses, sorted, without duplicates.
// [Evaluator.Eval] takes their values in this order.
func (p *Program) Names() []string { return slices.Clone(p.names) }

// Eval evaluates the formula with expr's virtual machine, taking the value
// of each name from vals. It is the reference for [Evaluator.Eval], which is
// much faster.
func (p *Program) Eval(vals map[string]float64) (float64, error) {
	env := make(map[string]any, len(p.names))
	for _, name := range p.names {
		v, ok := vals[name]
		if !ok {
			return 0, fmt.Errorf("no value for %q", name)
		}
		env[name] = v
	}
	prog, err := p.vm()
	if err != nil {
		// The checks of Compile accept only what expr compiles.
		return 0, fmt.Errorf("internal error: %v", err)
	}
	out, err := expr.Run(prog, env)
	switch {
	case errors.Is(err, ErrDivisionByZero):
		return 0, ErrDivisionByZero
	case err != nil:
		return 0, fmt.Errorf("internal error: %v", err)
	}
	f, ok := out.(float64)
	if !ok {
		return 0, fmt.Errorf("internal error: result is a %T", out)
	}
	return finite(f)
}

// finite checks a result and turns -0 into 0, so that no result prints as
// -0.
func finite(f float64) (float64, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, ErrNotFinite
	}
	return f + 0, nil
}
