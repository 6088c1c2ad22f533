package formula

import (
	"fmt"

	"reckon/generator/unit"
)

// suggest returns a hint naming the known name closest to name, or "" when
// none is close: at most a third of name's length in edits, and at least 1.
func suggest(name string, names map[string]unit.Unit) string {
	best, bestDist := "", max(1, len([]rune(name))/3)+1
	for known := range names {
		d := editDistance(name, known)
		if d < bestDist || d == bestDist && known < best {
			best, bestDist = known, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("did you mean %q?", best)
}

// editDistance returns the Levenshtein distance between a and b, counted in
// runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := range ra {
		cur[0] = i + 1
		for j := range rb {
			cost := 1
			if ra[i] == rb[j] {
				cost = 0
			}
			cur[j+1] = min(prev[j+1]+1, cur[j]+1, prev[j]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
