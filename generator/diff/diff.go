package diff

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	godiff "github.com/rogpeppe/go-internal/diff"

	"reckon/generator/chart"
	"reckon/generator/claim"
	"reckon/generator/content"
	"reckon/generator/costmodel"
	"reckon/generator/route"
	reckontext "reckon/generator/text"
)

// Site is one version of a site, loaded and reconciled.
type Site struct {
	Set     *claim.Set
	Results *costmodel.Results
	Docs    *content.Set
	// Editions are the commentary of the site's other editions, each
	// loaded from its own folder, content/LANG/ (see docs/formats.md).
	Editions []*content.Set
	Charts   []*chart.Chart
	// Files holds every file under claims/ and content/, by slash path.
	Files map[string][]byte
}

// Options control a comparison. The zero value is the default.
type Options struct {
	// BaseURL is where the new version is previewed; when set, charts link
	// to their pages there. It ends in "/".
	BaseURL string
}

// Status says what happened to an entity.
const (
	Added   = "added"
	Removed = "removed"
	Renamed = "renamed" // the same content under a new path
	Changed = "changed"
)

// Report is everything that changed between two versions. Every list is
// sorted by ID (or topic, then name, or file); a list is empty, not nil, in
// JSON when nothing of its kind changed.
type Report struct {
	Claims     []ClaimChange   `json:"claims"`
	Sources    []EntityChange  `json:"sources"`
	Topics     []EntityChange  `json:"topics"`
	Site       []Field         `json:"site"` // claims/site.toml
	Model      []ModelChange   `json:"model"`
	Scopes     []ScopeChange   `json:"scopes"`
	Verdicts   []VerdictChange `json:"verdicts"`
	Commentary []DocChange     `json:"commentary"`
	Values     []ValueChange   `json:"values"`
	Charts     []ChartChange   `json:"charts"`
	// Files are the files that changed without a change to any value
	// decoded from them: comments, formatting, files Reckon does not read.
	Files []string `json:"other_files"`
	// Uncorrected lists the published claims (those in the old version)
	// whose figure, scope or rating changed without a new correction entry.
	Uncorrected []Uncorrected `json:"uncorrected"`
}

// ClaimChange is a claim added, removed, renamed or changed.
type ClaimChange struct {
	ID     string  `json:"id"`
	Status string  `json:"status"`
	From   string  `json:"from,omitempty"` // the old ID of a renamed claim
	File   string  `json:"file"`           // the claim's file in the new version (the old one when removed)
	Fields []Field `json:"fields"`         // for an added or removed claim, every key it sets
	// CorrectionOnly is true when the only keys that changed are
	// correction entries.
	CorrectionOnly bool `json:"correction_only,omitempty"`
}

// EntityChange is a source or a topic added, removed or changed.
type EntityChange struct {
	ID     string  `json:"id"`
	Status string  `json:"status"`
	Fields []Field `json:"fields"`
}

// ModelChange is a parameter, formula, component or scope of a model
// added, removed or changed. Topic is "" for a site-wide parameter
// (claims/parameters.toml).
type ModelChange struct {
	Topic  string  `json:"topic"`
	Kind   string  `json:"kind"` // "parameter", "formula", "component" or "scope"
	Name   string  `json:"name"`
	Status string  `json:"status"`
	Fields []Field `json:"fields"`
}

// Estimate is a value with its range, exact.
type Estimate struct {
	Central float64 `json:"central"`
	Low     float64 `json:"low"`
	High    float64 `json:"high"`
}

// ScopeChange is a scope whose estimate changed; Old or New is nil when
// the scope is new or gone.
type ScopeChange struct {
	Topic    string    `json:"topic"`
	Scope    string    `json:"scope"`
	Currency string    `json:"currency"`
	Old      *Estimate `json:"old"`
	New      *Estimate `json:"new"`
}

// Verdict is a claim's reconciliation, as the report compares it.
type Verdict struct {
	Rating      string   `json:"rating"` // the label
	RatingValue int      `json:"rating_value"`
	Best        int      `json:"best"`
	Figure      string   `json:"figure"`     // the figure axis: consistent, plausible, contradicted
	Framing     string   `json:"framing"`    // "" when the claim was not presented as another scope
	Parts       string   `json:"parts"`      // "" when it names no parts
	Conversion  string   `json:"conversion"` // "" when it states no conversion
	Support     string   `json:"support"`
	Model       Estimate `json:"model"`    // the model's value for the scope the figure measures
	Currency    string   `json:"currency"` // of Model
	Reasons     []string `json:"reasons"`
}

