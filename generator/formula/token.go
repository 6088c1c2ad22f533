package formula

import (
	"strconv"

	"github.com/expr-lang/expr/ast"
)

// TokenKind says what a [Token] of a formula is.
type TokenKind int

// The kinds of tokens.
const (
	Name     TokenKind = iota + 1 // a name: Text is the name
	Number                        // a number literal: Value is its value, Text its shortest form
	Operator                      // a binary operator: Text is "+", "-", "*", "/" or "**"
	Negate                        // unary minus
	Open                          // "(", for grouping or after a function
	Close                         // ")"
	Comma                         // between a function's arguments
	Function                      // a function's name: Text is abs, max, min or sqrt
)

// Token is one piece of a formula as [Program.Tokens] writes it.
type Token struct {
	Kind  TokenKind
	Text  string
	Value float64 // for Number
}

// Tokens returns the formula as a sequence of tokens, with the parentheses
// its meaning needs and no others (a + b * c, (a + b) * c), so that a
// caller can write it with each name replaced by a value. "^" is written
// as "**"; unary plus is left out.
func (p *Program) Tokens() []Token {
	var out []Token
	tokens(p.tree, &out)
	return out
}

// precedence of an expression node: how tightly it binds.
func precedence(n ast.Node) int {
	switch n := n.(type) {
	case *ast.BinaryNode:
		switch n.Operator {
		case "+", "-":
			return 1
		case "*", "/":
			return 2
		}
		return 4 // ** and ^
	case *ast.UnaryNode:
		if n.Operator == "+" {
			return precedence(n.Node)
		}
		return 3
	}
	return 5 // names, numbers, calls
}

func tokens(n ast.Node, out *[]Token) {
	sub := func(c ast.Node, paren bool) {
		if paren {
			*out = append(*out, Token{Kind: Open, Text: "("})
		}
		tokens(c, out)
		if paren {
			*out = append(*out, Token{Kind: Close, Text: ")"})
		}
	}
	call := func(name string, args []ast.Node) {
		*out = append(*out, Token{Kind: Function, Text: name}, Token{Kind: Open, Text: "("})
		for i, a := range args {
			if i > 0 {
				*out = append(*out, Token{Kind: Comma, Text: ","})
			}
			tokens(a, out)
		}
		*out = append(*out, Token{Kind: Close, Text: ")"})
	}
	switch n := n.(type) {
	case *ast.IntegerNode:
		*out = append(*out, Token{Kind: Number, Text: strconv.Itoa(n.Value), Value: float64(n.Value)})
	case *ast.FloatNode:
		*out = append(*out, Token{Kind: Number, Text: strconv.FormatFloat(n.Value, 'g', -1, 64), Value: n.Value})
	case *ast.IdentifierNode:
		*out = append(*out, Token{Kind: Name, Text: n.Value})
	case *ast.UnaryNode:
		if n.Operator == "+" {
			tokens(n.Node, out)
			return
		}
		*out = append(*out, Token{Kind: Negate, Text: "-"})
		sub(n.Node, precedence(n.Node) < 3)
	case *ast.BinaryNode:
		op := n.Operator
		if op == "^" {
			op = "**"
		}
		p := precedence(n)
		lp, rp := precedence(n.Left), precedence(n.Right)
		if p == 4 {
			// Powers group to the right: (a ** b) ** c needs its parentheses,
			// and so does a negated base, (-a) ** 2.
			sub(n.Left, lp <= 4)
			*out = append(*out, Token{Kind: Operator, Text: op})
			sub(n.Right, rp < 4)
			return
		}
		sub(n.Left, lp < p)
		*out = append(*out, Token{Kind: Operator, Text: op})
		// a - (b + c) and a / (b * c) keep theirs; a + (b + c) and
		// a * (b * c) do not need them.
		sub(n.Right, rp < p || (rp == p && (op == "-" || op == "/")))
	case *ast.BuiltinNode:
		call(n.Name, n.Arguments)
	case *ast.CallNode:
		call("sqrt", n.Arguments)
	}
}
