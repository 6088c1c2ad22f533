package claim

import (
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"reckon/generator/diag"
	"reckon/generator/input"

	"reckon/generator/keypos"
	"reckon/generator/slug"
	"reckon/generator/spell"
)

// Edition is one [[editions]] entry of site.toml: the site in one
// language. The first edition is the main one, published at the root in
// the site's language; every other is a full copy of the site under its
// Prefix, made from the same claims and models with their translations
// (see [Translations]).
type Edition struct {
	Lang   string `toml:"lang"`   // required: a BCP 47 tag; the main edition's is the site's language
	Dir    string `toml:"dir"`    // "ltr" or "rtl"; default the direction of the edition's catalog
	Prefix string `toml:"prefix"` // the folder it is published under: "" for the main edition, a slug for the others
	// Fallback lets a claim, topic or page without a complete translation
	// be published in the main language, marked as such; without it, every
	// missing translation is an error.
	Fallback bool `toml:"fallback"`
	// Digits are the digits of the edition's numbers: "latn" (0-9) or
	// "arab" (Arabic-Indic); default the catalog's (number_digits).
	Digits string `toml:"digits"`
}

// Translations holds an entry's texts in the site's other editions: by
// edition language, then by key. Which keys an entry takes is listed with
// each type (see docs/formats.md, "Editions and translations").
type Translations map[string]map[string]string

// Text returns the text of key in lang, or main when there is none.
func (t Translations) Text(lang, key, main string) string {
	if v, ok := t[lang][key]; ok {
		return v
	}
	return main
}

// indexRE matches the index of an array of tables in a key path, which a
// table header does not write.
var indexRE = regexp.MustCompile(`\[\d+\]`)

// reservedPrefixes are the top-level folders of the site's output, which
// an edition's prefix may not take.
var reservedPrefixes = []string{"assets", "claims", "corrections", "data", "embed", "images", "schemas", "sources", "topics"}

// DigitStyles are the values of an edition's digits.
func DigitStyles() []string { return []string{"latn", "arab"} }

// Main returns the main edition: the first, or, for a site without
// editions, one in the site's language.
func (s *Site) Main() Edition {
	if len(s.Editions) > 0 {
		return s.Editions[0]
	}
	return Edition{Lang: s.Language}
}

// Others returns the editions other than the main one.
func (s *Site) Others() []Edition {
	if len(s.Editions) < 2 {
		return nil
	}
	return s.Editions[1:]
}

// validateEditions checks the [[editions]] of site.toml.
func (f *file) validateEditions(s *Site) {
	langs, prefixes := map[string]bool{}, map[string]bool{}
	for i, e := range s.Editions {
		p := fmt.Sprintf("editions[%d]", i)
		if f.required(p+".lang", e.Lang, `a language tag such as "en" or "ar"`) {
			f.language(p+".lang", e.Lang)
			if slices.Contains(reservedPrefixes, strings.ToLower(e.Lang)) {
				f.errorf(p+".lang", "an edition's commentary is content/LANG/, beside content's own folders", "lang %q is not a language", e.Lang)
			}
			if langs[PrimaryTag(e.Lang)] {
				f.errorf(p+".lang", "each edition is in a language of its own", "a second edition in %q", e.Lang)
			}
			langs[PrimaryTag(e.Lang)] = true
		}
		if e.Dir != "" && e.Dir != "ltr" && e.Dir != "rtl" {
			f.errorf(p+".dir", `"ltr" (left to right) or "rtl" (right to left)`, "dir must be \"ltr\" or \"rtl\", got %q", e.Dir)
		}
		if e.Digits != "" && !slices.Contains(DigitStyles(), e.Digits) {
			f.errorf(p+".digits", `"latn" (0-9) or "arab" (Arabic-Indic)`, "digits must be \"latn\" or \"arab\", got %q", e.Digits)
		}
		if i == 0 {
			if e.Lang != "" && !sameLanguage(e.Lang, s.Language) {
				f.errorf(p+".lang", "the first edition is the main one, in the site's language: list it first, or set language", "the main edition is in %q, the site's language is %q", e.Lang, s.Language)
			}
			if f.has(p + ".prefix") {
				f.errorf(p+".prefix", "the first edition is the main one, published at the site's root", "the main edition takes no prefix")
			}
			if e.Fallback {
				f.errorf(p+".fallback", "fallback is for the other editions, which fall back to the main one", "the main edition cannot fall back")
			}
			continue
		}
		switch {
		case !f.required(p+".prefix", e.Prefix, `the folder the edition is published under, e.g. prefix = "ar"`):
		case !slug.Valid(e.Prefix):
			f.errorf(p+".prefix", "use lower-case letters, digits and hyphens: it becomes the edition's URL", "prefix %q is not a valid slug", e.Prefix)
		case slices.Contains(reservedPrefixes, e.Prefix):
			f.errorf(p+".prefix", "the site uses /"+e.Prefix+"/ itself: choose another, such as the language tag", "prefix %q is a folder of the site", e.Prefix)
		case prefixes[e.Prefix]:
			f.errorf(p+".prefix", "each edition has a folder of its own", "a second edition under %q", e.Prefix)
		}
		prefixes[e.Prefix] = true
	}
}

