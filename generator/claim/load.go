package claim

import (
	"cmp"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"reckon/generator/diag"
	"reckon/generator/input"
	"reckon/generator/internal/pool"
	"reckon/generator/slug"
)

// Set is everything loaded from the claims folder.
type Set struct {
	Site       *Site
	Sources    []*Source             // site-wide and every topic's, sorted by ID
	Parameters map[string]*Parameter // site-wide parameters by name
	Topics     []*Topic              // sorted by Order, then ID
	// Files holds the content of every file read, by path, for error context.
	Files map[string][]byte
	// Untranslated are the texts that an edition with fallback = true has
	// no translation of, each at the text, sorted: not errors, since the
	// edition shows them in the main language, but reckon check lists them.
	Untranslated diag.List
}

// Reserved file names in the claims folder and in each topic folder.
const (
	SiteFile       = "site.toml"
	SourcesFile    = "sources.toml"
	ParametersFile = "parameters.toml"
	TopicFile      = "topic.toml"
	ModelFile      = "model.toml"
)

// Load reads and validates every file under dir in fsys:
//
//	dir/site.toml              the site settings ([Site])
//	dir/sources.toml           site-wide sources, one table per source
//	dir/parameters.toml        site-wide parameters, one table per parameter
//	dir/TOPIC/topic.toml       a topic ([Topic])
//	dir/TOPIC/model.toml       its cost model ([Model])
//	dir/TOPIC/sources.toml     its sources
//	dir/TOPIC/NAME.toml        one claim per file ([Claim]), ID "TOPIC/NAME"
//
// Files that do not end in .toml are ignored. Every file is read and checked
// through an [input.Reader]: symbolic links are followed while they stay
// in fsys, and size, encoding, character and nesting limits hold before a
// file is decoded. Load returns every error it finds, as a sorted
// [diag.List]. With any error, the Set holds the Files read, for showing
// the errors in context, and what decoded: the topics, models and claims
// whose files could be decoded, valid or not. Such a Set may only be used
// to check the commentary's references against (see site.Lookup), never to
// compute.
func Load(fsys fs.FS, dir string) (*Set, error) { return load(fsys, dir, nil) }

// LoadTopics is [Load] of the site-wide files and the topics named only:
// the other topic folders are left out as if they were not there, so that
// a reference to one of them is an error. The preview loads again this way
// only the topics that an edit touched.
func LoadTopics(fsys fs.FS, dir string, only []string) (*Set, error) {
	m := map[string]bool{}
	for _, t := range only {
		m[t] = true
	}
	return load(fsys, dir, m)
}

func load(fsys fs.FS, dir string, only map[string]bool) (*Set, error) {
	l := &loader{fsys: fsys, in: &input.Reader{FS: fsys}, dir: dir, set: &Set{Files: map[string][]byte{}, Parameters: map[string]*Parameter{}}, only: only}
	l.load()
	return l.set, l.errs.Err()
}

type loader struct {
	fsys fs.FS
	in   *input.Reader
	dir  string
	set  *Set
	errs diag.List
	// sources by ID, for resolving references
	sources map[string]*Source
	mu      sync.Mutex      // guards set.Untranslated, added to by claims checked at once
	only    map[string]bool // the topic folders loaded; nil for all
	// originsMu guards the sources' Origins, worked out once by the first
	// claim that cites each, of whichever topic is checked first.
	originsMu sync.Mutex
}

// read reads and checks the file name (see [readFile]). It returns the file
// to decode, or nil; found is false only when nothing stands at name.
func (l *loader) read(name string) (f *file, found bool) {
	f, data, found := readFile(l.in, name, &l.errs)
	if data != nil {
		l.set.Files[name] = data
	}
	return f, found
}

