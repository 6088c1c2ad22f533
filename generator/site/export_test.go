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
