package costmodel

import (
	"cmp"
	"maps"
	"slices"

	"reckon/generator/claim"
)

// rates finds exchange rates among the parameters a model can see: those
// whose unit is one currency per another, such as CNY/USD.
type rates struct {
	byPair map[[2]string][]*Rate // by {From, To}, sorted by parameter name
}

func newRates(m *claim.Model, dists func(*claim.Parameter) dist) *rates {
	r := &rates{byPair: map[[2]string][]*Rate{}}
	for _, n := range slices.Sorted(maps.Keys(m.Inputs)) {
		p := m.Inputs[n]
		from, to, ok := p.Rate()
		if !ok {
			continue
		}
		k := [2]string{from, to}
		r.byPair[k] = append(r.byPair[k], &Rate{Param: n, Value: dists(p).central, From: from, To: to, AsOf: p.AsOf, Period: p.Period})
	}
	return r
}

// find returns the rate between currencies a and b (either way round) that
// holds at date: one whose period covers it (the shortest such), else the
// latest as of it, else the nearest after it. Ties go to the first name.
func (r *rates) find(a, b string, date claim.Date) *Rate {
	cands := append(append([]*Rate(nil), r.byPair[[2]string{a, b}]...), r.byPair[[2]string{b, a}]...)
	var best *Rate
	better := func(x *Rate) bool {
		if best == nil {
			return true
		}
		xc, bc := covers(x.Period, date), covers(best.Period, date)
		if xc != bc {
			return xc
		}
		if xc {
			if c := cmp.Compare(days(x.Period), days(best.Period)); c != 0 {
				return c < 0
			}
			return x.Param < best.Param
		}
		xb, bb := !date.Before(x.AsOf), !date.Before(best.AsOf)
		if xb != bb {
			return xb
		}
		if c := x.AsOf.Compare(best.AsOf); c != 0 {
			return c > 0 == xb // latest before, earliest after
		}
		return x.Param < best.Param
	}
	for _, x := range cands {
		if better(x) {
			best = x
		}
	}
	return best
}

func covers(p claim.Period, d claim.Date) bool {
	return !p.Start.IsZero() && !p.End.IsZero() && !d.Before(p.Start) && !p.End.Before(d)
}

func days(p claim.Period) int { return int(p.End.Time().Sub(p.Start.Time()).Hours() / 24) }

// convert converts v from currency from with rate r (between from and
// another currency).
func convert(v float64, from string, r *Rate) float64 {
	if r.From == from {
		return v / r.Value
	}
	return v * r.Value
}