// PrimaryTag returns the language subtag of a BCP 47 tag, lower-cased.
func PrimaryTag(lang string) string {
	base, _, _ := strings.Cut(lang, "-")
	return strings.ToLower(base)
}

// field is a text of an entry that an edition translates: its key under
// translations.LANG, its text in the main language, and the path of that
// text in the file ("" when the key is only allowed, never required).
type field struct{ key, text, at string }

// translated checks the translations of the entry at path p of f (p is ""
// for the file's top level), whose translatable texts fields returns for
// each edition's language: every language is one of the site's other
// editions, every key is one of the fields, no translation is empty, and,
// for an edition that does not fall back, every field with a text is
// translated. A missing translation is reported at the text to translate.
func (l *loader) translated(f *file, p string, tr Translations, fields func(lang string) []field) {
	site := l.set.Site
	if site == nil {
		return
	}
	at := func(k string) string {
		if p == "" {
			return k
		}
		return p + "." + k
	}
	others := site.Others()
	var names []string
	for _, e := range others {
		names = append(names, e.Lang)
	}
	for _, lang := range slices.Sorted(maps.Keys(tr)) {
		tp := at("translations." + keypos.Path(lang))
		if !slices.ContainsFunc(others, func(e Edition) bool { return e.Lang == lang }) {
			hint := "add an [[editions]] entry for it to claims/site.toml"
			if len(names) > 0 {
				hint = "the site's other editions: " + strings.Join(names, ", ")
			}
			f.errs.Add(f.keyPos(tp), hint, "translations into %q, which is not one of the site's other editions", lang)
			continue
		}
		var keys []string
		for _, fd := range fields(lang) {
			keys = append(keys, fd.key)
		}
		for _, k := range slices.Sorted(maps.Keys(tr[lang])) {
			kp := tp + "." + keypos.Path(k)
			if !slices.Contains(keys, k) {
				hint := "known keys here: " + strings.Join(keys, ", ")
				if near := spell.Closest(k, keys); near != "" {
					hint = fmt.Sprintf("did you mean %q? %s", near, hint)
				}
				f.errs.Add(f.keyPos(kp), hint, "unknown key %q", k)
				continue
			}
			f.required(kp, tr[lang][k], "")
		}
	}
	for _, e := range others {
		for _, fd := range fields(e.Lang) {
			if fd.at == "" || strings.TrimSpace(fd.text) == "" {
				continue
			}
			if _, ok := tr[e.Lang][fd.key]; ok {
				continue
			}
			table := indexRE.ReplaceAllString(at("translations."+keypos.Path(e.Lang)), "")
			if e.Fallback {
				l.mu.Lock()
				l.set.Untranslated.Add(f.keyPos(fd.at), fmt.Sprintf("add %s under [%s]", fd.key, table), "%s has no %q translation", fd.at, e.Lang)
				l.mu.Unlock()
				continue
			}
			f.errs.Add(f.keyPos(fd.at), fmt.Sprintf("add %s under [%s], or set fallback = true on the %q edition in claims/site.toml", fd.key, table, e.Lang),
				"%s has no %q translation", fd.at, e.Lang)
		}
	}
}

