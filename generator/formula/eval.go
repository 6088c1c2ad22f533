package formula

import (
	"fmt"
	"math"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
)

// Evaluator evaluates a Program quickly and without allocation. It is not
// safe for concurrent use: use one per goroutine.
type Evaluator struct {
	root    evalFunc
	n       int
	vals    []float64
	divZero bool // set when a divisor was zero
}

// evalFunc computes a subexpression.
type evalFunc func(e *Evaluator) float64

// NewEvaluator returns an Evaluator for p.
func (p *Program) NewEvaluator() *Evaluator {
	return &Evaluator{root: p.root, n: len(p.names)}
}

// Eval evaluates the program; vals[i] is the value of the program's
// Names()[i]. It gives the same result as [Program.Eval].
func (e *Evaluator) Eval(vals []float64) (float64, error) {
	if len(vals) != e.n {
		return 0, fmt.Errorf("got %d values for %d names", len(vals), e.n)
	}
	e.vals, e.divZero = vals, false
	f := e.root(e)
	e.vals = nil
	if e.divZero {
		return 0, ErrDivisionByZero
	}
	return finite(f)
}

// build compiles a checked syntax tree to closures; slots gives the index
// of each name's value. It follows expr's order of evaluation and its
// definitions of the operators and functions, so that the closures compute
// exactly what expr's virtual machine computes.
func build(n ast.Node, slots map[string]int) evalFunc {
	switch n := n.(type) {
	case *ast.IntegerNode:
		v := float64(n.Value)
		return func(*Evaluator) float64 { return v }
	case *ast.FloatNode:
		v := n.Value
		return func(*Evaluator) float64 { return v }
	case *ast.IdentifierNode:
		i := slots[n.Value]
		return func(e *Evaluator) float64 { return e.vals[i] }
	case *ast.UnaryNode:
		x := build(n.Node, slots)
		if n.Operator == "+" {
			return x
		}
		return func(e *Evaluator) float64 { return -x(e) }
	case *ast.BinaryNode:
		return buildBinary(n.Operator, build(n.Left, slots), build(n.Right, slots))
	case *ast.BuiltinNode:
		args := make([]evalFunc, len(n.Arguments))
		for i, a := range n.Arguments {
			args[i] = build(a, slots)
		}
		return buildBuiltin(n.Name, args)
	case *ast.CallNode: // sqrt
		x := build(n.Arguments[0], slots)
		return func(e *Evaluator) float64 { return math.Sqrt(x(e)) }
	}
	panic(fmt.Sprintf("formula: unchecked node %T", n)) // unreachable after check
}

func buildBinary(op string, l, r evalFunc) evalFunc {
	switch op {
	case "+":
		return func(e *Evaluator) float64 { return l(e) + r(e) }
	case "-":
		return func(e *Evaluator) float64 { return l(e) - r(e) }
	case "*":
		return func(e *Evaluator) float64 { return l(e) * r(e) }
	case "/":
		return func(e *Evaluator) float64 {
			a, b := l(e), r(e)
			if b == 0 {
				e.divZero = true
			}
			return a / b
		}
	}
	// ** and ^
	return func(e *Evaluator) float64 { return math.Pow(l(e), r(e)) }
}

func buildBuiltin(name string, args []evalFunc) evalFunc {
	switch name {
	case "abs":
		x := args[0]
		return func(e *Evaluator) float64 {
			// As expr's abs: -0 stays -0.
			if v := x(e); v < 0 {
				return -v
			} else {
				return v
			}
		}
	case "min":
		if len(args) == 2 {
			a, b := args[0], args[1]
			return func(e *Evaluator) float64 { return minOf(a(e), b(e)) }
		}
		return func(e *Evaluator) float64 {
			m := args[0](e)
			for _, a := range args[1:] {
				m = minOf(m, a(e))
			}
			return m
		}
	}
	// max
	if len(args) == 2 {
		a, b := args[0], args[1]
		return func(e *Evaluator) float64 { return maxOf(a(e), b(e)) }
	}
	return func(e *Evaluator) float64 {
		m := args[0](e)
		for _, a := range args[1:] {
			m = maxOf(m, a(e))
		}
		return m
	}
}

// minOf and maxOf keep the first argument unless the second is smaller
// (larger), as expr's min and max do; they differ from math.Min and
// math.Max for NaN and signed zeros.
func minOf(m, v float64) float64 {
	if m > v {
		return v
	}
	return m
}

func maxOf(m, v float64) float64 {
	if m < v {
		return v
	}
	return m
}

// Names of the functions given to expr. They are not identifiers, so no
// formula can call them or shadow them.
const (
	divFunc  = "div()"
	sqrtFunc = "sqrt"
)

// exprOptions configures expr to compile a checked formula with env as its
// variables: number literals become float64, so all arithmetic is in
// float64, and a / b becomes a call that reports ErrDivisionByZero. (expr's
// own operator overloading misses divisions whose operand types it has not
// inferred, as in sqrt(1/x).) Constant folding is off:
// expr's constant pool does not tell 0 from -0, so a folded -0 would change
// results such as (-0) ** -1, and without folding expr computes exactly the
// operations the closures compute.
func exprOptions(env map[string]any) []expr.Option {
	return []expr.Option{
		expr.Env(env),
		expr.Optimize(false),
		expr.Patch(patcher{}),
		expr.Function(sqrtFunc, func(args ...any) (any, error) {
			return math.Sqrt(args[0].(float64)), nil
		}, new(func(float64) float64)),
		expr.Function(divFunc, func(args ...any) (any, error) {
			a, b := args[0].(float64), args[1].(float64)
			if b == 0 {
				return nil, ErrDivisionByZero
			}
			return a / b, nil
		}, new(func(float64, float64) float64)),
	}
}

// patcher turns integer literals into float literals and divisions into
// calls of divFunc.
type patcher struct{}

func (patcher) Visit(n *ast.Node) {
	switch x := (*n).(type) {
	case *ast.IntegerNode:
		ast.Patch(n, &ast.FloatNode{Value: float64(x.Value)})
	case *ast.BinaryNode:
		if x.Operator == "/" {
			ast.Patch(n, &ast.CallNode{
				Callee:    &ast.IdentifierNode{Value: divFunc},
				Arguments: []ast.Node{x.Left, x.Right},
			})
		}
	}
}
