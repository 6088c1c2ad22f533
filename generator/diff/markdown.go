package diff

// Every word of the report is in this file.

import (
	"fmt"
	"html"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"

	reckontext "reckon/generator/text"
)

// MarkdownOptions control [Report.Markdown]. The zero value writes the
// whole report.
type MarkdownOptions struct {
	// Max caps the report's length in bytes (GitHub takes comments of up to
	// 65,536 characters); 0 means no cap. Sections that do not fit are left
	// out whole, and a line says so.
	Max int
	// Full says where the whole report is, for that line: a file name, or
	// "" when it was not written.
	Full string
	// Old and New name the two versions compared, for the heading line.
	Old, New string
}

// Markdown writes the report for a pull-request comment: a summary table
// first, then the details, folded in <details>. With opt.Max, the report
// is cut after the last table row or block that fits, and a line says so.
func (r *Report) Markdown(w io.Writer, opt MarkdownOptions) error {
	p := r.page(opt)
	out := p.String()
	if opt.Max > 0 && len(out) > opt.Max {
		end := cutLine(opt, len(out))
		at := 0
		for _, c := range p.cuts {
			if c+len(end) <= opt.Max {
				at = c
			}
		}
		out = out[:at] + end
	}
	_, err := io.WriteString(w, out)
	return err
}

// page is Markdown being written, with the places where it may be cut:
// after the head, each table row and each block, so that any cut leaves
// valid Markdown (no open table cell, <details> or fence).
type page struct {
	strings.Builder
	cuts  []int
	words *reckontext.Words // amounts as readers see them
}

func (p *page) cut() { p.cuts = append(p.cuts, p.Len()) }

// listed is how many claim IDs a one-line list names before "and N more".
const listed = 20

// idList names the claims of us, up to [listed] of them.
func idList(us []Uncorrected, format func([]string) string) string {
	ids := make([]string, 0, min(len(us), listed))
	for _, u := range us[:min(len(us), listed)] {
		ids = append(ids, u.ID)
	}
	s := format(ids)
	if n := len(us) - len(ids); n > 0 {
		s += fmt.Sprintf(" and %s more", number(float64(n)))
	}
	return s
}

// Problem says in one line which claims need a correction entry, or ""
// when none does.
func (r *Report) Problem() string {
	if len(r.Uncorrected) == 0 {
		return ""
	}
	return fmt.Sprintf("%s changed figure, scope or rating without a new correction entry: %s", count(len(r.Uncorrected), "published claim", "published claims"),
		idList(r.Uncorrected, func(ids []string) string { return strings.Join(ids, ", ") }))
}

func cutLine(opt MarkdownOptions, whole int) string {
	where := "run `reckon diff -full FILE` for the whole report"
	if opt.Full != "" {
		where = "the whole report is in " + code(opt.Full) + " (uploaded with the check's artifacts)"
	}
	return fmt.Sprintf("\n\n---\n\n**This report is cut here to fit a comment; the whole report has %s bytes.** %s.\n", number(float64(whole)), capital(where))
}

