package formula

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"

	"reckon/generator/unit"
)

// maxExp bounds the magnitude of an exponent applied to a unit.
const maxExp = 99

const functionsHint = "the functions are abs, max, min and sqrt"

// checker walks expr's syntax tree, rejects what is not allowed in a
// formula and infers units.
type checker struct {
	src   string
	names map[string]unit.Unit
	used  map[string]bool
}

// value describes a checked subexpression.
type value struct {
	unit unit.Unit
	lit  bool    // a number literal, possibly signed
	num  float64 // its value, when lit
}

// describe names v's unit for messages.
func (v value) describe() string {
	switch {
	case v.lit:
		return "a plain number"
	case v.unit.IsDimensionless():
		return "a dimensionless quantity"
	}
	return v.unit.String()
}

func (v value) isZero() bool { return v.lit && v.num == 0 }

func (c *checker) check(n ast.Node) (value, error) {
	switch n := n.(type) {
	case *ast.IntegerNode:
		return value{lit: true, num: float64(n.Value)}, nil
	case *ast.FloatNode:
		return value{lit: true, num: n.Value}, nil
	case *ast.IdentifierNode:
		u, ok := c.names[n.Value]
		if !ok {
			return value{}, c.errorf(n, suggest(n.Value, c.names), "unknown name %q", n.Value)
		}
		c.used[n.Value] = true
		return value{unit: u}, nil
	case *ast.UnaryNode:
		if n.Operator != "-" && n.Operator != "+" {
			return value{}, c.errorf(n, "", "operator %q is not allowed in a formula", n.Operator)
		}
		v, err := c.check(n.Node)
		if n.Operator == "-" {
			v.num = -v.num
		}
		return v, err
	case *ast.BinaryNode:
		return c.binary(n)
	case *ast.BuiltinNode:
		return c.builtin(n)
	case *ast.CallNode:
		id, ok := n.Callee.(*ast.IdentifierNode)
		switch {
		case ok && id.Value == "sqrt":
			return c.sqrt(n)
		case ok:
			return value{}, c.errorf(n, functionsHint, "function %s is not allowed in a formula", id.Value)
		}
		// A method call: report the member access first.
		if _, err := c.check(n.Callee); err != nil {
			return value{}, err
		}
		return value{}, c.errorf(n, "", "this call is not allowed in a formula")
	}
	if n, ok := n.(*ast.ConditionalNode); ok && n.Ternary {
		// expr places the node after its last operand: point at the "?".
		off := byteOffset(c.src, n.Cond.Location().From)
		if i := strings.IndexByte(c.src[off:], '?'); i >= 0 {
			return value{}, &Error{Offset: off + i, Msg: "the conditional operator is not allowed in a formula"}
		}
	}
	return value{}, c.errorf(n, "", "%s is not allowed in a formula", describeNode(n))
}

func (c *checker) binary(n *ast.BinaryNode) (value, error) {
	switch n.Operator {
	case "+", "-", "*", "/", "**", "^":
	default:
		return value{}, c.errorf(n, "", "operator %q is not allowed in a formula", n.Operator)
	}
	l, err := c.check(n.Left)
	if err != nil {
		return value{}, err
	}
	r, err := c.check(n.Right)
	if err != nil {
		return value{}, err
	}
	switch n.Operator {
	case "+", "-":
		u, ok := same(l, r)
		if !ok {
			verb := fmt.Sprintf("add %s and %s", l.describe(), r.describe())
			if n.Operator == "-" {
				verb = fmt.Sprintf("subtract %s from %s", r.describe(), l.describe())
			}
			return value{}, c.errorf(n, mismatchHint(l, r), "cannot %s", verb)
		}
		return value{unit: u}, nil
	case "*":
		return value{unit: l.unit.Mul(r.unit)}, nil
	case "/":
		if r.isZero() {
			return value{}, c.errorf(n, "", "division by zero")
		}
		return value{unit: l.unit.Div(r.unit)}, nil
	}
	// ** and ^
	if !r.unit.IsDimensionless() {
		return value{}, c.errorf(n.Right, "", "exponent must be dimensionless, not %s", r.unit)
	}
	if l.unit.IsDimensionless() {
		return value{}, nil
	}
	if !r.lit || r.num != math.Trunc(r.num) {
		return value{}, c.errorf(n.Right, "write the power as a whole number, such as 2 or -1",
			"exponent of %s must be an integer literal", l.unit)
	}
	if math.Abs(r.num) > maxExp {
		return value{}, c.errorf(n.Right, "", "exponent %v is out of range (at most %d)", r.num, maxExp)
	}
	u := l.unit.Pow(int(r.num))
	if _, err := unit.Parse(u.String()); err != nil {
		// The unit package accepts exponents up to maxExp; this also keeps
		// nested powers from overflowing.
		return value{}, c.errorf(n, "", "unit %s has an exponent beyond %d", u, maxExp)
	}
	return value{unit: u}, nil
}