func (l *loader) load() {
	entries, linkErrs, err := input.ReadDir(l.fsys, l.dir)
	l.errs = append(l.errs, linkErrs...)
	if err != nil {
		l.errs.Add(diag.Pos{File: l.dir}, "run reckon from the site's root folder, or pass -src", "cannot read the claims folder: %v", pathError(err))
		return
	}
	l.sources = map[string]*Source{}
	site, found := l.read(path.Join(l.dir, SiteFile))
	if !found {
		l.errs.Add(diag.Pos{File: path.Join(l.dir, SiteFile)}, "create it with title, description, publisher and a [rating] scale (see docs/formats.md)", "missing site settings file")
	} else if site != nil {
		l.set.Site = l.loadSite(site)
		if l.set.Site != nil {
			l.checkSiteTranslations(site, l.set.Site)
		}
	}
	if f, _ := l.read(path.Join(l.dir, SourcesFile)); f != nil {
		l.loadSources(f, "")
	}
	if f, _ := l.read(path.Join(l.dir, ParametersFile)); f != nil {
		l.set.Parameters = l.loadParameters(f)
	}
	var topics []string
	for _, e := range entries {
		switch {
		case input.Ignored(e.Name()):
		case e.IsDir():
			if l.only == nil || l.only[e.Name()] {
				topics = append(topics, e.Name())
			}
		case strings.HasSuffix(e.Name(), ".toml") && e.Name() != SiteFile && e.Name() != SourcesFile && e.Name() != ParametersFile:
			l.errs.Add(diag.Pos{File: path.Join(l.dir, e.Name())}, "claims live in a topic folder: claims/TOPIC/NAME.toml", "unexpected file in the claims folder")
		}
	}
	// Sources first, so that every reference can be resolved.
	for _, name := range topics {
		if f, _ := l.read(path.Join(l.dir, name, SourcesFile)); f != nil {
			l.loadSources(f, name)
		}
	}
	for _, name := range topics {
		if t := l.loadTopic(name); t != nil {
			l.set.Topics = append(l.set.Topics, t)
		}
	}
	slices.SortFunc(l.set.Topics, func(a, b *Topic) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), strings.Compare(a.ID, b.ID))
	})
	for _, s := range l.sources {
		l.set.Sources = append(l.set.Sources, s)
	}
	slices.SortFunc(l.set.Sources, func(a, b *Source) int { return strings.Compare(a.ID, b.ID) })
	if l.set.Site != nil {
		l.checkClaimIDs()
	}
	l.set.Untranslated = l.set.Untranslated.Sort()
}

