package site

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"

	"reckon/generator/claim"
	"reckon/generator/text"
)

// texts is the interface strings of one language (see package text).
type texts struct {
	file string
	m    map[string]string
	cat  *text.Catalog
	// num writes an int argument (a count, a year) in the language's
	// digits; nil writes it in ASCII.
	num func(int) string
	// digits is the edition's number system ("latn", "arab"); "" keeps
	// the catalog's.
	digits string
}

// loadTexts loads the interface strings of lang, to write numbers in the
// number system digits ("" for the catalog's own).
func loadTexts(tmpl fs.FS, lang, digits string) (*texts, error) {
	c, err := text.Load(tmpl, lang)
	if err != nil {
		return nil, err
	}
	return textsOf(c, lang, digits), nil
}

// textsOf returns the interface strings of the catalog c of lang, to write
// numbers in the number system digits ("" for the catalog's own).
func textsOf(c *text.Catalog, lang, digits string) *texts {
	t := &texts{file: c.File, m: c.Strings, cat: c, digits: digits}
	t.num = t.words(lang).Int
	return t
}

// words returns the text layer for the strings in the language lang.
func (t *texts) words(lang string) *text.Words {
	c := t.cat
	if c == nil {
		c = &text.Catalog{File: t.file, Strings: t.m}
	}
	w := text.For(lang, c)
	if t.digits != "" {
		w = w.With(text.Numbers{Digits: t.digits})
	}
	return w
}

// get returns the string for key with {1}, {2}... replaced by args.
func (t *texts) get(key string, args ...any) (string, error) {
	txt, err := t.compose(key, args, func(v any) Span { return Span{Text: t.arg(v)} })
	return txt.String(), err
}

// text returns the string for key as a [Text], with {1}, {2}... replaced by
// args: a string argument is user text, a Text is set in as it is, and
// anything else (a count) is plain.
func (t *texts) text(key string, args ...any) (Text, error) {
	return t.compose(key, args, func(v any) Span {
		_, ok := v.(string)
		return Span{Text: t.arg(v), User: ok}
	})
}

// arg writes an argument: an int in the language's digits, anything else
// as [argString] does.
func (t *texts) arg(v any) string {
	if n, ok := v.(int); ok && t.num != nil {
		return t.num(n)
	}
	return argString(v)
}

// compose returns the string for key with {1}, {2}... replaced by args,
// each made into a span by span (a Text argument is set in as it is).
func (t *texts) compose(key string, args []any, span func(any) Span) (Text, error) {
	s, ok := t.m[key]
	if !ok {
		return nil, text.MissingKey(key)
	}
	if len(args) == 0 || !strings.Contains(s, "{") {
		return Text{{Text: s}}, nil
	}
	// Replace {1}, {2}... in one pass; other braces stay as they are.
	var out Text
	var b strings.Builder
	b.Grow(len(s))
	text.Scan(s, func(lit string) { b.WriteString(lit) }, func(name string) bool {
		n, err := strconv.Atoi(name)
		if err != nil || n < 1 || n > len(args) {
			return false
		}
		var parts Text
		if tx, ok := args[n-1].(Text); ok {
			parts = tx
		} else {
			parts = Text{span(args[n-1])}
		}
		for _, p := range parts {
			if !p.User || p.Text == "" {
				b.WriteString(p.Text)
				continue
			}
			if b.Len() > 0 {
				out = append(out, Span{Text: b.String()})
				b.Reset()
			}
			out = append(out, p)
		}
		return true
	})
	if b.Len() > 0 {
		out = append(out, Span{Text: b.String()})
	}
	return out, nil
}

// argString writes an argument as fmt.Print does, without fmt for the
// common kinds.
func argString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case Text:
		return v.String()
	}
	return fmt.Sprint(v)
}

// tr looks up strings for Go code, remembering the first missing key. It is
// safe for concurrent use.
type tr struct {
	t   *texts
	w   *text.Words // the same strings, for the text layer
	mu  sync.Mutex
	err error
}

func (r *tr) s(key string, args ...any) string {
	s, err := r.t.get(key, args...)
	r.keep(err)
	return s
}

// x is s for a [Text]: see texts.text; in Go code, mark user text with
// [user].
func (r *tr) x(key string, args ...any) Text {
	t, err := r.t.compose(key, args, func(v any) Span { return Span{Text: argString(v)} })
	r.keep(err)
	return t
}

// keep remembers err if it is the first.
func (r *tr) keep(err error) {
	if err == nil {
		return
	}
	r.mu.Lock()
	if r.err == nil {
		r.err = err
	}
	r.mu.Unlock()
}

// user returns s as user text.
func user(s string) Text { return Text{{Text: s, User: true}} }

// error returns the first missing key.
func (r *tr) error() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err == nil && r.w != nil {
		return r.w.Err()
	}
	return r.err
}

// date writes a date for a reader ("27 December 2024").
func (r *tr) date(d claim.Date) string { return r.w.Date(d) }
func (r *tr) when(d claim.Date) string { return r.w.When(d) }
