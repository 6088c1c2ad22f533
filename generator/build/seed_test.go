package build

import (
	"bytes"
	"flag"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reckon/generator/costmodel"
	"reckon/generator/diag"
	"reckon/generator/explain"
	"reckon/generator/internal/golden"
	"reckon/generator/text"
)

// fixtureSite is the frozen copy of the example site the engine's
// regression tests run on, so that a newsroom's edits to claims/ and
// content/ never break them. It is never edited with the content; after an
// intended change to the engine, refresh the goldens with make golden.
const fixtureSite = "../testdata/site"

// checkFixture loads and reconciles the fixture site.
func checkFixture(t *testing.T) *Result {
	t.Helper()
	res, err := Check(os.DirFS(fixtureSite))
	if err != nil {
		var b bytes.Buffer
		diag.Format(&b, err, diag.Files(res.Files()))
		t.Fatalf("the fixture site %s does not check:\n%s", fixtureSite, b.String())
	}
	return res
}

// TestSeedGolden pins, for every claim of the fixture site, the verdict, the
// numbers and the reasons, as reckon explain prints them. A golden file
// left over from a claim the fixture no longer has is an error; -update
// removes it.
func TestSeedGolden(t *testing.T) {
	res := checkFixture(t)
	want := map[string]bool{}
	for _, top := range res.Results.Topics {
		for _, c := range top.Claims {
			var b bytes.Buffer
			explain.Find(&b, text.English(), res.Results, c.Claim.ID)
			name := "testdata/seed/" + c.Claim.ID + ".golden"
			golden.Check(t, name, b.Bytes())
			want[name] = true
		}
	}
	if len(want) != 15 {
		t.Errorf("%d claims in the fixture site, want 15", len(want))
	}
	update := flag.Lookup("update").Value.(flag.Getter).Get().(bool)
	err := filepath.WalkDir("testdata/seed", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || want[filepath.ToSlash(p)] {
			return err
		}
		if update {
			return os.Remove(p)
		}
		t.Errorf("%s: no claim of the fixture site has this golden file (rerun with -update to remove it)", filepath.ToSlash(p))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func claimResult(t *testing.T, res *Result, id string) (*costmodel.Topic, *costmodel.Claim) {
	t.Helper()
	for _, top := range res.Results.Topics {
		for _, c := range top.Claims {
			if c.Claim.ID == id {
				return top, c
			}
		}
	}
	t.Fatalf("no claim %s", id)
	return nil, nil
}

func scopeResult(t *testing.T, top *costmodel.Topic, name string) *costmodel.Scope {
	t.Helper()
	for _, s := range top.Scopes {
		if s.Scope.Name == name {
			return s
		}
	}
	t.Fatalf("no scope %s", name)
	return nil
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol*math.Abs(want) }

// TestSeedArithmetic checks the model against the sources' own numbers.
func TestSeedArithmetic(t *testing.T) {
	res := checkFixture(t)
	top, _ := claimResult(t, res, "deepseek/v3-report-5-576m")

	// DeepSeek-V3 report, table 1: 2,788K H800 GPU-hours at $2 = $5.576M.
	v3 := scopeResult(t, top, "v3-final-run")
	if v3.Central != 2_788_000*2 {
		t.Errorf("v3-final-run = %v, want 2,788,000 × $2 = 5,576,000", v3.Central)
	}
	parts := map[string]float64{}
	for _, c := range v3.Components {
		parts[c.Component.Name] = c.Central
	}
	for name, want := range map[string]float64{"v3_pretraining": 5_328_000, "v3_context_extension": 238_000, "v3_post_training": 10_000} {
		if parts[name] != want {
			t.Errorf("%s = %v, want %v (V3 report, table 1)", name, parts[name], want)
		}
	}
	// R1 (Nature, as reported): 512×198 + 512×80 + 5,000 GPU-h at $2 = $294,672.
	if r1 := scopeResult(t, top, "r1-rl-stage"); !near(r1.Central, 294_672, 1e-9) {
		t.Errorf("r1-rl-stage = %v, want 294,672", r1.Central)
	}
	// Fire-Flyer 2: CNY 1B at the 2021 average (6.45) ≈ $155M.
	if ff := scopeResult(t, top, "fire-flyer-2"); !near(ff.Central, 1e9/6.45, 1e-9) {
		t.Errorf("fire-flyer-2 = %v, want 1e9/6.45 = %v", ff.Central, 1e9/6.45)
	}

	// "CNY 1 billion ($139M)": $155M at the spending date, $139M only at an early-2025 rate.
	_, hf := claimResult(t, res, "deepseek/high-flyer-1b-yuan")
	cv := hf.Conversion
	if cv == nil {
		t.Fatal("high-flyer-1b-yuan: no conversion check")
	}
	if !near(cv.AtSpending, 155.04e6, 0.001) || cv.SpendingRate == nil || cv.SpendingRate.Value != 6.45 {
		t.Errorf("at the spending date: %v at %+v, want ≈ $155.0M at 6.45", cv.AtSpending, cv.SpendingRate)
	}
	if cv.ClaimRate == nil || cv.ClaimRate.Value < 7.1 || !near(cv.AtClaim, 1e9/cv.ClaimRate.Value, 1e-9) || cv.AtClaim > 141e6 || cv.AtClaim < 135e6 {
		t.Errorf("at the claim date: %v at %+v, want ≈ $137-139M at an early-2025 rate", cv.AtClaim, cv.ClaimRate)
	}
	if cv.Verdict != costmodel.ClaimDate {
		t.Errorf("conversion verdict = %q, want %q", cv.Verdict, costmodel.ClaimDate)
	}

	// The article's own "more than $500M" does not follow from the parts it names.
	_, art := claimResult(t, res, "deepseek/article-true-cost-500m")
	if art.Parts == nil || art.Parts.Verdict != costmodel.DoNotAddUp || !near(art.Parts.Sum, 144.6e6, 1e-9) {
		t.Errorf("article parts = %+v, want do-not-add-up, sum $144.6M", art.Parts)
	}
	if art.Figure.Verdict != costmodel.Contradicted {
		t.Errorf("article figure verdict = %q, want contradicted", art.Figure.Verdict)
	}

	// $5.6M: the final V3 run, attributed to R1 by the article.
	_, r1 := claimResult(t, res, "deepseek/r1-compute-5-6m")
	if r1.Claim.Scope != "v3-final-run" || r1.Framing == nil || r1.Framing.Verdict == costmodel.Fair {
		t.Errorf("r1-compute-5-6m: scope %q framing %+v, want v3-final-run, not fair", r1.Claim.Scope, r1.Framing)
	}
	if r1.Figure.Verdict != costmodel.Consistent {
		t.Errorf("r1-compute-5-6m figure = %q, want consistent", r1.Figure.Verdict)
	}
	if !strings.Contains(strings.Join(text.English().Reasons(r1), "\n"), "$5.576M") {
		t.Errorf("r1-compute-5-6m reasons do not quote $5.576M:\n%s", strings.Join(text.English().Reasons(r1), "\n"))
	}
}

// TestDeterministic reconciles twice and compares every claim's explanation.
func TestDeterministic(t *testing.T) {
	a, b := checkFixture(t), checkFixture(t)
	for _, top := range a.Results.Topics {
		for _, c := range top.Claims {
			var x, y bytes.Buffer
			explain.Find(&x, text.English(), a.Results, c.Claim.ID)
			explain.Find(&y, text.English(), b.Results, c.Claim.ID)
			if x.String() != y.String() {
				t.Errorf("%s: two runs differ", c.Claim.ID)
			}
		}
	}
}
