package costmodel

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"reckon/generator/claim"
	"reckon/generator/diag"
)

// claim reconciles one claim: each check, the rating and the reasons.
// Bridges are added afterwards, once every figure is known.
func (r *topicRun) claim(c *claim.Claim) (*Claim, error) {
	measured := r.scopes[c.Scope]
	rc := &Claim{Claim: c}
	env := ratingEnv{Framing: None, Parts: None, Conversion: None}

	fc, err := r.figure(c, measured)
	if err != nil {
		return nil, err
	}
	rc.Figure, env.Figure = fc, fc.Verdict
	rc.Reasons = append(rc.Reasons, fc.Reason)

	if len(c.Parts) > 0 {
		pc, err := r.parts(c)
		if err != nil {
			return nil, err
		}
		rc.Parts, env.Parts = pc, pc.Verdict
		rc.Reasons = append(rc.Reasons, pc.Reason)
	}
	if c.PresentedAs != "" && c.PresentedAs != c.Scope {
		rc.Framing = r.framing(fc, measured, r.scopes[c.PresentedAs])
		env.Framing = rc.Framing.Verdict
		rc.Reasons = append(rc.Reasons, rc.Framing.Reason)
	}
	if c.Conversion != nil {
		cc, err := r.conversion(c)
		if err != nil {
			return nil, err
		}
		rc.Conversion, env.Conversion = cc, cc.Verdict
		rc.Reasons = append(rc.Reasons, cc.Reason)
	}
	rc.Support = r.support(c, measured)
	env.Support = rc.Support.Verdict
	rc.Reasons = append(rc.Reasons, rc.Support.Reason)

	rating, ok := r.ratings[env]
	if !ok {
		if rating, err = r.cfg.rate(env); err != nil {
			return nil, err
		}
		r.ratings[env] = rating
	}
	rc.Rating = rating
	return rc, nil
}

// interval is the range of values a figure allows under its qualifier and
// rounding (r, the full rounding unit).
func interval(v, r float64, qualifier claim.Qualifier, about float64) (lo, hi float64) {
	half := r / 2
	switch qualifier {
	case claim.About:
		w := max(half, about*math.Abs(v))
		return v - w, v + w
	case claim.MoreThan, claim.AtLeast:
		return v, math.Inf(1)
	case claim.LessThan, claim.AtMost:
		return 0, v
	}
	return v - half, v + half
}

func overlaps(alo, ahi, blo, bhi float64) bool { return alo <= bhi && blo <= ahi }

// FormatFigure writes a figure in its own currency with its qualifier in
// words: "more than $500M".
func FormatFigure(f claim.Figure) string {
	return qualified(f.Qualifier, FormatMoney(f.Value, f.Currency))
}

// qualified writes an amount with its qualifier: "more than $500M".
func qualified(qualifier claim.Qualifier, amount string) string {
	switch qualifier {
	case "", claim.Exact:
		return amount
	}
	return strings.ReplaceAll(string(qualifier), "-", " ") + " " + amount
}

// spent is the date money was spent: the claim's Spent, else its date.
func spent(c *claim.Claim) claim.Date {
	if c.Spent.IsZero() {
		return c.Date
	}
	return c.Spent
}

// rate finds the rate between two currencies at date, or reports the claim.
func (r *topicRun) rate(c *claim.Claim, key, from, to string, date claim.Date) (*Rate, error) {
	rate := r.rates.find(from, to, date)
	if rate == nil {
		return nil, diag.List{{
			Pos:  diag.Pos{File: c.File, Key: key},
			Msg:  fmt.Sprintf("no exchange rate between %s and %s to convert the figure", from, to),
			Hint: fmt.Sprintf("add a parameter with unit %q, dated, to claims/parameters.toml or the topic's model", from+"/"+to),
		}}
	}
	r.usedRates[rate.Param] = true
	return rate, nil
}

