package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"reckon/generator/build"
	"reckon/generator/chart"
	"reckon/generator/diff"
	"reckon/generator/internal/golden"
	"reckon/generator/text"
	"reckon/templates"
)

// fixtureSite is the frozen copy of the example site that tests run on.
const fixtureSite = "testdata/site"

// gitEnv isolates git from the machine's configuration and names the
// author of the test commits.
func gitEnv(t *testing.T) {
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_AUTHOR_NAME", "Test")
	t.Setenv("GIT_AUTHOR_EMAIL", "test@example.org")
	t.Setenv("GIT_COMMITTER_NAME", "Test")
	t.Setenv("GIT_COMMITTER_EMAIL", "test@example.org")
	t.Setenv("GIT_AUTHOR_DATE", "2026-12-01T00:00:00Z")
	t.Setenv("GIT_COMMITTER_DATE", "2026-12-01T00:00:00Z")
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// fixtureRepo makes a git repository in a temporary folder holding the
// fixture site in one commit, and returns its folder.
func fixtureRepo(t *testing.T) string {
	t.Helper()
	gitEnv(t)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(fixtureSite)); err != nil {
		t.Fatal(err)
	}
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "the fixture site")
	return dir
}

// edit is a change to a site folder.
type edit func(t *testing.T, dir string)

