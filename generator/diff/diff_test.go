package diff_test

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"reckon/generator/build"
	"reckon/generator/diff"
)

// fixtureFS copies the claims folder of the fixture site (a frozen copy of
// the example site, never the repository's own claims/) into memory.
func fixtureFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS("../testdata/site")
	err := fs.WalkDir(root, "claims", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(root, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func check(t *testing.T, fsys fs.FS) *build.Result {
	t.Helper()
	res, err := build.Check(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func edit(t *testing.T, m fstest.MapFS, name, old, new string) {
	t.Helper()
	s := string(m[name].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s has no %q", name, old)
	}
	m[name] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

func TestCompareUnchanged(t *testing.T) {
	a, b := check(t, fixtureFS(t)), check(t, fixtureFS(t))
	r := diff.Compare(a.Results, b.Results)
	if !r.Empty() {
		t.Errorf("same content gives changes: %+v", r)
	}
}

func TestVerdictChangeNeedsCorrection(t *testing.T) {
	old := fixtureFS(t)
	changed := fixtureFS(t)
	// The V3 report's own figure, moved far outside the model's range.
	edit(t, changed, "claims/deepseek/v3-report-5-576m.toml", "value = 5.576e6", "value = 55.76e6")
	r := diff.Compare(check(t, old).Results, check(t, changed).Results)
	if len(r.Uncorrected) != 1 || r.Uncorrected[0] != "deepseek/v3-report-5-576m" {
		t.Fatalf("uncorrected = %v, want the changed claim", r.Uncorrected)
	}
	var b bytes.Buffer
	r.Markdown(&b)
	for _, want := range []string{"| `deepseek/v3-report-5-576m` | $5.576M → **$55.76M** |", "**missing**", "changed without a correction entry"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("Markdown lacks %q:\n%s", want, b.String())
		}
	}

	// With a correction entry the change is accepted.
	corrected := fixtureFS(t)
	edit(t, corrected, "claims/deepseek/v3-report-5-576m.toml", "value = 5.576e6", "value = 55.76e6")
	f := corrected["claims/deepseek/v3-report-5-576m.toml"]
	f.Data = append(f.Data, "\n[[corrections]]\ndate = 2026-12-01\nchange = \"The figure was mistyped.\"\nreason = \"A test.\"\n"...)
	r = diff.Compare(check(t, old).Results, check(t, corrected).Results)
	if len(r.Uncorrected) != 0 {
		t.Errorf("uncorrected = %v, want none after a correction entry", r.Uncorrected)
	}
}

func TestAddedAndRemoved(t *testing.T) {
	old := fixtureFS(t)
	changed := fixtureFS(t)
	changed["claims/deepseek/copy.toml"] = changed["claims/deepseek/v3-report-5-576m.toml"]
	delete(changed, "claims/gpt-4/ai-index-78-4m.toml")
	r := diff.Compare(check(t, old).Results, check(t, changed).Results)
	if strings.Join(r.Added, ",") != "deepseek/copy" || strings.Join(r.Removed, ",") != "gpt-4/ai-index-78-4m" {
		t.Errorf("added %v removed %v", r.Added, r.Removed)
	}
}
