// Package diff compares two reconciled sites and says, in Markdown for a
// pull-request comment, what a change does to claims, figures, verdicts and
// the model's scopes. A published verdict that changes without a new
// correction entry is flagged, so that the command can fail the check.
package diff

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"reckon/generator/costmodel"
)

// Report is what changed between two sites.
type Report struct {
	Added, Removed []string // claim IDs, sorted
	Claims         []ClaimChange
	Scopes         []ScopeChange
	// Uncorrected lists the claims whose rating changed without a new
	// correction entry, sorted.
	Uncorrected []string
}

// ClaimChange is a claim present in both sites whose figure, verdict or
// reasons changed.
type ClaimChange struct {
	ID                     string
	OldFigure, NewFigure   string
	OldRating, NewRating   string
	OldReasons, NewReasons []string
	NewCorrection          bool
}

// ScopeChange is a scope whose value changed.
type ScopeChange struct {
	Topic, Scope string
	Old, New     string // formatted "central (low to high)", "" when absent
}

// Compare compares old and new.
func Compare(old, new *costmodel.Results) *Report {
	r := &Report{}
	oc, nc := claims(old), claims(new)
	for _, id := range slices.Sorted(maps.Keys(nc)) {
		o, ok := oc[id]
		n := nc[id]
		if !ok {
			r.Added = append(r.Added, id)
			continue
		}
		ch := ClaimChange{
			ID:        id,
			OldFigure: figure(o), NewFigure: figure(n),
			OldRating: rating(o), NewRating: rating(n),
			OldReasons: o.Reasons, NewReasons: n.Reasons,
			NewCorrection: len(n.Claim.Correction) > len(o.Claim.Correction),
		}
		if ch.OldFigure != ch.NewFigure || ch.OldRating != ch.NewRating || !slices.Equal(ch.OldReasons, ch.NewReasons) {
			r.Claims = append(r.Claims, ch)
		}
		if ch.OldRating != ch.NewRating && !ch.NewCorrection {
			r.Uncorrected = append(r.Uncorrected, id)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(oc)) {
		if _, ok := nc[id]; !ok {
			r.Removed = append(r.Removed, id)
		}
	}
	os, ns := scopes(old), scopes(new)
	all := slices.Sorted(maps.Keys(os))
	for k := range ns {
		if _, ok := os[k]; !ok {
			all = append(all, k)
		}
	}
	slices.Sort(all)
	for _, k := range all {
		if os[k] != ns[k] {
			topic, scope, _ := strings.Cut(k, "\x00")
			r.Scopes = append(r.Scopes, ScopeChange{Topic: topic, Scope: scope, Old: os[k], New: ns[k]})
		}
	}
	return r
}

// Empty reports whether nothing changed.
func (r *Report) Empty() bool {
	return len(r.Added)+len(r.Removed)+len(r.Claims)+len(r.Scopes) == 0
}

// Markdown writes the report for a pull-request comment.
func (r *Report) Markdown(w io.Writer) {
	fmt.Fprintln(w, "## Reckon: what this change does")
	fmt.Fprintln(w)
	if r.Empty() {
		fmt.Fprintln(w, "No claim, figure, verdict or model value changes.")
		return
	}
	if len(r.Uncorrected) > 0 {
		fmt.Fprintln(w, "> [!WARNING]")
		fmt.Fprintf(w, "> %d published verdict(s) changed without a correction entry: %s. Add a `[[corrections]]` entry to each claim file.\n\n", len(r.Uncorrected), codeList(r.Uncorrected))
	}
	if len(r.Added) > 0 {
		fmt.Fprintf(w, "**New claims:** %s\n\n", codeList(r.Added))
	}
	if len(r.Removed) > 0 {
		fmt.Fprintf(w, "**Removed claims:** %s\n\n", codeList(r.Removed))
	}
	if len(r.Claims) > 0 {
		fmt.Fprintln(w, "### Claims")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| claim | figure | rating | correction |")
		fmt.Fprintln(w, "|---|---|---|---|")
		for _, c := range r.Claims {
			corr := "n/a"
			if c.OldRating != c.NewRating {
				corr = "**missing**"
				if c.NewCorrection {
					corr = "added"
				}
			}
			fmt.Fprintf(w, "| `%s` | %s | %s | %s |\n", c.ID, cell(change(c.OldFigure, c.NewFigure)), cell(change(c.OldRating, c.NewRating)), corr)
		}
		fmt.Fprintln(w)
		for _, c := range r.Claims {
			if slices.Equal(c.OldReasons, c.NewReasons) {
				continue
			}
			fmt.Fprintf(w, "<details><summary><code>%s</code>: reasons</summary>\n\n```diff\n", c.ID)
			for _, s := range c.OldReasons {
				if !slices.Contains(c.NewReasons, s) {
					fmt.Fprintf(w, "- %s\n", fence(s))
				}
			}
			for _, s := range c.NewReasons {
				if !slices.Contains(c.OldReasons, s) {
					fmt.Fprintf(w, "+ %s\n", fence(s))
				}
			}
			fmt.Fprint(w, "```\n\n</details>\n\n")
		}
	}
	if len(r.Scopes) > 0 {
		fmt.Fprintln(w, "### Model scopes (the charts follow these values)")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| topic | scope | before | after |")
		fmt.Fprintln(w, "|---|---|---|---|")
		for _, s := range r.Scopes {
			fmt.Fprintf(w, "| %s | `%s` | %s | %s |\n", s.Topic, s.Scope, cell(orNone(s.Old)), cell(orNone(s.New)))
		}
		fmt.Fprintln(w)
	}
}

func claims(r *costmodel.Results) map[string]*costmodel.Claim {
	m := map[string]*costmodel.Claim{}
	for _, t := range r.Topics {
		for _, c := range t.Claims {
			m[c.Claim.ID] = c
		}
	}
	return m
}

func scopes(r *costmodel.Results) map[string]string {
	m := map[string]string{}
	for _, t := range r.Topics {
		for _, s := range t.Scopes {
			m[t.Topic.ID+"\x00"+s.Scope.Name] = fmt.Sprintf("%s (%s to %s)", costmodel.FormatMoney(s.Central, s.Currency), costmodel.FormatMoney(s.Low, s.Currency), costmodel.FormatMoney(s.High, s.Currency))
		}
	}
	return m
}

func figure(c *costmodel.Claim) string { return costmodel.FormatFigure(c.Claim.Figure) }

func rating(c *costmodel.Claim) string {
	return fmt.Sprintf("%s (%d/%d)", c.Rating.Label, c.Rating.Value, c.Rating.Best)
}

func change(a, b string) string {
	if a == b {
		return a
	}
	return a + " → **" + b + "**"
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func codeList(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = "`" + id + "`"
	}
	return strings.Join(q, ", ")
}

// cell escapes text for a Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(s)
}

// fence keeps text from closing a fenced code block.
func fence(s string) string {
	return strings.NewReplacer("```", "'''", "\n", " ").Replace(s)
}
