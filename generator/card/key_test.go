package card_test

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"reckon/generator/card"
)

// referenceCards are the cards whose bytes TestVersion records: the
// goldens of TestDrawGolden (Latin, Arabic, an Arabic topic, badges on two
// rows) and a Latin and an Arabic card whose texts are longer than a card
// shows.
func referenceCards(t *testing.T) []struct {
	name string
	card card.Card
} {
	out := []struct {
		name string
		card card.Card
	}{}
	for _, name := range []string{"en", "ar", "ar-topic", "en-rows"} {
		out = append(out, struct {
			name string
			card card.Card
		}{name, readCard(t, name)})
	}
	long := readCard(t, "en")
	long.Title = strings.Repeat("A title far longer than three lines of a card can hold, ", 8)
	long.Kicker = strings.Repeat("a long kicker ", 20)
	long.Byline = strings.Repeat("Claimed by someone with a very long name ", 6)
	longAr := readCard(t, "ar")
	longAr.Title = strings.Repeat(longAr.Title+" ", 6)
	longAr.Facts[1].Value = strings.Repeat(longAr.Facts[1].Value+" ", 4)
	out = append(out, struct {
		name string
		card card.Card
	}{"en-long", long}, struct {
		name string
		card card.Card
	}{"ar-long", longAr})
	return out
}

const versionFile = "testdata/version.txt"

// TestVersion draws the reference cards and compares the SHA-256 of their
// bytes with the list in testdata/version.txt, which names the Version
// that drew them: when the bytes changed while Version did not, keys made
// before the change would name cards drawn after it. With -update, after
// Version was bumped, it rewrites the list; it refuses while Version is
// the list's.
func TestVersion(t *testing.T) {
	p := painter(t)
	var got strings.Builder
	fmt.Fprintf(&got, "# the SHA-256 of the PNG bytes of the reference cards (see TestVersion), drawn by card.Version\nversion %d\n", card.Version)
	for _, rc := range referenceCards(t) {
		data, err := p.Draw(rc.card)
		if err != nil {
			t.Fatal(err)
		}
		s := sha256.Sum256(data)
		fmt.Fprintf(&got, "%s %s\n", rc.name, hex.EncodeToString(s[:]))
	}
	want, err := os.ReadFile(filepath.FromSlash(versionFile))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	recorded := -1
	for line := range strings.Lines(string(want)) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "version "); ok {
			recorded, _ = strconv.Atoi(v)
		}
	}
	if got.String() == string(want) {
		return
	}
	update := flag.Lookup("update")
	switch {
	case recorded == card.Version:
		t.Fatalf("the bytes of the reference cards changed while card.Version (%d) did not: bump card.Version in card/key.go, then run go test ./generator/card -run TestVersion -update\n%s", card.Version, lineDiff(string(want), got.String()))
	case update == nil || update.Value.String() != "true":
		t.Fatalf("%s lists the cards of version %d, card.Version is %d: run go test ./generator/card -run TestVersion -update", versionFile, recorded, card.Version)
	}
	if err := os.WriteFile(filepath.FromSlash(versionFile), []byte(got.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// lineDiff lists the lines of got that want lacks.
func lineDiff(want, got string) string {
	var b strings.Builder
	for line := range strings.Lines(got) {
		if !strings.Contains(want, line) {
			b.WriteString("+ " + line)
		}
	}
	return b.String()
}

// TestKeyCoversEveryField changes each field of a card in turn, and of
// its badges and facts, and checks that the key changes with it: a field
// added to Card that Key does not encode fails here.
func TestKeyCoversEveryField(t *testing.T) {
	p := painter(t)
	base := readCard(t, "en")
	base.Facts = append(base.Facts, card.Fact{Label: "x", Value: "y"})
	want := p.Key(base)
	if p.Key(base) != want {
		t.Fatal("the key of the same card differs")
	}
	seen := map[card.Key]string{want: "base"}
	check := func(name string, c card.Card) {
		t.Helper()
		k := p.Key(c)
		if prev, ok := seen[k]; ok {
			t.Errorf("changing %s gives the key of %s", name, prev)
		}
		seen[k] = name
	}
	// change sets v, a string, bool or int field, to another value.
	change := func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			v.SetString(v.String() + "!")
		case reflect.Bool:
			v.SetBool(!v.Bool())
		case reflect.Int:
			v.SetInt(v.Int() + 1)
		default:
			t.Fatalf("a field of kind %v: teach this test (and Key) about it", v.Kind())
		}
	}
	ct := reflect.TypeFor[card.Card]()
	for i := range ct.NumField() {
		f := ct.Field(i)
		c := base
		c.Badges = append([]card.Badge(nil), base.Badges...)
		c.Facts = append([]card.Fact(nil), base.Facts...)
		v := reflect.ValueOf(&c).Elem().Field(i)
		if v.Kind() != reflect.Slice {
			change(v)
			check(f.Name, c)
			continue
		}
		// A slice: one more element, one fewer, and each field of its
		// last element.
		grown := reflect.Append(v, v.Index(v.Len()-1))
		v.Set(grown)
		check(f.Name+" grown", c)
		v.Set(grown.Slice(0, grown.Len()-2))
		check(f.Name+" shrunk", c)
		for j := range f.Type.Elem().NumField() {
			c2 := base
			c2.Badges = append([]card.Badge(nil), base.Badges...)
			c2.Facts = append([]card.Fact(nil), base.Facts...)
			s := reflect.ValueOf(&c2).Elem().Field(i)
			change(s.Index(s.Len() - 1).Field(j))
			check(f.Name+"."+f.Type.Elem().Field(j).Name, c2)
		}
	}
	// Strings that run into each other are told apart.
	a, b := base, base
	a.Kicker, a.Title = "ab", "c"
	b.Kicker, b.Title = "a", "bc"
	if p.Key(a) == p.Key(b) {
		t.Error("Kicker \"ab\", Title \"c\" has the key of Kicker \"a\", Title \"bc\"")
	}
}

// TestKeyFonts checks that the key depends on the fonts: the same card
// drawn by a painter whose regular and bold faces are swapped has another.
func TestKeyFonts(t *testing.T) {
	fonts, _, err := card.ReadFonts(os.DirFS(filepath.Join("..", "..", "node_modules")))
	if err != nil {
		t.Fatalf("%v (run npm ci)", err)
	}
	a, err := card.New(fonts)
	if err != nil {
		t.Fatal(err)
	}
	fonts.Regular, fonts.Bold = fonts.Bold, fonts.Regular
	b, err := card.New(fonts)
	if err != nil {
		t.Fatal(err)
	}
	c := readCard(t, "en")
	if a.Key(c) == b.Key(c) {
		t.Error("the key does not depend on the fonts")
	}
	if a.Key(c) != painter(t).Key(c) {
		t.Error("two painters of the same fonts give different keys")
	}
}
