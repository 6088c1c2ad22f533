package content

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark/ast"

	"reckon/generator/diag"
	"reckon/generator/input"
	"reckon/generator/internal/pool"
	"reckon/generator/keypos"
	"reckon/generator/route"
	"reckon/generator/slug"
	"reckon/generator/spell"
)

// TopicsDir is the folder, under the content folder, of the topic articles.
const TopicsDir = "topics"

// ClaimsDir is the folder, under the content folder, of the claims'
// commentaries: content/claims/TOPIC/NAME.md for the claim TOPIC/NAME.
const ClaimsDir = "claims"

// ClaimMeta is the front matter of a claim's commentary; it has no keys
// yet, and the front matter may be left out.
type ClaimMeta struct{}

// TopicMeta is the front matter of a topic article.
type TopicMeta struct {
	Title   string `toml:"title"`   // the article's heading; default the topic's title
	Summary string `toml:"summary"` // the standfirst; default the topic's summary
}

// PageMeta is the front matter of a page.
type PageMeta struct {
	Title       string `toml:"title"`       // required
	Description string `toml:"description"` // required: the meta description, one sentence
	Menu        int    `toml:"menu"`        // position in the site's menu from 1; 0 keeps the page out of it
}

// Doc is one Markdown file.
type Doc struct {
	File string // its path in the file system, e.g. "content/topics/deepseek.md"
	Name string // the topic ID of an article, the page name of a page

	Title       string // from the front matter; "" when not set
	Summary     string // topic articles only
	Description string // pages only
	Menu        int    // pages only

	// The body is rendered when it is loaded, with its references left
	// out: html is the rendered body, slots say where each reference's
	// markup goes, refs are the references in document order.
	html     string
	slots    []slot
	refs     []docRef
	released bool // see [Doc.Release]
}

// docRef is a reference of a document, checked for form.
type docRef struct {
	kind string
	args []string
	pos  diag.Pos // of the opening braces
}

// slot is where a reference's markup goes in a document's HTML.
type slot struct {
	at    int  // byte offset in the HTML
	ref   int  // index in refs
	chart bool // the reference stands alone, as a chart's figure
}

// Set is every document of the content folder, parsed and rendered but for
// its references. Its methods are safe for concurrent use.
type Set struct {
	Topics []*Doc // topic articles, sorted by name
	Claims []*Doc // claim commentaries, named TOPIC/NAME, sorted by name
	Pages  []*Doc // pages, sorted by name
	// Images are the images the documents show, each once, sorted by name.
	Images []ImageFile
	// Files holds file contents by path, for error context: when Load
	// fails, of every file read; when it succeeds, of the documents with
	// references, since [Set.Check] may find errors in them.
	Files map[string][]byte
}

// ImageFile is an image file that ships with the site.
type ImageFile struct {
	Name string // its path in the output, "images/NAME.png" for content/images/NAME.png
	Data []byte
}

// Topic returns the article of the topic id, or nil.
func (s *Set) Topic(id string) *Doc { return find(s.Topics, id) }

// Claim returns the commentary of the claim id (TOPIC/NAME), or nil.
func (s *Set) Claim(id string) *Doc { return find(s.Claims, id) }

// Page returns the page called name, or nil.
func (s *Set) Page(name string) *Doc { return find(s.Pages, name) }

func find(docs []*Doc, name string) *Doc {
	i, ok := slices.BinarySearchFunc(docs, name, func(d *Doc, name string) int { return strings.Compare(d.Name, name) })
	if !ok {
		return nil
	}
	return docs[i]
}

// docKind is what a Markdown file is, by where it is.
type docKind int

const (
	topicDoc docKind = iota + 1
	claimDoc
	pageDoc
)

// entry is one step of loading, in the order of the folder walk: the errors
// the walk found, or a file to load.
type entry struct {
	errs diag.List
	file string // "" for errors only
	kind docKind
	name string // a claim's TOPIC/NAME
}

// loaded is what loading one file gave.
type loaded struct {
	doc    *Doc
	data   []byte            // nil when the file could not be read
	images map[string][]byte // the images it shows, by file
	errs   diag.List
}