// VerdictChange is a claim whose verdict or reasons changed; Old is nil
// for a new claim, New for a removed one.
type VerdictChange struct {
	ID  string   `json:"id"`
	Old *Verdict `json:"old"`
	New *Verdict `json:"new"`
}

// RatingChanged reports whether the folded rating changed.
func (v VerdictChange) RatingChanged() bool {
	return v.Old != nil && v.New != nil && (v.Old.Rating != v.New.Rating || v.Old.RatingValue != v.New.RatingValue)
}

// DocChange is a commentary file added, removed, renamed or changed, with
// a unified diff of its text.
type DocChange struct {
	File   string `json:"file"`
	Status string `json:"status"`
	From   string `json:"from,omitempty"`
	Diff   string `json:"diff,omitempty"`
}

// ValueChange is a model value quoted in commentary ({{value ...}}) whose
// number changed. Old and New hold one number, or two for a range.
type ValueChange struct {
	File string    `json:"file"`
	Ref  string    `json:"ref"` // as written, without braces: "value deepseek h800_rental_rate"
	Unit string    `json:"unit"`
	Old  []float64 `json:"old"`
	New  []float64 `json:"new"`
}

// ChartChange is a chart whose data, title or caption changed, or that is
// new or gone.
type ChartChange struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Title  string `json:"title"`
	Page   string `json:"page,omitempty"`  // the page that shows it, in the preview (with Options.BaseURL)
	Embed  string `json:"embed,omitempty"` // its embed page, in the preview
}

// Uncorrected is a published claim whose figure, scope or rating changed
// with no new correction entry.
type Uncorrected struct {
	ID      string  `json:"id"`
	File    string  `json:"file"`
	Changes []Field `json:"changes"` // the figure, scope and rating keys that changed
	// Snippet is a [[corrections]] entry to fill in and add to File.
	Snippet string `json:"snippet"`
}

// Compare compares two versions of a site.
func Compare(old, new *Site, opt Options) *Report {
	r := &Report{}
	touched := map[string]bool{} // files whose changes the report shows
	pairs := r.compareClaims(old, new, touched)
	r.compareSources(old, new, touched)
	r.compareTopics(old, new, touched)
	r.Site = fields(old.Set.Site, new.Set.Site)
	if len(r.Site) > 0 {
		touched["claims/"+claim.SiteFile] = true
	}
	r.compareModels(old, new, touched)
	r.compareScopes(old, new)
	ov, nv := verdicts(old), verdicts(new)
	r.compareVerdicts(ov, nv, pairs)
	r.compareDocs(old, new, touched)
	r.compareValues(old, new)
	r.compareCharts(old, new, opt)
	for _, name := range unionKeys(old.Files, new.Files) {
		if !touched[name] && !bytes.Equal(old.Files[name], new.Files[name]) {
			r.Files = append(r.Files, name)
		}
	}
	r.findUncorrected(ov, nv, pairs)
	return r
}

// Empty reports whether nothing at all changed.
func (r *Report) Empty() bool {
	return len(r.Claims)+len(r.Sources)+len(r.Topics)+len(r.Site)+len(r.Model)+len(r.Scopes)+
		len(r.Verdicts)+len(r.Commentary)+len(r.Values)+len(r.Charts)+len(r.Files) == 0
}

// CorrectionOnly reports whether the change only adds or edits
// correction entries of claims.
func (r *Report) CorrectionOnly() bool {
	if len(r.Claims) == 0 {
		return false
	}
	for _, c := range r.Claims {
		if !c.CorrectionOnly {
			return false
		}
	}
	return len(r.Sources)+len(r.Topics)+len(r.Site)+len(r.Model)+len(r.Scopes)+
		len(r.Verdicts)+len(r.Commentary)+len(r.Values)+len(r.Charts)+len(r.Files) == 0
}

