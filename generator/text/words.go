package text

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"reckon/templates"
)

// Words makes reader text in one language from its [Catalog]. It is safe
// for concurrent use. A key the catalog lacks gives its text as empty and
// is remembered: [Words.Err] reports the first.
type Words struct {
	lang string
	cat  *Catalog
	num  style
	mu   sync.Mutex
	err  error
}

// For returns the words of language lang from its catalog, writing numbers
// in the catalog's style (see [Words.With] for another).
func For(lang string, cat *Catalog) *Words {
	return &Words{lang: lang, cat: cat, num: newStyle(lang, cat.Strings, Numbers{})}
}

// English returns the words of Reckon's own English catalog, for the
// command line (explain, diff). It panics if that catalog, built into the
// binary, does not load.
func English() *Words {
	cat, err := Load(templates.FS, "en")
	if err != nil {
		panic(err)
	}
	return For("en", cat)
}

// Lang returns the words' language.
func (w *Words) Lang() string { return w.lang }

// Dir returns the direction of the words' script, from the catalog's
// "dir": "ltr" or "rtl" ("ltr" for a catalog without one).
func (w *Words) Dir() string {
	if w.cat.Strings["dir"] == "rtl" {
		return "rtl"
	}
	return "ltr"
}

// Err returns the error of the first key asked for that the catalog lacks.
func (w *Words) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

func (w *Words) lookup(key string) string {
	s, ok := w.cat.Strings[key]
	if !ok {
		w.mu.Lock()
		if w.err == nil {
			w.err = MissingKey(key)
		}
		w.mu.Unlock()
	}
	return s
}

// Say returns the string for key with its arguments set in: args are pairs
// of a name and a value, and {name} in the string stands for the value
// ("1", "2"... name the arguments of a string written with {1}, {2}...).
// Braces that name no argument stay as they are.
func (w *Words) Say(key string, args ...string) string {
	return fill(w.lookup(key), args)
}

// Count is [Words.Say] for a string that depends on a count n: the key
// names a plural family, KEY_other and any of KEY_zero, KEY_one, KEY_two,
// KEY_few and KEY_many, chosen by the language's CLDR plural rule (from
// golang.org/x/text): English has one and other, Arabic all six. A form the
// catalog lacks falls back to KEY_other; {n} stands for n, written in the
// language's digits.
func (w *Words) Count(key string, n int, args ...string) string {
	form := key + "_" + w.pluralForm(strconv.Itoa(n))
	if _, ok := w.cat.Strings[form]; !ok {
		form = key + "_other"
	}
	return fill(w.lookup(form), append([]string{"n", w.Int(n)}, args...))
}

// fill sets args (name, value pairs) into s in one pass, as [Scan] cuts
// s, into a buffer on the stack for most strings: the string it returns
// is its one allocation.
func fill(s string, args []string) string {
	if len(args) == 0 || strings.IndexByte(s, '{') < 0 {
		return s
	}
	var buf [512]byte
	return string(appendFill(buf[:0], s, args))
}

// appendFill appends s with args set in, cut at its placeholders as Scan
// cuts it, without Scan's calls: fill is on every sentence's path.
func appendFill(b []byte, s string, args []string) []byte {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		b = append(b, s[:i]...)
		if v, ok := arg(args, s[i+1:i+j]); ok {
			b = append(b, v...)
			s = s[i+j+1:]
		} else {
			b = append(b, '{')
			s = s[i+1:]
		}
	}
	return append(b, s...)
}

// arg returns the value of the argument named name of args (name, value
// pairs), the first of that name.
func arg(args []string, name string) (string, bool) {
	for k := 0; k+1 < len(args); k += 2 {
		if args[k] == name {
			return args[k+1], true
		}
	}
	return "", false
}

// Scan cuts a catalog string at its placeholders, in order: it calls text
// with each run of text, and arg with the name of each {name}; arg sets in
// the argument and reports whether it knew the name. Braces whose name arg
// does not know stay in the text. [Words.Say] sets in strings; the site,
// which isolates user text, sets in its own.
func Scan(s string, text func(string), arg func(name string) bool) {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		if i > 0 {
			text(s[:i])
		}
		if !arg(s[i+1 : i+j]) {
			text("{")
			s = s[i+1:]
			continue
		}
		s = s[i+j+1:]
	}
	if s != "" {
		text(s)
	}
}

// Int writes a count or a year, in the language's digits and without
// grouping.
func (w *Words) Int(n int) string { return w.local(strconv.Itoa(n)) }

// Capitalize gives s a capital first letter, where the script has one:
// "add research" → "Add research".
func (w *Words) Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Sentence makes a clause read as a sentence: trimmed, a capital first
// letter, and the catalog's final stop ("sentence") unless it already ends
// with one of the stops in "sentence_ends".
func (w *Words) Sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = w.Capitalize(s)
	if r, _ := utf8.DecodeLastRuneInString(s); strings.ContainsRune(w.lookup("sentence_ends"), r) {
		return s
	}
	return w.Say("sentence", "text", s)
}
