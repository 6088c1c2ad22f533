package content

import (
	"slices"
	"strings"

	"reckon/generator/diag"
)

// Check checks the set against the data, through lookup: every reference
// of every document, that every claim's commentary has its claim and every
// topic article its topic. It returns every error as a sorted [diag.List].
// After Check returns nil, [Set.Render] with a resolver of the same data
// cannot fail.
func (s *Set) Check(lookup Lookup) error { return s.CheckSome(lookup, nil) }

// CheckSome is [Set.Check] of the documents of the topics that of reports
// (a topic's article and its claims' commentary) and of every page of the
// site; nil reports every topic. It gives Check's errors when the others
// passed Check against data that is the same for every topic their
// references name, which Check of the others would pass again.
func (s *Set) CheckSome(lookup Lookup, of func(topic string) bool) error {
	var errs diag.List
	for _, d := range s.Topics {
		if of != nil && !of(d.Name) {
			continue
		}
		if err := lookup(Topic, []string{d.Name}); err != nil {
			errs.Add(diag.Pos{File: d.File}, withHint(err, "an article is content/topics/TOPIC.md for a folder claims/TOPIC"), "no topic %q for this article", d.Name)
		}
		errs = checkRefs(errs, d, lookup)
	}
	for _, d := range s.Claims {
		if t, _, _ := strings.Cut(d.Name, "/"); of != nil && !of(t) {
			continue
		}
		if err := lookup(Claim, []string{d.Name}); err != nil {
			errs.Add(diag.Pos{File: d.File}, withHint(err, "a claim's commentary is content/claims/TOPIC/NAME.md for the claim file claims/TOPIC/NAME.toml"), "no claim %q for this commentary", d.Name)
		}
		errs = checkRefs(errs, d, lookup)
	}
	for _, d := range s.Pages {
		errs = checkRefs(errs, d, lookup)
	}
	return errs.Err()
}

// checkRefs adds to errs an error for each reference of d that lookup
// does not resolve.
func checkRefs(errs diag.List, d *Doc, lookup Lookup) diag.List {
	for _, r := range d.refs {
		if r.kind == Image {
			continue
		}
		if err := lookup(r.kind, r.args); err != nil {
			errs.Add(r.pos, hintOf(err), "%s", err.Error())
		}
	}
	return errs
}

// hintOf returns the hint of err, or "".
func hintOf(err error) string {
	if h, ok := err.(interface{ Hint() string }); ok {
		return h.Hint()
	}
	return ""
}

// withHint returns the hint of err followed by more.
func withHint(err error, more string) string {
	h := hintOf(err)
	switch {
	case h == "":
		return more
	case strings.HasSuffix(h, "?") || strings.HasSuffix(h, "."):
		return h + " " + more
	}
	return h + "; " + more
}

// Leave removes the articles and commentary of the topics and claims a
// build leaves out, those whose ID left reports.
func (s *Set) Leave(left func(id string) bool) {
	if s == nil {
		return
	}
	gone := func(d *Doc) bool { return left(d.Name) }
	s.Topics = slices.DeleteFunc(s.Topics, gone)
	s.Claims = slices.DeleteFunc(s.Claims, gone)
}