// replace replaces the first old in file with new.
func replace(file, old, new string) edit {
	return func(t *testing.T, dir string) {
		t.Helper()
		p := filepath.Join(dir, file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s has no %q", file, old)
		}
		if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// appendTo adds text at the end of file.
func appendTo(file, text string) edit {
	return func(t *testing.T, dir string) {
		t.Helper()
		p := filepath.Join(dir, file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, append(b, text...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// copyFile copies a file of the site to a new path.
func copyFile(from, to string) edit {
	return func(t *testing.T, dir string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func move(from, to string) edit {
	return func(t *testing.T, dir string) { git(t, dir, "mv", from, to) }
}

func remove(file string) edit {
	return func(t *testing.T, dir string) { git(t, dir, "rm", "-q", file) }
}

const correction = `
[[corrections]]
date = 2026-12-01
change = "The figure is now DeepSeek's rounded $5.6M."
reason = "The report's text rounds the table's total."
`

// diffCases are commits on top of the fixture site. Each case's Markdown
// and JSON reports are golden files, testdata/diff/NAME.md and NAME.json.
var diffCases = []struct {
	name  string
	edits []edit
	code  int // reckon diff's exit status
}{
	{"unchanged", nil, 0},
	{"add-claim", []edit{
		copyFile("claims/deepseek/v3-report-5-576m.toml", "claims/deepseek/v3-report-copy.toml"),
		replace("claims/deepseek/v3-report-copy.toml", `title = "DeepSeek: training DeepSeek-V3 cost $5.576 million"`, `title = "A copy of the V3 report's figure, rounded"`),
		replace("claims/deepseek/v3-report-copy.toml", "value = 5.576e6", "value = 5.6e6"),
	}, 0},
	{"rename-claim", []edit{
		move("claims/deepseek/deepseek-under-6m.toml", "claims/deepseek/under-6m.toml"),
		// The topic's confused_with names the claim by its file name.
		replace("claims/deepseek/topic.toml", `"deepseek-under-6m", "nature-r1-294k"`, `"under-6m", "nature-r1-294k"`),
		replace("claims/deepseek/topic.toml", `"semianalysis-1-3b", "deepseek-under-6m"`, `"semianalysis-1-3b", "under-6m"`),
	}, 0},
	{"title-and-quote", []edit{
		replace("claims/deepseek/v3-report-5-576m.toml", `title = "DeepSeek: training DeepSeek-V3 cost $5.576 million"`, `title = "DeepSeek: training V3 cost $5.576M"`),
		replace("claims/deepseek/v3-report-5-576m.toml", `quote = "Training costs of DeepSeek-V3, assuming`, `quote = "Table 1: Training costs of DeepSeek-V3, assuming`),
	}, 0},
	{"figure-without-correction", []edit{
		replace("claims/deepseek/v3-report-5-576m.toml", "value = 5.576e6", "value = 5.6e6"),
	}, 1},
	{"figure-with-correction", []edit{
		replace("claims/deepseek/v3-report-5-576m.toml", "value = 5.576e6", "value = 5.6e6"),
		appendTo("claims/deepseek/v3-report-5-576m.toml", correction),
	}, 0},
	{"correction-only", []edit{appendTo("claims/deepseek/v3-report-5-576m.toml", correction)}, 0},
	{"parameter-tiny", []edit{
		replace("claims/deepseek/model.toml", "value = 2_664_000", "value = 2_664_001"),
	}, 0},
	{"rental-rate", []edit{
		replace("claims/deepseek/model.toml", "[parameters.h800_rental_rate]\nlabel = \"H800 rental price assumed by DeepSeek\"\nunit = \"USD/GPU-h\"\nvalue = 2\n", "[parameters.h800_rental_rate]\nlabel = \"H800 rental price assumed by DeepSeek\"\nunit = \"USD/GPU-h\"\nvalue = 2.5\n"),
	}, 1},
	{"commentary", []edit{
		replace("content/topics/deepseek.md", "rental rate the company chose", "rental price that DeepSeek chose"),
	}, 0},
	{"delete-claim", []edit{
		remove("claims/deepseek/deepseek-under-6m.toml"),
		replace("claims/deepseek/topic.toml", `, "deepseek-under-6m", "nature-r1-294k"`, `, "nature-r1-294k"`),
		replace("claims/deepseek/topic.toml", `, "semianalysis-1-3b", "deepseek-under-6m"`, `, "semianalysis-1-3b"`),
	}, 0},
	{"comment-only", []edit{
		replace("claims/deepseek/v3-report-5-576m.toml", "# DeepSeek's own figure", "# DeepSeek's own figure, from its report"),
	}, 0},
	{"source-changed", []edit{
		replace("claims/deepseek/sources.toml", "verified = true", "verified = false"),
	}, 0},
	{"exchange-rate", []edit{
		replace("claims/parameters.toml", "value = 6.45\n", "value = 6.5\n"),
	}, 0},
	{"topic-question", []edit{
		replace("claims/deepseek/topic.toml", "or did it spend more than a billion dollars?", "or more than a billion?"),
	}, 0},
	{"hostile-title", []edit{
		replace("claims/deepseek/v3-report-5-576m.toml", `title = "DeepSeek: training DeepSeek-V3 cost $5.576 million"`, `title = "V3 | <script>alert(1)</script> @team [x](javascript:alert(1)) \u2067evil\u2069"`),
	}, 0},
}

func TestDiffCases(t *testing.T) {
	for _, tc := range diffCases {
		t.Run(tc.name, func(t *testing.T) {
			dir := fixtureRepo(t)
			for _, e := range tc.edits {
				e(t, dir)
			}
			git(t, dir, "add", "-A")
			git(t, dir, "commit", "-q", "--allow-empty", "-m", tc.name)
			for _, format := range []string{"markdown", "json"} {
				var stdout, stderr bytes.Buffer
				code := run([]string{"diff", "-src", dir, "-format", format, "-base-url", "https://preview.example.org/pr/7/", "HEAD~1", "HEAD"}, nil, &stdout, &stderr)
				if code != tc.code {
					t.Errorf("%s: exit status %d, want %d; stderr:\n%s", format, code, tc.code, stderr.String())
				}
				if tc.code == 0 && stderr.Len() > 0 {
					t.Errorf("%s: stderr: %s", format, stderr.String())
				}
				if tc.code == 1 && !strings.HasPrefix(stderr.String(), "reckon diff: ") {
					t.Errorf("%s: stderr does not say why: %q", format, stderr.String())
				}
				ext := map[string]string{"markdown": ".md", "json": ".json"}[format]
				golden.Check(t, "testdata/diff/"+tc.name+ext, stdout.Bytes())
				if format == "json" && !json.Valid(stdout.Bytes()) {
					t.Errorf("invalid JSON:\n%s", stdout.String())
				}
			}
		})
	}
}

// TestDiffUncorrectedMessage pins the line a failed check prints.
func TestDiffUncorrectedMessage(t *testing.T) {
	dir := fixtureRepo(t)
	replace("claims/deepseek/v3-report-5-576m.toml", "value = 5.576e6", "value = 5.6e6")(t, dir)
	git(t, dir, "commit", "-q", "-am", "figure")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"diff", "-src", dir, "HEAD~1", "HEAD"}, nil, &stdout, &stderr); code != 1 {
		t.Fatalf("exit status %d, want 1", code)
	}
	want := "reckon diff: 1 published claim changed figure, scope or rating without a new correction entry: deepseek/v3-report-5-576m\n"
	if stderr.String() != want {
		t.Errorf("stderr = %q, want %q", stderr.String(), want)
	}
}

// TestDiffFolders compares two folders, and caps the report: the cut
// report says where the whole one is, and -full holds the whole one.
func TestDiffFolders(t *testing.T) {
	gitEnv(t)
	old, new := t.TempDir(), t.TempDir()
	for _, d := range []string{old, new} {
		if err := os.CopyFS(d, os.DirFS(fixtureSite)); err != nil {
			t.Fatal(err)
		}
	}
	replace("claims/deepseek/model.toml", "value = 2_664_000", "value = 2_664_001")(t, new)
	full := filepath.Join(t.TempDir(), "full.md")

	var whole, cut, stderr bytes.Buffer
	if code := run([]string{"diff", "-max", "0", old, new}, nil, &whole, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	if code := run([]string{"diff", "-max", "2000", "-full", full, old, new}, nil, &cut, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	if cut.Len() > 2000 {
		t.Errorf("the cut report has %d bytes, over -max 2000", cut.Len())
	}
	if !strings.Contains(cut.String(), "**This report is cut here to fit a comment; the whole report has ") || !strings.Contains(cut.String(), "The whole report is in `"+full+"`") {
		t.Errorf("the cut report does not say it is cut, or where the whole one is:\n%s", cut.String())
	}
	got, err := os.ReadFile(full)
	if err != nil {
		t.Fatal(err)
	}
	// The whole report, written with -full, names the same file; otherwise
	// it is the report without a cap.
	if !bytes.Equal(got, whole.Bytes()) {
		t.Errorf("-full differs from the report without a cap:\n%s\n---\n%s", got, whole.String())
	}
	if !bytes.HasPrefix(whole.Bytes(), cut.Bytes()[:bytes.Index(cut.Bytes(), []byte("\n\n---\n"))]) {
		t.Errorf("the cut report is not the start of the whole one")
	}
}

func TestDiffUsage(t *testing.T) {
	dir := fixtureRepo(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-src", dir, "-format", "html", "HEAD", "HEAD"}, "reckon diff: unknown format \"html\" (want markdown or json)\n"},
		{[]string{"-src", dir, "nope", "HEAD"}, "reckon diff: \"nope\" is neither a folder nor a git revision of " + dir + "\n"},
		// Flags end at the first argument, so "--upload-pack=x" after
		// "-src DIR" would be a flag: it is passed after "--".
		{[]string{"-src", dir, "--", "--upload-pack=x", "HEAD"}, "reckon diff: \"--upload-pack=x\" is neither a folder nor a git revision\n"},
		{[]string{"-src", dir, "-base-url", "ftp://x/", "HEAD", "HEAD"}, "reckon diff: -base-url must be an absolute http(s) URL, got \"ftp://x/\"\n"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"diff"}, tc.args...), nil, &stdout, &stderr); code != exitUsage {
			t.Errorf("%v: exit status %d, want %d", tc.args, code, exitUsage)
		}
		if stderr.String() != tc.want {
			t.Errorf("%v: stderr = %q, want %q", tc.args, stderr.String(), tc.want)
		}
	}
}

// TestDiffBrokenVersion reports a version that does not check, with its
// errors, and exits 1.
func TestDiffBrokenVersion(t *testing.T) {
	dir := fixtureRepo(t)
	replace("claims/deepseek/v3-report-5-576m.toml", `scope = "v3-final-run"`, `scope = "v3-final-rn"`)(t, dir)
	git(t, dir, "commit", "-q", "-am", "broken")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"diff", "-src", dir, "HEAD~1", "HEAD"}, nil, &stdout, &stderr); code != 1 {
		t.Fatalf("exit status %d, want 1", code)
	}
	want := `reckon diff: HEAD does not check:
claims/deepseek/v3-report-5-576m.toml:8:9: unknown scope "v3-final-rn"
      6 | published = 2026-11-28
      7 | summary = "The figure is exactly what DeepSeek's own table gives for the final training run of DeepSeek-V3 at its assumed rental price, and its stages add up. The report says what it leaves out: prior research and ablation experiments. It also leaves out the hardware, which DeepSeek owns rather than rents. Everything behind the figure comes from DeepSeek's own report."
      8 | scope = "v3-final-rn"
        |         ^
  hint: did you mean "v3-final-run"? known scopes: development-compute, fire-flyer-2, fleet-capex, fleet-tco, known-hardware, r1-rl-stage, r1-training, v3-final-run, v3-run-plus-fire-flyer
1 error
`
	if stderr.String() != want {
		t.Errorf("stderr = %q, want %q", stderr.String(), want)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout: %s", stdout.String())
	}
}

// TestDiffChartLinks checks that the chart links of the report lead to
// pages the site has: the page that shows each chart, at its figure, and
// its embed page.
func TestDiffChartLinks(t *testing.T) {
	res, files, _, err := build.Render(build.Config{Src: os.DirFS(fixtureSite), Templates: templates.FS, BaseURL: "https://preview.example.org/pr/7/"})
	if err != nil {
		t.Fatal(err)
	}
	charts, err := chart.Render(res.Results, text.English())
	if err != nil {
		t.Fatal(err)
	}
	old := &diff.Site{Set: res.Set, Results: res.Results, Files: map[string][]byte{}}
	new := &diff.Site{Set: res.Set, Results: res.Results, Charts: charts, Files: map[string][]byte{}}
	r := diff.Compare(old, new, diff.Options{BaseURL: "https://preview.example.org/pr/7/"})
	if len(r.Charts) != len(charts) || len(charts) == 0 {
		t.Fatalf("%d chart changes for %d new charts", len(r.Charts), len(charts))
	}
	for _, c := range r.Charts {
		page, anchor, _ := strings.Cut(strings.TrimPrefix(c.Page, "https://preview.example.org/pr/7/"), "#")
		html, ok := files[page+"index.html"]
		if !ok {
			t.Errorf("%s: no page %s", c.ID, page)
		} else if !bytes.Contains(html, []byte(`id="`+anchor+`"`)) {
			t.Errorf("%s: page %s has no id %q", c.ID, page, anchor)
		}
		if embed := strings.TrimPrefix(c.Embed, "https://preview.example.org/pr/7/"); files[embed+"index.html"] == nil {
			t.Errorf("%s: no embed page %s", c.ID, embed)
		}
	}
}

// TestDiffEditionValues checks that a model value quoted in the
// commentary of another edition (content/LANG/) is listed where it now
// reads differently, beside the main edition's.
func TestDiffEditionValues(t *testing.T) {
	old, new := t.TempDir(), t.TempDir()
	for _, d := range []string{old, new} {
		if err := os.CopyFS(d, os.DirFS("testdata/editions")); err != nil {
			t.Fatal(err)
		}
	}
	replace("claims/deepseek/model.toml", "unit = \"USD/GPU-h\"\nvalue = 2\n", "unit = \"USD/GPU-h\"\nvalue = 2.5\n")(t, new)
	var stdout, stderr bytes.Buffer
	run([]string{"diff", "-format", "json", old, new}, nil, &stdout, &stderr)
	var report struct {
		Values []struct{ File, Ref string } `json:"values"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("%v; stderr: %s", err, stderr.String())
	}
	got := map[string]bool{}
	for _, v := range report.Values {
		got[v.File+" "+v.Ref] = true
	}
	for _, want := range []string{
		"content/claims/deepseek/r1-compute-5-6m.md value deepseek h800_rental_rate",
		"content/ar/claims/deepseek/r1-compute-5-6m.md value deepseek h800_rental_rate",
		"content/ar/claims/deepseek/r1-compute-5-6m.md value deepseek v3-final-run",
	} {
		if !got[want] {
			t.Errorf("the values changed do not list %q; they are %v", want, report.Values)
		}
	}
}

// TestReadTreeBounded checks that the files reckon diff reads to quote
// errors from leave out a file larger than any input may be (a sparse
// file of 20 GiB) and read the others as they are.
func TestReadTreeBounded(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "claims", "t"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "claims", "t", "a.toml"), []byte("a = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "claims", "t", "big.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(20 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	files, err := readTree(os.DirFS(dir), "claims", "content")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || string(files["claims/t/a.toml"]) != "a = 1\n" {
		t.Errorf("readTree: %d files (a.toml %q); want only a.toml, as written", len(files), files["claims/t/a.toml"])
	}
}
