package costmodel

import (
	"fmt"
	"math"
	"slices"
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
	rc.Findings = append(rc.Findings, fc.Finding)
	rc.Threshold = r.threshold(fc, measured)

	if len(c.Parts) > 0 {
		pc, err := r.parts(c)
		if err != nil {
			return nil, err
		}
		rc.Parts, env.Parts = pc, pc.Verdict
		rc.Findings = append(rc.Findings, pc.Finding)
	}
	switch {
	case c.ScopeUnstated:
		rc.Framing = &FramingCheck{Verdict: Unstated, Finding: Finding{Kind: FramingUnstated, Verdict: Unstated, Figure: c.Figure, Scope: measured, Measured: measured}}
	case c.PresentedAs != "" && c.PresentedAs != c.Scope:
		rc.Framing = r.framing(fc, measured, r.scopes[c.PresentedAs])
	}
	if rc.Framing != nil {
		env.Framing = rc.Framing.Verdict
		rc.Findings = append(rc.Findings, rc.Framing.Finding)
	}
	if c.Conversion != nil {
		cc, err := r.conversion(c)
		if err != nil {
			return nil, err
		}
		rc.Conversion, env.Conversion = cc, cc.Verdict
		rc.Findings = append(rc.Findings, cc.Finding)
	}
	rc.Support = r.support(c, measured)
	env.Support = rc.Support.Verdict
	rc.Findings = append(rc.Findings, rc.Support.Finding)
	for _, n := range c.CompareWith {
		cc, err := r.figure(c, r.scopes[n])
		if err != nil {
			return nil, err
		}
		cc.Finding.Compared = true
		rc.Compared = append(rc.Compared, cc)
		rc.Findings = append(rc.Findings, cc.Finding)
	}

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
	fc := FigureCheck{Value: f.Value, Currency: s.Currency, Model: s.Estimate, Rounding: f.Rounding}
	fc.Low, fc.High = interval(f.Value, fc.Rounding, f.Qualifier, r.cfg.About)
	fc.Finding = Finding{Figure: f, Scope: s, Tolerance: r.cfg.Tolerance}
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
		fc.Finding.Rate, fc.Finding.Amount = rate, fc.Value
	}
	if s.Central != 0 {
		fc.Ratio = fc.Value / s.Central
	}
	m := s.Estimate
	tol := r.cfg.Tolerance
	switch {
	case overlaps(fc.Low, fc.High, m.Low, m.High):
		fc.Verdict = Consistent
		fc.Finding.Kind = FigureWithinRange
		if !fits(fc, f.Qualifier, m) {
			fc.Verdict, fc.Finding.Kind = Partial, FigurePartlyInRange
		}
		fc.Finding.Verdict = fc.Verdict
		return fc, nil
	case overlaps(fc.Low, fc.High, shrink(m.Low, tol), grow(m.High, tol)):
		fc.Verdict = Plausible
	default:
		fc.Verdict = Contradicted
	}
	fc.Finding.Verdict = fc.Verdict
	if fc.Low > m.High {
		fc.Finding.Kind, fc.Finding.Ratio = FigureAboveRange, ratio(fc.Value, m.High)
	} else {
		fc.Finding.Kind, fc.Finding.Ratio = FigureBelowRange, ratio(m.Low, fc.Value)
	}
	return fc, nil
}

// fits reports whether a figure that meets the model's range fits it
// throughout. A one-sided figure ("more than", "at most") fits when the
// whole range is on its side of the bound, so that the model implies it; a
// range that straddles the bound fits only part of what the figure allows.
// Any other figure fits when its value is in the range, or when the range
// lies within the figure's rounding.
func fits(fc FigureCheck, q claim.Qualifier, m Estimate) bool {
	within := fc.Low <= m.Low && m.High <= fc.High
	switch q {
	case claim.MoreThan, claim.AtLeast, claim.LessThan, claim.AtMost:
		return within
	}
	return within || m.Low <= fc.Value && fc.Value <= m.High
}

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

// ratio is a/b, or 0 when either is not positive.
func ratio(a, b float64) float64 {
	if b <= 0 || a <= 0 {
		return 0
	}
	return a / b
}