// JSON writes the report as indented JSON.
func (r *Report) JSON(w io.Writer) error {
	out := *r
	// Empty lists, not null, so that readers need no nil checks.
	for _, p := range []any{&out.Claims, &out.Sources, &out.Topics, &out.Site, &out.Model, &out.Scopes,
		&out.Verdicts, &out.Commentary, &out.Values, &out.Charts, &out.Files, &out.Uncorrected} {
		v := reflect.ValueOf(p).Elem()
		if v.IsNil() {
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		}
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// pair is a claim in both versions: by ID, or renamed. fields are the keys
// that differ between the two (none for a rename).
type pair struct {
	old, new *claim.Claim
	fields   []Field
}

func claimMap(s *Site) map[string]*claim.Claim {
	m := map[string]*claim.Claim{}
	for _, t := range s.Set.Topics {
		for _, c := range t.Claims {
			m[c.ID] = c
		}
	}
	return m
}

func (r *Report) compareClaims(old, new *Site, touched map[string]bool) []pair {
	oc, nc := claimMap(old), claimMap(new)
	var pairs []pair
	var added, removed []string
	for _, id := range unionKeys(oc, nc) {
		o, n := oc[id], nc[id]
		switch {
		case o == nil:
			added = append(added, id)
		case n == nil:
			removed = append(removed, id)
		default:
			fs := fields(o, n)
			pairs = append(pairs, pair{o, n, fs})
			if len(fs) > 0 {
				touched[o.File], touched[n.File] = true, true
				r.Claims = append(r.Claims, ClaimChange{ID: id, Status: Changed, File: n.File, Fields: fs, CorrectionOnly: correctionOnly(fs)})
			}
		}
	}
	// A removed claim whose content reappears under a new ID was renamed.
	// Claims are compared only when their titles match, which identical
	// claims' do, so that moving a whole topic stays fast.
	renamed := map[string]string{} // new ID -> old ID
	used := map[string]bool{}      // old IDs taken by a rename
	byTitle := map[string][]string{}
	for _, from := range removed {
		byTitle[oc[from].Title] = append(byTitle[oc[from].Title], from)
	}
	for _, id := range added {
		for _, from := range byTitle[nc[id].Title] {
			if !used[from] && len(fields(oc[from], nc[id])) == 0 {
				renamed[id], used[from] = from, true
				pairs = append(pairs, pair{oc[from], nc[id], nil})
				break
			}
		}
	}
	for _, id := range added {
		n := nc[id]
		touched[n.File] = true
		if from, ok := renamed[id]; ok {
			touched[oc[from].File] = true
			r.Claims = append(r.Claims, ClaimChange{ID: id, Status: Renamed, From: from, File: n.File, Fields: []Field{}})
			continue
		}
		r.Claims = append(r.Claims, ClaimChange{ID: id, Status: Added, File: n.File, Fields: fields(nil, n)})
	}
	for _, id := range removed {
		if used[id] {
			continue
		}
		o := oc[id]
		touched[o.File] = true
		r.Claims = append(r.Claims, ClaimChange{ID: id, Status: Removed, File: o.File, Fields: fields(o, nil)})
	}
	slices.SortFunc(r.Claims, func(a, b ClaimChange) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(pairs, func(a, b pair) int { return strings.Compare(a.new.ID, b.new.ID) })
	return pairs
}

func correctionOnly(fs []Field) bool {
	for _, f := range fs {
		if !strings.HasPrefix(f.Path, "corrections[") {
			return false
		}
	}
	return true
}

func (r *Report) compareSources(old, new *Site, touched map[string]bool) {
	index := func(s *Site) map[string]*claim.Source {
		m := map[string]*claim.Source{}
		for _, src := range s.Set.Sources {
			m[src.ID] = src
		}
		return m
	}
	os, ns := index(old), index(new)
	for _, id := range unionKeys(os, ns) {
		o, n := os[id], ns[id]
		fs := fields(o, n)
		if len(fs) == 0 {
			continue
		}
		for _, s := range []*claim.Source{o, n} {
			if s != nil {
				touched[s.Pos.File] = true
			}
		}
		r.Sources = append(r.Sources, EntityChange{ID: id, Status: status(o != nil, n != nil), Fields: fs})
	}
}

func status(inOld, inNew bool) string {
	switch {
	case !inOld:
		return Added
	case !inNew:
		return Removed
	}
	return Changed
}

func topicMap(s *Site) map[string]*claim.Topic {
	m := map[string]*claim.Topic{}
	for _, t := range s.Set.Topics {
		m[t.ID] = t
	}
	return m
}

func (r *Report) compareTopics(old, new *Site, touched map[string]bool) {
	ot, nt := topicMap(old), topicMap(new)
	for _, id := range unionKeys(ot, nt) {
		o, n := ot[id], nt[id]
		fs := fields(o, n)
		if len(fs) == 0 {
			continue
		}
		touched["claims/"+id+"/"+claim.TopicFile] = true
		r.Topics = append(r.Topics, EntityChange{ID: id, Status: status(o != nil, n != nil), Fields: fs})
	}
}

// Model kinds, as [ModelChange.Kind] names them.
const (
	KindParameter = "parameter"
	KindFormula   = "formula"
	KindComponent = "component"
	KindScope     = "scope"
)

func (r *Report) compareModels(old, new *Site, touched map[string]bool) {
	add := func(topic, kind, file string, o, n map[string]any) {
		for _, name := range unionKeys(o, n) {
			fs := fields(o[name], n[name])
			if len(fs) == 0 {
				continue
			}
			touched[file] = true
			r.Model = append(r.Model, ModelChange{Topic: topic, Kind: kind, Name: name, Status: status(o[name] != nil, n[name] != nil), Fields: fs})
		}
	}
	add("", KindParameter, "claims/"+claim.ParametersFile, anyMap(old.Set.Parameters), anyMap(new.Set.Parameters))
	ot, nt := topicMap(old), topicMap(new)
	for _, id := range unionKeys(ot, nt) {
		var om, nm claim.Model
		if t := ot[id]; t != nil {
			om = *t.Model
		}
		if t := nt[id]; t != nil {
			nm = *t.Model
		}
		file := "claims/" + id + "/" + claim.ModelFile
		add(id, KindParameter, file, anyMap(om.Parameters), anyMap(nm.Parameters))
		add(id, KindFormula, file, anyMap(om.Formulas), anyMap(nm.Formulas))
		add(id, KindComponent, file, anyMap(om.Components), anyMap(nm.Components))
		add(id, KindScope, file, anyMap(om.Scopes), anyMap(nm.Scopes))
	}
}

func anyMap[T any](m map[string]*T) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func resultTopics(s *Site) map[string]*costmodel.Topic {
	m := map[string]*costmodel.Topic{}
	for _, t := range s.Results.Topics {
		m[t.Topic.ID] = t
	}
	return m
}

func estimate(e costmodel.Estimate) *Estimate {
	return &Estimate{Central: e.Central, Low: e.Low, High: e.High}
}

func (r *Report) compareScopes(old, new *Site) {
	ot, nt := resultTopics(old), resultTopics(new)
	for _, id := range unionKeys(ot, nt) {
		scopes := func(t *costmodel.Topic) map[string]*costmodel.Scope {
			m := map[string]*costmodel.Scope{}
			if t != nil {
				for _, s := range t.Scopes {
					m[s.Scope.Name] = s
				}
			}
			return m
		}
		os, ns := scopes(ot[id]), scopes(nt[id])
		for _, name := range unionKeys(os, ns) {
			sc := ScopeChange{Topic: id, Scope: name}
			if s := os[name]; s != nil {
				sc.Old, sc.Currency = estimate(s.Estimate), s.Currency
			}
			if s := ns[name]; s != nil {
				sc.New, sc.Currency = estimate(s.Estimate), s.Currency
			}
			if !reflect.DeepEqual(sc.Old, sc.New) {
				r.Scopes = append(r.Scopes, sc)
			}
		}
	}
}

func verdicts(s *Site) map[string]*Verdict {
	m := map[string]*Verdict{}
	words := reckontext.English()
	for _, t := range s.Results.Topics {
		for _, c := range t.Claims {
			v := &Verdict{
				Rating: c.Rating.Label, RatingValue: c.Rating.Value, Best: c.Rating.Best,
				Figure:  string(c.Figure.Verdict),
				Support: string(c.Support.Verdict),
				Model:   *estimate(c.Figure.Model), Currency: c.Figure.Currency,
				Reasons: words.Reasons(c),
			}
			if c.Framing != nil {
				v.Framing = string(c.Framing.Verdict)
			}
			if c.Parts != nil {
				v.Parts = string(c.Parts.Verdict)
			}
			if c.Conversion != nil {
				v.Conversion = string(c.Conversion.Verdict)
			}
			m[c.Claim.ID] = v
		}
	}
	return m
}

// compareVerdicts compares the verdicts of the two versions (by claim ID,
// from [verdicts]), a renamed claim's with its old ID's.
func (r *Report) compareVerdicts(ov, nv map[string]*Verdict, pairs []pair) {
	inPair := map[string]bool{}
	for _, p := range pairs {
		inPair[p.old.ID], inPair[p.new.ID] = true, true
		o, n := ov[p.old.ID], nv[p.new.ID]
		if !reflect.DeepEqual(o, n) {
			r.Verdicts = append(r.Verdicts, VerdictChange{ID: p.new.ID, Old: o, New: n})
		}
	}
	for _, id := range unionKeys(ov, nv) {
		if !inPair[id] {
			r.Verdicts = append(r.Verdicts, VerdictChange{ID: id, Old: ov[id], New: nv[id]})
		}
	}
	slices.SortFunc(r.Verdicts, func(a, b VerdictChange) int { return strings.Compare(a.ID, b.ID) })
}

// compareDocs compares the commentary: every Markdown file under content/.
func (r *Report) compareDocs(old, new *Site, touched map[string]bool) {
	docs := func(s *Site) map[string][]byte {
		m := map[string][]byte{}
		for name, data := range s.Files {
			if strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md") {
				m[name] = data
			}
		}
		return m
	}
	od, nd := docs(old), docs(new)
	var added, removed []string
	for _, name := range unionKeys(od, nd) {
		o, inOld := od[name]
		n, inNew := nd[name]
		switch {
		case !inOld:
			added = append(added, name)
		case !inNew:
			removed = append(removed, name)
		case !bytes.Equal(o, n):
			touched[name] = true
			r.Commentary = append(r.Commentary, DocChange{File: name, Status: Changed, Diff: string(godiff.Diff("old/"+name, o, "new/"+name, n))})
		}
	}
	from := map[string]string{}
	used := map[string]bool{}
	for _, name := range added {
		for _, rm := range removed {
			if !used[rm] && bytes.Equal(od[rm], nd[name]) {
				from[name], used[rm] = rm, true
				break
			}
		}
	}
	for _, name := range added {
		touched[name] = true
		if f, ok := from[name]; ok {
			r.Commentary = append(r.Commentary, DocChange{File: name, Status: Renamed, From: f})
			continue
		}
		r.Commentary = append(r.Commentary, DocChange{File: name, Status: Added, Diff: string(godiff.Diff("/dev/null", nil, "new/"+name, nd[name]))})
	}
	for _, name := range removed {
		touched[name] = true
		if !used[name] {
			r.Commentary = append(r.Commentary, DocChange{File: name, Status: Removed, Diff: string(godiff.Diff("old/"+name, od[name], "/dev/null", nil))})
		}
	}
	slices.SortFunc(r.Commentary, func(a, b DocChange) int { return strings.Compare(a.File, b.File) })
}

// valueRef is a {{value ...}} reference of a document and the number it
// gives.
type valueRef struct {
	file, ref string
	unit      string
	values    []float64
}

// valueRefs resolves every value reference of the site's commentary, its
// editions' too, against its model, keyed by file, reference and
// occurrence.
func valueRefs(s *Site) map[string]valueRef {
	m := map[string]valueRef{}
	topics := resultTopics(s)
	for _, set := range append([]*content.Set{s.Docs}, s.Editions...) {
		if set != nil {
			setValueRefs(m, set, topics)
		}
	}
	return m
}

// setValueRefs adds to m the value references of the documents of set.
func setValueRefs(m map[string]valueRef, set *content.Set, topics map[string]*costmodel.Topic) {
	var docs []*content.Doc
	docs = append(docs, set.Topics...)
	docs = append(docs, set.Claims...)
	docs = append(docs, set.Pages...)
	for _, d := range docs {
		seen := map[string]int{}
		set.Render(d, func(kind string, args []string) content.Ref {
			if kind != content.Value {
				return content.Ref{}
			}
			ref := kind + " " + strings.Join(args, " ")
			seen[ref]++
			part := "central"
			if len(args) == 3 {
				part = args[2]
			}
			unit, est, ok := lookup(topics[args[0]], args[1])
			if !ok {
				return content.Ref{}
			}
			var vs []float64
			switch part {
			case "low":
				vs = []float64{est.Low}
			case "high":
				vs = []float64{est.High}
			case "range":
				vs = []float64{est.Low, est.High}
			default:
				vs = []float64{est.Central}
			}
			key := d.File + "\x00" + ref + "\x00" + strconv.Itoa(seen[ref])
			m[key] = valueRef{file: d.File, ref: ref, unit: unit, values: vs}
			return content.Ref{}
		})
	}
}

// lookup finds a model value by name the way commentary does: a scope,
// then a component, then a formula, then a parameter.
func lookup(t *costmodel.Topic, name string) (unit string, est costmodel.Estimate, ok bool) {
	if t == nil {
		return "", est, false
	}
	v, ok := t.Value(name)
	return v.Unit, v.Estimate, ok
}

func (r *Report) compareValues(old, new *Site) {
	ov, nv := valueRefs(old), valueRefs(new)
	for _, key := range unionKeys(ov, nv) {
		o, inOld := ov[key]
		n, inNew := nv[key]
		if inOld && inNew && !slices.Equal(o.values, n.values) && !(allNaN(o.values) && allNaN(n.values)) {
			r.Values = append(r.Values, ValueChange{File: n.file, Ref: n.ref, Unit: n.unit, Old: o.values, New: n.values})
		}
	}
}

func allNaN(vs []float64) bool {
	for _, v := range vs {
		if !math.IsNaN(v) {
			return false
		}
	}
	return true
}

func (r *Report) compareCharts(old, new *Site, opt Options) {
	// A new chart links to the page that shows it, at its figure, and to
	// its embed page, in the site's URL scheme under opt.BaseURL, when that
	// is a base URL ("" is not).
	u, err := route.New(opt.BaseURL)
	links := err == nil
	index := func(s *Site) map[string]*chart.Chart {
		m := map[string]*chart.Chart{}
		for _, c := range s.Charts {
			m[c.ID] = c
		}
		return m
	}
	oc, nc := index(old), index(new)
	for _, id := range unionKeys(oc, nc) {
		o, n := oc[id], nc[id]
		if o != nil && n != nil && o.Option == n.Option && bytes.Equal(o.Data.CSV(), n.Data.CSV()) && o.Title == n.Title && o.Caption == n.Caption {
			continue
		}
		c := cmp.Or(n, o)
		ch := ChartChange{ID: id, Status: status(o != nil, n != nil), Title: c.Title}
		if links && n != nil {
			ch.Page, ch.Embed = u.Abs(u.ChartPermalink(n.Topic, n.Claim, n.ElementID)), u.Abs(u.Embed(n.ID))
		}
		r.Charts = append(r.Charts, ch)
	}
}

// findUncorrected lists the claims of both versions whose figure, scope or
// rating (in ov and nv, from [verdicts]) changed while no correction entry
// was added.
func (r *Report) findUncorrected(ov, nv map[string]*Verdict, pairs []pair) {
	for _, p := range pairs {
		var changes []Field
		for _, f := range p.fields {
			if f.Path == "scope" || f.Path == "presented_as" || strings.HasPrefix(f.Path, "figure.") {
				changes = append(changes, f)
			}
		}
		o, n := ov[p.old.ID], nv[p.new.ID]
		if o != nil && n != nil && (o.Rating != n.Rating || o.RatingValue != n.RatingValue) {
			changes = append(changes, Field{Path: "rating", Old: o.Rating, New: n.Rating})
		}
		if len(changes) == 0 || newCorrection(p.old.Correction, p.new.Correction) {
			continue
		}
		r.Uncorrected = append(r.Uncorrected, Uncorrected{ID: p.new.ID, File: p.new.File, Changes: changes, Snippet: snippet(changes)})
	}
}

// newCorrection reports whether the new list holds an entry the old one
// does not.
func newCorrection(old, new []claim.Correction) bool {
	for _, c := range new {
		if !slices.Contains(old, c) {
			return true
		}
	}
	return false
}

// unionKeys returns the keys of both maps, sorted.
func unionKeys[V any](a, b map[string]V) []string {
	keys := slices.Collect(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}
