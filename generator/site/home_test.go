package site_test

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"reckon/generator/claim"
	"reckon/templates"
)

// TestHomeLatest: the home page lists the ten claims changed last
// (published or corrected), newest first, then by URL, whatever the
// precision of their dates and however many share the last day listed.
func TestHomeLatest(t *testing.T) {
	days := []claim.Date{
		date("2025-03-01"), {Year: 2025, Month: 2, Day: 1, Prec: claim.PrecMonth}, {Year: 2025, Month: 3, Day: 2, Prec: claim.PrecBefore}, date("2025-03-01"),
		{Year: 2024, Month: 1, Day: 1, Prec: claim.PrecYear}, {Year: 2025, Month: 1, Day: 5, Prec: claim.PrecOnOrAfter}, date("2025-02-28"),
	}
	for _, tc := range []struct{ topics, claims int }{{1, 3}, {2, 5}, {4, 9}, {12, 10}} {
		t.Run(fmt.Sprintf("%dx%d", tc.topics, tc.claims), func(t *testing.T) {
			in := synthetic(tc.topics, tc.claims)
			type last struct{ iso, url string }
			var all []last
			i := 0
			for _, rt := range in.Results.Topics {
				for _, c := range rt.Claims {
					cl := c.Claim
					cl.Published = days[i%len(days)]
					cl.Correction = nil
					if i%4 == 3 {
						cl.Correction = []claim.Correction{{Date: days[(i+2)%len(days)], Change: "c", Reason: "r"}, {Date: days[(i+5)%len(days)], Change: "c", Reason: "r"}}
					}
					all = append(all, last{cl.Changed().ISO(), "/claims/" + cl.ID + "/"})
					i++
				}
			}
			slices.SortStableFunc(all, func(a, b last) int {
				return cmp.Or(strings.Compare(b.iso, a.iso), strings.Compare(a.url, b.url))
			})
			var want []string
			for _, l := range all[:min(len(all), 10)] {
				want = append(want, l.url)
			}
			page := string(streamWith(t, in, templates.FS)["index.html"])
			_, list, _ := strings.Cut(page, `<ol class="claim-list">`)
			list, _, _ = strings.Cut(list, "</ol>")
			var got []string
			for _, card := range strings.Split(list, `<h3 class="card-title"><a href="`)[1:] {
				url, _, _ := strings.Cut(card, `"`)
				got = append(got, url)
			}
			if !slices.Equal(got, want) {
				t.Errorf("latest:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
