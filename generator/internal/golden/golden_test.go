package golden

import "testing"

func TestDiff(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"equal", "a\nb", "a\nb", "...\n"},
		{"changed line", "a\nb\nc", "a\nB\nc", " a\n-b\n+B\n c\n"},
		{"added line", "a\nb", "a\nb\nc", " a\n b\n+c\n"},
		{"far context cut", "1\n2\n3\n4\n5\n6\n7", "1\n2\n3\n4\n5\n6\nx", "...\n 5\n 6\n-7\n+x\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Diff(tc.a, tc.b); got != tc.want {
				t.Errorf("Diff = %q, want %q", got, tc.want)
			}
		})
	}
}