func (l *loader) loadTopic(name string) *Topic {
	dir := path.Join(l.dir, name)
	if !slug.Valid(name) {
		l.errs.Add(diag.Pos{File: dir}, "use lower-case letters, digits and hyphens: it becomes the topic's URL", "topic folder name %q is not a valid slug", name)
		return nil
	}
	tf, found := l.read(path.Join(dir, TopicFile))
	if !found {
		l.errs.Add(diag.Pos{File: path.Join(dir, TopicFile)}, "every topic folder needs topic.toml and model.toml (see docs/formats.md)", "missing topic file")
	}
	// A topic file or model file that fails leaves the topic out of the
	// Set, but the rest of the folder is still read and checked, so that
	// every error of the folder is reported in one run.
	t := &Topic{}
	broken := tf == nil || !tf.decode(t)
	if broken {
		t = &Topic{}
	}
	t.ID = name
	if tf != nil {
		t.Pos = diag.Pos{File: tf.path, Line: 1, Col: 1}
	}
	if !broken {
		l.validateTopic(tf, t)
	}
	mf, found := l.read(path.Join(dir, ModelFile))
	if !found {
		l.errs.Add(diag.Pos{File: path.Join(dir, ModelFile)}, "every topic folder needs topic.toml and model.toml (see docs/formats.md)", "missing model file")
	}
	if mf == nil {
		broken = true
	} else if m := (&Model{}); mf.decode(m) {
		m.File = mf.path
		l.validateModel(mf, t, m)
		l.checkModelTranslations(mf, m)
		t.Model = m
	}
	for _, s := range l.sources {
		if strings.HasPrefix(s.ID, name+"/") {
			t.Sources = append(t.Sources, s)
		}
	}
	slices.SortFunc(t.Sources, func(a, b *Source) int { return strings.Compare(a.ID, b.ID) })

	entries, linkErrs, _ := input.ReadDir(l.fsys, dir)
	l.errs = append(l.errs, linkErrs...)
	var names []string
	for _, e := range entries {
		n := e.Name()
		// A folder named NAME.toml is read, and reported, as a claim file.
		if !strings.HasSuffix(n, ".toml") || n == TopicFile || n == ModelFile || n == SourcesFile || input.Ignored(n) {
			continue
		}
		names = append(names, n)
	}
	// Claim files are independent of each other: read, decode and validate
	// them in parallel, each into its own slot, then merge in name order so
	// that the result does not depend on scheduling.
	type slot struct {
		data  []byte
		claim *Claim
		errs  diag.List
		read  bool
	}
	slots := make([]slot, len(names))
	pool.Each(len(names), func(i int) {
		sl := &slots[i]
		n := names[i]
		cf, data, found := readFile(l.in, path.Join(dir, n), &sl.errs)
		sl.data, sl.read = data, found
		if cf == nil {
			return
		}
		c := &Claim{}
		if !cf.decode(c) {
			return
		}
		stem := strings.TrimSuffix(n, ".toml")
		c.ID, c.Topic, c.File = name+"/"+stem, name, cf.path
		c.Pos = diag.Pos{File: cf.path, Line: 1, Col: 1}
		if !slug.Valid(stem) {
			sl.errs.Add(diag.Pos{File: cf.path}, "use lower-case letters, digits and hyphens: it becomes the claim's URL", "claim file name %q is not a valid slug", stem)
		}
		l.validateClaim(cf, t, c)
		l.translated(cf, "", c.Translations, func(lang string) []field { return claimFields(c, lang) })
		l.checkClaimTranslations(cf, c)
		sl.claim = c
	})
	files := 0 // claim files, decoded or not
	for i, sl := range slots {
		if !sl.read {
			continue
		}
		files++
		if sl.data != nil {
			l.set.Files[path.Join(dir, names[i])] = sl.data
		}
		l.errs = append(l.errs, sl.errs...)
		if sl.claim != nil {
			t.Claims = append(t.Claims, sl.claim)
		}
	}
	slices.SortFunc(t.Claims, func(a, b *Claim) int { return strings.Compare(a.ID, b.ID) })
	if tf != nil && !broken {
		l.validateConfusedWith(tf, t, names)
	}
	if files == 0 && tf != nil {
		l.errs.Add(diag.Pos{File: tf.path}, "add at least one claim file, e.g. with reckon new", "topic %q has no claims", name)
	}
	if broken {
		return nil
	}
	return t
}

func pathError(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// Source returns the source with the given full ID.
func (s *Set) Source(id string) *Source {
	i, ok := slices.BinarySearchFunc(s.Sources, id, func(a *Source, id string) int { return strings.Compare(a.ID, id) })
	if !ok {
		return nil
	}
	return s.Sources[i]
}

// Claim returns the claim with the given ID.
func (s *Set) Claim(id string) *Claim {
	topic, _, _ := strings.Cut(id, "/")
	for _, t := range s.Topics {
		if t.ID != topic {
			continue
		}
		i, ok := slices.BinarySearchFunc(t.Claims, id, func(a *Claim, id string) int { return strings.Compare(a.ID, id) })
		if ok {
			return t.Claims[i]
		}
	}
	return nil
}

// Topic returns the topic with the given ID.
func (s *Set) Topic(id string) *Topic {
	for _, t := range s.Topics {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// ResolveSource returns the full ID of the source a reference made in topic
// names: the topic's own source first, then a site-wide one, then a full ID.
func ResolveSource(sources func(id string) bool, topic, ref string) (string, bool) {
	if topic != "" && !strings.Contains(ref, "/") && sources(topic+"/"+ref) {
		return topic + "/" + ref, true
	}
	if sources(ref) {
		return ref, true
	}
	return "", false
}
