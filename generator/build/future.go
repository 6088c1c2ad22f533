package build

import (
	"fmt"
	"slices"
	"strings"

	"reckon/generator/claim"
)

// Unpublished is what a build left out because it is published after the
// build's date ([Config.Now]), by ID, sorted.
type Unpublished struct {
	// Topics published after the date, and topics whose every claim is:
	// a topic is left out with all its claims.
	Topics []string
	// Claims published after the date, and the claims of the topics left
	// out.
	Claims []string
	// Published maps every ID in Topics and Claims to its published date.
	Published map[string]claim.Date
}

// leaveOut removes from set the topics and claims published after now, as
// Hugo leaves out future pages, and returns what it removed. Only the Set
// changes: every later stage (the model's results, pages, charts, exports,
// feed and sitemap) sees the claims that remain.
func leaveOut(set *claim.Set, now claim.Date) Unpublished {
	u := Unpublished{Published: map[string]claim.Date{}}
	topics := set.Topics[:0]
	for _, t := range set.Topics {
		future := now.Before(t.Published)
		claims := t.Claims[:0]
		var gone []string
		for _, c := range t.Claims {
			if future || now.Before(c.Published) {
				gone = append(gone, c.ID)
				u.Published[c.ID] = c.Published
				if c.Published.Before(t.Published) {
					u.Published[c.ID] = t.Published // when it will appear
				}
				continue
			}
			claims = append(claims, c)
		}
		clear(t.Claims[len(claims):])
		t.Claims = claims
		u.Claims = append(u.Claims, gone...)
		if future || len(claims) == 0 && len(gone) > 0 {
			u.Topics = append(u.Topics, t.ID)
			u.Published[t.ID] = t.Published
			continue
		}
		topics = append(topics, t)
	}
	clear(set.Topics[len(topics):])
	set.Topics = topics
	slices.Sort(u.Topics)
	slices.Sort(u.Claims)
	return u
}

// Notice says in one line what the build left out, or "" when nothing.
func (u Unpublished) Notice() string {
	n := len(u.Claims)
	if n == 0 && len(u.Topics) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "left out %d claim%s", n, plural(n))
	if m := len(u.Topics); m > 0 {
		fmt.Fprintf(&b, " and %d topic%s", m, plural(m))
		n += m
	}
	b.WriteString(" published after today: ")
	var names []string
	for _, id := range append(slices.Clone(u.Topics), u.Claims...) {
		names = append(names, fmt.Sprintf("%s (%s)", id, u.Published[id]))
	}
	const most = 10
	if len(names) > most {
		names = append(names[:most], fmt.Sprintf("and %d more", len(names)-most))
	}
	b.WriteString(strings.Join(names, ", "))
	if n == 1 {
		b.WriteString("; pass -future to include it")
	} else {
		b.WriteString("; pass -future to include them")
	}
	return b.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
