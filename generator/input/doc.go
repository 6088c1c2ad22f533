// Package input reads the site's files and checks their bytes before any
// decoder sees them: every input is hostile until it has passed.
//
// It may import: diag and keypos.
//
// A file is read through the site's file system (an os.Root in main, so
// that no path or symbolic link leaves the site's folder) by a [Reader],
// which refuses folders named like files, links that lead nowhere or out of
// the tree, files that are not regular, and files larger than their limit.
// [Text] then strips a leading byte-order mark and rejects invalid UTF-8,
// control characters and unsafe bidirectional controls, each at its
// file:line:col; [Depth] rejects TOML nested deeper than [MaxDepth] before a
// parser recurses into it; [Strings] applies the character rules to the
// decoded keys and string values of a TOML document, which may spell a
// character with an escape.
//
// Lines and columns count from 1, columns in bytes of the file without its
// byte-order mark, so that line 1 column 1 is the first character an editor
// shows.
package input
