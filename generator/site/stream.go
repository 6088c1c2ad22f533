package site

import (
	"bytes"
	"io/fs"
	"maps"
	"slices"
	"sync"

	"reckon/generator/route"
)

// Stream renders the whole site from in, with the templates, interface
// strings and static assets of tmpl (see the package doc for what tmpl
// holds; [Overlay] layers a site's own templates over the defaults), and
// hands each file to emit as soon as it is made, so that a large site is
// written while it is rendered and never held in memory whole. in.Docs
// must have passed [content.Set.Check] with [Lookup] of in.Claims and
// in.Results, so that every reference resolves; the images the commentary
// shows are emitted too. It returns the pages made, for the sitemap (see
// package publish), in the order they were made. Stream is deterministic:
// the same input gives the same files.
//
// Stream calls emit for each file, from one goroutine or from several at
// once, but never twice at once for the same name. It calls emit twice for
// a name when a file takes the place of another of the same name: the
// content of the last call is the file's. emit may not keep data after it
// returns. Files go out in no set order. When emit fails, Stream stops
// emitting and returns emit's first error. When rendering fails, Stream
// returns its first error (a template failed) after emitting some files:
// the caller throws them away.
func Stream(in Input, tmpl fs.FS, emit func(name string, data []byte) error) ([]route.Page, error) {
	_, pages, err := streamSite(in, tmpl, emit)
	return pages, err
}

// streamSite is Stream, which returns the renderer too (nil when it
// could not be made).
func streamSite(in Input, tmpl fs.FS, emit func(name string, data []byte) error) (*renderer, []route.Page, error) {
	r, err := newRenderer(in, tmpl)
	if err != nil {
		return nil, nil, err
	}
	pages, err := r.stream(emit)
	return r, pages, err
}

// stream renders the site and hands its files to emit (see [Stream]).
func (r *renderer) stream(emit func(name string, data []byte) error) ([]route.Page, error) {
	r.out = &stream{emit: emit}
	if r.in.Only == nil {
		r.in.Memo.start()
		defer r.in.Memo.end()
	}
	r.renderAll()
	if err := r.error(); err != nil {
		return nil, err
	}
	// The files kept until now: assets, images, and any page that another
	// file of the same name came before.
	for _, name := range slices.Sorted(maps.Keys(r.files)) {
		r.out.send(name, r.files[name])
	}
	if err := r.out.error(); err != nil {
		return nil, err
	}
	return r.pages, nil
}

// stream hands files to an emit function and remembers its first error.
type stream struct {
	emit func(name string, data []byte) error
	mu   sync.Mutex
	err  error
}

// send emits a file, unless an earlier emit failed.
func (s *stream) send(name string, data []byte) {
	if s.error() != nil {
		return
	}
	if err := s.emit(name, data); err != nil {
		s.mu.Lock()
		if s.err == nil {
			s.err = err
		}
		s.mu.Unlock()
	}
}

func (s *stream) error() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// send streams a claim page as soon as it is made, from the goroutine that
// made it, and leaves only what the sitemap needs; it does nothing when the
// page failed or has a name that is kept (see keep). It is safe for
// concurrent use, while nothing adds to r.files.
func (r *renderer) send(pg *page) {
	if pg.err != nil {
		return
	}
	name := r.u.File(pg.path)
	if _, kept := r.files[name]; kept {
		return
	}
	r.out.send(name, pg.data)
	pg.sent, pg.data = true, nil
	r.putBuffer(pg.buf)
	pg.buf = nil
}

// keep emits a page at once under name. A page whose name is in the files
// already takes that name's place there, and goes out at the end.
func (r *renderer) keep(name string, pg *page) {
	if _, kept := r.files[name]; !kept {
		r.out.send(name, pg.data)
	} else {
		r.files[name] = bytes.Clone(pg.data)
	}
	r.putBuffer(pg.buf)
	pg.buf, pg.data = nil, nil
}

// buffer is where a page, an embed page or a partial is rendered, in
// memory of r.buffers, given back when the page went out, so that pages
// are not built in a series of ever larger copies.
type buffer struct{ bytes.Buffer }

// maxPooled is the capacity above which a buffer is not reused, and
// maxHeld that of all the buffers kept for reuse.
const (
	maxPooled = 4 << 20
	maxHeld   = 16 << 20
)

func (r *renderer) getBuffer() *buffer {
	return &buffer{*bytes.NewBuffer(*r.buffers.Get(32 << 10))}
}

// putBuffer gives b's memory back; nothing may use b or its bytes after.
func (r *renderer) putBuffer(b *buffer) {
	if b != nil {
		data := b.Bytes()[:0] // from the start: nothing reads from b
		r.buffers.Put(&data)
	}
}