func (c *checker) builtin(n *ast.BuiltinNode) (value, error) {
	if n.Name != "min" && n.Name != "max" && n.Name != "abs" {
		return value{}, c.errorf(n, functionsHint, "function %s is not allowed in a formula", n.Name)
	}
	if len(n.Arguments) > 0 && n.Arguments[0].Location().From < n.Location().From {
		return value{}, c.errorf(n, "write "+n.Name+"(x) instead", "the pipe operator is not allowed in a formula")
	}
	args := make([]value, len(n.Arguments))
	for i, a := range n.Arguments {
		v, err := c.check(a)
		if err != nil {
			return value{}, err
		}
		args[i] = v
	}
	if n.Name == "abs" {
		if len(args) != 1 {
			return value{}, c.errorf(n, "", "abs takes 1 argument, not %d", len(args))
		}
		return value{unit: args[0].unit}, nil
	}
	if len(args) < 2 {
		return value{}, c.errorf(n, "", "%s needs at least 2 arguments", n.Name)
	}
	acc := args[0]
	for i, a := range args[1:] {
		u, ok := same(acc, a)
		if !ok {
			return value{}, c.errorf(n.Arguments[i+1], mismatchHint(acc, a),
				"cannot take the %s of %s and %s", n.Name, acc.describe(), a.describe())
		}
		if !a.isZero() {
			acc = a
		}
		acc.unit = u
	}
	return value{unit: acc.unit}, nil
}

func (c *checker) sqrt(n *ast.CallNode) (value, error) {
	if len(n.Arguments) != 1 {
		return value{}, c.errorf(n, "", "sqrt takes 1 argument, not %d", len(n.Arguments))
	}
	v, err := c.check(n.Arguments[0])
	if err != nil {
		return value{}, err
	}
	u, ok := v.unit.Sqrt()
	if !ok {
		return value{}, c.errorf(n, "", "cannot take the square root of %s: its exponents must be even", v.unit)
	}
	return value{unit: u}, nil
}

// same returns the common unit of two operands that may be added or
// compared: equal units, a literal 0 with anything, or a literal with a
// dimensionless quantity.
func same(a, b value) (unit.Unit, bool) {
	switch {
	case a.isZero():
		return b.unit, true
	case b.isZero():
		return a.unit, true
	}
	return a.unit, a.unit == b.unit
}

// mismatchHint suggests how to make a and b compatible.
func mismatchHint(a, b value) string {
	if a.lit || b.lit {
		u := a.unit
		if a.lit {
			u = b.unit
		}
		return "a number has no unit: make it a parameter with unit " + u.String()
	}
	// USD and CNY, or USD/h and CNY/h, differ by an exchange rate.
	rate := b.unit.Div(a.unit).String()
	if num, den, ok := strings.Cut(rate, "/"); ok && unit.IsCurrency(num) && unit.IsCurrency(den) {
		return "convert with an exchange-rate parameter whose unit is " + rate
	}
	return ""
}

// describeNode names a kind of syntax for "… is not allowed" messages.
func describeNode(n ast.Node) string {
	switch n := n.(type) {
	case *ast.NilNode:
		return "nil"
	case *ast.BoolNode:
		return "a boolean"
	case *ast.StringNode:
		return "a string"
	case *ast.BytesNode:
		return "a byte string"
	case *ast.MemberNode, *ast.ChainNode:
		return "member access"
	case *ast.SliceNode:
		return "slicing"
	case *ast.ArrayNode:
		return "an array"
	case *ast.MapNode, *ast.PairNode:
		return "a map"
	case *ast.ConditionalNode:
		if n.Ternary {
			return "the conditional operator"
		}
		return "if/else"
	case *ast.VariableDeclaratorNode:
		return "let"
	case *ast.SequenceNode:
		return "a sequence of expressions"
	case *ast.PredicateNode, *ast.PointerNode:
		return "a predicate"
	}
	return "this expression"
}

// errorf returns an *Error at n's position.
func (c *checker) errorf(n ast.Node, hint, format string, args ...any) error {
	return &Error{
		Offset: byteOffset(c.src, n.Location().From),
		Msg:    fmt.Sprintf(format, args...),
		Hint:   hint,
	}
}

// byteOffset converts a rune index, as in expr's locations, to a byte
// offset in src.
func byteOffset(src string, runes int) int {
	i := 0
	for off := range src {
		if i == runes {
			return off
		}
		i++
	}
	return len(src)
}

// syntaxError converts an error from expr's parser.
func syntaxError(src string, err error) error {
	var fe *file.Error
	if !errors.As(err, &fe) {
		return &Error{Msg: err.Error()}
	}
	msg := fe.Message
	off := byteOffset(src, fe.From)
	if msg == "unexpected token EOF" || msg == "unexpected end of expression" {
		msg, off = "unexpected end of formula", len(src)
	} else if tok, ok := strings.CutPrefix(msg, "unexpected token "); ok {
		// expr writes a token as Kind("text").
		if _, text, ok := strings.Cut(tok, "("); ok {
			msg = "unexpected " + strings.TrimSuffix(text, ")")
		}
	} else if before, after, ok := strings.Cut(msg, ": strconv."); ok {
		// expr reports a bad number after reading the next token: point
		// at the number itself.
		if _, lit, ok := strings.Cut(after, `parsing "`); ok {
			lit, _, _ = strings.Cut(lit, `"`)
			if i := strings.Index(src, lit); i >= 0 {
				off = i
			}
		}
		msg = before
		if strings.HasSuffix(after, "value out of range") {
			msg = "number out of range"
		}
	}
	if msg != "" {
		msg = strings.ToLower(msg[:1]) + msg[1:]
	}
	return &Error{Offset: off, Msg: msg}
}
