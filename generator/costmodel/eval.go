package costmodel

import "reckon/generator/formula"

// evaluator runs one compiled expression over values held in a vector.
type evaluator struct {
	ev   *formula.Evaluator
	ns   []string
	vals []float64
}

func newEvaluator(p *formula.Program) *evaluator {
	return &evaluator{ev: p.NewEvaluator(), ns: p.Names(), vals: make([]float64, len(p.Names()))}
}

// names returns the names the expression uses, in the order of args.
func (ev *evaluator) names() []string { return ev.ns }

// eval evaluates the expression with its i-th name bound to vec[args[i]].
func (ev *evaluator) eval(vec []float64, args []int) (float64, error) {
	for i, a := range args {
		ev.vals[i] = vec[a]
	}
	return ev.ev.Eval(ev.vals)
}
