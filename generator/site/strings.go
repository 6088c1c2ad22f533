package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"reckon/generator/claim"
)

// Interface strings live in the template folder, one TOML file per
// language: i18n/en.toml holds every key, and i18n/LANG.toml (for the site's
// language) overrides any of them. Values may hold {1}, {2}... for
// arguments. The key "dir" gives the language's direction, "ltr" or "rtl".
const stringsDir = "i18n"

// texts is the interface strings of one language.
type texts struct {
	file string
	m    map[string]string
}

func loadTexts(tmpl fs.FS, lang string) (*texts, error) {
	t := &texts{m: map[string]string{}}
	files := []string{path.Join(stringsDir, "en.toml")}
	if base := primaryTag(lang); base != "en" {
		files = append(files, path.Join(stringsDir, base+".toml"))
	}
	for i, f := range files {
		data, err := fs.ReadFile(tmpl, f)
		if err != nil {
			if i > 0 && errors.Is(err, fs.ErrNotExist) {
				continue // no translation: English strings
			}
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		m := map[string]string{}
		if _, err := toml.Decode(string(data), &m); err != nil {
			return nil, fmt.Errorf("%s: %v", f, err)
		}
		for k, v := range m {
			t.m[k] = v
		}
		t.file = f
	}
	if d := t.m["dir"]; d != "ltr" && d != "rtl" {
		return nil, fmt.Errorf("%s: dir must be \"ltr\" or \"rtl\", got %q", t.file, d)
	}
	return t, nil
}

// get returns the string for key with {1}, {2}... replaced by args.
func (t *texts) get(key string, args ...any) (string, error) {
	txt, err := t.compose(key, args, func(v any) Span { return Span{Text: argString(v)} })
	return txt.String(), err
}

// text returns the string for key as a [Text], with {1}, {2}... replaced by
// args: a string argument is user text, a Text is set in as it is, and
// anything else (a count) is plain.
func (t *texts) text(key string, args ...any) (Text, error) {
	return t.compose(key, args, func(v any) Span {
		_, ok := v.(string)
		return Span{Text: argString(v), User: ok}
	})
}

// compose returns the string for key with {1}, {2}... replaced by args,
// each made into a span by span (a Text argument is set in as it is).
func (t *texts) compose(key string, args []any, span func(any) Span) (Text, error) {
	s, ok := t.m[key]
	if !ok {
		return nil, fmt.Errorf("no interface string %q in %s/*.toml", key, stringsDir)
	}
	if len(args) == 0 || !strings.Contains(s, "{") {
		return Text{{Text: s}}, nil
	}
	// Replace {1}, {2}... in one pass; other braces stay as they are.
	var out Text
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			break
		}
		j := strings.IndexByte(s[i:], '}')
		n, err := strconv.Atoi(s[i+1 : i+max(j, 1)])
		if j < 0 || err != nil || n < 1 || n > len(args) {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
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
		s = s[i+j+1:]
	}
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
	mu  sync.Mutex
	err error
}

func (r *tr) s(key string, args ...any) string {
	s, err := r.t.get(key, args...)
	if err != nil {
		r.mu.Lock()
		if r.err == nil {
			r.err = err
		}
		r.mu.Unlock()
	}
	return s
}

// x is s for a [Text]: see texts.text; in Go code, mark user text with
// [user].
func (r *tr) x(key string, args ...any) Text {
	t, err := r.t.compose(key, args, func(v any) Span { return Span{Text: argString(v)} })
	if err != nil {
		r.mu.Lock()
		if r.err == nil {
			r.err = err
		}
		r.mu.Unlock()
	}
	return t
}

// user returns s as user text.
func user(s string) Text { return Text{{Text: s, User: true}} }

// error returns the first missing key.
func (r *tr) error() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// date writes a date for a reader, with the month's name from the strings
// ("27 December 2024").
func (r *tr) date(d claim.Date) string {
	if d.IsZero() {
		return ""
	}
	return r.s("date_format", d.Day, r.s("month_"+strconv.Itoa(int(d.Month))), d.Year)
}

// primaryTag returns the language subtag of a BCP 47 tag, lower-cased.
func primaryTag(lang string) string {
	base, _, _ := strings.Cut(lang, "-")
	return strings.ToLower(base)
}

// dirOf returns the direction of a language's script.
func dirOf(lang string) string {
	switch primaryTag(lang) {
	case "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "ug", "ur", "yi":
		return "rtl"
	}
	return "ltr"
}
