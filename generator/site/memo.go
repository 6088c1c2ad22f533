package site

import (
	"bytes"
	"html/template"
	"maps"
	"reflect"
	"sync"
)

// A Memo keeps the pages that a [Stream] rendered with the views they
// were rendered from, so that the next Stream renders a page again only
// when its view differs ([reflect.DeepEqual]): the preview's, which after
// each edit makes the pages of the whole site (home, sources,
// corrections, 404, the commentary's pages), which show something of every
// topic, and every page of the topics the edit may change. A page is its
// template executed on its view, so that a page of an equal view is the
// same page: a Memo must only serve Streams of the same templates and
// interface strings, one at a time. It keeps the pages of the whole site,
// and those of topics only from a Stream of some topics ([Input.Topics]):
// what it keeps is what the last Stream rendered. It keeps the entries of
// the sources page the same way, each by its own view, so that an edit
// that changes one source's entry renders only that entry again. And it
// keeps the templates and interface strings parsed, with the files they
// were parsed from, which each Stream reads again: they are parsed again
// only when one of those files differs.
type Memo struct {
	mu         sync.Mutex
	pages      map[string]memoPage     // by kind and path, or kind and key (see memoKey)
	used       map[string]bool         // the keys of the pages of the Stream under way
	parsedSets map[[2]string]parsedSet // by language and number system (see parsed)
}

type memoPage struct {
	view any
	data []byte
	html template.HTML // a fragment's (see fragment)
}

// siteKinds are the kinds of the pages of the whole site.
var siteKinds = map[string]bool{"home": true, "sources": true, "corrections": true, "404": true, "page": true}

// start begins a Stream of in. A nil Memo keeps nothing.
func (m *Memo) start() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.used = map[string]bool{}
}

// end ends a Stream: the pages it did not render are dropped.
func (m *Memo) end() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	maps.DeleteFunc(m.pages, func(p string, _ memoPage) bool { return !m.used[p] })
	m.used = nil
}

// keeps reports whether the pages of kind are kept from a Stream of in.
func (in Input) keeps(kind string) bool {
	return in.Memo != nil && in.Only == nil && (siteKinds[kind] || in.Topics != nil)
}

// memoKey is the key of the page of kind at path p.
func memoKey(kind, p string) string { return kind + "\x00" + p }

// get returns the page of kind at path p that view renders to, when m
// has it.
func (m *Memo) get(kind, p string, view any) ([]byte, bool) {
	p = memoKey(kind, p)
	m.mu.Lock()
	pg, ok := m.pages[p]
	m.mu.Unlock()
	if !ok || !sameView(view, pg.view) {
		return nil, false
	}
	m.mu.Lock()
	m.used[p] = true
	m.mu.Unlock()
	return pg.data, true
}

// put keeps the page data of kind at path p, rendered from view.
func (m *Memo) put(kind, p string, view any, data []byte) {
	p = memoKey(kind, p)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pages == nil {
		m.pages = map[string]memoPage{}
	}
	m.pages[p] = memoPage{view: view, data: bytes.Clone(data)}
	m.used[p] = true
}

// fragment returns the partial of kind for the item key that a view renders
// to, when m has it and same reports that the view it was rendered from is
// that view: a part of a page that is made again only when its own view
// differs, such as a source's entry on the sources page. A nil Memo has
// none.
func (m *Memo) fragment(kind, key string, same func(old any) bool) (template.HTML, bool) {
	if m == nil {
		return "", false
	}
	key = memoKey(kind, key)
	m.mu.Lock()
	pg, ok := m.pages[key]
	m.mu.Unlock()
	if !ok || !same(pg.view) {
		return "", false
	}
	m.mu.Lock()
	m.used[key] = true
	m.mu.Unlock()
	return pg.html, true
}

// putFragment keeps the partial h of kind for the item key, rendered from
// view. A nil Memo keeps nothing.
func (m *Memo) putFragment(kind, key string, view any, h template.HTML) {
	if m == nil {
		return
	}
	key = memoKey(kind, key)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pages == nil {
		m.pages = map[string]memoPage{}
	}
	m.pages[key] = memoPage{view: view, html: h}
	m.used[key] = true
}

// sameView reports whether a page rendered from view old is the page of
// view: by the view's own comparison when it has one (see same.go), or
// [reflect.DeepEqual].
func sameView(view, old any) bool {
	if v, ok := view.(interface{ sameAs(old any) bool }); ok {
		return v.sameAs(old)
	}
	return reflect.DeepEqual(old, view)
}
