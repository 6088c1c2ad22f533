package site

import (
	"reflect"
	"slices"
)

// The views of the sources page are compared field by field rather than
// by [reflect.DeepEqual], which takes a map entry for every slice it
// compares: a site of 10,000 claims lists 10,000 cited-by links there,
// compared on every preview build. Each function says what
// reflect.DeepEqual would say of the same values (a nil list and an empty
// one differ); a test holds every field of these types to it.

// sameAs reports whether the sources page of view old is v's (see
// [Memo]).
func (v SourcesView) sameAs(old any) bool {
	o, ok := old.(SourcesView)
	if !ok || !sameList(v.Groups, o.Groups, sameGroup) {
		return false
	}
	a, b := v, o
	a.Groups, b.Groups = nil, nil
	return reflect.DeepEqual(a, b)
}

func sameGroup(a, b SourceGroup) bool {
	return a.ID == b.ID && a.Title == b.Title && sameList(a.Sources, b.Sources, sameEntry)
}

// sameEntry reports whether two entries of the sources page are the same.
func sameEntry(a, b SourceEntry) bool {
	return a.ID == b.ID && a.Title == b.Title && a.Lang == b.Lang && a.Dir == b.Dir &&
		a.Publisher == b.Publisher && a.Author == b.Author && a.URL == b.URL && a.Archive == b.Archive &&
		a.Published == b.Published && a.Accessed == b.Accessed && a.Kind == b.Kind && a.Locator == b.Locator &&
		a.Quote == b.Quote && a.QuoteLang == b.QuoteLang && a.QuoteDir == b.QuoteDir &&
		a.Unverified == b.Unverified && a.Note == b.Note && a.HTML == b.HTML &&
		sameList(a.DerivedFrom, b.DerivedFrom, func(x, y SourceLink) bool { return x == y }) &&
		sameList(a.CitedBy, b.CitedBy, sameTextLink)
}

func sameTextLink(a, b TextLink) bool {
	return a.URL == b.URL && sameList(a.Text, b.Text, func(x, y Span) bool { return x == y })
}

// sameList reports whether two lists are both nil, or both not nil with
// the same elements by eq.
func sameList[E any](a, b []E, eq func(x, y E) bool) bool {
	return (a == nil) == (b == nil) && slices.EqualFunc(a, b, eq)
}
