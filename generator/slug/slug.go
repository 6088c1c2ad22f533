package slug

// Valid reports whether s is a slug: lower-case ASCII letters, digits and
// hyphens, neither starting nor ending with a hyphen.
func Valid(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
