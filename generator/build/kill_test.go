package build

import (
	"context"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"reckon/generator/internal/synthsite"
	"reckon/templates"
)

// The test binary doubles as a build to kill: with RECKON_TEST_BUILD_OUT
// set, it builds a synthetic site there instead of running the tests (see
// childBuild).
func TestMain(m *testing.M) {
	if out := os.Getenv("RECKON_TEST_BUILD_OUT"); out != "" {
		os.Exit(childBuild(out))
	}
	os.Exit(m.Run())
}

// killSite is the synthetic site the kill tests build, in two versions
// whose outputs differ.
func killSite(seed uint64) Config {
	return Config{
		Src:       synthsite.Files(synthsite.Options{Topics: 2, Claims: 12, Words: 60, Seed: seed}),
		Templates: templates.FS,
	}
}

// childBuild builds the second version of the kill test's site into out.
// With RECKON_TEST_PAUSE set to one of the writer's points (see hooks), it
// creates the file RECKON_TEST_PAUSED there and waits to be killed.
func childBuild(out string) int {
	cfg := killSite(2)
	cfg.Out = out
	if point := os.Getenv("RECKON_TEST_PAUSE"); point != "" {
		cfg.test.pause = func(p string) {
			if p == point {
				os.WriteFile(os.Getenv("RECKON_TEST_PAUSED"), nil, 0o644)
				time.Sleep(time.Hour) // until killed
			}
		}
	}
	if _, _, err := Run(context.Background(), cfg); err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		return 1
	}
	return 0
}

// startBuild starts a child build into out, to pause at point ("" for
// none).
func startBuild(t *testing.T, out, point string) (*exec.Cmd, string) {
	t.Helper()
	paused := filepath.Join(t.TempDir(), "paused")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "RECKON_TEST_BUILD_OUT="+out, "RECKON_TEST_PAUSE="+point, "RECKON_TEST_PAUSED="+paused)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, paused
}

// kill kills the build with SIGKILL and waits for it to end.
func kill(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait() // "signal: killed", or the build's own end
}

