package explain

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"reckon/generator/costmodel"
	"reckon/generator/spell"
	"reckon/generator/text"
)

// Find writes the reconciliation of the claim id among res to w, and
// reports whether there is such a claim.
func Find(w io.Writer, words *text.Words, res *costmodel.Results, id string) bool {
	for _, t := range res.Topics {
		if c := t.Claim(id); c != nil {
			Claim(w, words, t, c)
			return true
		}
	}
	return false
}

// Closest returns the ID of the claim of res nearest to id, for a hint;
// "" when none is near.
func Closest(res *costmodel.Results, id string) string {
	var ids []string
	for _, t := range res.Topics {
		for _, c := range t.Claims {
			ids = append(ids, c.Claim.ID)
		}
	}
	slices.Sort(ids)
	return spell.Closest(id, ids)
}

// Claim writes the reconciliation of c, a claim of topic t.
func Claim(w io.Writer, words *text.Words, t *costmodel.Topic, c *costmodel.Claim) {
	cl := c.Claim
	cur := t.Topic.Currency
	money := func(v float64) string { return words.Money(v, cur) }
	fmt.Fprintf(w, "%s\n%s\n\n", cl.Title, strings.Repeat("=", len([]rune(cl.Title))))
	fmt.Fprintf(w, "Claim      %s (%s)\n", cl.ID, cl.File)
	fmt.Fprintf(w, "Claimant   %s, %s\n", cl.Claimant, cl.Date)
	if o := cl.Origin; o != nil {
		fmt.Fprintf(w, "Origin     %s, %s", o.By, o.SourceID)
		if !o.Date.IsZero() {
			fmt.Fprintf(w, ", %s", o.Date)
		}
		if o.Figure != "" {
			fmt.Fprintf(w, " (%s)", o.Figure)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "Figure     %s", words.Figure(cl.Figure))
	if cl.Figure.Text != "" {
		fmt.Fprintf(w, " (as stated: %q)", cl.Figure.Text)
	}
	fmt.Fprintln(w)
	if cl.Source.Quote != "" {
		fmt.Fprintf(w, "Quote      %q\n", cl.Source.Quote)
		if cl.Source.Translation != "" {
			fmt.Fprintf(w, "           (translation: %q)\n", cl.Source.Translation)
		}
	}
	sc := t.Scope(cl.Scope)
	fmt.Fprintf(w, "Measures   %s\n", label(sc, cl.Scope))
	if cl.PresentedAs != "" {
		fmt.Fprintf(w, "Presented  %s\n", label(t.Scope(cl.PresentedAs), cl.PresentedAs))
	}
	if sc != nil {
		fmt.Fprintf(w, "\nModel for %q: %s, range %s to %s (%s)\n", sc.Scope.Label, money(sc.Central), money(sc.Low), money(sc.High), sc.Method)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		for _, comp := range sc.Components {
			fmt.Fprintf(tw, "  %s\t%s\t  %s – %s\t\n", comp.Component.Label, money(comp.Central), money(comp.Low), money(comp.High))
		}
		tw.Flush()
		if len(sc.Formulas)+len(sc.Components) > 0 {
			fmt.Fprintln(w, "  the arithmetic, every input at its central value:")
			for _, f := range sc.Formulas {
				fmt.Fprintf(w, "    %s: %s\n", f.Formula.Label, words.Arithmetic(f.Arithmetic, f.Central, f.Unit))
			}
			for _, comp := range sc.Components {
				fmt.Fprintf(w, "    %s: %s\n", comp.Component.Label, words.Arithmetic(comp.Arithmetic, comp.Central, comp.Unit))
			}
		}
		if len(sc.Sensitivity) > 0 {
			fmt.Fprintln(w, "  inputs that move it most:")
			for i, s := range sc.Sensitivity {
				if i == 5 {
					break
				}
				fmt.Fprintf(w, "    %d. %s: %s to %s (%.0f%% of the swing)\n", i+1, s.Label, money(s.AtLow), money(s.AtHigh), s.Share*100)
			}
		}
	}
	fmt.Fprintf(w, "\nRating     %d/%d %s\n", c.Rating.Value, c.Rating.Best, c.Rating.Label)
	fmt.Fprintf(w, "  figure:     %s\n", c.Figure.Verdict)
	if c.Framing != nil {
		fmt.Fprintf(w, "  framing:    %s\n", c.Framing.Verdict)
	}
	if c.Parts != nil {
		fmt.Fprintf(w, "  parts:      %s\n", c.Parts.Verdict)
	}
	if c.Conversion != nil {
		fmt.Fprintf(w, "  conversion: %s\n", c.Conversion.Verdict)
	}
	fmt.Fprintf(w, "  support:    %s\n", c.Support.Verdict)
	fmt.Fprintln(w, "\nReasons")
	for _, r := range words.Reasons(c) {
		fmt.Fprintf(w, "  - %s\n", r)
	}
	if c.Threshold != nil {
		fmt.Fprintf(w, "\nWhat would have to be true\n  - %s\n", words.Threshold(c.Threshold))
	}
	for _, b := range c.Bridges {
		Bridge(w, words, t, b)
	}
}

// Bridge writes a bridge between two scopes, one step a line.
func Bridge(w io.Writer, words *text.Words, t *costmodel.Topic, b *costmodel.Bridge) {
	cur := t.Topic.Currency
	money := func(v float64) string { return words.Money(v, cur) }
	fmt.Fprintf(w, "\nBridge to %q\n", label(t.Scope(b.To), b.To))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  start\t%s\t%s\t\n", label(t.Scope(b.From), b.From), money(b.FromValue.Central))
	for _, s := range b.Steps {
		sign := "+"
		if s.Delta.Central < 0 {
			sign = "-"
		}
		abs := s.Delta.Central
		if abs < 0 {
			abs = -abs
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s%s\t= %s\n", s.Kind, words.StepLabel(t, s), sign, money(abs), money(s.Cumulative))
	}
	fmt.Fprintf(tw, "  end\t%s\t%s\t\n", label(t.Scope(b.To), b.To), money(b.ToValue.Central))
	if b.HasResidual {
		against := b.Claim
		if c := t.Claim(b.Claim); c != nil {
			against = c.Claim.Claimant + "'s " + words.Figure(c.Claim.Figure)
		}
		fmt.Fprintf(tw, "  unexplained\tthe gap to %s that the model does not explain\t%s\t\n", against, money(b.Residual))
	}
	tw.Flush()
}

func label(s *costmodel.Scope, name string) string {
	if s == nil {
		return name
	}
	return fmt.Sprintf("%s (%s)", s.Scope.Label, name)
}
