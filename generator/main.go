// Command reckon builds and checks a fact-checking site from claim, source
// and cost-model files. Run "reckon help" for the commands.
//
// It may import: build, card, chart, claim, content, diag, diff, explain,
// input, reckon/templates, route, serve, slug and text.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
