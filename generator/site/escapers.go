package site

import (
	"html/template"
	"reflect"
	"strconv"
	"strings"
)

// The escapers of programs (see [program]): html/template's, written in
// Go for the values they take, and checked against html/template.

// An escaper writes a value as an escaper of an action does: first
// takes the value of the action's pipeline (false when it cannot write
// it as html/template's would), next the string of the escaper before.
type escaper struct {
	first func(reflect.Value) (string, bool)
	next  func(string) string // nil: only first
	// write, when not nil, appends what first returns to b, for the
	// values it knows (false for others, which first is given).
	write func(b []byte, v reflect.Value) ([]byte, bool)
}

var (
	stringType = reflect.TypeFor[string]()
	intType    = reflect.TypeFor[int]()
	htmlType   = reflect.TypeFor[template.HTML]()
	jsType     = reflect.TypeFor[template.JS]()
)

// plain returns v as a string when it is one.
func plain(v reflect.Value) (string, bool) {
	if v.IsValid() && v.Type() == stringType {
		return v.String(), true
	}
	return "", false
}

// escaper returns the escaper of the function name.
func (c *compiler) escaper(name string) (escaper, bool) {
	of := func(f func(string) string) escaper {
		return escaper{first: func(v reflect.Value) (string, bool) {
			s, ok := plain(v)
			if !ok {
				return "", false
			}
			return f(s), true
		}, next: f}
	}
	switch name {
	case "_html_template_urlfilter":
		return of(urlFilter), true
	case "_html_template_urlnormalizer":
		return of(func(s string) string { return urlProcess(s, true) }), true
	case "_html_template_urlescaper":
		return of(func(s string) string { return urlProcess(s, false) }), true
	case "_html_template_attrescaper", "_html_template_rcdataescaper":
		return of(escapeString), true
	case "_html_template_htmlescaper":
		e := of(escapeString)
		e.first = func(v reflect.Value) (string, bool) {
			if v.IsValid() && v.Type() == htmlType {
				return v.String(), true
			}
			s, ok := plain(v)
			return escapeString(s), ok
		}
		return e, true
	case "_html_template_jsvalescaper":
		return escaper{first: func(v reflect.Value) (string, bool) {
			if v.IsValid() && v.Type() == jsType {
				return v.String(), true
			}
			return "", false
		}}, true
	}
	switch f := c.funcs[name].(type) {
	case func(any) (string, error): // foldEscapers'
		html := name == escaperFunc("_html_template_htmlescaper")
		return escaper{first: func(v reflect.Value) (string, bool) {
			if !v.IsValid() || !v.CanInterface() {
				return "", false
			}
			switch v.Type() {
			case stringType:
				return escapeString(v.String()), true
			case intType:
				return strconv.Itoa(int(v.Int())), true
			case htmlType:
				if html {
					return v.String(), true
				}
			}
			s, err := f(v.Interface())
			return s, err == nil
		}, next: escapeString}, true
	case func(any) (template.HTML, error): // foldPartials'
		e := escaper{first: func(v reflect.Value) (string, bool) {
			if !v.IsValid() || !v.CanInterface() {
				return "", false
			}
			h, err := f(v.Interface())
			return string(h), err == nil
		}}
		// What the function writes for the type of its partial (see
		// goWritten), written in place.
		switch name {
		case partialFunc("text"):
			e.write = func(b []byte, v reflect.Value) ([]byte, bool) {
				t, ok := reflect.TypeAssert[Text](v)
				return t.appendHTML(b), ok
			}
		case partialFunc("date"), partialFunc("when"):
			when := name == partialFunc("when")
			e.write = func(b []byte, v reflect.Value) ([]byte, bool) {
				d, ok := reflect.TypeAssert[Date](v)
				if when {
					return appendTime(b, d.ISO, d.When), ok
				}
				return appendTime(b, d.ISO, d.Text), ok
			}
		}
		return e, true
	}
	return escaper{}, false
}

// urlFilter is html/template's filter of a URL that starts an attribute
// (_html_template_urlfilter), for a string: the URL when its scheme, if
// it has one, is http, https or mailto; "#ZgotmplZ" otherwise.
func urlFilter(s string) string {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return "#ZgotmplZ"
		}
	}
	return s
}

// urlProcess is html/template's normalizer of a URL
// (_html_template_urlnormalizer, norm) and its escaper of a part of one
// (_html_template_urlescaper), for a string: every byte but the
// unreserved ones (and, when normalizing, the reserved ones and valid
// %-escapes) as %xx.
func urlProcess(s string, norm bool) string {
	var b []byte
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if norm {
				continue
			}
		case '-', '.', '_', '~':
			continue
		case '%':
			if norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		if b == nil {
			b = make([]byte, 0, len(s)+16)
		}
		const hex = "0123456789abcdef"
		b = append(append(b, s[written:i]...), '%', hex[c>>4], hex[c&15])
		written = i + 1
	}
	if b == nil {
		return s
	}
	return string(append(b, s[written:]...))
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// urlSample returns what [execAgrees] has html/template write as URLs:
// every byte, schemes safe and not, and escapes valid and not.
func urlSample() []string {
	b := make([]byte, 0, 256)
	for i := range 256 {
		b = append(b, byte(i))
	}
	return []string{string(b), "https://a.example/p?q=1&r=2#f", "javascript:alert(1)", "HTTP://X", "mailto:a@b", "/a:b", "a/b:c",
		"%41%4g%%zz%", "data:text/html,x", "\x01javascript:x", "é中+&'\"<>", ""}
}

// execAgrees reports whether the escapers that programs write in Go
// write what html/template's write: those of element text, a quoted
// attribute and a text area on [escapeSample], those of a URL that
// starts an attribute and of a part of one on [urlSample], and that of a
// script of a JSON type on a [template.JS], which it prints as it is.
// Programs are made only then.
func execAgrees(probes map[string]*escapeProbe) bool {
	if !escapeAgrees(probes) {
		return false
	}
	script := template.Must(template.New("probe").Parse(`<script type="application/json">{{.}}</script>`))
	js := template.JS(`{"a":"</script><!-- \u003c"}` + escapeSample())
	var b strings.Builder
	if err := script.Execute(&b, js); err != nil || b.String() != `<script type="application/json">`+string(js)+`</script>` {
		return false
	}
	sample := escapeSample()
	if p := probes["_html_template_rcdataescaper"]; p == nil {
		return false
	} else if got, ok := p.print(sample); !ok || got != escapeString(sample) {
		return false
	}
	for _, c := range []struct {
		src   string
		write func(string) string
	}{
		{`<a href="{{.}}">`, func(s string) string { return escapeString(urlProcess(urlFilter(s), true)) }},
		{`<a href="/x?q={{.}}">`, func(s string) string { return escapeString(urlProcess(s, false)) }},
	} {
		t, err := template.New("probe").Parse(c.src)
		if err != nil {
			return false
		}
		p := &escapeProbe{tmpl: t}
		p.before, p.after, _ = strings.Cut(c.src, "{{.}}")
		for _, s := range urlSample() {
			if got, ok := p.print(s); !ok || got != c.write(s) {
				return false
			}
		}
	}
	return true
}
