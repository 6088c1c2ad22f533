// Package content loads the site's Markdown commentary and renders it to
// HTML, resolving the references that tie prose to the data.
//
// # Layout
//
//	content/topics/TOPIC.md        the article of a topic (front matter optional)
//	content/NAME.md                a page of the site, such as about or methodology
//
// Other files are ignored, except Markdown files in other folders, which are
// errors. Page names and topic IDs are slugs: lower-case letters, digits and
// hyphens.
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
// not rendered (it becomes a comment), and links to javascript:, vbscript:,
// file: and data: URLs (other than data: images) lose their target: every
// string in a content file is data, never markup or script.
//
// The page's title is its only h1: headings in the body start at level 2 (##)
// and go down one level at a time. Heading IDs never take one of the names
// the site's pages use for their own sections (see [ReservedIDs]); such a
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
// timeline). An unknown kind, a wrong number of arguments, a name the data
// does not have, a chart inside a paragraph of text and a claim link inside
// another link are errors at the reference's file:line:col. To write two
// braces literally, escape the first (\{{) or use a code span.
//
// Resolution goes through a [Resolver] the caller gives, so that this package
// knows nothing of claims or models.
//
// # Work and concurrency
//
// [Load] reads, parses and renders the files on as many goroutines as there
// are processors, each with a Markdown converter of its own. It keeps each
// document as its HTML with the places of its references, not as a syntax
// tree: [Set.Render] then only resolves the references, in document order,
// and writes them in their places, which is cheap and safe for concurrent
// use.
package content