// Load reads every document under dir in fsys (see the package doc for the
// layout), decodes its front matter, parses its Markdown, checks its links
// and images and renders it, leaving out the references that [Set.Check]
// checks and [Set.Render] resolves. A missing dir gives an empty Set. Load
// returns every error it finds as a sorted [diag.List]; with any error, the
// Set holds the documents that loaded without one, for [Set.Check] to find
// the errors of their references too, and must not be rendered.
//
// Files are read through an [input.Reader] (symbolic links are followed
// while they stay in fsys; size, encoding and character limits hold before
// a file is parsed) and parsed on as many goroutines as there are
// processors, so fsys must be safe for concurrent use (os.DirFS, os.Root's
// FS and fstest.MapFS are).
//
// The folders named in editions (the languages of the site's other
// editions, whose commentary is content/LANG/..., laid out as content/ is)
// are left for a Load of their own.
func Load(fsys fs.FS, dir string, editions ...string) (*Set, error) {
	return load(fsys, dir, nil, nil, editions)
}

// load is [Load], reusing what cache holds when it is not nil, without
// reading the files whose sums known reports (see [Cache.LoadKnown]).
func load(fsys fs.FS, dir string, cache *Cache, known func(string) ([sha256.Size]byte, bool), editions []string) (*Set, error) {
	s := &Set{Files: map[string][]byte{}}
	entries, linkErrs, err := input.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		var errs diag.List
		errs.Add(diag.Pos{File: dir}, "", "cannot read the content folder: %v", err)
		return s, errs.Err()
	}
	steps := []entry{{errs: linkErrs}}
	fail := func(pos diag.Pos, hint, format string, args ...any) {
		var l diag.List
		l.Add(pos, hint, format, args...)
		steps = append(steps, entry{errs: l})
	}
	// readDir lists a folder below dir, its broken links among the steps.
	readDir := func(p string) ([]fs.DirEntry, bool) {
		es, linkErrs, err := input.ReadDir(fsys, p)
		if err != nil {
			fail(diag.Pos{File: p}, "", "cannot read the folder: %v", err)
			return nil, false
		}
		steps = append(steps, entry{errs: linkErrs})
		return es, true
	}
	for _, e := range entries {
		name := e.Name()
		p := path.Join(dir, name)
		switch {
		case input.Ignored(name):
		case e.IsDir() && slices.Contains(editions, name):
		case e.IsDir() && strings.HasSuffix(name, ".md"):
			// Read, and reported, as a file.
			steps = append(steps, entry{file: p, kind: pageDoc})
		case e.IsDir() && name == TopicsDir:
			tes, ok := readDir(p)
			if !ok {
				continue
			}
			for _, te := range tes {
				tp := path.Join(p, te.Name())
				switch {
				case input.Ignored(te.Name()):
				case strings.HasSuffix(te.Name(), ".md"):
					steps = append(steps, entry{file: tp, kind: topicDoc})
				case te.IsDir():
					fail(diag.Pos{File: tp}, "a topic's article is one file: content/topics/TOPIC.md", "unexpected folder")
				}
			}
		case e.IsDir() && name == ClaimsDir:
			tds, ok := readDir(p)
			if !ok {
				continue
			}
			for _, td := range tds {
				tp := path.Join(p, td.Name())
				switch {
				case input.Ignored(td.Name()):
				case !td.IsDir():
					if strings.HasSuffix(td.Name(), ".md") {
						fail(diag.Pos{File: tp}, "a claim's commentary is content/claims/TOPIC/NAME.md", "Markdown file outside the content layout")
					}
				default:
					cds, ok := readDir(tp)
					if !ok {
						continue
					}
					for _, cd := range cds {
						q := path.Join(tp, cd.Name())
						switch {
						case input.Ignored(cd.Name()):
						case strings.HasSuffix(cd.Name(), ".md"):
							steps = append(steps, entry{file: q, kind: claimDoc, name: td.Name() + "/" + strings.TrimSuffix(cd.Name(), ".md")})
						case cd.IsDir():
							fail(diag.Pos{File: q}, "a claim's commentary is content/claims/TOPIC/NAME.md", "unexpected folder")
						}
					}
				}
			}
		case e.IsDir():
			fs.WalkDir(fsys, p, func(q string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && strings.HasSuffix(q, ".md") {
					fail(diag.Pos{File: q}, "pages are content/NAME.md and topic articles content/topics/TOPIC.md", "Markdown file outside the content layout")
				}
				return nil
			})
		case strings.HasSuffix(name, ".md"):
			steps = append(steps, entry{file: p, kind: pageDoc})
		}
	}

	var errs diag.List
	images := map[string]ImageFile{}
	for i, l := range loadAll(&input.Reader{FS: fsys}, dir, steps, cache, known) {
		e := steps[i]
		errs = append(errs, e.errs...)
		errs = append(errs, l.errs...)
		if l.data != nil {
			s.Files[e.file] = l.data
		}
		for file, data := range l.images {
			name := strings.TrimPrefix(file, dir+"/")
			images[name] = ImageFile{Name: name, Data: data}
		}
		if l.doc == nil {
			continue
		}
		switch e.kind {
		case topicDoc:
			s.Topics = append(s.Topics, l.doc)
		case claimDoc:
			l.doc.Name = e.name
			s.Claims = append(s.Claims, l.doc)
		case pageDoc:
			s.Pages = append(s.Pages, l.doc)
		}
	}
	byName := func(a, b *Doc) int { return strings.Compare(a.Name, b.Name) }
	slices.SortFunc(s.Topics, byName)
	slices.SortFunc(s.Claims, byName)
	slices.SortFunc(s.Pages, byName)
	if err := errs.Err(); err != nil {
		return s, err
	}
	for _, name := range slices.Sorted(maps.Keys(images)) {
		s.Images = append(s.Images, images[name])
	}
	for _, docs := range [][]*Doc{s.Topics, s.Claims, s.Pages} {
		for _, d := range docs {
			if len(d.refs) == 0 {
				delete(s.Files, d.File)
			}
		}
	}
	return s, nil
}

