package site

import (
	"bytes"
	"reflect"
	"sync"
)

// A Memo keeps the pages of the whole site that a [Stream] rendered (the
// home, sources, corrections, 404 and commentary pages, which show
// something of every topic) with the views they were rendered from, so
// that a later Stream renders such a page again only when its view
// differs ([reflect.DeepEqual]): the preview's, which makes these pages
// after each edit, whatever it changed. A page is its template executed
// on its view, so that a page of an equal view is the same page: a Memo
// must only serve Streams of the same templates and interface strings.
// It is safe for concurrent use.
type Memo struct {
	mu    sync.Mutex
	pages map[string]memoPage // by path
}

type memoPage struct {
	view any
	data []byte
}

// memoKinds are the kinds of page a Memo keeps.
var memoKinds = map[string]bool{"home": true, "sources": true, "corrections": true, "404": true, "page": true}

// get returns the page of kind at path p that view renders to, when m
// has it. A nil Memo has none.
func (m *Memo) get(kind, p string, view any) ([]byte, bool) {
	if m == nil || !memoKinds[kind] {
		return nil, false
	}
	m.mu.Lock()
	pg, ok := m.pages[p]
	m.mu.Unlock()
	if !ok || !reflect.DeepEqual(pg.view, view) {
		return nil, false
	}
	return pg.data, true
}

// put keeps the page data of kind at path p, rendered from view.
func (m *Memo) put(kind, p string, view any, data []byte) {
	if m == nil || !memoKinds[kind] {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pages == nil {
		m.pages = map[string]memoPage{}
	}
	m.pages[p] = memoPage{view, bytes.Clone(data)}
}
