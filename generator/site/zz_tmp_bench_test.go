package site_test

import (
	"io/fs"
	"os"
	"testing"

	"reckon/generator/site"
	"reckon/templates"
)

func BenchmarkTmpClaims(b *testing.B) {
	in := synthetic(10, 100)
	tm := fs.FS(templates.FS)
	if o := os.Getenv("TMP_TMPL"); o != "" {
		tm = site.Overlay(os.DirFS(o), templates.FS)
	}
	for b.Loop() {
		if _, err := renderSite(in, tm); err != nil {
			b.Fatal(err)
		}
	}
}
