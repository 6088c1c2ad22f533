// Package formula compiles and evaluates cost-model formulas, such as
// gpu_hours * gpu_rate, and checks their units.
//
// It may import: diag, spell and unit.
// It is the only package that imports github.com/expr-lang/expr: model
// formulas and rating conditions are compiled here.
//
// A formula is an expression of the expr language
// (github.com/expr-lang/expr), restricted to arithmetic:
//
//   - number literals (1, 2.5, 1e9, 1_000), which are plain numbers
//     without a unit;
//   - names, each given to [Compile] with its [unit.Unit];
//   - unary - and +, binary + - * /, and ** (or ^) for powers;
//   - parentheses;
//   - the functions min(a, b, ...), max(a, b, ...), abs(x) and sqrt(x).
//
// Anything else (strings, booleans, comparisons, logic, %, the ternary and
// if/else, let, member access, arrays, maps, the pipe, other functions and
// expr's other builtins) is an error "… is not allowed in a formula".
//
// # Unit rules
//
//   - a * b and a / b multiply and divide units; a literal is dimensionless.
//   - a + b and a - b need the same unit. A literal 0 fits any unit; any
//     other literal added to a quantity with a unit is an error, so 1 + x
//     needs a dimensionless x. Amounts in two currencies never add: convert
//     one with an exchange-rate parameter (unit CNY/USD, say).
//   - min and max need arguments of the same unit, with the same exception
//     for a literal 0 (max(x, 0)).
//   - a ** n: when a has a unit, n must be an integer literal, at most 99
//     in magnitude (x ** 2, x ** -1), and the unit is raised to n (its
//     exponents, too, must stay within 99). When a is dimensionless, n may be
//     any dimensionless expression.
//   - abs keeps the unit; sqrt halves the exponents, which must be even.
//   - a / 0 with a literal 0 is an error.
//
// # Evaluation
//
// [Program.Eval] runs the program compiled by expr's own compiler and
// virtual machine; it is the reference. [Evaluator.Eval] evaluates the same
// checked syntax tree with compiled Go closures, without allocation, and is
// some 30 times faster: use it in Monte Carlo loops. Both compute in
// float64 with the same operations in the same order, so they give the same
// results; the tests and the fuzz target check that they do. Evaluation
// fails with [ErrDivisionByZero] when any divisor is zero and with
// [ErrNotFinite] when the result is infinite or not a number.
//
// A [Program] is immutable and safe for concurrent use; an [Evaluator] is
// not: use one per goroutine.
package formula
