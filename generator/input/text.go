package input

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"reckon/generator/diag"
	"reckon/generator/keypos"
)

// maxErrors is how many problems [Text] reports in one file, at most one a
// line: a binary file gives a few errors, not thousands.
const maxErrors = 10

const (
	utf8Hint     = "save the file as UTF-8"
	controlHint  = "remove it: text may hold tabs and line breaks, but no other control character"
	crHint       = "end lines with LF or CRLF"
	overrideHint = "embeddings and overrides (U+202A to U+202E) can show text in another order than it is stored: remove it; to set a direction, use a mark (U+200E, U+200F) or an isolate (U+2066 to U+2068) closed by U+2069"
	isolateHint  = "close every isolate (U+2066, U+2067, U+2068) with U+2069 (POP DIRECTIONAL ISOLATE) on the same line"
)

var bidiNames = map[rune]string{
	0x202A: "LEFT-TO-RIGHT EMBEDDING",
	0x202B: "RIGHT-TO-LEFT EMBEDDING",
	0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE",
	0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE",
	0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE",
}

// Text checks data, the bytes of a text file, and returns them without a
// leading byte-order mark. Every other problem is an error at its byte:
// invalid UTF-8; a control character other than tab, line feed and a
// carriage return before a line feed; a bidirectional embedding or
// override (U+202A to U+202E); an isolate (U+2066 to U+2068) not closed by
// U+2069 on the same line, or a U+2069 that closes none. Marks (U+200E,
// U+200F, U+061C) and closed isolates are allowed. Text reports at most one
// problem a line and ten a file.
func Text(file string, data []byte) ([]byte, diag.List) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var errs diag.List
	line, start, last := 1, 0, 0
	scan(data, func(off int, msg, hint string) bool {
		for i := bytes.IndexByte(data[start:off], '\n'); i >= 0; i = bytes.IndexByte(data[start:off], '\n') {
			line++
			start += i + 1
		}
		if last == line {
			return true
		}
		last = line
		errs.Add(diag.Pos{File: file, Line: line, Col: off - start + 1}, hint, "%s", msg)
		return len(errs) < maxErrors
	})
	return data, errs
}

// scan calls report with the offset of every problem of b, in order, until
// report returns false.
func scan(b []byte, report func(off int, msg, hint string) bool) {
	var open []int // offsets of the isolates open on the current line
	closeLine := func() bool {
		if len(open) == 0 {
			return true
		}
		r, _ := utf8.DecodeRune(b[open[0]:])
		ok := report(open[0], fmt.Sprintf("bidirectional isolate %s is not closed", name(r)), isolateHint)
		open = open[:0]
		return ok
	}
	for i := 0; i < len(b); {
		if c := b[i]; c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		ok := true
		switch {
		case r == utf8.RuneError && n == 1:
			ok = report(i, fmt.Sprintf("invalid UTF-8 byte 0x%02x", b[i]), utf8Hint)
		case r == '\n':
			ok = closeLine()
		case r == '\t':
		case r == '\r':
			if i+1 >= len(b) || b[i+1] != '\n' {
				ok = report(i, "carriage return without a line feed", crHint)
			}
		case r < 0x20 || r >= 0x7f && r <= 0x9f:
			ok = report(i, fmt.Sprintf("control character %U", r), controlHint)
		case r >= 0x202A && r <= 0x202E:
			ok = report(i, fmt.Sprintf("bidirectional control %s", name(r)), overrideHint)
		case r >= 0x2066 && r <= 0x2068:
			open = append(open, i)
		case r == 0x2069:
			if len(open) == 0 {
				ok = report(i, fmt.Sprintf("%s closes no isolate", name(r)), isolateHint)
			} else {
				open = open[:len(open)-1]
			}
		}
		if !ok {
			return
		}
		i += n
	}
	closeLine()
}

// plain reports whether s is printable ASCII only, which scan passes.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

func name(r rune) string { return fmt.Sprintf("%U (%s)", r, bidiNames[r]) }

// Strings checks, by the rules of [Text], every key and string value of a
// TOML document as decoded, since an escape such as \u202e spells a
// character the file does not hold. Each problem is an error at the key or
// value, naming its path; line numbers are shifted by lineOffset (the lines
// before the document, for front matter).
func Strings(file string, ix *keypos.Index, lineOffset int) diag.List {
	var errs diag.List
	// A bad key is reported once, where it first stands.
	keys := map[string]*diag.Error{}
	ix.Each(func(p string, e keypos.Entry) {
		// Only a quoted key can hold more than letters, digits, _ and -.
		if strings.Contains(p, `"`) {
			for _, k := range keypos.Split(p) {
				pos := diag.Pos{File: file, Line: e.Line + lineOffset, Col: e.Col}
				if old, ok := keys[k]; ok {
					if old != nil && (pos.Line < old.Pos.Line || pos.Line == old.Pos.Line && pos.Col < old.Pos.Col) {
						old.Pos = pos
					}
					continue
				}
				keys[k] = nil
				scan([]byte(k), func(_ int, msg, hint string) bool {
					keys[k] = &diag.Error{Pos: pos, Msg: fmt.Sprintf("key %s: %s", keypos.Path(k), msg), Hint: hint}
					return false
				})
			}
		}
		if e.IsStr && !plain(e.Str) {
			scan([]byte(e.Str), func(_ int, msg, hint string) bool {
				errs.Add(diag.Pos{File: file, Line: e.ValLine + lineOffset, Col: e.ValCol}, hint, "%s: %s", p, msg)
				return false
			})
		}
	})
	for _, e := range keys {
		if e != nil {
			errs = append(errs, e)
		}
	}
	return errs.Sort()
}

