package site

import (
	"strings"
	"testing"
)

// TestCompareSlashed: compareSlashed(a, b) is strings.Compare(a+"/",
// b+"/") for every pair of strings of up to three bytes around "/".
func TestCompareSlashed(t *testing.T) {
	all := []string{""}
	for range 3 {
		for _, s := range all {
			for _, c := range []string{"-", "/", "0"} {
				if len(s) < 3 {
					all = append(all, s+c)
				}
			}
		}
	}
	seen := map[string]bool{}
	for _, a := range all {
		seen[a] = true
	}
	if len(seen) != 40 {
		t.Fatalf("%d strings, want 40", len(seen))
	}
	for a := range seen {
		for b := range seen {
			if got, want := compareSlashed(a, b), strings.Compare(a+"/", b+"/"); got != want {
				t.Errorf("compareSlashed(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}