// parts adds up the parts the claimant named, in the figure's currency.
func (r *topicRun) parts(c *claim.Claim) (*PartsCheck, error) {
	f := c.Figure
	pc := &PartsCheck{}
	for i, p := range c.Parts {
		v := p.Value
		lo, hi := interval(v, p.Rounding, claim.Exact, 0)
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
	flo, fhi := interval(f.Value, f.Rounding, f.Qualifier, r.cfg.About)
	pc.Finding = Finding{Kind: PartsFit, Verdict: AddUp, Figure: f, Amount: pc.Sum}
	if !overlaps(pc.Low, pc.High, flo, fhi) {
		pc.Finding.Kind, pc.Finding.Verdict = PartsDoNotFit, DoNotAddUp
	}
	pc.Verdict = pc.Finding.Verdict
	return pc, nil
}

// framing sets the figure against the scope it was presented as.
func (r *topicRun) framing(fc FigureCheck, measured, presented *Scope) *FramingCheck {
	pm := presented.Estimate
	fr := &FramingCheck{Presented: presented.Scope.Name, Model: pm}
	if pm.Central != 0 {
		fr.Ratio = fc.Value / pm.Central
	}
	switch {
	case overlaps(fc.Low, fc.High, pm.Low, pm.High):
		fr.Verdict, fr.Finding.Kind = Fair, FramingFits
	case r.extends(presented.Scope.Name, measured.Scope.Name):
		fr.Verdict, fr.Finding.Kind = Misleading, FramingPart
	case r.extends(measured.Scope.Name, presented.Scope.Name):
		fr.Verdict, fr.Finding.Kind = Misleading, FramingBroader
	default:
		fr.Verdict, fr.Finding.Kind = Misattributed, FramingElsewise
	}
	fr.Finding.Verdict, fr.Finding.Scope, fr.Finding.Measured = fr.Verdict, presented, measured
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
	half := conv.Rounding / 2
	matches := func(x float64) bool { return math.Abs(conv.Value-x) <= max(half, conversionTolerance*math.Abs(x)) }

	cc.Finding = Finding{Figure: f, Conversion: conv, Rate: cc.SpendingRate, ClaimRate: cc.ClaimRate, AtSpending: cc.AtSpending, AtClaim: cc.AtClaim}
	if cc.SpendingRate.Param == cc.ClaimRate.Param {
		if matches(cc.AtSpending) {
			cc.Verdict, cc.Finding.Kind = SpendingDate, ConversionOneRateMatches
		} else {
			cc.Verdict, cc.Finding.Kind = Neither, ConversionOneRateMismatch
		}
		cc.Finding.Verdict = cc.Verdict
		return cc, nil
	}
	switch {
	case matches(cc.AtSpending):
		cc.Verdict, cc.Finding.Kind = SpendingDate, ConversionAtSpending
	case matches(cc.AtClaim):
		cc.Verdict, cc.Finding.Kind = ClaimDate, ConversionAtConversionDate
		if spent(c).Before(date) {
			cc.Finding.Kind = ConversionAtLater
		}
	default:
		cc.Verdict, cc.Finding.Kind = Neither, ConversionAtNeither
	}
	cc.Finding.Verdict = cc.Verdict
	return cc, nil
}

// support says whether the measured scope's inputs come only from the
// claim's own source, counting origins: a source that takes its figures
// from another (derived_from) is no independent support for it. The
// claim's own sources are where it was worded and, when another produced
// the figure, the document the figure comes from.
func (r *topicRun) support(c *claim.Claim, s *Scope) SupportCheck {
	own := []string{c.Source.SourceID}
	ownOrigins := originsOf(c.Source.SourceID, c.Source.Origins)
	if o := c.Origin; o != nil {
		own = append(own, o.SourceID)
		ownOrigins = append(slices.Clip(ownOrigins), originsOf(o.SourceID, o.Origins)...)
	}
	k := [2]string{s.Scope.Name, strings.Join(own, " ")}
	if sc, ok := r.supports[k]; ok {
		return sc
	}
	var srcs, origins []string
	for _, n := range s.Inputs {
		// An exchange rate converts the figure; it is no evidence for it.
		if p := r.t.Model.Inputs[n]; p.SourceID != "" && !isRate(p) {
			srcs = append(srcs, p.SourceID)
			origins = append(origins, originsOf(p.SourceID, p.Origins)...)
		}
	}
	slices.Sort(srcs)
	srcs = slices.Compact(srcs)
	slices.Sort(origins)
	origins = slices.DeleteFunc(slices.Compact(origins), func(o string) bool { return slices.Contains(ownOrigins, o) })
	sc := SupportCheck{Verdict: Independent, Sources: srcs, Origins: origins}
	others := 0
	for _, src := range srcs {
		if !slices.Contains(own, src) {
			others++
		}
	}
	sc.Finding = Finding{Scope: s, Count: others, Origins: len(origins)}
	switch {
	case len(srcs) == 0:
		sc.Finding.Kind = SupportUnsourced
	case others == 0:
		sc.Verdict, sc.Finding.Kind = OwnSource, SupportOwnSource
	case len(origins) == 0:
		sc.Verdict, sc.Finding.Kind = OwnSource, SupportDerived
	case others < len(srcs):
		sc.Finding.Kind = SupportOwnAndOther
	default:
		sc.Finding.Kind = SupportOthers
	}
	sc.Finding.Verdict = sc.Verdict
	r.supports[k] = sc
	return sc
}

// originsOf returns the origins the loader found for the source id, or the
// source itself when none were set (a claim set made without the loader).
func originsOf(id string, origins []string) []string {
	if len(origins) == 0 && id != "" {
		return []string{id}
	}
	return origins
}

// isRate reports whether p is an exchange rate: a unit of one currency per another.
func isRate(p *claim.Parameter) bool {
	_, _, ok := p.Rate()
	return ok
}