// Depth checks that arrays and inline tables in data, a TOML document, nest
// at most limit deep, with a small scanner that knows TOML's strings and
// comments, so that no parser recurses deeper. The error is at the bracket
// or brace that goes one level too deep.
func Depth(file string, data []byte, limit int) *diag.Error {
	depth := 0
	line, start := 1, 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n':
			line, start = line+1, i+1
		case '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			if i+2 < len(data) && data[i+1] == c && data[i+2] == c {
				i = skipMultiline(data, i+3, c, &line, &start)
			} else {
				i = skipString(data, i+1, c)
			}
		case '[', '{':
			depth++
			if depth > limit {
				return &diag.Error{
					Pos:  diag.Pos{File: file, Line: line, Col: i - start + 1},
					Msg:  fmt.Sprintf("arrays and tables nest more than %d deep", limit),
					Hint: "a site's files never need this depth: flatten the data",
				}
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return nil
}

// skipString returns the offset of the quote that closes a one-line string
// opened before i (or of the line end, for an unclosed one).
func skipString(data []byte, i int, quote byte) int {
	for ; i < len(data) && data[i] != '\n'; i++ {
		switch {
		case data[i] == '\\' && quote == '"':
			i++
		case data[i] == quote:
			return i
		}
	}
	return i - 1
}

// skipMultiline returns the offset of the last quote that closes a
// multi-line string whose content starts at i, counting its lines.
func skipMultiline(data []byte, i int, quote byte, line, start *int) int {
	for ; i < len(data); i++ {
		switch {
		case data[i] == '\n':
			*line, *start = *line+1, i+1
		case data[i] == '\\' && quote == '"':
			if i+1 < len(data) && data[i+1] == '\n' {
				*line, *start = *line+1, i+2
			}
			i++
		case data[i] == quote && i+2 < len(data) && data[i+1] == quote && data[i+2] == quote:
			// Up to two more quotes belong to the content: """a"""""
			j := i + 3
			for k := 0; k < 2 && j < len(data) && data[j] == quote; k++ {
				j++
			}
			return j - 1
		}
	}
	return len(data) - 1
}

// Limits on how deep Markdown's block quotes and lists nest, whose parsing
// slows down with the square of the depth: at the start of a line, at most
// MaxDepth markers (">", "-", "*", "+", "1." or "1)") and
// MaxMarkdownIndent columns of spaces and tabs (a tab counts as four).
const MaxMarkdownIndent = 400

// MarkdownDepth checks the nesting limits of Markdown on every line of
// data; the error is at the marker or the whitespace past the limit.
func MarkdownDepth(file string, data []byte) *diag.Error {
	line := 1
	for start := 0; start < len(data); line++ {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += start
		}
		markers, indent := 0, 0
		for i := start; i < end; {
			c := data[i]
			n := 0 // bytes of a marker at i
			switch {
			case c == ' ':
				indent++
			case c == '\t':
				indent += 4
			case c == '>':
				n = 1
			case c == '-' || c == '*' || c == '+':
				if i+1 < end && (data[i+1] == ' ' || data[i+1] == '\t') {
					n = 1
				}
			case c >= '0' && c <= '9':
				j := i
				for j < end && j-i < 9 && data[j] >= '0' && data[j] <= '9' {
					j++
				}
				if j+1 < end && (data[j] == '.' || data[j] == ')') && (data[j+1] == ' ' || data[j+1] == '\t') {
					n = j + 1 - i
				}
			}
			if n == 0 && c != ' ' && c != '\t' {
				break
			}
			if n > 0 {
				markers++
			}
			if markers > MaxDepth || indent > MaxMarkdownIndent {
				return &diag.Error{
					Pos:  diag.Pos{File: file, Line: line, Col: i - start + 1},
					Msg:  fmt.Sprintf("block quotes and lists nest too deep (more than %d markers or %d columns of indentation)", MaxDepth, MaxMarkdownIndent),
					Hint: "a site's commentary never needs this depth: flatten the text",
				}
			}
			i += max(n, 1)
		}
		start = end + 1
	}
	return nil
}