// page writes the report: its head (title, warnings, summary table), then
// its sections.
func (r *Report) page(opt MarkdownOptions) *page {
	p := &page{words: reckontext.English()}
	p.WriteString("## Reckon: what this change does\n\n")
	if opt.Old != "" || opt.New != "" {
		fmt.Fprintf(p, "Comparing %s (before) with %s (after).\n\n", code(opt.Old), code(opt.New))
	}
	switch {
	case r.Empty():
		p.WriteString("No changes: both versions have the same claims, sources, model, commentary and charts, byte for byte.\n")
		return p
	case r.CorrectionOnly():
		fmt.Fprintf(p, "Only correction entries changed (%s); no figure, verdict, model value or chart changes.\n\n", codeList(claimIDs(r.Claims)))
	}
	if len(r.Uncorrected) > 0 {
		fmt.Fprintf(p, "> [!WARNING]\n> **%s changed figure, scope or rating without a new correction entry:** %s. Add a `[[corrections]]` entry to each (see *Corrections needed* below); the check fails until then.\n\n",
			capital(count(len(r.Uncorrected), "published claim", "published claims")), idList(r.Uncorrected, codeList))
	}
	p.WriteString("| part | what changed |\n|---|---|\n")
	row := func(what, summary string) {
		if summary != "" {
			fmt.Fprintf(p, "| %s | %s |\n", what, summary)
		}
	}
	row("corrections needed", countIf(len(r.Uncorrected), "claim", "claims"))
	row("claims", statusSummary(claimStatuses(r.Claims), "claim", "claims"))
	row("sources", statusSummary(entityStatuses(r.Sources), "source", "sources"))
	row("topics", statusSummary(entityStatuses(r.Topics), "topic", "topics"))
	row("site settings", countIf(len(r.Site), "key", "keys"))
	row("model", modelSummary(r.Model))
	row("scope estimates", countIf(len(r.Scopes), "scope", "scopes"))
	row("verdicts", verdictSummary(r.Verdicts))
	row("commentary", statusSummary(docStatuses(r.Commentary), "file", "files"))
	row("values quoted in commentary", countIf(len(r.Values), "reference", "references"))
	row("charts", statusSummary(chartStatuses(r.Charts), "chart", "charts"))
	row("other files (comments, formatting, files Reckon does not read)", countIf(len(r.Files), "file", "files"))
	p.WriteString("\n")
	p.cut()

	r.correctionsSection(p)
	r.claimsSection(p)
	entitySection(p, "Sources", "source", r.Sources)
	entitySection(p, "Topics", "topic", r.Topics)
	if len(r.Site) > 0 {
		p.WriteString("### Site settings (`claims/site.toml`)\n\n" + fieldTable(r.Site) + "\n")
		p.cut()
	}
	r.modelSection(p)
	r.scopesSection(p)
	r.verdictsSection(p)
	r.commentarySection(p)
	r.valuesSection(p)
	r.chartsSection(p)
	if len(r.Files) > 0 {
		p.WriteString("### Other files\n\nThese changed without changing any value Reckon reads from them:\n\n")
		for _, f := range r.Files {
			fmt.Fprintf(p, "- %s\n", code(f))
			p.cut()
		}
		p.WriteString("\n")
		p.cut()
	}
	return p
}

func (r *Report) correctionsSection(p *page) {
	if len(r.Uncorrected) == 0 {
		return
	}
	p.WriteString("### Corrections needed\n\nA published claim's figure, scope or rating may change only with a new entry in its `[[corrections]]` list, which the site shows to readers.\n\n")
	for _, u := range r.Uncorrected {
		fmt.Fprintf(p, "#### %s\n\n%s", code(u.ID), fieldTable(u.Changes))
		fmt.Fprintf(p, "\nAdd to %s, with the date and the reason filled in:\n\n%s\n", code(u.File), fenced("toml", u.Snippet))
		p.cut()
	}
}

// snippet is the correction entry to add for changes.
func snippet(changes []Field) string {
	parts := make([]string, len(changes))
	for i, f := range changes {
		parts[i] = fmt.Sprintf("%s: %s → %s", f.Path, plain(f.Old), plain(f.New))
	}
	change := strings.Join(parts, "; ")
	return "[[corrections]]\ndate = YYYY-MM-DD  # the day this correction is published\nchange = " + tomlString(change) +
		"  # what changed, in words for readers\nreason = \"\"  # why: the error found or the new evidence\n"
}

func (r *Report) claimsSection(p *page) {
	if len(r.Claims) == 0 {
		return
	}
	p.WriteString("### Claims\n\n| claim | change | keys |\n|---|---|---|\n")
	for _, c := range r.Claims {
		what := c.Status
		switch {
		case c.Status == Renamed:
			what = "renamed from " + code(c.From) + ", content unchanged"
		case c.CorrectionOnly:
			what = "correction entries only"
		}
		keys := ""
		if c.Status == Changed {
			keys = keyList(c.Fields)
		}
		fmt.Fprintf(p, "| %s | %s | %s |\n", code(c.ID), what, keys)
		p.cut()
	}
	p.WriteString("\n")
	for _, c := range r.Claims {
		if len(c.Fields) == 0 {
			continue
		}
		fmt.Fprintf(p, "<details><summary><code>%s</code> (%s): %s</summary>\n\n%s\n</details>\n\n", html.EscapeString(c.ID), c.Status, count(len(c.Fields), "key", "keys"), fieldTable(c.Fields))
		p.cut()
	}
	p.cut()
}

func entitySection(p *page, title, noun string, changes []EntityChange) {
	if len(changes) == 0 {
		return
	}
	fmt.Fprintf(p, "### %s\n\n| %s | change | keys |\n|---|---|---|\n", title, noun)
	for _, c := range changes {
		fmt.Fprintf(p, "| %s | %s | %s |\n", code(c.ID), c.Status, keyList(c.Fields))
		p.cut()
	}
	p.WriteString("\n")
	for _, c := range changes {
		fmt.Fprintf(p, "<details><summary><code>%s</code> (%s)</summary>\n\n%s\n</details>\n\n", html.EscapeString(c.ID), c.Status, fieldTable(c.Fields))
		p.cut()
	}
	p.cut()
}

