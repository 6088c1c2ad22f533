package site

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	defaults "reckon/templates"
)

// TestMemoParsed: a Memo parses the templates and interface strings once,
// and again when a file they were parsed from changes, or one they found
// missing appears.
func TestMemoParsed(t *testing.T) {
	own := fstest.MapFS{}
	tmpl := Overlay(own, defaults.FS)
	m := &Memo{}
	parse := func() (*texts, *templates) {
		t.Helper()
		tx, tm, err := m.parsed(tmpl, "fr", "")
		if err != nil {
			t.Fatal(err)
		}
		return tx, tm
	}
	tx1, tm1 := parse()
	if tx2, tm2 := parse(); tx2 != tx1 || tm2 != tm1 {
		t.Error("parsed again with the same files")
	}
	partials, err := fs.ReadFile(defaults.FS, "partials.html")
	if err != nil {
		t.Fatal(err)
	}
	own["partials.html"] = &fstest.MapFile{Data: []byte(strings.Replace(string(partials), `<article class="source"`, `<article class="source own"`, 1))}
	tx3, tm3 := parse()
	if tm3 == tm1 {
		t.Error("not parsed again after partials.html changed")
	}
	if tx3 == tx1 {
		t.Error("interface strings not loaded again after partials.html changed")
	}
	var b strings.Builder
	if err := tm3.partial(&b, "source-entry", SourceEntry{ID: "s"}); err != nil || !strings.Contains(b.String(), `class="source own"`) {
		t.Errorf("source-entry after the change: %q, %v", b.String(), err)
	}
	if _, tm := parse(); tm != tm3 {
		t.Error("parsed again with the same files")
	}
	own["i18n/fr.toml"] = &fstest.MapFile{Data: []byte("cited_by = \"Cité par :\"\n")}
	tx5, tm5 := parse()
	if tm5 == tm3 {
		t.Error("not parsed again after i18n/fr.toml appeared")
	}
	if got, _ := tx5.get("cited_by"); got != "Cité par :" {
		t.Errorf("cited_by = %q after i18n/fr.toml appeared", got)
	}
	if _, tm, err := m.parsed(tmpl, "fr", "arab"); err != nil || tm == tm5 {
		t.Errorf("other digits: the same templates (%v)", err)
	}
	if _, tm, err := (*Memo)(nil).parsed(tmpl, "fr", ""); err != nil || tm == tm5 {
		t.Errorf("a nil Memo: the same templates (%v)", err)
	}
}
