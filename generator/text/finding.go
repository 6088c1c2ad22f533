package text

import (
	"reckon/generator/costmodel"
)

// Reasons writes a claim's findings as reasons, in order: figure, parts,
// framing, conversion, support. Each is a clause in lower case without a
// final stop, as the model's findings are quoted in sentences and lists.
func (w *Words) Reasons(c *costmodel.Claim) []string {
	if len(c.Findings) == 0 {
		return nil
	}
	out := make([]string, len(c.Findings))
	for i, f := range c.Findings {
		out[i] = w.Reason(f)
	}
	return out
}

// Reason writes one finding as a reason.
func (w *Words) Reason(f costmodel.Finding) string {
	switch f.Kind {
	case costmodel.FigureWithinRange, costmodel.FigurePartlyInRange, costmodel.FigureAboveRange, costmodel.FigureBelowRange:
		return w.figureReason(f)
	case costmodel.PartsFit:
		return w.Say("reason_parts_fit", "sum", w.money(f.Amount, f.Figure.Currency), "figure", w.Figure(f.Figure))
	case costmodel.PartsDoNotFit:
		return w.Say("reason_parts_do_not_fit", "sum", w.money(f.Amount, f.Figure.Currency), "figure", w.Figure(f.Figure))
	case costmodel.FramingUnstated:
		return w.Say("reason_framing_unstated", "measured", w.quoted(f.Measured))
	case costmodel.FramingFits, costmodel.FramingPart, costmodel.FramingBroader, costmodel.FramingElsewise:
		return w.framingReason(f)
	case costmodel.ConversionOneRateMatches, costmodel.ConversionOneRateMismatch,
		costmodel.ConversionAtSpending, costmodel.ConversionAtLater, costmodel.ConversionAtConversionDate, costmodel.ConversionAtNeither:
		return w.conversionReason(f)
	case costmodel.SupportUnsourced:
		return w.Say("reason_support_unsourced", "scope", w.quoted(f.Scope))
	case costmodel.SupportOwnSource:
		return w.Say("reason_support_own_source", "scope", w.quoted(f.Scope))
	case costmodel.SupportOwnAndOther:
		return w.Say("reason_support_own_and_other", "scope", w.quoted(f.Scope), "others", w.Count("other_sources", f.Count), "origins", w.Count("independent_origins", f.Origins))
	case costmodel.SupportOthers:
		return w.Say("reason_support_others", "scope", w.quoted(f.Scope), "sources", w.Count("sources", f.Count), "origins", w.Count("independent_origins", f.Origins))
	case costmodel.SupportDerived:
		return w.Say("reason_support_derived", "scope", w.quoted(f.Scope), "sources", w.Count("sources", f.Count))
	}
	return ""
}

// quoted writes a scope's label between quotation marks.
func (w *Words) quoted(s *costmodel.Scope) string {
	return w.Say("quoted", "text", w.Isolate(s.Scope.Label))
}

func (w *Words) figureReason(f costmodel.Finding) string {
	s := f.Scope
	fig := w.Figure(f.Figure)
	if f.Rate != nil {
		fig = w.Say("figure_converted", "figure", fig, "converted", w.money(f.Amount, s.Currency),
			"rate", w.rateValue(f.Rate), "when", w.rateWhen(f.Rate))
	}
	args := []string{"figure", fig, "scope", w.quoted(s), "range", w.Range(s.Estimate, s.Currency)}
	if f.Compared {
		return w.comparedReason(f, args)
	}
	switch f.Kind {
	case costmodel.FigureWithinRange:
		return w.Say("reason_figure_within", args...)
	case costmodel.FigurePartlyInRange:
		return w.Say("reason_figure_partly", args...)
	}
	times := w.times(f)
	how := "reason_outside_contradicted"
	if f.Verdict == costmodel.Plausible {
		how = "reason_outside_plausible"
	}
	args = append(args, "times", times, "how", w.Say(how, "tolerance", w.Exact(f.Tolerance)))
	if f.Kind == costmodel.FigureAboveRange {
		return w.Say("reason_figure_above", args...)
	}
	return w.Say("reason_figure_below", args...)
}

// times writes how far a figure outside its range is from it: a factor,
// or "far from" when there is none.
func (w *Words) times(f costmodel.Finding) string {
	times := w.lookup("reason_far_from")
	if f.Ratio > 0 {
		times = w.Say("reason_times", "factor", w.Factor(f.Ratio))
	}
	return times
}

// comparedReason writes a figure set against another estimate than the
// scope it measures (a scope of the claim's compare_with).
func (w *Words) comparedReason(f costmodel.Finding, args []string) string {
	switch f.Kind {
	case costmodel.FigureWithinRange:
		return w.Say("reason_compared_within", args...)
	case costmodel.FigurePartlyInRange:
		return w.Say("reason_compared_partly", args...)
	}
	times := w.times(f)
	if f.Kind == costmodel.FigureAboveRange {
		return w.Say("reason_compared_above", append(args, "times", times)...)
	}
	return w.Say("reason_compared_below", append(args, "times", times)...)
}