// TestKilledBuild kills builds with SIGKILL at each point of the writer and
// after several delays, over the previous output and into an absent
// folder. Killed before the write phase (while rendering, or with every
// file rendered), the previous output is intact, file for file; killed
// later, every file is whole, the previous version or the new one. Either
// way, the next build writes exactly what a clean build writes and leaves
// nothing beside the output.
func TestKilledBuild(t *testing.T) {
	base := t.TempDir()
	build := func(seed uint64, out string) error {
		cfg := killSite(seed)
		cfg.Out = out
		_, _, err := Run(context.Background(), cfg)
		return err
	}
	prevDir, wantDir := filepath.Join(base, "prev"), filepath.Join(base, "want")
	if err := build(1, prevDir); err != nil {
		t.Fatal(err)
	}
	if err := build(2, wantDir); err != nil {
		t.Fatal(err)
	}
	prev, want := tree(t, prevDir), tree(t, wantDir)
	if maps.Equal(prev, want) || len(want) < 100 {
		t.Fatalf("the two versions have %d and %d files and should differ", len(prev), len(want))
	}
	differ := 0 // the files of the new version that differ from the previous one
	for name, data := range want {
		if name != Manifest && data != prev[name] {
			differ++
		}
	}
	// fresh returns the output folder of a new site holding the previous
	// output.
	fresh := func(t *testing.T) (dir, out string) {
		dir = t.TempDir()
		out = filepath.Join(dir, "public")
		if err := os.CopyFS(out, os.DirFS(prevDir)); err != nil {
			t.Fatal(err)
		}
		return dir, out
	}
	// next runs the next build and checks that it writes the new output
	// and leaves nothing beside it.
	next := func(t *testing.T, dir, out string) {
		t.Helper()
		if err := build(2, out); err != nil {
			t.Fatalf("the build after the kill: %v", err)
		}
		if !maps.Equal(tree(t, out), want) {
			t.Error("the build after the kill wrote a wrong output")
		}
		if got := entries(t, dir); !slices.Equal(got, []string{"public"}) {
			t.Errorf("left beside the output: %q", got)
		}
	}
	// whole checks that every file of out but the manifest is the previous
	// version or the new one, and reports how many are new.
	whole := func(t *testing.T, out string) (changed int) {
		t.Helper()
		for name, data := range tree(t, out) {
			switch {
			case name == Manifest:
			case data == want[name] && data != prev[name]:
				changed++
			case data != prev[name]:
				t.Errorf("%s is neither the previous version nor the new one", name)
			}
		}
		return changed
	}
	// pause starts a build into out and kills it at point.
	pause := func(t *testing.T, out, point string) {
		t.Helper()
		cmd, paused := startBuild(t, out, point)
		for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(5 * time.Millisecond) {
			if _, err := os.Stat(paused); err == nil {
				break
			}
			if time.Now().After(deadline) {
				kill(t, cmd)
				t.Fatalf("the build never reached %q", point)
			}
		}
		kill(t, cmd)
	}

	for _, tc := range []struct {
		point string
		after string // the output after the kill: "prev", "listed" (prev but its manifest), "mixed" or "new" (but the manifest)
	}{
		{"made", "prev"},
		{"writing", "prev"},
		{"written", "prev"},
		{"listed", "listed"},
		{"moving", "mixed"},
		{"moved", "new"},
		{"done", "new"},
	} {
		t.Run(tc.point, func(t *testing.T) {
			dir, out := fresh(t)
			pause(t, out, tc.point)
			got := tree(t, out)
			changed := whole(t, out)
			switch tc.after {
			case "prev":
				if !maps.Equal(got, prev) {
					t.Error("the killed build changed the previous output")
				}
			case "listed":
				if changed != 0 || got[Manifest] == prev[Manifest] {
					t.Errorf("%d files changed and the manifest changed: %v; want only the manifest", changed, got[Manifest] != prev[Manifest])
				}
			case "mixed":
				if changed == 0 || changed >= differ {
					t.Errorf("%d files changed; want some of the %d, not all", changed, differ)
				}
			case "new":
				delete(got, Manifest)
				w := maps.Clone(want)
				for name := range prev {
					if _, ok := w[name]; !ok && tc.point == "moved" {
						w[name] = prev[name] // not yet removed
					}
				}
				delete(w, Manifest)
				if tc.point == "moved" {
					// Written last, once the manifest is the new one.
					if _, ok := got[State]; ok {
						t.Errorf("%s is there before the manifest is the new one", State)
					}
					delete(w, State)
				}
				if !maps.Equal(got, w) {
					t.Error("the files are not the new ones")
				}
			}
			next(t, dir, out)
		})
	}

	// A first build, written straight into an absent folder, killed midway,
	// leaves the marker and some files but no manifest: the next build
	// takes every file there for Reckon's, writes the whole output and
	// removes what it does not make.
	t.Run("writing into an absent folder", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "public")
		pause(t, out, "writing")
		got := tree(t, out)
		if _, ok := got[Manifest]; got[Marker] != markerText || ok || len(got) < 2 {
			t.Errorf("killed while writing, the output holds %d files, the marker %q, a manifest: %v", len(got), got[Marker], ok)
		}
		if err := build(1, out); err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(tree(t, out), prev) {
			t.Error("the build after the kill wrote a wrong output")
		}
		if got := entries(t, dir); !slices.Equal(got, []string{"public"}) {
			t.Errorf("left beside the output: %q", got)
		}
	})

	// Kills at several delays, without pauses: every file is always whole.
	_, out := fresh(t)
	start := time.Now()
	cmd, _ := startBuild(t, out, "")
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if !maps.Equal(tree(t, out), want) {
		t.Fatal("an unkilled child build wrote a wrong output")
	}
	for i := range 4 {
		delay := took * time.Duration(i+1) / 5
		t.Run("after "+strconv.Itoa(i+1)+"/5 of a build", func(t *testing.T) {
			dir, out := fresh(t)
			cmd, _ := startBuild(t, out, "")
			time.Sleep(delay)
			kill(t, cmd)
			whole(t, out)
			next(t, dir, out)
		})
	}
}