// Complete reports whether tr translates, into lang, every field that has
// a text: that is, whether the entry is published in lang rather than
// falling back to the main language.
func complete(tr Translations, lang string, fields []field) bool {
	for _, fd := range fields {
		if fd.at == "" || strings.TrimSpace(fd.text) == "" {
			continue
		}
		if _, ok := tr[lang][fd.key]; !ok {
			return false
		}
	}
	return true
}

// The translatable texts of each kind of entry.

func siteFields(s *Site) []field {
	return []field{{"title", s.Title, "title"}, {"description", s.Description, "description"}}
}

func levelFields(p string, lv RatingLevel) []field {
	return []field{{"label", lv.Label, p + ".label"}, {"description", lv.Description, p + ".description"}}
}

// sourceFields are a source's translatable texts. Its title and
// publisher are translated only when they are descriptions of ours (an
// untraced article, "a news site"): a document's real title stays as
// published, so neither is ever required.
func sourceFields(p string, s *Source) []field {
	return []field{{"title", s.Title, ""}, {"publisher", s.Publisher, ""}, {"locator", s.Locator, p + ".locator"}, {"note", s.Note, p + ".note"}}
}

func topicFields(t *Topic) []field {
	return []field{{"title", t.Title, "title"}, {"question", t.Question, "question"}, {"summary", t.Summary, "summary"}}
}

func paramFields(p string, prm *Parameter) []field {
	return []field{{"label", prm.Label, p + ".label"}, {"locator", prm.Locator, p + ".locator"}, {"note", prm.Note, p + ".note"}}
}

func formulaFields(p string, fm *Formula) []field {
	return []field{{"label", fm.Label, p + ".label"}, {"note", fm.Note, p + ".note"}}
}

func componentFields(p string, c *Component) []field {
	return []field{{"label", c.Label, p + ".label"}, {"description", c.Description, p + ".description"}}
}

func scopeFields(p string, s *Scope) []field {
	return []field{{"label", s.Label, p + ".label"}, {"description", s.Description, p + ".description"}}
}

// claimFields are a claim's translatable texts in lang. Its claimant is a
// name, translated only when it is a description (claimant_unnamed); the
// quote needs a translation only when it is in another language than lang,
// and is otherwise shown as said.
func claimFields(c *Claim, lang string) []field {
	claimant := field{"claimant", c.Claimant, ""}
	if c.Unnamed {
		claimant.at = "claimant"
	}
	quote := field{"quote", c.Source.Quote, "source.quote"}
	if c.Source.Language != "" && sameLanguage(c.Source.Language, lang) {
		quote.at = ""
	}
	fields := []field{
		{"title", c.Title, "title"}, {"summary", c.Summary, "summary"}, claimant,
		{"claimant_role", c.ClaimantRole, "claimant_role"}, quote,
		{"locator", c.Source.Locator, "source.locator"}, {"note", c.Source.Note, "source.note"},
		// The figure as stated is the claimant's words, translated only
		// when it is our rendering of them.
		{"figure", c.Figure.Text, ""},
	}
	origin := []field{{"origin_by", "", ""}, {"origin_quote", "", ""}, {"origin_locator", "", ""}, {"origin_figure", "", ""}, {"origin_note", "", ""}}
	if o := c.Origin; o != nil {
		origin[0].text = o.By
		if o.Unnamed {
			origin[0].at = "origin.by"
		}
		origin[1] = field{"origin_quote", o.Quote, "origin.quote"}
		if o.Language != "" && sameLanguage(o.Language, lang) {
			origin[1].at = ""
		}
		origin[2] = field{"origin_locator", o.Locator, "origin.locator"}
		origin[3].text = o.Figure
		origin[4] = field{"origin_note", o.Note, "origin.note"}
	}
	return append(fields, origin...)
}