func (w *Words) framingReason(f costmodel.Finding) string {
	key := map[costmodel.FindingKind]string{
		costmodel.FramingFits:     "reason_framing_fits",
		costmodel.FramingPart:     "reason_framing_part",
		costmodel.FramingBroader:  "reason_framing_broader",
		costmodel.FramingElsewise: "reason_framing_elsewise",
	}[f.Kind]
	return w.Say(key, "presented", w.quoted(f.Scope), "range", w.Range(f.Scope.Estimate, f.Scope.Currency), "measured", w.quoted(f.Measured))
}

func (w *Words) conversionReason(f costmodel.Finding) string {
	key := map[costmodel.FindingKind]string{
		costmodel.ConversionOneRateMatches:   "reason_conversion_one_rate_matches",
		costmodel.ConversionOneRateMismatch:  "reason_conversion_one_rate_mismatch",
		costmodel.ConversionAtSpending:       "reason_conversion_at_spending",
		costmodel.ConversionAtLater:          "reason_conversion_at_later",
		costmodel.ConversionAtConversionDate: "reason_conversion_at_conversion_date",
		costmodel.ConversionAtNeither:        "reason_conversion_at_neither",
	}[f.Kind]
	cur := f.Conversion.Currency
	return w.Say(key, "figure", w.money(f.Figure.Value, f.Figure.Currency),
		"at_spending", w.money(f.AtSpending, cur), "spending_rate", w.RateName(f.Rate),
		"at_claim", w.money(f.AtClaim, cur), "claim_rate", w.RateName(f.ClaimRate),
		"stated", w.money(f.Conversion.Value, cur))
}

// Range describes an estimate: "$5.576M; point estimate" or
// "$4.2M to $6.1M, central $5.1M".
func (w *Words) Range(e costmodel.Estimate, cur string) string {
	key := "range_corners"
	switch e.Method {
	case "point", "monte-carlo":
		key = "range_" + e.Method
	}
	return w.Say(key, "low", w.money(e.Low, cur), "high", w.money(e.High, cur), "central", w.money(e.Central, cur))
}

// RateName names a rate for a reader: "the 2021 rate (6.45 CNY/USD)",
// "the January 2025 rate (…)" or "the rate of 15 January 2025 (…)".
func (w *Words) RateName(r *costmodel.Rate) string {
	return w.Say("rate_name", "when", w.rateWhen(r), "value", w.rateValue(r))
}

// rateValue writes a rate's value with its unit: "6.45 CNY/USD".
func (w *Words) rateValue(r *costmodel.Rate) string {
	return w.Say("rate_value", "value", w.Exact(r.Value), "from", r.From, "to", r.To)
}

// rateWhen names the date or period a rate holds for: "the 2021 rate", "the
// January 2025 rate", "the rate for 1 March 2021 to 30 June 2021" or "the
// rate of 15 January 2025".
func (w *Words) rateWhen(r *costmodel.Rate) string {
	p := r.Period
	switch {
	case p.Start.IsZero() || p.End.IsZero():
		return w.Say("rate_of_date", "date", w.Date(r.AsOf))
	case p.Start.Year == p.End.Year && p.Start.Month == 1 && p.Start.Day == 1 && p.End.Month == 12 && p.End.Day == 31:
		return w.Say("rate_of_year", "year", w.Int(p.Start.Year))
	case p.Start.Year == p.End.Year && p.Start.Month == p.End.Month && p.Start.Day == 1 && p.End.Time().AddDate(0, 0, 1).Day() == 1:
		return w.Say("rate_of_month", "month", w.Month(int(p.Start.Month)), "year", w.Int(p.Start.Year))
	}
	return w.Say("rate_of_period", "start", w.Date(p.Start), "end", w.Date(p.End))
}

// StepLabel writes what a bridge step does, from the labels of the topic's
// components: "add research experiments", "replace A with B".
func (w *Words) StepLabel(t *costmodel.Topic, st costmodel.Step) string {
	list := func(names []string) string {
		ls := make([]string, len(names))
		for i, n := range names {
			ls[i] = w.Isolate(t.Topic.Model.Components[n].Label)
		}
		return w.List(ls)
	}
	switch st.Kind {
	case "add":
		return w.Say("step_add", "components", list(st.Added))
	case "remove":
		return w.Say("step_remove", "components", list(st.Removed))
	}
	return w.Say("step_replace", "removed", list(st.Removed), "added", list(st.Added))
}

// List joins items: "a", "a and b", "a, b and c".
func (w *Words) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	head := items[0]
	for _, s := range items[1 : len(items)-1] {
		head = w.Say("list_more", "head", head, "item", s)
	}
	return w.Say("list_last", "head", head, "item", items[len(items)-1])
}
