package claim

import "reckon/generator/unit"

// Rate reports whether p is an exchange rate, a parameter whose unit is one
// currency per another (CNY/USD), and between which currencies: from per
// to. It is the one rule for what an exchange rate is; the loader, the
// model and the support count all ask here.
func (p *Parameter) Rate() (from, to string, ok bool) {
	u, err := unit.Parse(p.Unit)
	if err != nil {
		return "", "", false
	}
	return u.Rate()
}
