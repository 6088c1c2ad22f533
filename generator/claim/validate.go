package claim

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"reckon/generator/formula"
	"reckon/generator/keypos"
	"reckon/generator/slug"
	"reckon/generator/spell"
	"reckon/generator/unit"
)

// MaxTitle is the longest claim title, in characters: Google asks that
// ClaimReview's claimReviewed stay under 75.
const MaxTitle = 74

func (l *loader) loadSite(f *file) *Site {
	s := &Site{}
	if !f.decode(s) {
		return nil
	}
	f.required("title", s.Title, "")
	f.required("description", s.Description, "one sentence that says what the site checks")
	f.required("publisher", s.Publisher, "the organisation that publishes the fact-checks, for ClaimReview's author")
	if s.Language == "" {
		s.Language = DefaultLanguage
	} else {
		f.language("language", s.Language)
	}
	if s.Currency == "" {
		s.Currency = DefaultCurrency
	} else {
		f.currency("currency", s.Currency)
	}
	if s.BaseURL != "" {
		f.url("base_url", s.BaseURL)
	}
	if !f.has("tolerance") {
		s.Tolerance = DefaultTolerance
	} else if !(s.Tolerance > 1) {
		f.errorf("tolerance", "2 means a figure within half the low end and twice the high end is plausible", "tolerance must be greater than 1, got %v", s.Tolerance)
	}
	if !f.has("about") {
		s.About = DefaultAbout
	} else if !(s.About > 0 && s.About < 1) {
		f.errorf("about", "0.1 reads \"about $5M\" as $4.5M to $5.5M", "about must be between 0 and 1, got %v", s.About)
	}
	if !f.has("residual") {
		s.Residual = DefaultResidual
	} else if !(s.Residual > 0 && s.Residual < 1) {
		f.errorf("residual", "0.05 shows what the model leaves unexplained when it is more than 5% of the figure", "residual must be between 0 and 1, got %v", s.Residual)
	}
	r := &s.Rating
	if !f.has("rating") {
		f.missing("rating", "add a [rating] table with best, worst and [[rating.level]] entries")
		return s
	}
	if r.Best <= r.Worst {
		f.errorf("rating.best", "e.g. best = 5 and worst = 1", "rating best (%d) must be greater than worst (%d)", r.Best, r.Worst)
	}
	if len(r.Levels) == 0 {
		f.missing("rating.level", "add [[rating.level]] entries, the last with when = \"true\"")
	}
	for i, lv := range r.Levels {
		p := fmt.Sprintf("rating.level[%d]", i)
		f.required(p+".label", lv.Label, "")
		if !f.has(p + ".value") {
			f.missing(p+".value", fmt.Sprintf("a whole number from %d to %d", r.Worst, r.Best))
		} else if lv.Value < r.Worst || lv.Value > r.Best {
			f.errorf(p+".value", "", "rating value %d is outside the scale %d to %d", lv.Value, r.Worst, r.Best)
		}
		if f.required(p+".when", lv.When, `a condition such as figure == "contradicted", or "true"`) {
			cond, err := formula.CompileCondition(lv.When, RatingAxes())
			if err != nil {
				hint := `the names are figure, framing, parts, conversion and support; compare with ==, combine with && and ||`
				var fe *formula.Error
				if errors.As(err, &fe) && fe.Offset >= 0 {
					f.errs.Add(f.exprPos(p+".when", lv.When, fe.Offset), hint, "bad rating condition: %s", fe.Msg)
				} else {
					f.errorf(p+".when", hint, "bad rating condition: %s", firstLine(err.Error()))
				}
			}
			r.Levels[i].Cond = cond
		}
	}
	if n := len(r.Levels); n > 0 && strings.TrimSpace(r.Levels[n-1].When) != "" && strings.TrimSpace(r.Levels[n-1].When) != "true" {
		f.errorf(fmt.Sprintf("rating.level[%d].when", n-1), `give the last level when = "true" so that every claim gets a rating`, "the last rating level must always apply")
	}
	return s
}

