package costmodel

import "reckon/generator/claim"

// FindRate is, for the tests of package costmodel_test, the rate between
// currencies a and b that holds at date among m's parameters.
func FindRate(m *claim.Model, a, b string, date claim.Date) *Rate {
	return newRates(m, newDist).find(a, b, date)
}
