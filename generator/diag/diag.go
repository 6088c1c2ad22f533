package diag

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Pos is a position in an input file. Line and Col count from 1; a zero Line
// means the position within the file is unknown, and Key then names the place
// by its key path (for example "parameters.gpu_hours.low").
type Pos struct {
	File string // slash-separated path relative to the site root
	Line int
	Col  int
	Key  string
}

// String formats p as file:line:col, file: key, or file.
func (p Pos) String() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	case p.Key != "":
		return fmt.Sprintf("%s: %s", p.File, p.Key)
	}
	return p.File
}

// Error is one problem in the input.
type Error struct {
	Pos  Pos
	Msg  string // lower case, no trailing period
	Hint string // what to do about it; may be empty
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// List is a list of errors. The zero value is an empty list ready to use.
type List []*Error

// Add appends an error at pos.
func (l *List) Add(pos Pos, hint, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Append appends all errors of err: a List, an *Error or any other error
// (which is recorded at pos).
func (l *List) Append(pos Pos, err error) {
	if err == nil {
		return
	}
	var list List
	var one *Error
	switch {
	case errors.As(err, &list):
		*l = append(*l, list...)
	case errors.As(err, &one):
		*l = append(*l, one)
	default:
		*l = append(*l, &Error{Pos: pos, Msg: err.Error()})
	}
}

// Sort sorts the list by file, line, column, key and message, and removes
// exact duplicates.
func (l List) Sort() List {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Pos.Key, b.Pos.Key),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.CompactFunc(l, func(a, b *Error) bool { return *a == *b })
}

// Error returns the first error and how many more there are.
func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	case 2:
		return l[0].Error() + " (and 1 more error)"
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Err returns nil for an empty list and the sorted list otherwise.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l.Sort()
}

// Errors returns the errors of err: the list itself, a list of one, or nil.
func Errors(err error) List {
	if err == nil {
		return nil
	}
	var list List
	if errors.As(err, &list) {
		return list
	}
	var one *Error
	if errors.As(err, &one) {
		return List{one}
	}
	return List{{Msg: err.Error()}}
}

// Source returns the content of a file by its path, or false when it is not known.
type Source func(file string) ([]byte, bool)

// Files returns the Source that reads files from m, by path.
func Files(m map[string][]byte) Source {
	return func(file string) ([]byte, bool) {
		b, ok := m[file]
		return b, ok
	}
}

// Format writes every error of err, one per line, each followed (when src
// knows the file and the line) by the two lines before it, the line itself
// with a caret under the column, and the hint. Characters a terminal would
// act on or hide are written escaped (see [Escape]), and the caret allows
// for the escapes.
func Format(w io.Writer, err error, src Source) {
	for _, e := range Errors(err) {
		fmt.Fprintln(w, Escape(e.Error()))
		if src != nil && e.Pos.Line > 0 {
			if data, ok := src(e.Pos.File); ok {
				writeContext(w, data, e.Pos)
			}
		}
		if e.Hint != "" {
			fmt.Fprintf(w, "  hint: %s\n", Escape(e.Hint))
		}
	}
}

func writeContext(w io.Writer, data []byte, pos Pos) {
	lines := strings.Split(string(data), "\n")
	if pos.Line > len(lines) {
		return
	}
	for n := max(1, pos.Line-2); n <= pos.Line; n++ {
		fmt.Fprintf(w, "  %5d | %s\n", n, Escape(strings.TrimRight(lines[n-1], "\r")))
	}
	if pos.Col > 0 {
		line := lines[pos.Line-1]
		var pad strings.Builder
		for i, r := range line {
			if i >= pos.Col-1 {
				break
			}
			switch {
			case r == '\t':
				pad.WriteByte('\t')
			case escape(r, line[i:]) != "":
				pad.WriteString(strings.Repeat(" ", len(escape(r, line[i:]))))
			default:
				pad.WriteByte(' ')
			}
		}
		fmt.Fprintf(w, "        | %s^\n", pad.String())
	}
}

// Escape returns s with every character that a terminal would act on or
// hide written as a Go escape: control characters other than tab and line
// feed (\x1b, \r), bidirectional controls (\u202e, \u200f), line and
// paragraph separators, the byte-order mark, and bytes that are not UTF-8
// (\xff). Everything else is unchanged.
func Escape(s string) string {
	var b strings.Builder
	done := 0
	for i, r := range s {
		if esc := escape(r, s[i:]); esc != "" {
			if done == 0 {
				b.Grow(len(s) + 8)
			}
			b.WriteString(s[done:i])
			b.WriteString(esc)
			done = i + len(string(r))
			if r == utf8.RuneError {
				done = i + 1
			}
		}
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// escape returns the escape of r, the rune that starts rest, or "" when r
// is shown as it is.
func escape(r rune, rest string) string {
	switch {
	case r == utf8.RuneError:
		if _, n := utf8.DecodeRuneInString(rest); n == 1 {
			return fmt.Sprintf(`\x%02x`, rest[0])
		}
		return ""
	case r == '\t' || r == '\n':
		return ""
	case r < 0x20 || r >= 0x7f && r <= 0x9f:
		return fmt.Sprintf(`\x%02x`, r)
	case r == 0x061C, r == 0x200E, r == 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2066 && r <= 0x2069, r == 0x2028, r == 0x2029, r == 0xFEFF:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return ""
}

// Annotations writes every error of err as a GitHub Actions workflow command,
// so that a pull request shows it on the offending line.
func Annotations(w io.Writer, err error) {
	esc := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	msg := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	for _, e := range Errors(err) {
		text := e.Msg
		if e.Pos.Key != "" && e.Pos.Line == 0 {
			text = e.Pos.Key + ": " + text
		}
		if e.Hint != "" {
			text += "\nhint: " + e.Hint
		}
		fmt.Fprintf(w, "::error file=%s", esc.Replace(Escape(e.Pos.File)))
		if e.Pos.Line > 0 {
			fmt.Fprintf(w, ",line=%d", e.Pos.Line)
			if e.Pos.Col > 0 {
				fmt.Fprintf(w, ",col=%d", e.Pos.Col)
			}
		}
		fmt.Fprintf(w, "::%s\n", msg.Replace(Escape(text)))
	}
}