func (l *loader) loadSources(f *file, topic string) {
	var m map[string]*Source
	if !f.decode(&m) {
		// Still know the names of the sources, so that the references to
		// them do not add errors to the ones reported.
		for name := range m {
			id := name
			if topic != "" {
				id = topic + "/" + name
			}
			l.sources[id] = &Source{ID: id}
		}
		return
	}
	for _, name := range slices.Sorted(maps.Keys(m)) {
		s := m[name]
		p := keypos.Path(name)
		if !slug.Valid(name) {
			f.errs.Add(f.keyPos(p), "use lower-case letters, digits and hyphens", "source name %q is not a valid slug", name)
		}
		l.translated(f, p, s.Translations, same(sourceFields(p, s)))
		s.ID = name
		if topic != "" {
			s.ID = topic + "/" + name
		}
		s.Pos = f.keyPos(p)
		f.required(p+".title", s.Title, "")
		f.required(p+".publisher", s.Publisher, "")
		if f.has(p + ".title_language") {
			f.language(p+".title_language", s.TitleLanguage)
		}
		switch {
		case s.URL != "":
			f.url(p+".url", s.URL)
		case s.Verified == nil || *s.Verified:
			// Only a source that could not be found may lack an address;
			// never invent one.
			f.required(p+".url", s.URL, "the page where the source can be read; if it could not be found, set verified = false and say so in note")
		}
		if s.ArchiveURL != "" {
			f.url(p+".archive_url", s.ArchiveURL)
		}
		oneOf(f, p+".kind", s.Kind, SourceKinds(), true)
		if s.Language != "" {
			f.language(p+".language", s.Language)
		} else if l.set.Site != nil {
			s.Language = l.set.Site.Language
		}
		if s.Verified == nil {
			f.missing(p+".verified", "set verified = true once the source was opened and checked, false (with a note) otherwise")
		} else if !*s.Verified && s.Note == "" {
			f.errorf(p+".verified", "say what could not be checked, in note", "an unverified source needs a note")
		}
		f.exact(p+".accessed", s.Accessed)
		if !s.Published.IsZero() && !s.Accessed.IsZero() && s.Accessed.Before(s.Published.Earliest()) {
			f.errorf(p+".accessed", "", "accessed (%s) is before published (%s)", s.Accessed, s.Published)
		}
		l.sources[s.ID] = s
	}
	// A source may derive from any source of its file or a site-wide one,
	// so these resolve once the whole file is read.
	for _, name := range slices.Sorted(maps.Keys(m)) {
		s := m[name]
		p := keypos.Path(name)
		for i, d := range s.DerivedFrom {
			q := fmt.Sprintf("%s.derived_from[%d]", p, i)
			s.DerivedFrom[i] = l.source(f, q, topic, d)
			if s.DerivedFrom[i] == s.ID {
				f.errorf(q, "derived_from names the sources this one takes its figures from, not itself", "source %q derives from itself", name)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(m)) {
		if cyc := l.derivationCycle(m[name]); cyc != "" {
			f.errorf(keypos.Path(name)+".derived_from", "a source cannot derive, through others, from itself", "derived_from makes a cycle: %s", cyc)
		}
	}
}

// origins returns the origins of the source id (see [Source.Origins]),
// computing them once; nil for an unknown source. A cycle, reported
// elsewhere, ends where it closes.
func (l *loader) origins(id string) []string {
	s := l.sources[id]
	if s == nil {
		return nil
	}
	l.originsMu.Lock()
	defer l.originsMu.Unlock()
	if s.Origins != nil {
		return s.Origins
	}
	var out []string
	seen := map[string]bool{}
	var walk func(id string)
	walk = func(id string) {
		t := l.sources[id]
		if t == nil || seen[id] {
			return
		}
		seen[id] = true
		if len(t.DerivedFrom) == 0 {
			out = append(out, id)
			return
		}
		for _, d := range t.DerivedFrom {
			walk(d)
		}
	}
	walk(id)
	if len(out) == 0 {
		out = []string{id}
	}
	slices.Sort(out)
	s.Origins = slices.Compact(out)
	return s.Origins
}

// derivationCycle returns the cycle of derived_from links that leads from s
// back to s, as "a -> b -> a", or "" when there is none. A link to itself
// is reported on its own.
func (l *loader) derivationCycle(s *Source) string {
	var walk func(id string, path []string) string
	walk = func(id string, path []string) string {
		if len(path) > 0 && id == s.ID {
			return strings.Join(append(path, id), " -> ")
		}
		if slices.Contains(path, id) || len(path) > len(l.sources) {
			return ""
		}
		t := l.sources[id]
		if t == nil {
			return ""
		}
		for _, d := range t.DerivedFrom {
			if d == t.ID {
				continue
			}
			if c := walk(d, append(slices.Clip(path), id)); c != "" {
				return c
			}
		}
		return ""
	}
	return walk(s.ID, nil)
}

// exact reports a date at path that is not known to the day where Reckon's
// own records need one (when a fact-check was published or corrected, when
// a page was read).
func (f *file) exact(path string, d Date) {
	if !d.IsZero() && !d.IsExact() {
		f.errorf(path, "this date is the site's own record: write it as a TOML date like 2025-01-31", "%s must be a date known to the day, got %q", lastKey(path), d.String())
	}
}

func (l *loader) loadParameters(f *file) map[string]*Parameter {
	var m map[string]*Parameter
	if !f.decode(&m) {
		// Keep what was decoded, so that the formulas that use these
		// parameters do not add errors to the ones reported.
		for name, p := range m {
			p.Name, p.Site = name, true
		}
		if m == nil {
			m = map[string]*Parameter{}
		}
		return m
	}
	for _, name := range slices.Sorted(maps.Keys(m)) {
		m[name].Site = true
		l.validateParameter(f, "", keypos.Path(name), name, m[name])
		l.translated(f, keypos.Path(name), m[name].Translations, same(paramFields(keypos.Path(name), m[name])))
	}
	return m
}

func (l *loader) validateParameter(f *file, topic, p, name string, prm *Parameter) {
	prm.Name = name
	prm.Pos = f.keyPos(p)
	if !validName(name) {
		f.errs.Add(f.keyPos(p), "names are used in formulas: letters, digits and underscores, not starting with a digit", "parameter name %q is not a valid identifier", name)
	}
	f.required(p+".label", prm.Label, "")
	if f.required(p+".unit", prm.Unit, `e.g. "USD", "GPU-h", "USD/GPU-h" or "1" for a plain number`) {
		f.unit(p+".unit", prm.Unit)
	}
	if f.required(p+".source", prm.Source, "the ID of a source in sources.toml") {
		prm.SourceID = l.source(f, p+".source", topic, prm.Source)
		prm.Origins = l.origins(prm.SourceID)
	}
	if prm.AsOf.IsZero() {
		f.missing(p+".as_of", "the date the value holds at, e.g. as_of = 2024-12-27")
	}
	f.exact(p+".period.start", prm.Period.Start)
	f.exact(p+".period.end", prm.Period.End)
	if prm.Period.Start.IsZero() != prm.Period.End.IsZero() {
		f.errorf(p+".period", "give both start and end", "period needs both start and end")
	} else if prm.Period.End.Before(prm.Period.Start) {
		f.errorf(p+".period.end", "", "period ends (%s) before it starts (%s)", prm.Period.End, prm.Period.Start)
	}
	if prm.Verified != nil && !*prm.Verified && prm.Note == "" {
		f.errorf(p+".verified", "say what could not be checked, in note", "an unverified parameter needs a note")
	}
	switch {
	case prm.Value != nil && (prm.Low != nil || prm.High != nil):
		f.errorf(p+".value", "give either value, or low and high", "a parameter has either a value or a range, not both")
	case prm.Value != nil:
		if !finite(*prm.Value) {
			f.errorf(p+".value", "", "value must be a finite number")
		} else if *prm.Value < 0 && !prm.Negative {
			f.negative(p+".value", *prm.Value)
		}
		for _, k := range []string{"central", "distribution", "coverage"} {
			if f.has(p + "." + k) {
				f.errorf(p+"."+k, "give a range with low and high, or remove "+k, "%s applies only to a range", k)
			}
		}
	case prm.Low == nil || prm.High == nil:
		if prm.Low == nil {
			f.missing(p+".low", "give a value, or a range with low and high")
		}
		if prm.High == nil {
			f.missing(p+".high", "give a value, or a range with low and high")
		}
	default:
		lo, hi := *prm.Low, *prm.High
		if lo > hi {
			f.errorf(p+".low", "swap low and high", "inverted range: low (%v) > high (%v)", lo, hi)
		}
		if !prm.Negative {
			// Below zero, a range's low end comes first; the high end only
			// when the range is inverted.
			if lo < 0 {
				f.negative(p+".low", lo)
			} else if hi < 0 {
				f.negative(p+".high", hi)
			}
		}
		if prm.Distribution != "" {
			oneOf(f, p+".distribution", prm.Distribution, Distributions(), false)
		}
		hasCoverage := prm.Coverage != nil
		prm.SetDefaults()
		if prm.Distribution == Lognormal && lo <= 0 {
			f.errorf(p+".low", "a lognormal range must be positive; use normal or uniform", "lognormal low must be > 0, got %v", lo)
		}
		if c := *prm.Coverage; hasCoverage && (!(c > 0 && c <= 1) || (c != 1 && (prm.Distribution == Uniform || prm.Distribution == Triangular))) {
			f.errorf(p+".coverage", "e.g. 0.9 for a 90% interval; uniform and triangular ranges always cover 1", "coverage %v is not valid for a %s range", c, prm.Distribution)
		}
		if prm.Central != nil && lo <= hi && (*prm.Central < lo || *prm.Central > hi) {
			f.errorf(p+".central", "central is the value used for the central estimate: it lies between low and high", "central (%v) is outside the range %v to %v", *prm.Central, lo, hi)
		}
	}
}

func (l *loader) validateTopic(f *file, t *Topic) {
	f.required("title", t.Title, "")
	f.required("question", t.Question, "the question the topic answers, e.g. \"What did it cost to train DeepSeek's models?\"")
	f.required("summary", t.Summary, "the answer in a sentence or two")
	l.translated(f, "", t.Translations, same(topicFields(t)))
	if t.Published.IsZero() {
		f.missing("published", "the date the topic was first published, e.g. published = 2025-02-01")
	}
	f.exact("published", t.Published)
	f.exact("updated", t.Updated)
	if !t.Updated.IsZero() && t.Updated.Before(t.Published) {
		f.errorf("updated", "", "updated (%s) is before published (%s)", t.Updated, t.Published)
	}
	if t.Currency == "" {
		if l.set.Site != nil {
			t.Currency = l.set.Site.Currency
		}
	} else {
		f.currency("currency", t.Currency)
	}
}

func (l *loader) validateClaim(f *file, t *Topic, c *Claim) {
	if f.required("title", c.Title, "the claim as reviewed, e.g. \"DeepSeek says training V3 cost $5.6M\"") {
		if n := utf8.RuneCountInString(c.Title); n > MaxTitle {
			f.errorf("title", "ClaimReview's claimReviewed must stay under 75 characters; move detail into summary", "title is %d characters long, more than %d", n, MaxTitle)
		}
	}
	f.required("claimant", c.Claimant, "who made the claim")
	if c.ClaimantKind == "" {
		c.ClaimantKind = Organization
	} else {
		oneOf(f, "claimant_kind", c.ClaimantKind, ClaimantKinds(), false)
	}
	if c.Date.IsZero() {
		f.missing("date", "when the claim was made, e.g. date = 2024-12-27")
	}
	if c.Unnamed && c.ClaimantKind == Person {
		f.errorf("claimant_unnamed", "an unnamed claimant is described, e.g. claimant = \"an Arabic-language news site\"; a person is named", "claimant_unnamed applies to an organization, not a person")
	}
	if c.Published.IsZero() {
		f.missing("published", "when this fact-check was published")
	} else if f.exact("published", c.Published); c.Published.Before(c.Date.Earliest()) {
		f.errorf("published", "published is when this fact-check appeared, date when the claim was made", "published (%s) is before the claim was made (%s)", c.Published, c.Date)
	}
	m := t.Model
	// A model without scopes is reported there; its claims are not checked against it.
	if m != nil && len(m.Scopes) == 0 {
		m = nil
	}
	if f.required("scope", c.Scope, "the scope the figure actually measures, a scope of model.toml") && m != nil {
		ref(f, "scope", c.Scope, "scope", m.Scopes)
	}
	if c.PresentedAs != "" && c.ScopeUnstated {
		f.errorf("scope_unstated", "a claimant who did not say what the figure covers did not present it as another scope: keep one of the two", "scope_unstated and presented_as exclude each other")
	}
	for i, n := range c.CompareWith {
		p := fmt.Sprintf("compare_with[%d]", i)
		switch {
		case n == c.Scope:
			f.errorf(p, "compare_with names other estimates; the figure is always checked against scope", "compare_with names the claim's own scope")
		case slices.Contains(c.CompareWith[:i], n):
			f.errorf(p, "name each scope once", "scope %q is twice in compare_with", n)
		case m != nil:
			ref(f, p, n, "scope", m.Scopes)
		}
	}
	if c.PresentedAs != "" && m != nil {
		if c.PresentedAs == c.Scope {
			f.errorf("presented_as", "leave presented_as out when the claim was presented as the scope it measures", "presented_as is the same as scope")
		} else {
			ref(f, "presented_as", c.PresentedAs, "scope", m.Scopes)
		}
	}
	// The figure.
	fig := &c.Figure
	if !f.has("figure") {
		f.missing("figure", "add a [figure] table with value, currency and qualifier")
	} else {
		l.amount(f, t, "figure", &fig.Value, fig.Currency, &fig.Rounding)
		if fig.Qualifier == "" {
			fig.Qualifier = Exact
		} else {
			oneOf(f, "figure.qualifier", fig.Qualifier, Qualifiers(), false)
		}
	}
	if cv := c.Conversion; cv != nil {
		l.amount(f, t, "conversion", &cv.Value, cv.Currency, &cv.Rounding)
		if cv.Currency == fig.Currency && cv.Currency != "" {
			f.errorf("conversion.currency", "a conversion states the figure in another currency", "conversion is in the figure's own currency")
		}
		if cv.Date.IsZero() {
			cv.Date = c.Date
		}
		// The stated conversion is checked at the rate between the figure's
		// currency and its own.
		if a, b := fig.Currency, cv.Currency; a != b && unit.IsCurrency(a) && unit.IsCurrency(b) && !l.hasRate(a, b) {
			f.errorf("conversion.currency", fmt.Sprintf("add a site-wide parameter with unit \"%s/%s\" and a period to claims/parameters.toml", a, b), "no exchange rate between %s and %s", a, b)
		}
	}
	foreign := t.Currency != "" && fig.Currency != t.Currency && unit.IsCurrency(fig.Currency)
	if foreign && !l.hasRate(fig.Currency, t.Currency) {
		f.errorf("figure.currency", fmt.Sprintf("add a site-wide parameter with unit \"%s/%s\" and a period to claims/parameters.toml", fig.Currency, t.Currency), "no exchange rate between %s and %s", fig.Currency, t.Currency)
	}
	if foreign && c.Spent.IsZero() {
		f.missing("spent", "a figure in another currency is converted at the rate of when the money was spent: add spent = YYYY-MM-DD")
	}
	// Where it was made and repeated.
	if !f.has("source") {
		f.missing("source", "add a [source] table: where the claim was made")
	} else {
		l.citation(f, t, "source", &c.Source)
	}
	for i := range c.Repeated {
		l.citation(f, t, fmt.Sprintf("repeated[%d]", i), &c.Repeated[i])
	}
	if o := c.Origin; o != nil {
		f.required("origin.by", o.By, "who first produced the figure, e.g. by = \"DeepSeek\"")
		if o.Kind == "" {
			o.Kind = Organization
		} else {
			oneOf(f, "origin.kind", o.Kind, ClaimantKinds(), false)
		}
		if f.required("origin.source", o.Source, "the ID of the document the figure first appeared in") {
			o.SourceID = l.source(f, "origin.source", t.ID, o.Source)
			o.Origins = l.origins(o.SourceID)
			if s := l.sources[o.SourceID]; s != nil {
				if o.Date.IsZero() {
					o.Date = s.Published
				}
				if o.Language == "" {
					o.Language = s.Language
				}
			}
		}
		if o.Language != "" && f.has("origin.language") {
			f.language("origin.language", o.Language)
		}
	}
	for i, ev := range c.Evidence {
		c.Evidence[i] = l.source(f, fmt.Sprintf("evidence[%d]", i), t.ID, ev)
	}
	for i := range c.Parts {
		p := fmt.Sprintf("parts[%d]", i)
		pt := &c.Parts[i]
		f.required(p+".label", pt.Label, "")
		l.amount(f, t, p, &pt.Value, pt.Currency, &pt.Rounding)
		if pt.Currency != "" && fig.Currency != "" && pt.Currency != fig.Currency {
			f.errorf(p+".currency", "state parts in the figure's currency", "part is in %s, the figure in %s", pt.Currency, fig.Currency)
		}
	}
	for i, cr := range c.Correction {
		p := fmt.Sprintf("corrections[%d]", i)
		if cr.Date.IsZero() {
			f.missing(p+".date", "the date the fact-check was corrected, e.g. date = 2025-02-10")
		} else if f.exact(p+".date", cr.Date); !c.Published.IsZero() && cr.Date.Before(c.Published) {
			f.errorf(p+".date", "a correction comes after the fact-check it corrects: check this date and the claim's published date", "correction date (%s) is before the fact-check was published (%s)", cr.Date, c.Published)
		}
		f.required(p+".change", cr.Change, "what changed, e.g. \"the verdict changed from Accurate to Misleading\"")
		f.required(p+".reason", cr.Reason, "why it changed")
	}
}

// negative reports a parameter's value below zero at path.
func (f *file) negative(path string, v float64) {
	got := f.raw(path)
	if got == "" {
		got = fmt.Sprint(v)
	}
	f.errorf(path, "a cost model's inputs are counts, prices and rates: if this one may be below zero, set negative = true", "%s must not be negative, got %s", lastKey(path), got)
}

// amount checks a value, currency and rounding at prefix, and sets the
// rounding implied by how the value is written when none is given.
func (l *loader) amount(f *file, t *Topic, prefix string, value *float64, currency string, rounding *float64) {
	if !f.has(prefix + ".value") {
		f.missing(prefix+".value", "the amount in units, e.g. value = 5.6e6 for $5.6 million")
	} else if !(*value > 0) || !finite(*value) {
		got := f.raw(prefix + ".value")
		if got == "" {
			got = fmt.Sprint(*value)
		}
		f.errorf(prefix+".value", "write the amount in units, e.g. 5.6e6 for $5.6 million", "value must be a positive number, got %s", got)
	} else if *rounding == 0 {
		*rounding = ImpliedRounding(f.raw(prefix + ".value"))
	} else if *rounding < 0 {
		f.errorf(prefix+".rounding", "", "rounding must be positive")
	}
	if f.required(prefix+".currency", currency, `a currency code such as "USD"`) {
		f.currency(prefix+".currency", currency)
	}
}

// ImpliedRounding returns the unit of the last significant digit of a
// number as written in TOML: "5.6e6" → 100000, "5_576_000" → 1000,
// "139e6" → 1e6, "1000000000" → 1e9. It returns 0 when s is not a number.
func ImpliedRounding(s string) float64 {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "")
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil {
			return 0
		}
		mant, exp = s[:i], e
	}
	mant = strings.TrimLeft(mant, "+")
	if _, err := strconv.ParseFloat(mant, 64); err != nil {
		return 0
	}
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		frac := mant[i+1:]
		return math.Pow10(exp - len(frac))
	}
	trail := len(mant) - len(strings.TrimRight(mant, "0"))
	if trail == len(mant) {
		return math.Pow10(exp)
	}
	return math.Pow10(exp + trail)
}