// figure sets the figure against the model's range for the measured scope.
func (r *topicRun) figure(c *claim.Claim, s *Scope) (FigureCheck, error) {
	f := c.Figure
	fc := FigureCheck{Value: f.Value, Currency: s.Currency, Model: s.Estimate,
		Rounding: cmp.Or(f.Rounding, impliedRounding(f.Value))}
	fc.Low, fc.High = interval(f.Value, fc.Rounding, f.Qualifier, r.cfg.About)
	text := qualified(f.Qualifier, FormatMoney(f.Value, f.Currency))
	if f.Currency != s.Currency {
		rate, err := r.rate(c, "figure.currency", f.Currency, s.Currency, spent(c))
		if err != nil {
			return fc, err
		}
		fc.Rate = rate
		fc.Value, fc.Low, fc.High = convert(fc.Value, f.Currency, rate), convert(fc.Low, f.Currency, rate), convert(fc.High, f.Currency, rate)
		if fc.Low > fc.High {
			fc.Low, fc.High = fc.High, fc.Low
		}
		text += fmt.Sprintf(" (%s at %s, %s)", FormatMoney(fc.Value, s.Currency), rate.quote(), rate.when())
	}
	if s.Central != 0 {
		fc.Ratio = fc.Value / s.Central
	}
	m := s.Estimate
	tol := r.cfg.Tolerance
	label := quote(s.Scope.Label)
	rng := r.rangeText(s)
	factor := "a factor of " + formatNumber(tol)
	switch {
	case overlaps(fc.Low, fc.High, m.Low, m.High):
		fc.Verdict = Consistent
		fc.Reason = fmt.Sprintf("the figure, %s, is within the model's range for %s (%s)", text, label, rng)
		return fc, nil
	case overlaps(fc.Low, fc.High, shrink(m.Low, tol), grow(m.High, tol)):
		fc.Verdict = Plausible
	default:
		fc.Verdict = Contradicted
	}
	var verdict string
	if fc.Verdict == Plausible {
		verdict = ": outside the range, but within " + factor
	} else {
		verdict = ", more than " + factor + " away"
	}
	if fc.Low > m.High {
		fc.Reason = fmt.Sprintf("the figure, %s, is %s the model's high end for %s (%s)%s", text, times(fc.Value, m.High), label, rng, verdict)
	} else {
		fc.Reason = fmt.Sprintf("the model's low end for %s (%s) is %s the figure, %s%s", label, rng, times(m.Low, fc.Value), text, verdict)
	}
	return fc, nil
}

// quote puts a label between double quotes, as written: reasons are text
// for readers, not Go strings.
func quote(s string) string { return `"` + s + `"` }

// shrink and grow widen a range by a factor, whatever the sign of its ends.
func shrink(v, f float64) float64 {
	if v < 0 {
		return v * f
	}
	return v / f
}

func grow(v, f float64) float64 {
	if v < 0 {
		return v / f
	}
	return v * f
}

// times writes "3.1 times" for a/b.
func times(a, b float64) string {
	if b <= 0 || a <= 0 {
		return "far from"
	}
	return FormatFactor(a/b) + " times"
}

// rangeText describes an estimate: "$5.576M; point estimate" or
// "$4.2M to $6.1M, central $5.1M".
func rangeText(e Estimate, cur string) string {
	switch e.Method {
	case "point":
		return FormatMoney(e.Central, cur) + "; point estimate"
	case "monte-carlo":
		return fmt.Sprintf("%s to %s in 90%% of simulations, central %s", FormatMoney(e.Low, cur), FormatMoney(e.High, cur), FormatMoney(e.Central, cur))
	}
	return fmt.Sprintf("%s to %s, central %s", FormatMoney(e.Low, cur), FormatMoney(e.High, cur), FormatMoney(e.Central, cur))
}

// rangeText is [rangeText] of a scope's estimate, memoized.
func (r *topicRun) rangeText(s *Scope) string {
	t, ok := r.ranges[s]
	if !ok {
		t = rangeText(s.Estimate, s.Currency)
		r.ranges[s] = t
	}
	return t
}

