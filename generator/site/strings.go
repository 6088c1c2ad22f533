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
	s, ok := t.m[key]
	if !ok {
		return "", fmt.Errorf("no interface string %q in %s/*.toml", key, stringsDir)
	}
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s, nil
	}
	// Replace {1}, {2}... in one pass; other braces stay as they are.
	var b strings.Builder
	b.Grow(len(s) + 16*len(args))
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
		writeArg(&b, args[n-1])
		s = s[i+j+1:]
	}
	return b.String(), nil
}

// writeArg writes an argument as fmt.Print does, without fmt for the
// common kinds.
func writeArg(b *strings.Builder, v any) {
	switch v := v.(type) {
	case string:
		b.WriteString(v)
	case int:
		b.WriteString(strconv.Itoa(v))
	default:
		fmt.Fprint(b, v)
	}
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
