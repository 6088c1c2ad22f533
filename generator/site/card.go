package site

import (
	"reckon/generator/card"
	"reckon/generator/costmodel"
)

// Image is a page's social card, for og:image.
type Image struct {
	URL           string // absolute
	Width, Height int    // in pixels
	Alt           string // the card's text in one sentence
}

// claimImage draws the social card of a claim's page and sends it, and
// returns its Image; nil when the site draws no cards. It is safe for
// concurrent use.
func (r *renderer) claimImage(t *costmodel.Topic, c *costmodel.Claim) (*Image, error) {
	if r.in.Cards == nil {
		return nil, nil
	}
	cl := c.Claim
	fc := c.Figure
	cur := fc.Currency
	if cur == "" {
		cur = r.currency(t.Topic)
	}
	m := func(v float64) string { return r.tr.w.Money(v, cur) }
	rating := r.rating(c.Rating)
	figure := r.figure(cl.Figure)
	scope := scopeLabel(t, cl.Scope)
	model := r.cardEstimate(fc.Model, m)
	cd := r.card()
	cd.Kicker, cd.Title = t.Topic.Title, cl.Title
	cd.Badges = []card.Badge{{Text: rating.Label, Band: rating.Band}}
	cd.Facts = []card.Fact{
		{Label: r.tr.s("card_claim"), Value: figure},
		{Label: r.tr.s("card_model", scope), Value: model},
	}
	cd.Byline = r.tr.s("card_byline", cl.Claimant)
	alt := r.tr.s("card_alt_claim", cl.Claimant, figure, scope, model, rating.Label)
	return r.image(cd, cl.ID, alt)
}

// topicImage draws the social card of a topic's page and sends it: the
// ratings of its claims and the model's estimates for the narrowest and
// the broadest scopes. It returns nil when the site draws no cards.
func (r *renderer) topicImage(t *costmodel.Topic, title string) (*Image, error) {
	if r.in.Cards == nil {
		return nil, nil
	}
	cur := r.currency(t.Topic)
	m := func(v float64) string { return r.tr.w.Money(v, cur) }
	cd := r.card()
	cd.Title = title
	var ratings []string
	for _, rc := range r.ratingCounts(t.Claims, false) {
		text := r.tr.s("card_rating_count", rc.Label, rc.Count)
		cd.Badges = append(cd.Badges, card.Badge{Text: text, Band: rc.Band})
		ratings = append(ratings, text)
	}
	var ends []*costmodel.Scope
	if t.Bridge != nil {
		ends = append(ends, t.Scope(t.Bridge.From))
	} else if len(t.Scopes) > 0 {
		ends = append(ends, t.Scopes[0])
	}
	if b := t.Broadest(); b != nil && (len(ends) == 0 || ends[0] != b) {
		ends = append(ends, b)
	}
	var figures []string
	for _, s := range ends {
		if s == nil {
			continue
		}
		label, value := scopeLabel(t, s.Scope.Name), r.cardEstimate(s.Estimate, m)
		cd.Facts = append(cd.Facts, card.Fact{Label: r.tr.s("card_model", label), Value: value})
		figures = append(figures, r.tr.s("card_alt_scope", label, value))
	}
	cd.Byline = r.tr.s("claims_count", len(t.Claims))
	alt := r.tr.s("card_alt_topic", title, r.tr.w.List(figures), r.tr.w.List(ratings))
	return r.image(cd, t.Topic.ID, alt)
}

// card returns a card with what every card of the site has.
func (r *renderer) card() card.Card {
	lang, dir := r.lang()
	return card.Card{Lang: lang, RTL: dir == "rtl", Footer: r.site.Title}
}

// cardEstimate writes a model estimate for a card: the central value, and
// its range when it has one.
func (r *renderer) cardEstimate(e costmodel.Estimate, m func(float64) string) string {
	if e.Low == e.High {
		return m(e.Central)
	}
	return r.tr.s("card_estimate", m(e.Central), r.tr.s("range", m(e.Low), m(e.High)))
}

// image draws cd, unless Input.Cached has it, sends it as the card of id
// (a claim's or a topic's) and returns its Image.
func (r *renderer) image(cd card.Card, id, alt string) (*Image, error) {
	p := r.u.Card(id)
	name := r.u.File(p)
	var png []byte
	if r.in.Cached != nil {
		png = r.in.Cached(name, r.in.Cards.Key(cd))
	}
	if png == nil {
		// Drawn into a buffer of the renderer's, which send copies.
		buf := r.buffers.Get(64 << 10)
		defer r.buffers.Put(buf)
		var err error
		if *buf, err = r.in.Cards.Append(*buf, cd); err != nil {
			return nil, err
		}
		png = *buf
	}
	r.out.send(name, png)
	return &Image{URL: r.u.Abs(p), Width: card.Width, Height: card.Height, Alt: alt}, nil
}
