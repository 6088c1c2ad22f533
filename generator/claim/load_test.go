package claim_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"reckon/generator/claim"
	"reckon/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the errors section of testdata/broken/*.txtar")

// baseFS returns the minimal valid site of testdata/base.txtar, with the
// files of a case laid over it. A file whose content is "(delete)" is removed.
// The errors and schema sections are not files (the schema section says
// whether a JSON Schema can decide the case: see reckon/schemas).
func baseFS(t testing.TB, over *txtar.Archive) fstest.MapFS {
	t.Helper()
	base, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range base.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	if over != nil {
		for _, f := range over.Files {
			if f.Name == "errors" || f.Name == "github" || f.Name == "schema" {
				continue
			}
			if strings.TrimSpace(string(f.Data)) == "(delete)" {
				delete(fsys, f.Name)
				continue
			}
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys
}

func TestLoadBase(t *testing.T) {
	set, err := claim.Load(baseFS(t, nil), "claims")
	if err != nil {
		var b bytes.Buffer
		diag.Format(&b, err, nil)
		t.Fatalf("base site does not load:\n%s", b.String())
	}
	c := set.Claim("t/run")
	if c == nil {
		t.Fatal("claim t/run not found")
	}
	if c.Figure.Rounding != 1e5 || c.Figure.Qualifier != "exact" || c.Source.SourceID != "t/report" {
		t.Errorf("claim defaults: rounding %v qualifier %q source %q", c.Figure.Rounding, c.Figure.Qualifier, c.Source.SourceID)
	}
	m := set.Topic("t").Model
	if got := strings.Join(m.Scopes["with-cluster"].Components, ","); got != "cluster,run" {
		t.Errorf("with-cluster components = %s", got)
	}
	if got := strings.Join(m.Order, ","); got != "cluster,run_hours,run" {
		t.Errorf("order = %s", got)
	}
}

// TestBroken loads each case of testdata/broken, one fault each, and
// compares every error (position, message, source line, caret and hint)
// with the case's errors section.
func TestBroken(t *testing.T) {
	files, err := filepath.Glob("testdata/broken/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 40 {
		t.Errorf("the corpus has %d cases, want at least 40", len(files))
	}
	for _, name := range files {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			fsys := baseFS(t, ar)
			set, err := claim.Load(fsys, "claims")
			if err == nil {
				t.Fatalf("no error; want the errors section")
			}
			// The text view (errors) and the GitHub annotations that
			// reckon check -format github prints (github).
			var text, gh bytes.Buffer
			diag.Format(&text, err, diag.Files(set.Files))
			diag.Annotations(&gh, err)
			outputs := []struct {
				section string
				got     string
			}{{"errors", text.String()}, {"github", gh.String()}}
			changed := false
			for _, o := range outputs {
				var want *txtar.File
				for i := range ar.Files {
					if ar.Files[i].Name == o.section {
						want = &ar.Files[i]
					}
				}
				if *update {
					if want == nil {
						ar.Files = append(ar.Files, txtar.File{Name: o.section})
						want = &ar.Files[len(ar.Files)-1]
					}
					if string(want.Data) != o.got {
						want.Data = []byte(o.got)
						changed = true
					}
					continue
				}
				if want == nil {
					t.Errorf("no %s section; got:\n%s", o.section, o.got)
					continue
				}
				if o.got != string(want.Data) {
					t.Errorf("%s differ\n--- got ---\n%s--- want ---\n%s", o.section, o.got, want.Data)
				}
			}
			if changed {
				if err := os.WriteFile(name, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestNegativeAllowed loads a model whose parameter, formula and component
// are below zero where it says they may be (negative = true), and whose
// scopes stay above zero.
func TestNegativeAllowed(t *testing.T) {
	model := `
[parameters.credit]
label = "Resale credit"
low = -2e6
high = -1e6
negative = true
unit = "USD"
as_of = 2024-12-27
source = "report"

[formulas.net_credit]
label = "Credit after fees"
expr = "credit * 0.9"
unit = "USD"
negative = true

[components.resale]
label = "Resale of the hardware"
expr = "net_credit"
unit = "USD"
negative = true

[scopes.net]
label = "Final run and cluster, less the resale"
extends = "with-cluster"
add = ["resale"]
`
	fsys := baseFS(t, nil)
	fsys["claims/t/model.toml"].Data = append(fsys["claims/t/model.toml"].Data, model...)
	set, err := claim.Load(fsys, "claims")
	if err != nil {
		var b bytes.Buffer
		diag.Format(&b, err, diag.Files(set.Files))
		t.Fatalf("a model with allowed negatives does not load:\n%s", b.String())
	}
	m := set.Topic("t").Model
	if !m.Parameters["credit"].Negative || !m.Formulas["net_credit"].Negative || !m.Components["resale"].Negative {
		t.Errorf("negative = true not decoded: parameter %v, formula %v, component %v",
			m.Parameters["credit"].Negative, m.Formulas["net_credit"].Negative, m.Components["resale"].Negative)
	}

	// Without negative = true on the formula, the same model is refused at
	// the formula, whatever the corner.
	fsys["claims/t/model.toml"].Data = bytes.Replace(fsys["claims/t/model.toml"].Data, []byte("unit = \"USD\"\nnegative = true\n\n[components.resale]"), []byte("unit = \"USD\"\n\n[components.resale]"), 1)
	_, err = claim.Load(fsys, "claims")
	want := `claims/t/model.toml:59:8: formula "net_credit" is below zero (-1.35e+06) with every input at its central value`
	if err == nil || err.Error() != want {
		t.Errorf("without negative = true on the formula:\n got %v\nwant %s", err, want)
	}
}

// TestLoadTopics loads one of two topics: the other is not there, with its
// sources, and a reference to it is an error as if it did not exist.
func TestLoadTopics(t *testing.T) {
	fsys := baseFS(t, nil)
	for name, f := range fsys {
		if rest, ok := strings.CutPrefix(name, "claims/t/"); ok {
			fsys["claims/u/"+rest] = &fstest.MapFile{Data: f.Data}
		}
	}
	set, err := claim.LoadTopics(fsys, "claims", []string{"u"})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Topics) != 1 || set.Topics[0].ID != "u" {
		t.Fatalf("topics %v, want u alone", set.Topics)
	}
	for _, s := range set.Sources {
		if strings.HasPrefix(s.ID, "t/") {
			t.Errorf("source %s of the topic left out", s.ID)
		}
	}
	if set.Source("u/report") == nil {
		t.Error("source u/report missing")
	}
	all, err := claim.Load(fsys, "claims")
	if err != nil || len(all.Topics) != 2 {
		t.Fatalf("Load: %d topics, error %v; want 2 and none", len(all.Topics), err)
	}
	fsys["claims/u/run.toml"].Data = bytes.Replace(fsys["claims/u/run.toml"].Data, []byte(`source = "report"`), []byte(`source = "t/report"`), 1)
	if _, err := claim.Load(fsys, "claims"); err != nil {
		t.Fatalf("Load with a reference to t/report: %v", err)
	}
	if _, err := claim.LoadTopics(fsys, "claims", []string{"u"}); err == nil || !strings.Contains(err.Error(), `"t/report"`) {
		t.Errorf("LoadTopics with a reference to the topic left out: error %v, want one naming t/report", err)
	}
}
