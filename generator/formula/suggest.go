package formula

import (
	"fmt"

	"reckon/generator/spell"
	"reckon/generator/unit"
)

// suggest returns a hint naming the known name closest to name, or "" when
// none is close: at most a third of name's length in edits, and at least 1.
func suggest(name string, names map[string]unit.Unit) string {
	best, bestDist := "", max(1, len([]rune(name))/3)+1
	for known := range names {
		d := spell.Distance(name, known)
		if d < bestDist || d == bestDist && known < best {
			best, bestDist = known, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("did you mean %q?", best)
}
