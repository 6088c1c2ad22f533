package site

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"reckon/generator/costmodel"
)

// Bidirectional isolation. A right-to-left override (U+202E) or embedding
// in a label would reorder whatever follows it in the same paragraph: the
// amounts of a verdict, the words of the template around it. So every
// piece of user text on a page is isolated in a <bdi> element (the one
// mechanism the templates use), either by the template around a field of
// its own, or, in text that also holds interface words (see [Text]), by
// the "text" partial around each user span. Text that other stages wrote
// with labels in it (the cost model's reasons, the charts' titles and
// tables) is split at the labels by [isolate].

// isolate returns s as a [Text] in which every occurrence of one of users,
// or of one of them with a capital first letter (as a sentence starts), is
// user text. At each place the longest match wins; a match must not be part
// of a longer word.
func isolate(s string, users []string) Text {
	return newUserSet(users).isolate(s)
}

// A userSet is the user text of a topic made ready for [userSet.isolate]:
// each label and its capitalized form, by first byte, longest first, so
// that isolating a sentence costs a few comparisons at each word start
// rather than a search for every label of the topic.
type userSet struct {
	byFirst map[byte][]string
}

func newUserSet(users []string) *userSet {
	us := &userSet{byFirst: map[byte][]string{}}
	seen := map[string]bool{}
	add := func(u string) {
		if !seen[u] {
			seen[u] = true
			us.byFirst[u[0]] = append(us.byFirst[u[0]], u)
		}
	}
	for _, u := range users {
		if u == "" {
			continue
		}
		add(u)
		add(capitalized(u))
	}
	for _, b := range us.byFirst {
		// Two labels of the same length cannot both start at one place, so
		// the order among them does not matter; sort for determinism.
		slices.SortFunc(b, func(x, y string) int { return cmp.Or(cmp.Compare(len(y), len(x)), strings.Compare(x, y)) })
	}
	return us
}

// isolate is [isolate] with the labels of us.
func (us *userSet) isolate(s string) Text {
	var out Text
	plain := 0 // start of the plain text not yet written
	for i := 0; i < len(s); {
		match := ""
		if i == 0 || !wordRune(lastRune(s[:i])) {
			for _, u := range us.byFirst[s[i]] {
				if strings.HasPrefix(s[i:], u) && (i+len(u) == len(s) || !wordRune(firstRune(s[i+len(u):]))) {
					match = u
					break
				}
			}
		}
		if match == "" {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		if plain < i {
			out = append(out, Span{Text: s[plain:i]})
		}
		out = append(out, Span{Text: match, User: true})
		i += len(match)
		plain = i
	}
	if out == nil {
		return Text{{Text: s}}
	}
	if plain < len(s) {
		out = append(out, Span{Text: s[plain:]})
	}
	return out
}

func capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }
func lastRune(s string) rune  { r, _ := utf8.DecodeLastRuneInString(s); return r }

// wordRune reports whether r continues a word.
func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// topicUsers returns the user text other stages may have set into the
// reasons and charts of topic t: the labels of its model, its title, and
// its claims' titles, claimants and rating labels.
func topicUsers(t *costmodel.Topic, siteParams []string) []string {
	m := t.Topic.Model
	users := []string{t.Topic.Title}
	users = append(users, siteParams...)
	if m != nil {
		for _, s := range m.Scopes {
			users = append(users, s.Label)
		}
		for _, c := range m.Components {
			users = append(users, c.Label)
		}
		for _, p := range m.Parameters {
			users = append(users, p.Label)
		}
		for _, f := range m.Formulas {
			users = append(users, f.Label)
		}
	}
	for _, c := range t.Claims {
		users = append(users, c.Claim.Title, c.Claim.Claimant)
		if c.Rating.Label != "" {
			users = append(users, c.Rating.Label)
		}
	}
	slices.Sort(users)
	return slices.Compact(users)
}

var emptyUsers = newUserSet(nil)

// isolated is [isolate] with the user text of the topic of that ID.
func (r *renderer) isolated(topic, s string) Text { return r.usersOf(topic).isolate(s) }

// usersOf returns the user text of the topic of that ID, gathered when
// it is first asked for: a render of some topics asks for theirs only.
// It is safe for concurrent use.
func (r *renderer) usersOf(topic string) *userSet {
	r.usersMu.Lock()
	defer r.usersMu.Unlock()
	us, ok := r.users[topic]
	if !ok {
		us = emptyUsers
		if t := r.topics[topic]; t != nil {
			us = newUserSet(topicUsers(t, r.siteParams))
		}
		r.users[topic] = us
	}
	return us
}