func (r *Report) modelSection(p *page) {
	if len(r.Model) == 0 {
		return
	}
	p.WriteString("### Model\n\n| topic | kind | name | change | keys |\n|---|---|---|---|---|\n")
	for _, m := range r.Model {
		fmt.Fprintf(p, "| %s | %s | %s | %s | %s |\n", topicName(m.Topic), m.Kind, code(m.Name), m.Status, keyList(m.Fields))
		p.cut()
	}
	p.WriteString("\n")
	for _, m := range r.Model {
		fmt.Fprintf(p, "#### %s %s (%s, %s)\n\n%s\n", m.Kind, code(m.Name), topicName(m.Topic), m.Status, fieldTable(m.Fields))
		p.cut()
	}
	p.cut()
}

func topicName(t string) string {
	if t == "" {
		return "site-wide"
	}
	return code(t)
}

func (r *Report) scopesSection(p *page) {
	if len(r.Scopes) == 0 {
		return
	}
	p.WriteString("### Scope estimates\n\nThe model's value for each scope that moved: central, then the range. Exact numbers are shown where rounding would hide the change.\n\n| topic | scope | before | after |\n|---|---|---|---|\n")
	for _, s := range r.Scopes {
		o, n := estimates(p.words, s.Old, s.New, s.Currency)
		fmt.Fprintf(p, "| %s | %s | %s | %s |\n", code(s.Topic), code(s.Scope), o, n)
		p.cut()
	}
	p.WriteString("\n")
	p.cut()
}

// estimates writes two estimates rounded as readers see them, or exactly
// when the rounded forms are the same but the numbers are not.
func estimates(words *reckontext.Words, o, n *Estimate, currency string) (string, string) {
	round := func(e *Estimate) string {
		if e == nil {
			return "—"
		}
		m := func(v float64) string { return words.Money(v, currency) }
		if e.Low == e.Central && e.High == e.Central {
			return m(e.Central)
		}
		return fmt.Sprintf("%s (%s to %s)", m(e.Central), m(e.Low), m(e.High))
	}
	exact := func(e *Estimate) string {
		if e == nil {
			return "—"
		}
		if e.Low == e.Central && e.High == e.Central {
			return number(e.Central) + " " + currency
		}
		return fmt.Sprintf("%s (%s to %s) %s", number(e.Central), number(e.Low), number(e.High), currency)
	}
	if ro, rn := round(o), round(n); ro != rn || (o == nil) == (n == nil) && (o == nil || *o == *n) {
		return ro, rn
	}
	return exact(o), exact(n)
}

func (r *Report) verdictsSection(p *page) {
	if len(r.Verdicts) == 0 {
		return
	}
	p.WriteString("### Verdicts\n\nEvery claim whose reconciliation changed: the rating, each axis of the verdict, and the model's value for the scope the figure measures.\n\n")
	p.WriteString("| claim | rating | figure | framing | parts | conversion | support | model value |\n|---|---|---|---|---|---|---|---|\n")
	for _, v := range r.Verdicts {
		get := func(f func(*Verdict) string) string {
			var o, n string
			if v.Old != nil {
				o = f(v.Old)
			}
			if v.New != nil {
				n = f(v.New)
			}
			return change(o, n, v.Old != nil, v.New != nil)
		}
		var om, nm *Estimate
		cur := ""
		if v.Old != nil {
			om, cur = &v.Old.Model, v.Old.Currency
		}
		if v.New != nil {
			nm, cur = &v.New.Model, v.New.Currency
		}
		mo, mn := estimates(p.words, om, nm, cur)
		model := mn
		if mo != mn {
			model = change(mo, mn, v.Old != nil, v.New != nil)
		}
		id := code(v.ID)
		switch {
		case v.Old == nil:
			id += " (new claim)"
		case v.New == nil:
			id += " (removed claim)"
		}
		fmt.Fprintf(p, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", id,
			get(func(x *Verdict) string { return fmt.Sprintf("%s (%d/%d)", text(x.Rating), x.RatingValue, x.Best) }),
			get(func(x *Verdict) string { return x.Figure }),
			get(func(x *Verdict) string { return x.Framing }),
			get(func(x *Verdict) string { return x.Parts }),
			get(func(x *Verdict) string { return x.Conversion }),
			get(func(x *Verdict) string { return x.Support }),
			model)
		p.cut()
	}
	p.WriteString("\n")
	for _, v := range r.Verdicts {
		var o, n []string
		if v.Old != nil {
			o = v.Old.Reasons
		}
		if v.New != nil {
			n = v.New.Reasons
		}
		if equalStrings(o, n) {
			continue
		}
		var d strings.Builder
		for _, line := range lineDiff(o, n) {
			d.WriteString(line + "\n")
		}
		fmt.Fprintf(p, "<details><summary><code>%s</code>: reasons before (-) and after (+)</summary>\n\n%s\n</details>\n\n", html.EscapeString(v.ID), fenced("diff", d.String()))
		p.cut()
	}
	p.cut()
}

