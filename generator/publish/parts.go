package publish

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"slices"
	"strings"

	"reckon/generator/costmodel"
	"reckon/generator/internal/pool"
	"reckon/generator/route"
)

// Parts are the machine outputs of a site by the topic they are of, so
// that a later render of the same site, after the data of some topics
// changed, makes again only those topics' outputs and puts the files of
// the whole site together from the parts (see [Publisher.RenderAgain]).
type Parts struct {
	topics map[string]*part // by topic ID
	// site is the files of the whole site: claims.json, claims.csv, the
	// feed, the sitemap, robots.txt, and the files of the charts of no
	// topic.
	site  Files
	pages []route.Page // the pages the sitemap lists
}

// part is what the machine outputs hold of one topic.
type part struct {
	files Files       // its export and its charts' data and oEmbed documents
	elems [][]byte    // its claims' elements of claims.json, in order
	csv   []byte      // its claims' rows of claims.csv, in order
	feed  []atomEntry // its newest feed entries, at most feedCount, in the feed's order
}

// Files returns the files of the topic id, or those of the whole site
// for "". They must not be modified.
func (ps *Parts) Files(id string) Files {
	if id == "" {
		return ps.site
	}
	if pt := ps.topics[id]; pt != nil {
		return pt.files
	}
	return nil
}

// RenderAgain makes what [Publisher.Render] makes, as parts: those of the
// topics that last has, and for which again reports false, are taken
// from last; the others are made again. last is nil, or the parts of a
// render of a site that differs from this one only in the data of the
// topics again reports (and of those that no longer are): the same site
// file, words and base URL.
func (p *Publisher) RenderAgain(pages []route.Page, last *Parts, again func(topic string) bool) (*Parts, error) {
	return p.renderAgain(pages, last, again, true)
}

// renderAgain is [Publisher.RenderAgain], with the charts' data left out
// of the parts unless chartData is true.
func (p *Publisher) renderAgain(pages []route.Page, last *Parts, again func(topic string) bool, chartData bool) (*Parts, error) {
	topics := p.in.Results.Topics
	out := &Parts{topics: make(map[string]*part, len(topics)), site: Files{}}
	var fresh []*costmodel.Topic
	made := map[string]bool{} // the topics made again, by ID
	for _, t := range topics {
		if pt := last.reuse(t.Topic.ID, again); pt != nil {
			out.topics[t.Topic.ID] = pt
		} else {
			fresh = append(fresh, t)
			made[t.Topic.ID] = true
		}
	}
	w := &writer{files: out.site, data: chartData}
	p.topicParts(w, fresh, out.topics)
	var elems [][]byte
	for _, t := range topics {
		elems = append(elems, out.topics[t.Topic.ID].elems...)
	}
	data, err := claimsFile(elems)
	w.fail(err)
	w.files[p.u.File(p.u.ClaimsJSON())] = data
	w.files[p.u.File(p.u.ClaimsCSV())] = w.claimsCSV(topics, out.topics)
	p.charts(w, func(c Chart) Files {
		switch pt := out.topics[c.Topic]; {
		case pt == nil:
			return out.site
		case made[c.Topic]:
			return pt.files
		}
		return nil // taken from last
	})
	var entries []atomEntry
	for _, t := range topics {
		entries = append(entries, out.topics[t.Topic.ID].feed...)
	}
	p.feed(w, newest(entries))
	if p.in.Prefix == "" {
		out.pages = pages
		if name := p.u.File(p.u.Sitemap()); last != nil && slices.Equal(last.pages, pages) {
			w.files[name] = last.site[name]
		} else {
			p.sitemap(w, pages)
		}
		p.robots(w)
	}
	if w.err != nil {
		return nil, w.err
	}
	if err := p.in.Words.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// reuse returns the part of the topic id in ps when it may be used again,
// or nil.
func (ps *Parts) reuse(id string, again func(string) bool) *part {
	if ps == nil || again(id) {
		return nil
	}
	return ps.topics[id]
}

// topicParts makes the parts of the topics fresh into parts, their export
// and their claims' elements and rows encoded on every core; each element
// of claims.json is indented as it stands in the array, so that
// claims.json is, byte for byte, what indenting it whole would give. The
// errors go to w in the order of a whole render's: the topics', then the
// claims'.
func (p *Publisher) topicParts(w *writer, fresh []*costmodel.Topic, parts map[string]*part) {
	var claims []*costmodel.Claim
	for _, t := range fresh {
		claims = append(claims, t.Claims...)
	}
	topicFiles := make([][]byte, len(fresh))
	topicErrs := make([]error, len(fresh))
	pool.Each(len(fresh), func(i int) {
		if !p.kept(fresh[i].Topic.ID) { // a kept topic's export is not made
			topicFiles[i], topicErrs[i] = indented(p.topicJSON(fresh[i]))
		}
	})
	all := make([]claimJSON, len(claims))
	elems := make([][]byte, len(claims))
	elemErrs := make([]error, len(claims))
	pool.Each(len(claims), func(i int) {
		all[i] = p.claimJSON(claims[i])
		elems[i], elemErrs[i] = marshalIndent(all[i], "    ", false)
	})
	for _, err := range topicErrs {
		w.fail(err)
	}
	for _, err := range elemErrs {
		w.fail(err)
	}
	n := 0
	for i, t := range fresh {
		k := len(t.Claims)
		pt := &part{
			files: Files{},
			elems: elems[n : n+k : n+k],
			csv:   w.csvRows(all[n : n+k]),
			feed:  newest(p.feedEntries(t)),
		}
		if topicFiles[i] != nil {
			pt.files[p.u.File(p.u.TopicJSON(t.Topic.ID))] = topicFiles[i]
		}
		parts[t.Topic.ID] = pt
		n += k
	}
}

// claimsCSV is claims.csv: its header, then each topic's rows.
func (w *writer) claimsCSV(topics []*costmodel.Topic, parts map[string]*part) []byte {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write(csvHeader())
	cw.Flush()
	w.fail(cw.Error())
	size := b.Len()
	for _, t := range topics {
		size += len(parts[t.Topic.ID].csv)
	}
	b.Grow(size - b.Len())
	for _, t := range topics {
		b.Write(parts[t.Topic.ID].csv)
	}
	return b.Bytes()
}

// newest sorts feed entries newest first, then by ID, and keeps the
// first feedCount: those the feed shows. Entries have different IDs, so
// that the newest of all are the newest of the newest of each topic.
func newest(entries []atomEntry) []atomEntry {
	slices.SortStableFunc(entries, func(a, b atomEntry) int {
		return cmp.Or(strings.Compare(b.Updated, a.Updated), strings.Compare(a.ID, b.ID))
	})
	return slices.Clip(entries[:min(len(entries), feedCount)])
}