func (l *loader) citation(f *file, t *Topic, p string, c *Citation) {
	if f.required(p+".source", c.Source, "the ID of a source in sources.toml") {
		c.SourceID = l.source(f, p+".source", t.ID, c.Source)
		c.Origins = l.origins(c.SourceID)
	}
	if c.Language == "" {
		if s := l.sources[c.SourceID]; s != nil {
			c.Language = s.Language
		}
	} else {
		f.language(p+".language", c.Language)
	}
	if l.set.Site != nil && c.Quote != "" && c.Language != "" && !sameLanguage(c.Language, l.set.Site.Language) && c.Translation == "" {
		f.missing(p+".translation", fmt.Sprintf("the quote is in %q: add a translation into the site's language (%q)", c.Language, l.set.Site.Language))
	}
}

func sameLanguage(a, b string) bool {
	pa, _, _ := strings.Cut(strings.ToLower(a), "-")
	pb, _, _ := strings.Cut(strings.ToLower(b), "-")
	return pa == pb
}

// source resolves a source reference and reports it when unknown.
func (l *loader) source(f *file, p, topic, ref string) string {
	id, ok := ResolveSource(func(id string) bool { return l.sources[id] != nil }, topic, ref)
	if !ok {
		var names []string
		for id := range l.sources {
			if !strings.Contains(id, "/") || strings.HasPrefix(id, topic+"/") {
				names = append(names, strings.TrimPrefix(id, topic+"/"))
			}
		}
		slices.Sort(names)
		hint := "add it to " + path2(topic) + " or fix the name"
		if near := spell.Closest(ref, names); near != "" {
			hint = fmt.Sprintf("did you mean %q? %s", near, hint)
		}
		f.errorf(p, hint, "unknown source %q", ref)
	}
	return id
}

