package costmodel

import (
	"slices"

	"reckon/generator/formula"
)

// TokenKind says what a [Token] of an arithmetic line is.
type TokenKind int

// The kinds of tokens, one for each kind of [formula.Token], a name
// becoming a quantity.
const (
	TokenQuantity = TokenKind(formula.Name)     // a name's central value, in its unit
	TokenNumber   = TokenKind(formula.Number)   // a number literal of the formula
	TokenOperator = TokenKind(formula.Operator) // "+", "-", "*", "/" or "**"
	TokenNegate   = TokenKind(formula.Negate)   // unary minus
	TokenOpen     = TokenKind(formula.Open)     // "("
	TokenClose    = TokenKind(formula.Close)    // ")"
	TokenComma    = TokenKind(formula.Comma)    // between a function's arguments
	TokenFunction = TokenKind(formula.Function) // abs, max, min or sqrt
)

// Token is one piece of a formula with each name replaced by its value:
// the arithmetic behind a component or a derived quantity, such as
// 2,664,000 GPU-h * 2 USD/GPU-h. It carries no text: package text writes it.
type Token struct {
	Kind TokenKind
	// Text is the operator or function; for a quantity, the name it
	// stands for.
	Text string
	// Value is a quantity's central value, or a number literal's value.
	Value float64
	// Unit is a quantity's unit, canonical ("1" for a plain number).
	Unit string
}

// arithmetic writes prog with each name replaced by its central value and
// unit, in the parentheses its meaning needs.
func (r *topicRun) arithmetic(prog *formula.Program) []Token {
	e, m := r.e, r.t.Model
	var out []Token
	for _, t := range prog.Tokens() {
		tok := Token{Kind: TokenKind(t.Kind), Text: t.Text, Value: t.Value}
		if t.Kind == formula.Name {
			tok.Value = e.central[e.slot[t.Text]]
			switch {
			case m.Formulas[t.Text] != nil:
				tok.Unit = canonicalUnit(m.Formulas[t.Text].Unit)
			case m.Components[t.Text] != nil:
				tok.Unit = canonicalUnit(m.Components[t.Text].Unit)
			default:
				tok.Unit = canonicalUnit(e.params[e.slot[t.Text]].Unit)
			}
		}
		out = append(out, tok)
	}
	return out
}

// scopeFormulas returns the derived quantities that rest on the scope's
// inputs alone, in the model's dependency order: those its components use
// and any others over the same inputs (such as a total of its GPU-hours).
func (r *topicRun) scopeFormulas(s *Scope, formulas map[string]*Formula) []*Formula {
	e := r.e
	in := newBits(len(e.params))
	for _, n := range s.Inputs {
		in.set(e.slot[n])
	}
	var out []*Formula
	for _, n := range r.t.Model.Order {
		f := formulas[n]
		if f == nil {
			continue
		}
		deps := e.deps[e.slot[n]]
		if len(deps.list()) > 0 && slices.Equal(deps.and(in), deps) {
			out = append(out, f)
		}
	}
	return out
}
