//go:build linux

package main

import (
	"bytes"
	"io/fs"
	"testing"
	"testing/fstest"

	"reckon/generator/claim"
	"reckon/generator/internal/synthsite"
	"reckon/templates"
)

// TestEditsKeepSitesValid applies every edit twice to both synthetic sites:
// each edit must change its file, differently each time, and leave the
// Reckon claims loading.
func TestEditsKeepSitesValid(t *testing.T) {
	o := synthsite.Options{Topics: 1, Claims: 2, Words: 10}
	rsite, hsite := synthsite.Files(o), synthsite.Hugo(o)
	claimHTML, err := fs.ReadFile(templates.FS, "claim.html")
	if err != nil {
		t.Fatal(err)
	}
	rsite["templates/claim.html"] = &fstest.MapFile{Data: claimHTML}
	for _, e := range editKinds {
		for _, side := range []struct {
			fsys fstest.MapFS
			file string
		}{{rsite, e.reckonFile}, {hsite, e.hugoFile}} {
			f, ok := side.fsys[side.file]
			if !ok {
				t.Fatalf("%s: no %s", e.what, side.file)
			}
			one, err1 := e.apply(f.Data, 1)
			two, err2 := e.apply(f.Data, 2)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: %s: %v, %v", e.what, side.file, err1, err2)
			}
			if bytes.Equal(one, f.Data) || bytes.Equal(one, two) {
				t.Errorf("%s: %s: edits 1 and 2 do not make three different files", e.what, side.file)
			}
		}
		edited := fstest.MapFS{}
		for name, f := range rsite {
			edited[name] = f
		}
		b, _ := e.apply(rsite[e.reckonFile].Data, 1)
		edited[e.reckonFile] = &fstest.MapFile{Data: b}
		if _, err := claim.Load(edited, "claims"); err != nil {
			t.Errorf("%s: the edited site does not load: %v", e.what, err)
		}
	}
}

func TestBumpValue(t *testing.T) {
	got, err := bumpValue([]byte("[parameters.gpu_hours]\nlabel = \"x\"\nvalue = 2.037363e+06\nunit = \"GPU-h\"\n"), 3)
	if err != nil {
		t.Fatal(err)
	}
	if want := "[parameters.gpu_hours]\nlabel = \"x\"\nvalue = 2040363\nunit = \"GPU-h\"\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 51816: "51,816", 1234567: "1,234,567"} {
		if got := count(n); got != want {
			t.Errorf("count(%d) = %q, want %q", n, got, want)
		}
	}
}