// lineDiff returns the lines of a and b in order, each marked "- " when
// only a has it, "+ " when only b has it and "  " when both do, along a
// longest common subsequence.
func lineDiff(a, b []string) []string {
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out = append(out, "  "+a[i])
			i, j = i+1, j+1
		case j == len(b) || i < len(a) && lcs[i+1][j] >= lcs[i][j+1]:
			out = append(out, "- "+a[i])
			i++
		default:
			out = append(out, "+ "+b[j])
			j++
		}
	}
	return out
}

func (r *Report) commentarySection(p *page) {
	if len(r.Commentary) == 0 {
		return
	}
	p.WriteString("### Commentary\n\n| file | change |\n|---|---|\n")
	for _, d := range r.Commentary {
		what := d.Status
		if d.Status == Renamed {
			what = "renamed from " + code(d.From) + ", text unchanged"
		}
		fmt.Fprintf(p, "| %s | %s |\n", code(d.File), what)
		p.cut()
	}
	p.WriteString("\n")
	for _, d := range r.Commentary {
		if d.Diff == "" {
			continue
		}
		fmt.Fprintf(p, "<details><summary><code>%s</code> (%s)</summary>\n\n%s\n</details>\n\n", html.EscapeString(d.File), d.Status, fenced("diff", d.Diff))
		p.cut()
	}
	p.cut()
}

func (r *Report) valuesSection(p *page) {
	if len(r.Values) == 0 {
		return
	}
	p.WriteString("### Values quoted in commentary\n\nModel values that the commentary quotes by name, and that now read differently (exact numbers).\n\n| file | reference | before | after |\n|---|---|---|---|\n")
	for _, v := range r.Values {
		fmt.Fprintf(p, "| %s | %s | %s | %s |\n", code(v.File), code("{{"+v.Ref+"}}"), numbers(v.Old, v.Unit), numbers(v.New, v.Unit))
		p.cut()
	}
	p.WriteString("\n")
	p.cut()
}

func numbers(vs []float64, unit string) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = number(v)
	}
	return strings.Join(s, " to ") + " " + text(unit)
}

func (r *Report) chartsSection(p *page) {
	if len(r.Charts) == 0 {
		return
	}
	p.WriteString("### Charts\n\n| chart | change | title | preview |\n|---|---|---|---|\n")
	for _, c := range r.Charts {
		preview := ""
		if c.Page != "" {
			preview = fmt.Sprintf("[page](%s), [embed](%s)", link(c.Page), link(c.Embed))
		}
		fmt.Fprintf(p, "| %s | %s | %s | %s |\n", code(c.ID), c.Status, text(c.Title), preview)
		p.cut()
	}
	p.WriteString("\n")
	p.cut()
}

// link escapes a URL for a Markdown link target.
func link(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "|", "%7C", "<", "%3C", ">", "%3E").Replace(u)
}

// fieldTable is a table of keys with their values before and after.
func fieldTable(fs []Field) string {
	var b strings.Builder
	b.WriteString("| key | before | after |\n|---|---|---|\n")
	for _, f := range fs {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", code(f.Path), value(f.Old), value(f.New))
	}
	return b.String()
}

