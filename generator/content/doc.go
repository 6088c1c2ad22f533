// Package content loads the site's Markdown commentary and renders it to
// HTML, resolving the references that tie prose to the data.
//
// It may import: diag, input, internal/pool, keypos, route, slug and spell.
// It is the only package that imports goldmark.
//
// # Layout
//
//	content/topics/TOPIC.md        the article of a topic (front matter optional)
//	content/claims/TOPIC/NAME.md   the commentary of the claim TOPIC/NAME
//	content/NAME.md                a page of the site, such as about or methodology
//	content/images/...             the images the documents show (see [ImagesDir])
//
// Other files are ignored, except Markdown files in other folders, which are
// errors. Page names and topic IDs are slugs: lower-case letters, digits and
// hyphens; a page may not take one of [route.ReservedPages].
//
// # Front matter
//
// A file may start with TOML front matter between two lines of "+++". It is
// decoded strictly: unknown keys, wrong types and missing required keys are
// errors with file:line:col.
//
// A topic article ([TopicMeta]) may set title (the article's heading; default
// the topic's title) and summary (the standfirst; default the topic's
// summary). A page ([PageMeta]) must set title and description (the page's
// meta description, one sentence) and may set menu, its position in the
// site's menu from 1 (0, the default, keeps it out of the menu).
//
// # Markdown
//
// The body is CommonMark with GitHub tables, strikethrough and autolinks,
// footnotes, typographic punctuation and automatic heading IDs. Raw HTML is
// not rendered (it becomes a comment): every string in a content file is
// data, never markup or script.
//
// A link goes to an http, https or mailto URL, a path or a fragment; any
// other scheme and a protocol-relative link ("//host/x") are errors. Links
// are checked as the page will hold them, after goldmark decodes character
// references and escapes, and with the scheme percent-decoded, so that
// "&#106;avascript:" is a javascript: link. An image is a file under
// content/images/ (PNG, JPEG, GIF, WebP or AVIF, never SVG), named by a path
// relative to the Markdown file; an image from another host or a data: URL,
// a path from the root, outside content/images/ or to a missing file is an
// error at the image. The images shown are in [Set.Images], for the site to
// copy to images/ in its output.
//
// The page's title is its only h1: headings in the body start at level 2 (##)
// and go down one level at a time. Heading IDs never take one of the names
// the site's pages use for their own sections (see [route.ReservedIDs]); such a
// heading gets a numeric suffix.
//
// # References
//
// Three references tie prose to the data. Each is written on one line between
// double braces, as a kind and space-separated arguments, and is resolved when
// the page is rendered, so that a number in prose never drifts from the model:
//
//	{{claim deepseek/v3-report}}          a link to the claim's page, with its title
//	{{value deepseek training_run}}       a model value: the central estimate
//	{{value deepseek training_run range}} the same, as "low–high"; also low, high or central
//	{{chart deepseek ladder}}             a chart, in a paragraph of its own
//
// A value names a topic and one of its scopes, components, formulas or
// parameters (looked up in that order). A
// chart names a topic and one of its charts (ladder, bridge, sensitivity,
// timeline). An unknown kind, a wrong number of arguments, a chart inside a
// paragraph of text, a chart placed twice and a claim link inside another
// link are errors found by [Load]; a name the data does not have, a claim's
// commentary without its claim and an article without its topic are errors
// found by [Set.Check], each at its file:line:col. To write two braces
// literally, escape the first (\{{) or use a code span.
//
// Both go through functions the caller gives, so that this package knows
// nothing of claims or models: Check asks a [Lookup] whether the data has
// each name, and [Set.Render] asks a [Resolver] for what each reference
// shows. A set that Check passed renders without error.
//
// # Work and concurrency
//
// [Load] reads, parses and renders the files on as many goroutines as there
// are processors, each with a Markdown converter of its own. It needs no
// claims, so that it may run while they load. It keeps each document as its
// HTML with the places of its references (and of its images' src), not as a
// syntax tree: [Set.Check] then only looks the references up, and
// [Set.Render] resolves them, in document order, and writes them in their
// places, which is cheap and safe for concurrent use.
package content