func partFields(p string, pt Part) []field {
	return []field{{"label", pt.Label, p + ".label"}, {"note", pt.Note, p + ".note"}}
}

func repeatedFields(p string, c Citation) []field {
	return []field{{"locator", c.Locator, p + ".locator"}, {"note", c.Note, p + ".note"}}
}

// claimComplete reports whether the claim's own translations and those of
// its parts and [[repeated]] citations are complete in lang.
func claimComplete(c *Claim, lang string) bool {
	if !complete(c.Translations, lang, claimFields(c, lang)) {
		return false
	}
	for i, pt := range c.Parts {
		if !complete(pt.Translations, lang, partFields(fmt.Sprintf("parts[%d]", i), pt)) {
			return false
		}
	}
	for i, rep := range c.Repeated {
		if !complete(rep.Translations, lang, repeatedFields(fmt.Sprintf("repeated[%d]", i), rep)) {
			return false
		}
	}
	return true
}

func same(fields []field) func(string) []field { return func(string) []field { return fields } }

// Translate returns a copy of s for the edition in lang: every text that
// has a translation into lang replaced by it, the quotes already in lang
// shown as said (without a translation), and the site's language set to
// lang. A claim or topic whose translation is not complete keeps every
// text of the main language; fallback holds the IDs of those
// ("claim:TOPIC/NAME", "topic:TOPIC"), which the edition marks as being in the
// main language. The copy shares nothing that the translation changes, so
// s is left as it was; it must be computed anew (costmodel.Compute).
func (s *Set) Translate(lang string) (out *Set, fallback map[string]bool) {
	fallback = map[string]bool{}
	site := *s.Site
	site.Language = lang
	site.Title = site.Translations.Text(lang, "title", site.Title)
	site.Description = site.Translations.Text(lang, "description", site.Description)
	site.Rating.Levels = slices.Clone(site.Rating.Levels)
	for i := range site.Rating.Levels {
		lv := &site.Rating.Levels[i]
		lv.Label = lv.Translations.Text(lang, "label", lv.Label)
		lv.Description = lv.Translations.Text(lang, "description", lv.Description)
	}
	out = &Set{Site: &site, Parameters: map[string]*Parameter{}, Files: s.Files}
	params := map[*Parameter]*Parameter{}
	param := func(p *Parameter) *Parameter {
		if q, ok := params[p]; ok {
			return q
		}
		q := *p
		q.Label = p.Translations.Text(lang, "label", p.Label)
		q.Locator = p.Translations.Text(lang, "locator", p.Locator)
		q.Note = p.Translations.Text(lang, "note", p.Note)
		params[p] = &q
		return &q
	}
	for name, p := range s.Parameters {
		out.Parameters[name] = param(p)
	}
	main := s.Site.Language
	sources := map[string]*Source{}
	for _, src := range s.Sources {
		c := *src
		c.Language = cmp.Or(c.Language, main)
		c.TitleLanguage = cmp.Or(c.TitleLanguage, c.Language)
		if t, ok := src.Translations[lang]["title"]; ok {
			c.Title, c.TitleLanguage = t, lang
		}
		c.Publisher = src.Translations.Text(lang, "publisher", src.Publisher)
		c.Locator = src.Translations.Text(lang, "locator", src.Locator)
		c.Note = src.Translations.Text(lang, "note", src.Note)
		sources[c.ID] = &c
		out.Sources = append(out.Sources, &c)
	}
	for _, t := range s.Topics {
		tc := *t
		if complete(t.Translations, lang, topicFields(t)) {
			tc.Title = t.Translations.Text(lang, "title", t.Title)
			tc.Question = t.Translations.Text(lang, "question", t.Question)
			tc.Summary = t.Translations.Text(lang, "summary", t.Summary)
		} else {
			fallback["topic:"+t.ID] = true
		}
		tc.Sources = make([]*Source, len(t.Sources))
		for i, src := range t.Sources {
			tc.Sources[i] = sources[src.ID]
		}
		if t.Model != nil {
			m := *t.Model
			m.Parameters, m.Formulas, m.Components, m.Scopes = map[string]*Parameter{}, map[string]*Formula{}, map[string]*Component{}, map[string]*Scope{}
			m.Inputs = map[string]*Parameter{}
			for name, p := range t.Model.Parameters {
				m.Parameters[name] = param(p)
			}
			for name, p := range t.Model.Inputs {
				m.Inputs[name] = param(p)
			}
			for name, fm := range t.Model.Formulas {
				c := *fm
				c.Label = fm.Translations.Text(lang, "label", fm.Label)
				c.Note = fm.Translations.Text(lang, "note", fm.Note)
				m.Formulas[name] = &c
			}
			for name, cp := range t.Model.Components {
				c := *cp
				c.Label = cp.Translations.Text(lang, "label", cp.Label)
				c.Description = cp.Translations.Text(lang, "description", cp.Description)
				m.Components[name] = &c
			}
			for name, sc := range t.Model.Scopes {
				c := *sc
				c.Label = sc.Translations.Text(lang, "label", sc.Label)
				c.Description = sc.Translations.Text(lang, "description", sc.Description)
				m.Scopes[name] = &c
			}
			tc.Model = &m
		}
		tc.Claims = make([]*Claim, len(t.Claims))
		for i, c := range t.Claims {
			cc := *c
			cc.Source.Translation = c.Source.Translation
			cc.Repeated = slices.Clone(c.Repeated)
			cc.Parts = slices.Clone(c.Parts)
			if claimComplete(c, lang) {
				tr := c.Translations
				cc.Title = tr.Text(lang, "title", c.Title)
				cc.Summary = tr.Text(lang, "summary", c.Summary)
				cc.Claimant = tr.Text(lang, "claimant", c.Claimant)
				cc.ClaimantRole = tr.Text(lang, "claimant_role", c.ClaimantRole)
				cc.Figure.Text = tr.Text(lang, "figure", c.Figure.Text)
				cc.Source.Translation = tr.Text(lang, "quote", c.Source.Translation)
				cc.Source.Locator = tr.Text(lang, "locator", c.Source.Locator)
				cc.Source.Note = tr.Text(lang, "note", c.Source.Note)
				if c.Origin != nil {
					o := *c.Origin
					o.By = tr.Text(lang, "origin_by", o.By)
					o.Translation = tr.Text(lang, "origin_quote", o.Translation)
					o.Locator = tr.Text(lang, "origin_locator", o.Locator)
					o.Figure = tr.Text(lang, "origin_figure", o.Figure)
					o.Note = tr.Text(lang, "origin_note", o.Note)
					cc.Origin = &o
				}
				for j := range cc.Parts {
					pt := &cc.Parts[j]
					pt.Label = pt.Translations.Text(lang, "label", pt.Label)
					pt.Note = pt.Translations.Text(lang, "note", pt.Note)
				}
				for j := range cc.Repeated {
					rep := &cc.Repeated[j]
					rep.Locator = rep.Translations.Text(lang, "locator", rep.Locator)
					rep.Note = rep.Translations.Text(lang, "note", rep.Note)
				}
			} else {
				fallback["claim:"+c.ID] = true
			}
			// A quote in the edition's language is shown as said; one in
			// the main language says so, now that it is not the page's.
			cc.Source.Language = cmp.Or(cc.Source.Language, main)
			if sameLanguage(cc.Source.Language, lang) {
				cc.Source.Translation = ""
			}
			for j := range cc.Repeated {
				cc.Repeated[j].Language = cmp.Or(cc.Repeated[j].Language, main)
				if sameLanguage(cc.Repeated[j].Language, lang) {
					cc.Repeated[j].Translation = ""
				}
			}
			if cc.Origin != nil {
				o := *cc.Origin
				o.Language = cmp.Or(o.Language, main)
				if sameLanguage(o.Language, lang) {
					o.Translation = ""
				}
				cc.Origin = &o
			}
			tc.Claims[i] = &cc
		}
		out.Topics = append(out.Topics, &tc)
	}
	return out, fallback
}

