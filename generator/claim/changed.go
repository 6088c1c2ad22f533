package claim

// Changed is the last change of a fact-check: its publication or its
// latest correction.
func (c *Claim) Changed() Date {
	d := c.Published
	for _, k := range c.Correction {
		d = Latest(d, k.Date)
	}
	return d
}

// LastCorrection returns the latest of a claim's corrections (the first
// listed of those of the same date), or nil.
func (c *Claim) LastCorrection() *Correction {
	var last *Correction
	for i := range c.Correction {
		if k := &c.Correction[i]; last == nil || last.Date.Before(k.Date) {
			last = k
		}
	}
	return last
}

// Changed is the last change of a topic or of any of its claims.
func (t *Topic) Changed() Date {
	d := Latest(t.Published, t.Updated)
	for _, c := range t.Claims {
		d = Latest(d, c.Changed())
	}
	return d
}

// Changed is the latest date of the set: of the publications, updates and
// corrections of its topics and claims; the zero Date when it has none.
func (s *Set) Changed() Date {
	var d Date
	for _, t := range s.Topics {
		d = Latest(d, t.Changed())
	}
	return d
}

// Latest returns the later of a and b.
func Latest(a, b Date) Date {
	if a.Before(b) {
		return b
	}
	return a
}
