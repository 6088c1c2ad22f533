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
	"testing/fstest"
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
// creates the file RECKON_TEST_PAUSED there and waits to be killed; with
// RECKON_TEST_RENAME set, it renames twice instead of exchanging folders.
func childBuild(out string) int {
	cfg := killSite(2)
	cfg.Out = out
	cfg.test.rename = os.Getenv("RECKON_TEST_RENAME") != ""
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
// none), the writer renaming twice when rename is set.
func startBuild(t *testing.T, out, point string, rename bool) (*exec.Cmd, string) {
	t.Helper()
	paused := filepath.Join(t.TempDir(), "paused")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "RECKON_TEST_BUILD_OUT="+out, "RECKON_TEST_PAUSE="+point, "RECKON_TEST_PAUSED="+paused)
	if rename {
		cmd.Env = append(cmd.Env, "RECKON_TEST_RENAME=1")
	}
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
// after several delays, and checks that the output is the previous one, or
// the new one once it has taken its place; that a build killed between the
// two renames of the fallback swap is put back by the next build, even a
// failed one; and that the next build succeeds, leaving nothing beside the
// output.
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

	for _, tc := range []struct {
		point  string
		rename bool
		after  string // the output after the kill: "prev", "want" or "absent"
	}{
		{"made", false, "prev"},
		{"writing", false, "prev"},
		{"written", false, "prev"},
		{"swapped", false, "want"},
		{"written", true, "prev"},
		{"renamed", true, "absent"},
		{"swapped", true, "want"},
	} {
		name := tc.point
		if tc.rename {
			name += "/rename"
		}
		t.Run(name, func(t *testing.T) {
			dir, out := fresh(t)
			cmd, paused := startBuild(t, out, tc.point, tc.rename)
			for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(5 * time.Millisecond) {
				if _, err := os.Stat(paused); err == nil {
					break
				}
				if time.Now().After(deadline) {
					kill(t, cmd)
					t.Fatalf("the build never reached %q", tc.point)
				}
			}
			kill(t, cmd)
			switch _, err := os.Stat(out); {
			case tc.after == "absent":
				if err == nil {
					t.Fatal("the output is there; want it renamed aside")
				}
				// A build that fails puts the previous output back.
				bad := killSite(2)
				src := maps.Clone(bad.Src.(fstest.MapFS))
				src["claims/topic-000/topic.toml"] = &fstest.MapFile{Data: []byte("title = \n")}
				bad.Src, bad.Out = src, out
				if _, _, err := Run(context.Background(), bad); err == nil {
					t.Fatal("a broken site built")
				}
				if !maps.Equal(tree(t, out), prev) {
					t.Error("a failed build after the kill did not put the previous output back")
				}
				if got := entries(t, dir); !slices.Equal(got, []string{"public"}) {
					t.Errorf("left beside the output: %q", got)
				}
			case tc.after == "prev" && !maps.Equal(tree(t, out), prev):
				t.Error("the killed build changed the previous output")
			case tc.after == "want" && !maps.Equal(tree(t, out), want):
				t.Error("the output is neither the new one, after the swap")
			}
			next(t, dir, out)
		})
	}

	// Kills at several delays, without pauses: the output is always whole.
	_, out := fresh(t)
	start := time.Now()
	cmd, _ := startBuild(t, out, "", false)
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
			cmd, _ := startBuild(t, out, "", false)
			time.Sleep(delay)
			kill(t, cmd)
			if got := tree(t, out); !maps.Equal(got, prev) && !maps.Equal(got, want) {
				t.Errorf("killed after %v, the output is neither the previous nor the new one (%d files)", delay, len(got))
			}
			next(t, dir, out)
		})
	}
}