// checkSiteTranslations checks the editions of site.toml and the
// translations of its texts.
func (l *loader) checkSiteTranslations(f *file, s *Site) {
	f.validateEditions(s)
	l.translated(f, "", s.Translations, same(siteFields(s)))
	for i, lv := range s.Rating.Levels {
		p := fmt.Sprintf("rating.level[%d]", i)
		l.translated(f, p, lv.Translations, same(levelFields(p, lv)))
	}
}

// checkClaimTranslations checks the translations of a claim's parts and
// [[repeated]] citations. Its own source citation is translated in the
// claim's table (locator, note, quote), not in one of its own.
func (l *loader) checkClaimTranslations(f *file, c *Claim) {
	for _, lang := range slices.Sorted(maps.Keys(c.Source.Translations)) {
		f.errorf("source.translations."+keypos.Path(lang), "translate the source citation's locator, note and quote under the claim's [translations.LANG]", "a claim's source is translated in the claim's translations")
	}
	for i, pt := range c.Parts {
		p := fmt.Sprintf("parts[%d]", i)
		l.translated(f, p, pt.Translations, same(partFields(p, pt)))
	}
	for i, rep := range c.Repeated {
		p := fmt.Sprintf("repeated[%d]", i)
		l.translated(f, p, rep.Translations, same(repeatedFields(p, rep)))
	}
}