// loadAll loads the files of steps, from the content folder dir, on as many
// goroutines as there are processors, each with its own Markdown converter.
// The results are in the order of steps.
func loadAll(in *input.Reader, dir string, steps []entry, cache *Cache, known func(string) ([sha256.Size]byte, bool)) []loaded {
	out := make([]loaded, len(steps))
	// A goroutine makes its converter at its first file.
	pool.EachWith(len(steps), func() **compiler { return new(*compiler) }, func(c **compiler, i int) {
		e := steps[i]
		if e.file == "" {
			return
		}
		if *c == nil {
			*c = newCompiler()
			(*c).dir, (*c).cache, (*c).known = dir, cache, known
		}
		var meta any
		switch e.kind {
		case topicDoc:
			meta = &TopicMeta{}
		case claimDoc:
			meta = &ClaimMeta{}
		default:
			meta = &PageMeta{}
		}
		out[i] = (*c).load(in, e.file, meta)
	})
	return out
}

// load reads, checks, decodes, parses and renders one file; meta is a
// *TopicMeta, a *ClaimMeta or a *PageMeta.
func (c *compiler) load(in *input.Reader, file string, meta any) (out loaded) {
	errs := &out.errs
	if c.cache != nil && c.known != nil {
		if sum, ok := c.known(file); ok {
			if l, ok := c.cache.get(file, sum); ok {
				return l
			}
		}
	}
	raw, err := in.Read(file, input.MaxMarkdownSize)
	if input.Skipped(err) {
		return out
	}
	if err != nil {
		errs.Append(diag.Pos{File: file}, err)
		return out
	}
	if c.cache != nil {
		sum := sha256.Sum256(raw)
		if l, ok := c.cache.get(file, sum); ok {
			return l
		}
		defer func() { c.cache.put(file, sum, out) }()
	}
	// Without its byte-order mark, so that the front matter's fence is
	// found and columns on line 1 are as an editor shows them.
	data, bad := input.Text(file, raw)
	out.data = data
	if len(bad) > 0 {
		*errs = append(*errs, bad...)
		return out
	}
	if e := input.MarkdownDepth(file, data); e != nil {
		*errs = append(*errs, e)
		return out
	}
	d := &Doc{File: file, Name: strings.TrimSuffix(path.Base(file), ".md")}
	if !slug.Valid(d.Name) {
		errs.Add(diag.Pos{File: file}, "use lower-case letters, digits and hyphens: it becomes the page's URL", "file name %q is not a valid slug", d.Name)
	}
	front, body, bodyLine, ok := split(data)
	if !ok {
		errs.Add(diag.Pos{File: file, Line: 1, Col: 1}, "close the front matter with a line of +++", "front matter is not closed")
		return out
	}
	if front != nil && !decodeFront(file, front, meta, errs) {
		return out
	}
	switch m := meta.(type) {
	case *TopicMeta:
		d.Title, d.Summary = m.Title, m.Summary
	case *PageMeta:
		d.Title, d.Description, d.Menu = m.Title, m.Description, m.Menu
		if m.Title == "" {
			errs.Add(diag.Pos{File: file, Line: 1, Col: 1}, "add title = \"...\" to the front matter between +++ lines", "missing required key %q", "title")
		}
		if m.Description == "" {
			errs.Add(diag.Pos{File: file, Line: 1, Col: 1}, "one sentence for search engines and link previews", "missing required key %q", "description")
		}
		if m.Menu < 0 {
			errs.Add(diag.Pos{File: file, Line: 1, Col: 1}, "1 is the first entry; 0 keeps the page out of the menu", "menu must not be negative, got %d", m.Menu)
		}
		if slices.Contains(route.ReservedPages(), d.Name) {
			errs.Add(diag.Pos{File: file}, "rename the file: the site uses /"+d.Name+"/ itself", "page name %q is reserved", d.Name)
		}
	}
	pos := func(off int) diag.Pos { return position(file, body, bodyLine, off) }
	root := c.parse(body)
	probs, imgs := problems(root, body)
	for _, p := range probs {
		errs.Add(pos(p.offset), p.hint, "%s", p.msg)
	}
	names := c.images(in, file, body, imgs, pos, &out)
	if len(*errs) > 0 {
		return out
	}
	if err := c.compile(d, root, body, pos, names); err != nil {
		errs.Add(diag.Pos{File: file}, "", "%v", err)
		return out
	}
	out.doc = d
	return out
}

