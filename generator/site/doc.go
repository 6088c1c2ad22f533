// Package site renders the HTML pages of a fact-checking website from
// loaded claims, their reconciliation and the commentary: one call to
// [Stream] hands every page, asset and image to the caller, which writes
// them. The machine outputs (feed, sitemap, robots.txt, data exports,
// charts' data and oEmbed documents, ClaimReview JSON-LD) are package
// publish's; the URL scheme is package route's.
//
// It may import: card, chart, claim, content, costmodel, diag, internal/pool,
// route, spell, text and unit.
//
// This doc is the content model of the site: what goes in, what comes out
// and where.
//
// # Input
//
//	claims/                 claims, sources and cost models (package claim)
//	content/                Markdown commentary and pages (package content)
//	templates/              templates, interface strings and assets (below)
//
// [Input] holds the loaded claims (claim.Load), their results
// (costmodel.Compute), the commentary (content.Load, checked by
// content.Set.Check through [Lookup] of the same claims and results, so
// that every reference in it resolves), the charts that package chart drew
// (as [chart.Chart] values, which the site reads as they are; a claim's
// may be drawn only when its page is made, see [Input.ClaimChart]), the scripts
// that draw them, the base URL the site is published at, and the
// ClaimReview JSON-LD that package publish makes for each claim's page.
// Stream does no I/O except reading the templates.
//
// # URL scheme
//
// Every page is a folder with an index.html, so that URLs have no extension.
// Paths start with the base URL's path (below, a site at the root of its
// host). The files marked (publish) are package publish's:
//
//	/                            home: the topics, the latest fact-checks, the verdicts so far
//	/topics/TOPIC/               a topic: its question and answer, its article
//	                             (content/topics/TOPIC.md), the claims ladder,
//	                             the bridge from the narrowest to the broadest
//	                             scope, the model (scopes, components, derived
//	                             quantities, parameters with sources), the
//	                             sensitivity of the broadest scope, methods, data
//	/claims/TOPIC/NAME/          a claim: the verdict in words and by axis, the
//	                             quote (original language with lang and dir, and
//	                             its translation), the arithmetic, the parts and
//	                             conversion checks, the bridges to the other
//	                             claims, sources, corrections, a citation, and
//	                             exactly one ClaimReview JSON-LD block
//	/sources/                    every source, grouped by topic, each at
//	                             #src-ID (ID with "/" written "--"), with what cites it
//	/corrections/                every correction, newest first
//	/NAME/                       a page from content/NAME.md (about, methodology,
//	                             funding, corrections-policy...); the methodology
//	                             page also lists the rating scale
//	/404.html                    the page for a missing address (noindex)
//	/feed.xml                    (publish) Atom feed of fact-checks, new and corrected
//	/sitemap.xml                 (publish) every page, with lastmod from the data
//	/robots.txt                  (publish) allows everything and names the sitemap
//	/data/claims.json            (publish) every claim with its verdict, as JSON
//	/data/claims.csv             (publish) the same as CSV (text cells that a spreadsheet
//	                             would run as formulas start with ')
//	/data/topics/TOPIC.json      (publish) a topic's model as written and its results,
//	                             and its charts' URLs
//	/data/charts/ID.csv          (publish) a chart's data (ID is the chart's slug path:
//	/data/charts/ID.json         TOPIC/NAME, or TOPIC/CLAIM/bridge for a claim's
//	                             bridge; the files nest like the IDs)
//	/embed/ID/                   a chart's embed page, for an iframe on another
//	                             site: the figure alone, noindex, not in the
//	                             sitemap, with a credit line (the publisher, the
//	                             date the fact-check was published or updated, the
//	                             sources page) and a link to the chart on its page;
//	                             light unless ?theme=dark or ?theme=auto (the
//	                             reader's system) is asked for
//	/embed/ID/oembed.json        (publish) its oEmbed document (type rich), advertised by
//	                             <link rel="alternate" type="application/json+oembed">
//	                             on the embed page and every page that shows the chart
//	/cards/TOPIC/NAME.png        a claim's social card (package card), named by its
//	                             page's og:image, when Input.Cards is set
//	/cards/TOPIC.png             a topic's social card, the same way
//	/assets/...                  the templates' assets/ folder, copied as is
//	/images/...                  the images the commentary shows, from content/images/
//
// # Charts
//
// A topic's page shows its charts: the ladder (#claims), the claims over
// time (after the ladder, unless the article places it), the bridge
// (#bridge) and the sensitivity (#sensitivity); a claim's page shows its
// bridge chart (#bridges), which stands in for the table of the bridge it
// draws; commentary places any topic chart with {{chart TOPIC NAME}}. Each
// chart is a <figure> in the markup package chart documents: its title and
// takeaway, the canvas and option that charts.js draws, the data as a table
// (the site's own table for a topic's charts, the chart's for a claim's
// bridge) that is open until the chart is drawn, links to its CSV, its
// JSON, itself (the permalink, the figure's id on its page) and its embed
// page, and the embed code in a read-only text area with a copy button.
// The embed code is an iframe of the embed page, as wide as its column and
// of a fixed aspect ratio, and <script src=".../assets/embed.js" async>,
// which sets the iframe's height from the height the embed page posts (see
// charts.js). Only the pages that show a chart load the chart scripts.
// While a chart is to be drawn (scripting on) its canvas keeps the chart's
// height and its table stays folded, so nothing shifts when it appears;
// without scripting, the table stands in, and on a phone its rows stack.
//
// A topic's page opens with every claim and its rating (#ratings), before
// the contents, which on a wide screen (1100px or more) sit in a column of
// their own that stays in view; the model's long tables (#components,
// #formulas, #parameters) are folded in <details>.
//
// Anchors within a topic page: #ratings, #claims, #bridge, #scopes, #scope-NAME,
// #components, #component-NAME, #formulas, #formula-NAME, #parameters,
// #param-NAME, #sensitivity, #methodology, #data; charts are #chart-TOPIC-NAME
// (-inline when an article places a chart the page also shows). Within a
// claim page: #verdict, #claim, #arithmetic, #bridges, #bridge-SCOPE,
// #chart-TOPIC_CLAIM-bridge, #sources, #corrections, #cite. Commentary headings never take these ids
// (see route.ReservedIDs).
//
// No date in the output comes from the clock: lastmod, feed dates and
// article dates are the data's (publication, update and correction dates).
// Lists are sorted, so the same input gives byte-identical files.
//
// # Templates
//
// The templates folder, given to Stream as an fs.FS, holds:
//
//	layout.html     defines "layout", the frame of every page, which calls "main",
//	                "embed-layout", the frame of a chart's embed page, and
//	                "head", the <head> of both
//	partials.html   shared parts: "date", "rating", "estimate", "source-link",
//	                "claim-card", "chart" ("chart-body" holds its caption,
//	                canvas, option and table) and the tables it shows
//	                ("data-table" for a chart's own), "table-open" (every data table's
//	                scrolling region and opening tag), "quote",
//	                "source-entry", "downloads"...
//	KIND.html       one per page kind, each defining "main": home, topic,
//	                claim, sources, corrections, page and 404
//	i18n/en.toml    every interface string; i18n/LANG.toml overrides them for
//	                the site's language, and its key dir ("ltr" or "rtl")
//	                sets the direction of every page
//	assets/         static files, copied to /assets/; site.css and site.js
//	                are linked from every page with a hash of their content;
//	                charts.js draws the charts, embed.js sizes embedded ones
//
// The defaults are embedded in the binary (package reckon/templates). A
// site's own templates folder may override any file: [Overlay] lays it over
// the defaults. Templates are parsed once per Stream (once for the Streams
// a [Memo] serves, while the files they were parsed from stay the same),
// with missingkey=error, and a template error names the template and its
// line.
//
// Each page template gets a typed view (see view.go): [HomeView],
// [TopicView], [ClaimView], [SourcesView], [CorrectionsView], [PageView] or
// [NotFoundView], each embedding [Page]; an embed page gets an [EmbedView].
// Every string in them is text that html/template escapes; the only markup
// is the commentary rendered by package content, and the only scripts are
// JSON-LD marshalled by encoding/json and the charts' options, JSON from
// package chart, each in a script element of a JSON type.
//
// Parts that many pages show the same are rendered once, with the same
// templates: the site's header and footer, a source's entry, a bridge's
// table, a rating's badge, the components table of a scope that claims
// measure, and a claim chart's table and body, which the claim's page
// and the chart's embed page (made with it) share, each rendered only
// when one of the two pages is (not reused), and the body only while
// "chart-body" is partials.html's own and claim.html defines nothing but
// "main". Such a part is held in an HTML field of its view (chrome in
// Page.Header and Page.Footer, a figure's body in Figure.Body), which the
// page prints, or its partial when set ({{with .HTML}}{{.}}{{else}}
// ...{{end}}). The entries of the sources page are made with the
// templates of sources.html, so that a template that file defines applies
// to them as it would where the page calls the partial. Once parsed and escaped, an
// interface string that a template prints in element text, a quoted
// attribute or a text area is turned into the text html/template prints
// for it; and a call in element text of the "text", "date" or "when"
// partial, while it is partials.html's own, and the escaper of an action
// that html/template escapes for element text or a quoted attribute alone
// (not a URL, a script or a style), become Go functions that write the
// same bytes with html/template's own escaping (fold.go). The templates
// that the Go code executes (each page's layout, the embed page's and the
// partials above) then run as programs (exec.go): Go walks their escaped
// parse trees as text/template would, but finds a field by its index,
// once per type, and calls the functions and the escapers html/template
// chose directly, where text/template finds each field by name and calls
// each function through reflect. A template with more than programs know, a site's own
// included, and any run a program cannot finish as text/template would
// (a method in a field's place, a map, an error), is executed by
// html/template, so the bytes and errors are html/template's either way.
//
// Templates have three functions. t returns an interface string: {{t
// "skip_link"}}, or with arguments for {1}, {2}...: {{t "claims_count" 3}}.
// tx returns one as a [Text] whose string arguments are user text, for the
// "text" partial: {{template "text" (tx "claim_by" .Claimant)}}. An unknown
// key is an error. table names a data table for the "table-open" partial:
// {{template "table-open" (table "scopes-caption" "scopes")}}. A template error (parsing, escaping or executing) is
// reported at its file and line, templates/NAME.html:LINE:COL, whether the
// file is the default or the site's own.
//
// # Rules every page keeps
//
// lang and dir on <html> (and on any quote or title in another language); a
// meta description, a canonical URL, Open Graph and Twitter tags; a
// Content-Security-Policy meta tag that allows only the site's own scripts,
// styles and images: no inline script, no inline style, no event handler
// attribute; every piece of user text isolated in a <bdi> (a field by the
// template, user text within a sentence by the "text" partial), so that a
// bidirectional control character in a label cannot reorder the amounts and
// words around it (attributes and the title element, which cannot hold an
// element, are the exception); a skip link, landmarks, headings in order, tables with captions
// and scoped headers; verdicts in words, never by colour alone; layout with
// CSS logical properties only; no request to another host. The pages are
// complete without JavaScript: site.js only adds copy buttons, and without
// charts.js every chart is its table.
package site