// parts adds up the parts the claimant named, in the figure's currency.
func (r *topicRun) parts(c *claim.Claim) (*PartsCheck, error) {
	f := c.Figure
	pc := &PartsCheck{}
	for i, p := range c.Parts {
		v := p.Value
		lo, hi := interval(v, cmp.Or(p.Rounding, impliedRounding(v)), claim.Exact, 0)
		if p.Currency != f.Currency {
			rate, err := r.rate(c, fmt.Sprintf("parts[%d].currency", i), p.Currency, f.Currency, spent(c))
			if err != nil {
				return nil, err
			}
			v, lo, hi = convert(v, p.Currency, rate), convert(lo, p.Currency, rate), convert(hi, p.Currency, rate)
			lo, hi = min(lo, hi), max(lo, hi)
		}
		pc.Sum += v
		pc.Low += lo
		pc.High += hi
	}
	flo, fhi := interval(f.Value, cmp.Or(f.Rounding, impliedRounding(f.Value)), f.Qualifier, r.cfg.About)
	fig := qualified(f.Qualifier, FormatMoney(f.Value, f.Currency))
	sum := FormatMoney(pc.Sum, f.Currency)
	if overlaps(pc.Low, pc.High, flo, fhi) {
		pc.Verdict = AddUp
		pc.Reason = fmt.Sprintf("the parts it names add up to %s, which fits the figure, %s", sum, fig)
	} else {
		pc.Verdict = DoNotAddUp
		pc.Reason = fmt.Sprintf("the parts it names add up to %s, not %s", sum, fig)
	}
	return pc, nil
}

// framing sets the figure against the scope it was presented as.
func (r *topicRun) framing(fc FigureCheck, measured, presented *Scope) *FramingCheck {
	pm := presented.Estimate
	fr := &FramingCheck{Presented: presented.Scope.Name, Model: pm}
	if pm.Central != 0 {
		fr.Ratio = fc.Value / pm.Central
	}
	p := fmt.Sprintf("it was presented as %s, which the model puts at %s", quote(presented.Scope.Label), r.rangeText(presented))
	switch {
	case overlaps(fc.Low, fc.High, pm.Low, pm.High):
		fr.Verdict = Fair
		fr.Reason = p + ", and the figure fits that too"
	case r.extends(presented.Scope.Name, measured.Scope.Name):
		fr.Verdict = Misleading
		fr.Reason = fmt.Sprintf("%s; the figure measures only a part of that, %s", p, quote(measured.Scope.Label))
	case r.extends(measured.Scope.Name, presented.Scope.Name):
		fr.Verdict = Misleading
		fr.Reason = fmt.Sprintf("%s; the figure measures %s, a broader scope that builds on it", p, quote(measured.Scope.Label))
	default:
		fr.Verdict = Misattributed
		fr.Reason = fmt.Sprintf("%s; the figure measures something else, %s", p, quote(measured.Scope.Label))
	}
	return fr
}

// extends reports whether scope a extends b, directly or through others.
func (r *topicRun) extends(a, b string) bool {
	seen := map[string]bool{}
	for s := r.t.Model.Scopes[a]; s != nil && s.Extends != "" && !seen[s.Name]; s = r.t.Model.Scopes[s.Extends] {
		seen[s.Name] = true
		if s.Extends == b {
			return true
		}
	}
	return false
}

// conversionTolerance is the smallest relative difference between a stated
// conversion and the computed one that counts as a mismatch.
const conversionTolerance = 0.03