// keyList names the top-level keys of fields, each once.
func keyList(fs []Field) string {
	var keys []string
	for _, f := range fs {
		k := f.Path
		if i := strings.IndexAny(k, ".["); i > 0 {
			k = k[:i]
		}
		if !contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return codeList(keys)
}

// value writes a field's value for a table cell: strings in quotes,
// numbers exactly, "—" for absent.
func value(v any) string {
	switch v := v.(type) {
	case nil:
		return "—"
	case string:
		return "“" + text(v) + "”"
	case []any:
		s := make([]string, len(v))
		for i, e := range v {
			s[i] = value(e)
		}
		return strings.Join(s, ", ")
	}
	return plain(v)
}

// plain writes a value without Markdown: for the correction snippet.
func plain(v any) string {
	switch v := v.(type) {
	case nil:
		return "(none)"
	case string:
		return strconv.Quote(v)
	case float64:
		return number(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		return strconv.FormatBool(v)
	case []any:
		s := make([]string, len(v))
		for i, e := range v {
			s[i] = plain(e)
		}
		return "[" + strings.Join(s, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// number writes v exactly, with its whole part grouped by thousands:
// 2664001 as "2,664,001", 0.055 as "0.055".
func number(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "-∞"
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}

// change writes a value before and after: the value when it is the same,
// "before → **after**" otherwise.
func change(o, n string, inOld, inNew bool) string {
	switch {
	case !inOld:
		return n
	case !inNew:
		return o
	case o == n:
		return o
	}
	if o == "" {
		o = "—"
	}
	if n == "" {
		n = "—"
	}
	return o + " → **" + n + "**"
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return number(float64(n)) + " " + many
}

func countIf(n int, one, many string) string {
	if n == 0 {
		return ""
	}
	return count(n, one, many)
}

// statusSummary counts changes by status: "1 added, 2 changed".
func statusSummary(statuses []string, one, many string) string {
	var parts []string
	for _, st := range []string{Added, Removed, Renamed, Changed} {
		n := 0
		for _, s := range statuses {
			if s == st {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%s %s", count(n, one, many), st))
		}
	}
	return strings.Join(parts, ", ")
}

func claimStatuses(cs []ClaimChange) []string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.Status
	}
	return s
}

func entityStatuses(cs []EntityChange) []string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.Status
	}
	return s
}

func docStatuses(cs []DocChange) []string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.Status
	}
	return s
}

func chartStatuses(cs []ChartChange) []string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.Status
	}
	return s
}

func modelSummary(ms []ModelChange) string {
	var parts []string
	for _, kind := range []string{KindParameter, KindFormula, KindComponent, KindScope} {
		var st []string
		for _, m := range ms {
			if m.Kind == kind {
				st = append(st, m.Status)
			}
		}
		if s := statusSummary(st, kind, kind+"s"); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "; ")
}

func verdictSummary(vs []VerdictChange) string {
	if len(vs) == 0 {
		return ""
	}
	rated := 0
	for _, v := range vs {
		if v.RatingChanged() {
			rated++
		}
	}
	s := count(len(vs), "claim", "claims")
	if rated > 0 {
		s += fmt.Sprintf(" (%s)", count(rated, "rating changed", "ratings changed"))
	}
	return s
}

func claimIDs(cs []ClaimChange) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func codeList(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = code(id)
	}
	return strings.Join(q, ", ")
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// code writes s as a code span, in which Markdown and HTML are inert, or
// as escaped text when s holds what a code span cannot: a backtick, a "|"
// (which ends a table cell even there), a line break or an invisible
// character.
func code(s string) string {
	if s == "" || strings.TrimSpace(s) != s || strings.ContainsAny(s, "`|\n") || strings.ContainsFunc(s, invisible) {
		return text(s)
	}
	return "`" + s + "`"
}

// text escapes a string from the input for Markdown text in the middle of
// a line, table cells included: every ASCII punctuation mark that Markdown,
// GitHub or HTML could act on there (code, emphasis, links and images,
// tags, entities, mentions, issue links, math, cell ends) is
// backslash-escaped, a line break becomes " ↵ ", and control and
// bidirectional formatting characters are shown as their code points, so
// that no input can end a table cell, open a tag, make a link or mention,
// or reorder the text around it.
func text(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\n':
			b.WriteString(" ↵ ")
		case invisible(c):
			fmt.Fprintf(&b, "⟨U+%04X⟩", c)
		case c < unicode.MaxASCII && strings.ContainsRune("\\`*_[]<>!|~&@#$", c):
			b.WriteByte('\\')
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// invisible reports whether c is a control character or one that changes
// the direction or joining of text around it without being seen.
func invisible(c rune) bool {
	if c == '\t' {
		return false
	}
	return unicode.IsControl(c) || unicode.Is(unicode.Bidi_Control, c) || unicode.In(c, unicode.Cf) || c == '\u2028' || c == '\u2029'
}

// fenced writes s as a fenced code block: a fence longer than any run of
// backticks in s, and control and bidirectional characters shown as code
// points.
func fenced(lang, s string) string {
	var b strings.Builder
	run, longest := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
		switch {
		case c == '\n' || c == '\t':
			b.WriteRune(c)
		case invisible(c):
			fmt.Fprintf(&b, "⟨U+%04X⟩", c)
		default:
			b.WriteRune(c)
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	body := b.String()
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	return fence + lang + "\n" + body + fence + "\n"
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c < 0x20 || c == 0x7f || invisible(c):
			fmt.Fprintf(&b, "\\u%04X", c)
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
