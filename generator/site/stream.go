package site

import (
	"bytes"
	"io/fs"
	"sync"
)

// Stream renders the site as [Render] does, but hands each file to emit as
// soon as it is made, instead of keeping every file in memory until the
// end: a large site is written while it is rendered, in a fraction of the
// memory.
//
// Stream calls emit for each file, from one goroutine or from several at
// once, but never twice at once for the same name. It calls emit twice for
// a name when a file takes the place of another of the same name, as the
// later one does in Render: the content of the last call is the file's.
// emit may not keep data after it returns. The files emitted are exactly
// those of Render, with the same content, in no set order. When emit
// fails, Stream stops emitting and returns emit's first error. When Render
// would fail, Stream returns the same error, after emitting some files:
// the caller throws them away.
func Stream(in Input, tmpl fs.FS, emit func(name string, data []byte) error) error {
	r, err := newRenderer(in, tmpl)
	if err != nil {
		return err
	}
	r.out = &stream{emit: emit}
	r.renderAll()
	if err := r.error(); err != nil {
		return err
	}
	// The files kept until now: assets, feeds, exports, and any page that
	// another file of the same name came before.
	for _, name := range r.files.Paths() {
		r.out.send(name, r.files[name])
	}
	return r.out.error()
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
// made it, and leaves only what the sitemap needs; it does nothing when
// not streaming or when the page failed or has a name that is kept (see
// keep). It is safe for concurrent use, while nothing adds to r.files.
func (r *renderer) send(pg *page) {
	if r.out == nil || pg.err != nil {
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

// keep adds a page to the files under name, or, when streaming, emits it
// at once. A page whose name is in the files already takes that name's
// place there, as it would when not streaming, and goes out at the end.
func (r *renderer) keep(name string, pg *page) {
	if pg.buf != nil {
		if _, kept := r.files[name]; !kept {
			r.out.send(name, pg.data)
		} else {
			r.files[name] = bytes.Clone(pg.data)
		}
		r.putBuffer(pg.buf)
		pg.buf, pg.data = nil, nil
		return
	}
	r.files[name] = pg.data
}

// buffer is where a page is rendered. Buffers are reused, so that a page
// is not built in a series of ever larger copies.
type buffer struct{ bytes.Buffer }

// maxPooled is the capacity above which a buffer is not reused.
const maxPooled = 4 << 20

func (r *renderer) getBuffer() *buffer {
	if b, ok := r.buffers.Get().(*buffer); ok {
		b.Reset()
		return b
	}
	b := &buffer{}
	b.Grow(32 << 10)
	return b
}

func (r *renderer) putBuffer(b *buffer) {
	if b != nil && b.Cap() <= maxPooled {
		r.buffers.Put(b)
	}
}