// conversion checks the conversion the claim stated, at the rate of the
// spending date and at the rate of the conversion's date.
func (r *topicRun) conversion(c *claim.Claim) (*ConversionCheck, error) {
	f, conv := c.Figure, c.Conversion
	cc := &ConversionCheck{}
	var err error
	if cc.SpendingRate, err = r.rate(c, "conversion", f.Currency, conv.Currency, spent(c)); err != nil {
		return nil, err
	}
	date := conv.Date
	if date.IsZero() {
		date = c.Date
	}
	if cc.ClaimRate, err = r.rate(c, "conversion", f.Currency, conv.Currency, date); err != nil {
		return nil, err
	}
	cc.AtSpending = convert(f.Value, f.Currency, cc.SpendingRate)
	cc.AtClaim = convert(f.Value, f.Currency, cc.ClaimRate)
	half := cmp.Or(conv.Rounding, impliedRounding(conv.Value)) / 2
	matches := func(x float64) bool { return math.Abs(conv.Value-x) <= max(half, conversionTolerance*math.Abs(x)) }

	figure := FormatMoney(f.Value, f.Currency)
	stated := FormatMoney(conv.Value, conv.Currency)
	if cc.SpendingRate.Param == cc.ClaimRate.Param {
		cc.Reason = fmt.Sprintf("%s is %s at %s, the rate both when the money was spent and when it was converted; the stated %s",
			figure, FormatMoney(cc.AtSpending, conv.Currency), cc.SpendingRate.describe(), stated)
		if matches(cc.AtSpending) {
			cc.Verdict = SpendingDate
			cc.Reason += " matches it"
		} else {
			cc.Verdict = Neither
			cc.Reason += " does not match it"
		}
		return cc, nil
	}
	cc.Reason = fmt.Sprintf("%s is %s at %s and %s at %s; the stated %s", figure,
		FormatMoney(cc.AtSpending, conv.Currency), cc.SpendingRate.describe(),
		FormatMoney(cc.AtClaim, conv.Currency), cc.ClaimRate.describe(), stated)
	switch {
	case matches(cc.AtSpending):
		cc.Verdict = SpendingDate
		cc.Reason += " follows the rate when the money was spent"
	case matches(cc.AtClaim):
		cc.Verdict = ClaimDate
		if spent(c).Before(date) {
			cc.Reason += " follows the later rate, not the rate when the money was spent"
		} else {
			cc.Reason += " follows the rate of the conversion's date, not the rate when the money was spent"
		}
	default:
		cc.Verdict = Neither
		cc.Reason += " matches neither"
	}
	return cc, nil
}

// support says whether the measured scope's inputs come only from the
// claim's own source.
func (r *topicRun) support(c *claim.Claim, s *Scope) SupportCheck {
	own := c.Source.SourceID
	k := [2]string{s.Scope.Name, own}
	if sc, ok := r.supports[k]; ok {
		return sc
	}
	var srcs []string
	for _, n := range s.Inputs {
		// An exchange rate converts the figure; it is no evidence for it.
		if p := r.t.Model.Inputs[n]; p.SourceID != "" && !isRate(p) {
			srcs = append(srcs, p.SourceID)
		}
	}
	slices.Sort(srcs)
	srcs = slices.Compact(srcs)
	sc := SupportCheck{Verdict: Independent, Sources: srcs}
	label := quote(s.Scope.Label)
	others := len(srcs)
	if slices.Contains(srcs, own) {
		others--
	}
	switch {
	case len(srcs) == 0:
		sc.Reason = fmt.Sprintf("the model for %s has no sourced inputs", label)
	case others == 0:
		sc.Verdict = OwnSource
		sc.Reason = fmt.Sprintf("every input of the model for %s comes from the claim's own source, so the check rests on the claimant's word", label)
	case others < len(srcs):
		sc.Reason = fmt.Sprintf("the model's inputs for %s come from the claim's own source and %s", label, count(others, "other source", "other sources"))
	default:
		sc.Reason = fmt.Sprintf("the model's inputs for %s come from %s other than the claim's own", label, count(others, "source", "sources"))
	}
	r.supports[k] = sc
	return sc
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// isRate reports whether p is an exchange rate: a unit of one currency per another.
func isRate(p *claim.Parameter) bool {
	_, _, ok := p.Rate()
	return ok
}