// checkModelTranslations checks the translations of a model's entries.
func (l *loader) checkModelTranslations(f *file, m *Model) {
	for _, name := range slices.Sorted(maps.Keys(m.Parameters)) {
		p := keypos.Path("parameters", name)
		l.translated(f, p, m.Parameters[name].Translations, same(paramFields(p, m.Parameters[name])))
	}
	for _, name := range slices.Sorted(maps.Keys(m.Formulas)) {
		p := keypos.Path("formulas", name)
		l.translated(f, p, m.Formulas[name].Translations, same(formulaFields(p, m.Formulas[name])))
	}
	for _, name := range slices.Sorted(maps.Keys(m.Components)) {
		p := keypos.Path("components", name)
		l.translated(f, p, m.Components[name].Translations, same(componentFields(p, m.Components[name])))
	}
	for _, name := range slices.Sorted(maps.Keys(m.Scopes)) {
		p := keypos.Path("scopes", name)
		l.translated(f, p, m.Scopes[name].Translations, same(scopeFields(p, m.Scopes[name])))
	}
}

// EditionLangs returns the languages of the other editions that
// dir/site.toml in fsys lists, without checking the file (that is
// [Load]'s): so that the commentary of each (content/LANG/) can be loaded
// apart from the main edition's while the claims load. It returns nil when
// the file cannot be read or decoded.
func EditionLangs(fsys fs.FS, dir string) []string {
	var errs diag.List
	f, _, _ := readFile(&input.Reader{FS: fsys}, path.Join(dir, SiteFile), &errs)
	if f == nil {
		return nil
	}
	data := f.data
	var s struct {
		Editions []struct {
			Lang string `toml:"lang"`
		} `toml:"editions"`
	}
	if _, err := toml.Decode(string(data), &s); err != nil {
		return nil
	}
	var out []string
	for i, e := range s.Editions {
		if i > 0 && ValidTag(e.Lang) {
			out = append(out, e.Lang)
		}
	}
	return out
}

// ValidTag reports whether lang has the form of a BCP 47 tag that names
// an edition's folder: letters, then letters, digits and hyphens, and not
// one of the site's own folders.
func ValidTag(lang string) bool {
	ok := len(lang) >= 2
	for i, r := range lang {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || (i >= 2 && (r == '-' || r >= '0' && r <= '9'))) {
			ok = false
		}
	}
	return ok && !slices.Contains(reservedPrefixes, strings.ToLower(lang))
}
