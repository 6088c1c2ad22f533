package claim

import (
	"errors"
	"io/fs"

	"reckon/generator/diag"
	"reckon/generator/input"
	"reckon/generator/keypos"
)

// readFile reads one TOML file of the claims folder and checks it before it
// is decoded: its size, its bytes (see [input.Text]) and its nesting. It
// records every problem in errs and returns the file to decode, or nil when
// there is none; data is the content to show errors in (nil when the file
// could not be read), without a byte-order mark; found reports whether
// anything stands at name at all, so that a caller can tell a missing file
// from a broken one.
func readFile(in *input.Reader, name string, errs *diag.List) (f *file, data []byte, found bool) {
	raw, err := in.Read(name, input.MaxTOMLSize)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, false
	case input.Skipped(err):
		return nil, nil, true
	case err != nil:
		errs.Append(diag.Pos{File: name}, err)
		return nil, nil, true
	}
	data, problems := input.Text(name, raw)
	if len(problems) > 0 {
		*errs = append(*errs, problems...)
		return nil, data, true
	}
	if e := input.Depth(name, data, input.MaxDepth); e != nil {
		*errs = append(*errs, e)
		return nil, data, true
	}
	return &file{path: name, data: data, errs: errs}, data, true
}

// indexError reports that the key index could not be built for a file the
// decoder accepted. Without the index no key could be checked, so the file
// is not used.
func (f *file) indexError(err error) {
	pos := diag.Pos{File: f.path, Line: 1, Col: 1}
	msg := err.Error()
	if e, ok := errors.AsType[*keypos.Error](err); ok {
		pos.Line, pos.Col, msg = e.Line, e.Col, e.Msg
	}
	f.errs.Add(f.clamp(pos), "the file is valid TOML, but Reckon cannot locate its keys; write this line more plainly and report the problem", "cannot index the keys: %s", oneLine(msg))
}
