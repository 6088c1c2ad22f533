package claim

import (
	"testing"

	"reckon/generator/diag"
)

// TestDecodeReportsIndexFailure checks that a document the decoder accepts
// but the key index cannot parse is an error, not a file whose keys go
// unchecked. A byte-order mark is such a document (the loader strips it
// before decoding; decode itself must not rely on that).
func TestDecodeReportsIndexFailure(t *testing.T) {
	var errs diag.List
	f := &file{path: "claims/t/run.toml", data: []byte("\ufefftitel = \"x\"\n"), errs: &errs}
	if f.decode(&Claim{}) {
		t.Error("decode reported the file usable")
	}
	want := `claims/t/run.toml:1:1: cannot index the keys: invalid character at start of key: U+00EF 'ï'`
	if len(errs) != 1 || errs[0].Error() != want {
		t.Fatalf("errors = %v, want %s", errs, want)
	}
}