func path2(topic string) string {
	if topic == "" {
		return "claims/sources.toml"
	}
	return "claims/" + topic + "/sources.toml or claims/sources.toml"
}

// hasRate reports whether a site-wide parameter converts between a and b.
func (l *loader) hasRate(a, b string) bool {
	for _, p := range l.set.Parameters {
		if from, to, ok := p.Rate(); ok && (from == a && to == b || from == b && to == a) {
			return true
		}
	}
	return false
}

func (l *loader) checkClaimIDs() {
	for _, t := range l.set.Topics {
		for _, c := range t.Claims {
			for i, pt := range c.Parts {
				if pt.Claim == "" {
					continue
				}
				id := pt.Claim
				if !strings.Contains(id, "/") {
					id = t.ID + "/" + id
				}
				if l.set.Claim(id) == nil {
					f := &file{path: c.File, errs: &l.errs}
					f.ix = l.index(c.File)
					f.errorf(fmt.Sprintf("parts[%d].claim", i), "a claim ID is TOPIC/NAME, the claim file's path under claims/", "unknown claim %q", pt.Claim)
				} else {
					c.Parts[i].Claim = id
				}
			}
		}
	}
}

func (l *loader) index(path string) *keypos.Index {
	ix, _ := keypos.Parse(l.set.Files[path])
	return ix
}