// split cuts data into its front matter (nil when there is none) and body,
// and returns the line on which the body starts. It reports false when the
// front matter is opened but not closed.
func split(data []byte) (front, body []byte, bodyLine int, ok bool) {
	if !isFence(firstLine(data)) {
		return nil, data, 1, true
	}
	rest := data[len(firstLine(data)):]
	line := 2
	for off := 0; off < len(rest); {
		l := firstLine(rest[off:])
		if isFence(l) {
			return rest[:off], rest[off+len(l):], line + 1, true
		}
		off += len(l)
		line++
	}
	return nil, nil, 0, false
}

// firstLine returns data up to and including its first newline.
func firstLine(data []byte) []byte {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return data[:i+1]
	}
	return data
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t\r\n")) == "+++"
}

// decodeFront strictly decodes front matter, which starts on the file's
// second line, into meta. It reports whether meta may be used.
func decodeFront(file string, front []byte, meta any, errs *diag.List) bool {
	const offset = 1 // the opening +++ line
	const hint = "quote text as \"...\" and write numbers without quotes"
	if e := input.Depth(file, front, input.MaxDepth); e != nil {
		e.Pos.Line += offset
		errs.Add(e.Pos, e.Hint, "%s", e.Msg)
		return false
	}
	ix, ixErr := keypos.Parse(front)
	md, err := toml.Decode(string(front), meta)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if pe.LastKey != "" && !strings.HasPrefix(msg, pe.LastKey) {
				msg = pe.LastKey + ": " + msg
			}
			errs.Add(diag.Pos{File: file, Line: pe.Position.Line + offset, Col: max(pe.Position.Col, 1)}, hint, "%s", msg)
			return false
		}
		// A type mismatch: "toml: line 3 (last key "menu"): incompatible types: ..."
		msg := strings.TrimPrefix(err.Error(), "toml: ")
		pos := diag.Pos{File: file, Line: 1, Col: 1}
		if _, rest, ok := strings.Cut(msg, `(last key "`); ok {
			key, detail, _ := strings.Cut(rest, `"): `)
			msg = key + ": " + strings.TrimPrefix(detail, "incompatible types: ")
			if e, ok := ix.Lookup(key); ok {
				pos.Line, pos.Col = e.Line+offset, e.Col
			}
		}
		errs.Add(pos, hint, "%s", msg)
		return false
	}
	if ixErr != nil {
		// Without the index no key could be placed: never check less.
		pos := diag.Pos{File: file, Line: 1 + offset, Col: 1}
		msg := ixErr.Error()
		if e, ok := errors.AsType[*keypos.Error](ixErr); ok {
			pos.Line, pos.Col, msg = e.Line+offset, e.Col, e.Msg
		}
		errs.Add(pos, "the front matter is valid TOML, but Reckon cannot locate its keys; write this line more plainly and report the problem", "cannot index the keys: %s", msg)
		return false
	}
	if strs := input.Strings(file, ix, offset); len(strs) > 0 {
		*errs = append(*errs, strs...)
	}
	keys := knownKeys(meta)
	for _, k := range md.Undecoded() {
		name := k.String()
		pos := diag.Pos{File: file, Line: 1, Col: 1}
		if e, ok := ix.Lookup(name); ok {
			pos.Line, pos.Col = e.Line+offset, e.Col
		}
		hint := "this file takes no front matter keys"
		if len(keys) > 0 {
			hint = "known keys here: " + strings.Join(keys, ", ")
		}
		if near := spell.Closest(name, keys); near != "" {
			hint = fmt.Sprintf("did you mean %q? %s", near, hint)
		}
		errs.Add(pos, hint, "unknown key %q", name)
	}
	return len(md.Undecoded()) == 0
}

