package site

import "io/fs"

// Isolate is isolate, for the tests of package site_test.
var Isolate = isolate

// StreamBodies is Stream, which returns how many claim charts' bodies it
// rendered (see renderer.figureHTML), for the tests of package site_test.
func StreamBodies(in Input, tmpl fs.FS, emit func(name string, data []byte) error) (int64, error) {
	r, _, err := streamSite(in, tmpl, emit)
	if r == nil {
		return 0, err
	}
	return r.bodies.Load(), err
}

// ClaimPages returns a function that renders the page of every claim of in
// and the embed page of its chart, as Stream does (with in's ClaimReview,
// without a Memo or Reuse), and hands each to emit; it returns how many
// claim pages it rendered. For the benchmarks of package site_test.
func ClaimPages(in Input, tmpl fs.FS, emit func(name string, data []byte) error) (func() (int, error), error) {
	r, err := newRenderer(in, tmpl)
	if err != nil {
		return nil, err
	}
	r.out = &stream{emit: emit}
	r.sv = r.siteView()
	return func() (int, error) {
		n := 0
		for _, t := range in.Results.Topics {
			for _, c := range t.Claims {
				pg, fig, ch := r.claim(t, c, "")
				if pg.err != nil {
					return n, pg.err
				}
				r.send(&pg)
				if fig != nil && fig.Table != nil && ch != nil {
					if o := r.embed(ch, fig); o.err != nil {
						return n, o.err
					}
				}
				n++
			}
		}
		return n, r.error()
	}, nil
}

// StreamPrograms is Stream, with the templates' programs (see program) or,
// when without, with html/template alone; it returns how many executions
// html/template made while the programs were there.
func StreamPrograms(in Input, tmpl fs.FS, without bool, emit func(name string, data []byte) error) (int64, error) {
	r, err := newRenderer(in, tmpl)
	if err != nil {
		return 0, err
	}
	if without {
		ts := *r.tmpl
		ts.progs = nil
		r.tmpl = &ts
	}
	_, err = r.stream(emit)
	var n int64
	for _, p := range r.tmpl.progs {
		n += p.fallbacks.Load()
	}
	return n, err
}
