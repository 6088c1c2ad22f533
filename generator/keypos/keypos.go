package keypos

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// Entry is where one key and its value stand.
type Entry struct {
	Line, Col       int    // of the key (of the header for a table)
	ValLine, ValCol int    // of the value; equal to Line, Col for tables
	Raw             string // the value as written, for scalars
	Str             string // the decoded text, for a string value
	IsStr           bool   // whether the value is a string
}

// Error is a syntax error the index's parser found, at the line and
// column (in bytes, from 1) where it stands.
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Index maps key paths to their entries.
type Index struct {
	entries map[string]Entry
}

// Parse builds the index of data. It returns what it could index before the
// first syntax error, and that error, an [*Error]. A document the decoder
// accepts but Parse does not cannot be indexed: a caller must then report
// the error, never check the document without its index.
func Parse(data []byte) (*Index, error) {
	ix := &Index{entries: make(map[string]Entry)}
	lines := lineStarts(data)
	pos := func(off uint32) (int, int) {
		i := sort.Search(len(lines), func(i int) bool { return lines[i] > int(off) }) - 1
		return i + 1, int(off) - lines[i] + 1
	}
	var p unstable.Parser
	p.Reset(data)
	var table string           // the path of the current table header
	arrays := map[string]int{} // path of an array of tables -> count so far
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			keys, first := keyOf(e.Key())
			path := Path(keys...)
			if e.Kind == unstable.ArrayTable {
				n := arrays[path]
				arrays[path] = n + 1
				path += "[" + strconv.Itoa(n) + "]"
			}
			table = path
			l, c := pos(first)
			ix.entries[path] = Entry{Line: l, Col: c, ValLine: l, ValCol: c}
		case unstable.KeyValue:
			ix.keyValue(&p, pos, table, e)
		}
	}
	if err := p.Error(); err != nil {
		out := &Error{Line: 1, Col: 1, Msg: err.Error()}
		if pe, ok := errors.AsType[*unstable.ParserError](err); ok {
			// Highlight is a slice of data: its offset is where the
			// capacities differ.
			if off := cap(data) - cap(pe.Highlight); pe.Highlight != nil && off >= 0 && off <= len(data) {
				out.Line, out.Col = pos(uint32(off))
			}
		}
		return ix, out
	}
	return ix, nil
}

func (ix *Index) keyValue(p *unstable.Parser, pos func(uint32) (int, int), prefix string, e *unstable.Node) {
	keys, first := keyOf(e.Key())
	path := joinPrefix(prefix, keys)
	kl, kc := pos(first)
	v := e.Value()
	ent := Entry{Line: kl, Col: kc}
	ent.ValLine, ent.ValCol = ent.Line, ent.Col
	if v.Kind == unstable.String {
		ent.Str, ent.IsStr = string(v.Data), true
	}
	if v.Raw.Length > 0 || v.Kind != unstable.InlineTable && v.Kind != unstable.Array {
		ent.ValLine, ent.ValCol = pos(v.Raw.Offset)
		ent.Raw = string(p.Raw(v.Raw))
	}
	ix.entries[path] = ent
	ix.value(p, pos, path, v)
}

func (ix *Index) value(p *unstable.Parser, pos func(uint32) (int, int), path string, v *unstable.Node) {
	switch v.Kind {
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			ix.keyValue(p, pos, path, it.Node())
		}
	case unstable.Array:
		it := v.Children()
		for i := 0; it.Next(); i++ {
			c := it.Node()
			ep := path + "[" + strconv.Itoa(i) + "]"
			ent := ix.entries[path]
			if c.Raw.Length > 0 {
				ent.ValLine, ent.ValCol = pos(c.Raw.Offset)
				ent.Line, ent.Col = ent.ValLine, ent.ValCol
				ent.Raw = string(p.Raw(c.Raw))
			} else {
				ent.Raw = ""
			}
			ent.Str, ent.IsStr = "", false
			if c.Kind == unstable.String {
				ent.Str, ent.IsStr = string(c.Data), true
			}
			ix.entries[ep] = ent
			ix.value(p, pos, ep, c)
		}
	}
}

// keyOf returns the parts of a (possibly dotted) key and the offset of its first part.
func keyOf(it unstable.Iterator) ([]string, uint32) {
	var keys []string
	var first uint32
	for i := 0; it.Next(); i++ {
		n := it.Node()
		if i == 0 {
			first = n.Raw.Offset
		}
		keys = append(keys, string(n.Data))
	}
	return keys, first
}

// joinPrefix joins the path of a table and a (dotted) key in it.
func joinPrefix(prefix string, keys []string) string {
	if prefix == "" {
		return Path(keys...)
	}
	return prefix + "." + Path(keys...)
}

func lineStarts(data []byte) []int {
	starts := []int{0}
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			return starts
		}
		i += j + 1
		starts = append(starts, i)
	}
}

// Path joins keys into a path, quoting keys that are not bare words.
func Path(keys ...string) string {
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('.')
		}
		if bare(k) {
			b.WriteString(k)
		} else {
			b.WriteString(strconv.Quote(k))
		}
	}
	return b.String()
}

func bare(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// Lookup returns the entry for path. When path itself is not written in the
// document (a missing key), it returns the entry of the nearest enclosing
// table or key that is, so an error still points near the right place.
func (ix *Index) Lookup(path string) (Entry, bool) {
	if ix == nil {
		return Entry{}, false
	}
	for p := path; p != ""; p = parent(p) {
		if e, ok := ix.entries[p]; ok {
			return e, p == path
		}
	}
	return Entry{}, false
}

// parent strips the last key or index from a path.
func parent(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			return p[:i]
		}
	}
	// Walk back over a quoted last key.
	if strings.HasSuffix(p, `"`) {
		for i := len(p) - 2; i >= 0; i-- {
			if p[i] == '"' && (i == 0 || p[i-1] == '.') {
				return strings.TrimSuffix(p[:i], ".")
			}
		}
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

// Split splits a path made by [Path] (with optional [i] indexes) into its
// keys; an index becomes its own element, written "[i]".
func Split(path string) []string {
	var out []string
	for i := 0; i < len(path); {
		switch path[i] {
		case '.':
			i++
		case '[':
			j := strings.IndexByte(path[i:], ']')
			if j < 0 {
				return append(out, path[i:])
			}
			out = append(out, path[i:i+j+1])
			i += j + 1
		case '"':
			j := i + 1
			for j < len(path) && path[j] != '"' {
				if path[j] == '\\' {
					j++
				}
				j++
			}
			k, err := strconv.Unquote(path[i:min(j+1, len(path))])
			if err != nil {
				k = path[i:min(j+1, len(path))]
			}
			out = append(out, k)
			i = j + 1
		default:
			j := i
			for j < len(path) && path[j] != '.' && path[j] != '[' {
				j++
			}
			out = append(out, path[i:j])
			i = j
		}
	}
	return out
}

// Each calls f for every indexed path and its entry, in no particular order.
func (ix *Index) Each(f func(path string, e Entry)) {
	if ix == nil {
		return
	}
	for p, e := range ix.entries {
		f(p, e)
	}
}

// Paths returns every indexed path, sorted.
func (ix *Index) Paths() []string {
	if ix == nil {
		return nil
	}
	paths := make([]string, 0, len(ix.entries))
	for p := range ix.entries {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}
