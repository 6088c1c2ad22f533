// Command synthsite writes a synthetic site to a folder, for timing
// "reckon build" on large inputs:
//
//	go run ./generator/internal/synthsite/cmd -topics 100 -claims 100 -out /tmp/synth
//
// With -hugo it writes the comparable Hugo site of [synthsite.Hugo].
//
// It may import: internal/synthsite.
package main

import (
	"flag"
	"fmt"
	"os"

	"reckon/generator/internal/synthsite"
)

func main() {
	topics := flag.Int("topics", 100, "number of topics")
	claims := flag.Int("claims", 100, "claims per topic")
	words := flag.Int("words", 400, "words of commentary per claim")
	out := flag.String("out", "", "output folder (required; must not exist)")
	hugo := flag.Bool("hugo", false, "write the comparable Hugo site instead")
	flag.Parse()
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "synthsite: %s exists\n", *out)
		os.Exit(1)
	}
	o := synthsite.Options{Topics: *topics, Claims: *claims, Words: *words}
	files := synthsite.Files(o)
	if *hugo {
		files = synthsite.Hugo(o)
	}
	if err := os.CopyFS(*out, files); err != nil {
		fmt.Fprintln(os.Stderr, "synthsite:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d files to %s\n", len(files), *out)
}
