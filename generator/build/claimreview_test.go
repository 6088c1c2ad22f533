package build

import (
	"bytes"
	"os"
	"regexp"
	"testing"

	"reckon/generator/internal/golden"
	"reckon/templates"
)

var ldJSON = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// TestClaimReviewGolden pins the ClaimReview structured data of every claim
// page of the fixture site: who worded each claim (a described party has no
// name), when (only what is known of the date), where it first appeared, and
// its rating.
func TestClaimReviewGolden(t *testing.T) {
	res, files, _, err := Render(Config{Src: os.DirFS(fixtureSite), Templates: templates.FS})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	n := 0
	for _, top := range res.Set.Topics {
		for _, c := range top.Claims {
			page := "claims/" + c.ID + "/index.html"
			m := ldJSON.FindSubmatch(files[page])
			if m == nil {
				t.Errorf("%s: no JSON-LD", page)
				continue
			}
			b.WriteString("== " + c.ID + "\n")
			b.Write(bytes.TrimSpace(m[1]))
			b.WriteString("\n")
			n++
		}
	}
	if n != 15 {
		t.Errorf("%d claim pages with JSON-LD, want 15", n)
	}
	golden.Check(t, "testdata/claimreview.golden", b.Bytes())
}