// Field checks shared by every file kind.

func (f *file) required(p, v, hint string) bool {
	if strings.TrimSpace(v) == "" {
		if f.has(p) {
			f.errorf(p, hint, "%s must not be empty", lastKey(p))
		} else {
			f.missing(p, hint)
		}
		return false
	}
	return true
}

func (f *file) url(p, v string) {
	u, err := url.Parse(v)
	switch {
	case err != nil:
		f.errorf(p, "write a full address such as https://example.org/page", "%s is not a valid URL", lastKey(p))
	case u.Scheme != "http" && u.Scheme != "https":
		f.errorf(p, "write a full address such as https://example.org/page", "%s must be an http or https URL, got %q", lastKey(p), v)
	case u.Host == "":
		f.errorf(p, "write a full address such as https://example.org/page", "%s has no host", lastKey(p))
	}
}

func (f *file) currency(p, v string) {
	if !unit.IsCurrency(v) {
		f.errorf(p, "use an ISO 4217 code such as USD, CNY or EUR", "%q is not a currency code", v)
	}
}

func (f *file) unit(p, v string) {
	if _, err := unit.Parse(v); err != nil {
		f.errorf(p, `units are names joined by * and /, e.g. "USD/GPU-h"; "1" for a plain number`, "bad unit %q: %v", v, err)
	}
}

