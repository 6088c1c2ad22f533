package costmodel

import (
	"math"
	"strconv"
	"strings"
)

// These write numbers and lists into error messages, which are for the
// site's editors, not its readers (reader text is package text's).

// formatNumber writes a number in the shortest form that round-trips,
// without an exponent for ordinary sizes.
func formatNumber(v float64) string {
	if a := math.Abs(v); a != 0 && (a < 1e-4 || a >= 1e15) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// joinAnd joins "a", "a and b", "a, b and c".
func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
