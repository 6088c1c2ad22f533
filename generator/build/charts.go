package build

import (
	"slices"
	"strings"
	"sync"

	"reckon/generator/chart"
	"reckon/generator/costmodel"
	"reckon/generator/publish"
)

// claimCharts draws the charts of the claims (their bridges) when the
// site's pages need them (see [site.Input.ClaimChart]), in place of
// drawing them all before the pages are rendered: a claim's chart is then
// held only while its pages are made, not every chart at once. Its data
// is published as soon as it is drawn, when publish is set, and of each
// chart it keeps only what the rest of the machine outputs need, which
// are made after the pages: its title and height (see published). It is
// safe for concurrent use.
type claimCharts struct {
	d      *chart.Drawer
	res    *costmodel.Results
	topics []publish.Chart // the topics' charts, drawn before the pages
	// drawn, when not nil, is told of each chart drawn (for tests).
	drawn func(*chart.Chart)
	// publish, when not nil, publishes the data of a chart drawn for the
	// pages (see [publish.Publisher.StreamData]), which is then not kept.
	publish func(publish.Chart) error
	// skip, when not nil, reports the topics whose claims' charts
	// published leaves out: those whose files the earlier output holds
	// as they are (see [publish.Input.Kept]).
	skip func(topic string) bool

	mu     sync.Mutex
	kept   map[string]publish.Chart // of the charts drawn, by claim ID
	topicI map[string]int           // the index in topics of each, by chart ID
}

// newClaimCharts returns the drawer of the claims' charts of res, in
// words, beside the topics' charts.
func newClaimCharts(d *chart.Drawer, res *costmodel.Results, topics []*chart.Chart, drawn func(*chart.Chart)) *claimCharts {
	cc := &claimCharts{d: d, res: res, topics: publishCharts(topics), drawn: drawn, kept: map[string]publish.Chart{}, topicI: map[string]int{}}
	for i, c := range cc.topics {
		cc.topicI[c.ID] = i
	}
	return cc
}

// topicDone publishes the data of the topic's chart c, when publish is
// set, once no page needs c (see [site.Input.ChartDone]), and lets go of
// it: only what the rest of the machine outputs need is kept.
func (cc *claimCharts) topicDone(c *chart.Chart) error {
	if cc.publish == nil {
		return nil
	}
	if err := cc.publish(publishChart(c)); err != nil {
		return err
	}
	cc.mu.Lock()
	if i, ok := cc.topicI[c.ID]; ok {
		cc.topics[i].Data = nil
	}
	cc.mu.Unlock()
	c.Data = nil
	return nil
}

// draw draws the chart of the claim id for its pages, or returns nil when
// it has none.
func (cc *claimCharts) draw(id string) (*chart.Chart, error) {
	c, err := cc.drawOne(id)
	if c == nil || err != nil {
		return nil, err
	}
	pc := publishChart(c)
	if cc.publish != nil {
		if err := cc.publish(pc); err != nil {
			return nil, err
		}
		pc.Data = nil // published
	}
	cc.mu.Lock()
	cc.kept[id] = pc
	cc.mu.Unlock()
	return c, nil
}

// published returns every chart as the machine outputs need it, the
// topics' and the claims', sorted by ID as [chart.Render] gives them,
// those whose data is published already without it; a claim's chart that
// no page drew is drawn now. It lets go of what it kept.
func (cc *claimCharts) published() ([]publish.Chart, error) {
	out := slices.Clone(cc.topics)
	for _, t := range cc.res.Topics {
		if cc.skip != nil && cc.skip(t.Topic.ID) {
			continue
		}
		for _, c := range t.Claims {
			cc.mu.Lock()
			pc, ok := cc.kept[c.Claim.ID]
			delete(cc.kept, c.Claim.ID)
			cc.mu.Unlock()
			if !ok {
				ch, err := cc.drawOne(c.Claim.ID)
				if err != nil {
					return nil, err
				}
				if ch == nil {
					continue
				}
				pc = publishChart(ch)
			}
			out = append(out, pc)
		}
	}
	slices.SortFunc(out, func(a, b publish.Chart) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

// drawOne draws the chart of the claim id, or returns nil when it has
// none, and tells cc.drawn.
func (cc *claimCharts) drawOne(id string) (*chart.Chart, error) {
	c, err := cc.d.Claim(id)
	if c != nil && err == nil && cc.drawn != nil {
		cc.drawn(c)
	}
	return c, err
}