// knownKeys lists the front matter keys of meta, a pointer to a struct,
// from its fields' toml tags, sorted.
func knownKeys(meta any) []string {
	t := reflect.TypeOf(meta).Elem()
	var keys []string
	for i := range t.NumField() {
		if k, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ","); k != "" && k != "-" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// position turns a byte offset in the body of file into the file's
// line:col (col in bytes from 1), counting the front matter's lines: the
// body starts on line bodyLine.
func position(file string, body []byte, bodyLine, off int) diag.Pos {
	off = min(max(off, 0), len(body))
	before := body[:off]
	line := bodyLine + bytes.Count(before, []byte("\n"))
	col := off - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return diag.Pos{File: file, Line: line, Col: col}
}

// images checks the images of file, a Markdown file whose body is body, and
// reads their files into out: each must be a file under the content
// folder's images/ (see [imageFile]). It returns each image's name in the
// output.
func (c *compiler) images(in *input.Reader, file string, body []byte, imgs []*ast.Image, pos func(int) diag.Pos, out *loaded) map[*ast.Image]string {
	names := map[*ast.Image]string{}
	for _, n := range imgs {
		p, msg, hint := imageFile(c.dir, file, destination(n.Destination))
		if msg == "" {
			data, err := out.images[p], error(nil)
			if data == nil {
				data, err = in.Read(p, input.MaxImageSize)
			}
			var de *diag.Error
			switch {
			case errors.Is(err, fs.ErrNotExist):
				msg, hint = fmt.Sprintf("no image file %s", p), "the path is relative to this Markdown file"
			case errors.As(err, &de):
				msg, hint = fmt.Sprintf("image %s: %s", p, de.Msg), de.Hint
			case err != nil:
				msg = fmt.Sprintf("cannot read the image %s: %v", p, err)
			default:
				if out.images == nil {
					out.images = map[string][]byte{}
				}
				out.images[p] = data
				names[n] = strings.TrimPrefix(p, c.dir+"/")
			}
		}
		if msg != "" {
			out.errs.Add(pos(imageOffset(n, body)), hint, "%s", msg)
		}
	}
	return names
}

// imageOffset finds where an image starts: at its "![", or else where
// [nodeOffset] says.
func imageOffset(n *ast.Image, body []byte) int {
	off := nodeOffset(n, body)
	start := lineStart(body, off)
	if i := bytes.LastIndex(body[start:off], []byte("![")); i >= 0 {
		return start + i
	}
	return off
}
