package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestCheckListsUntranslated: reckon check accepts a site whose Arabic
// edition falls back, and lists on stderr every text and document it shows
// in English, each at its position, before the summary.
func TestCheckListsUntranslated(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "-src", "testdata/editions", "-future"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr.String())
	}
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	want := []string{
		`reckon check: 262 untranslated, shown in the main language (fallback = true):`,
		`  claims/deepseek/article-true-cost-500m.toml:4:1: title has no "ar" translation`,
	}
	if len(lines) != 264 || lines[0] != want[0] || lines[1] != want[1] {
		t.Errorf("stderr starts\n%s\nwant\n%s\n(%d lines, want 264)", strings.Join(lines[:min(3, len(lines))], "\n"), strings.Join(want, "\n"), len(lines))
	}
	for _, l := range []string{
		`  content/topics/gpt-4.md:1:1: no "ar" translation of this document`,
		`ok: 2 topics, 15 claims, 23 sources, 13 scopes`,
	} {
		if !strings.Contains(stderr.String(), l+"\n") {
			t.Errorf("stderr lacks %q", l)
		}
	}
	for _, l := range lines[1:217] {
		if !strings.HasPrefix(l, "  claims/") && !strings.HasPrefix(l, "  content/") {
			t.Errorf("not a position: %q", l)
		}
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout: %q", stdout.String())
	}
}

// TestDiffTranslations: reckon diff reads two versions of a site with
// editions and reports a changed translation by its key.
func TestDiffTranslations(t *testing.T) {
	old, new := t.TempDir(), t.TempDir()
	for _, d := range []string{old, new} {
		if err := os.CopyFS(d, os.DirFS("testdata/editions")); err != nil {
			t.Fatal(err)
		}
	}
	replace("claims/deepseek/r1-compute-5-6m.toml", `claimant = "موقع إخباري عربي"`, `claimant = "موقع إخباري ناطق بالعربية"`)(t, new)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"diff", "-format", "json", old, new}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d: %s", code, stderr.String())
	}
	want := `"path": "translations.ar.claimant"`
	if !strings.Contains(stdout.String(), want) {
		t.Errorf("the report does not name %s:\n%s", want, stdout.String())
	}
}
