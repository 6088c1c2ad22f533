// Package serve is Reckon's live preview: it builds the site in memory,
// serves it over HTTP, rebuilds when an input file changes and tells open
// pages to reload.
//
// It may import: diag.
// It is the only package that imports fsnotify.
//
// While a file is broken, the server keeps serving the last good build and
// lays the errors over every HTML page: each error's file:line:col, its
// message, the source lines and the hint, as text. The overlay is a
// <details> element that a click folds to one line, styled by a stylesheet
// only the preview serves, so that the site's Content-Security-Policy (no
// inline script or style) holds on the preview too. Until a first build
// succeeds, every page is the list of errors, with status 500.
//
// The server is meant for the author's own machine: the command line binds
// it to the loopback address unless told otherwise, and the server answers
// only requests addressed to the address it listens on, by that address or
// as localhost, 127.0.0.1 or [::1] with its port; others get 403, so that
// a web page cannot reach the preview through a name of its own that
// resolves to 127.0.0.1 (DNS rebinding).
//
// Watch tells the build which files changed, so that it can render again
// only what they feed (package build's Session does).
//
// Rebuild, ServeHTTP and Watch may be called from any goroutine.
package serve
