package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
)

// update is registered in every test binary that imports this package, so
// that -update is defined exactly where golden files are used.
var update = flag.Bool("update", false, "rewrite golden files with the output of the tests")

// Check compares got with the golden file at path (slash-separated,
// relative to the test's package folder). With -update it writes got to the
// file instead. A mismatch fails t with a line diff.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	path = filepath.FromSlash(path)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (- golden, + got; rerun with -update to accept):\n%s", filepath.ToSlash(path), diff.Diff("golden", want, "got", got))
	}
}