func (f *file) language(p, v string) {
	ok := len(v) >= 2
	for i, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || (i >= 2 && (r == '-' || r >= '0' && r <= '9'))) {
			ok = false
		}
	}
	if !ok {
		f.errorf(p, "use a BCP 47 language tag such as \"en\", \"ar\" or \"zh-Hans\"", "%q is not a language tag", v)
	}
}

// oneOf checks that e, at p, is one of values (the list of its enum type);
// an empty e is an error only when required.
func oneOf[E ~string](f *file, p string, e E, values []E, required bool) {
	v := string(e)
	allowed := make([]string, len(values))
	for i, a := range values {
		allowed[i] = string(a)
	}
	if v == "" {
		if required {
			f.missing(p, "one of: "+strings.Join(allowed, ", "))
		}
		return
	}
	if !slices.Contains(allowed, v) {
		hint := "one of: " + strings.Join(allowed, ", ")
		if near := spell.Closest(v, allowed); near != "" {
			hint = fmt.Sprintf("did you mean %q? %s", near, hint)
		}
		f.errorf(p, hint, "%s %q is not allowed", lastKey(p), v)
	}
}

// ref reports whether v names an entry of m, the names a reference of
// this kind may take, and records an error with a hint when it does not.
func ref[V any](f *file, p, v, kind string, m map[string]V) bool {
	if _, ok := m[v]; ok {
		return true
	}
	names := slices.Sorted(maps.Keys(m))
	hint := fmt.Sprintf("known %ss: %s", kind, strings.Join(names, ", "))
	if near := spell.Closest(v, names); near != "" {
		hint = fmt.Sprintf("did you mean %q? %s", near, hint)
	}
	f.errorf(p, hint, "unknown %s %q", kind, v)
	return false
}

func lastKey(p string) string {
	segs := keypos.Split(p)
	for i := len(segs) - 1; i >= 0; i-- {
		if !strings.HasPrefix(segs[i], "[") {
			return segs[i]
		}
	}
	return p
}

func validName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// validateConfusedWith checks a topic's confused_with groups against its
// claim files (files, with ".toml"): each group names two or more claims,
// each once.
func (l *loader) validateConfusedWith(f *file, t *Topic, files []string) {
	known := map[string]bool{}
	for _, n := range files {
		known[strings.TrimSuffix(n, ".toml")] = true
	}
	for i, g := range t.ConfusedWith {
		p := fmt.Sprintf("confused_with[%d]", i)
		if len(g) < 2 {
			f.errorf(p, `e.g. confused_with = [["v3-report-5-576m", "r1-compute-5-6m"]]`, "a confused_with group names at least two claims")
		}
		seen := map[string]bool{}
		for j, n := range g {
			q := fmt.Sprintf("%s[%d]", p, j)
			if seen[n] {
				f.errorf(q, "name each claim of a group once", "claim %q is twice in the group", n)
			} else {
				ref(f, q, n, "claim", known)
			}
			seen[n] = true
		}
	}
}
