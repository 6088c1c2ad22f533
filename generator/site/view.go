package site

import (
	"html/template"
	"strings"
)

// The view models below are the data of the templates. Every page template
// gets a struct that embeds [Page]; every string in them is plain text that
// the templates escape, except the fields of type template.HTML (commentary
// rendered by package content, chart markup) and template.JS (JSON-LD built
// with encoding/json). Lists are in the order they are shown.

// Page is what every page has.
type Page struct {
	Lang, Dir   string // the site's language and its direction
	Kind        string // home, topic, claim, sources, corrections, page, embed or 404
	Title       string // the page's h1
	DocTitle    string // the <title>: the page's title and the site's
	Description string // the meta description
	Lede        Text   // the description as the page shows it
	Path        string // the page's path, from the site root
	Canonical   string // its absolute URL; "" for the 404 page
	OGType      string // "website" or "article"
	NoIndex     bool   // true for the 404 page and embed pages
	Published   string // ISO date of an article; ""
	Modified    string // ISO date of its last change; ""
	Breadcrumbs []Link // from the home page to the page's parent
	JSONLD      template.JS
	Scripts     []string // scripts of the page's charts, loaded with defer; nil when it has none
	OEmbed      []Link   // the oEmbed documents of the page's charts (absolute URLs), with their titles
	Image       *Image   // the page's social card; nil when it has none
	Site        *SiteView
	// Header and Footer are the "site-header" and "site-footer" partials,
	// rendered with a [Chrome] once for all the pages that share them.
	Header, Footer template.HTML
	// Alternates are the page in every edition of the site, the main one
	// first, and XDefault its URL in the main edition; none for a site of
	// one edition, the 404 page and embed pages.
	Alternates []Alternate
	XDefault   string
	// MainLang and MainDir are the lang and dir of the page's main content
	// when it is shown in the main language, its translation missing; "".
	MainLang, MainDir string
}

// Alternate is a page in one edition of the site.
type Alternate struct {
	Lang    string // BCP 47, for hreflang
	Name    string // the language's name in itself
	URL     string // absolute
	Path    string // from the host's root, for the language switch
	Current bool   // the edition of the page
}

// Chrome is the data of the site's header and footer: the same on every
// page, except for the link to the current page.
type Chrome struct {
	Site *SiteView
	Path string // the current page's path when the header or footer links to it; "" otherwise
}

// SiteView is the part of every page that is the same on all of them.
type SiteView struct {
	Title       string
	Description string
	Publisher   string
	Home        string // path of the home page
	Feed        string // path of the Atom feed
	FeedTitle   string
	Menu        []Link // the header's navigation
	Footer      []Link // the footer's links
	CSS         string // path of the style sheet, with a content hash
	JS          string // path of the site script, with a content hash
	Icon        string // path of the site icon (assets/favicon.svg), with a content hash
	Year        string // the year of the newest date in the data, for the footer, in the language's digits; "" when none
}

// Link is a link with its text. The zero Link means "none".
type Link struct {
	URL, Text string
	// Lang is the text's language when it is not the page's: the title of
	// a page an edition shows in the main language; "" otherwise.
	Lang string
}

// TextLink is a link whose text holds user text among interface words.
type TextLink struct {
	URL  string
	Text Text
}

// Date is a date for a <time> element.
type Date struct {
	ISO  string // 2024-12-27, 2024-12 or 2024; "" when not given or only bounded
	Text string // 27 December 2024, December 2024, before 27 December 2024; "" when not given
	When string // the phrase after a verb: on 27 December 2024, in 2024
	Sort string // the day it is ordered by (the anchor of an inexact date)
}

// String returns the ISO form, for a template that prints a Date whole (a
// page's article:published_time).
func (d Date) String() string { return d.ISO }

// Rating is a claim's folded rating.
type Rating struct {
	Value, Best, Worst int
	Label              string
	Description        string // what the label means
	Band               int    // 0 (worst) to 4 (best): the colour of the badge, which never stands alone
	Text               string // "2 out of 5", for every reader
	Pips               []bool // one per step of the scale, worst first: filled up to Value
	// HTML is the "rating" partial for this rating, rendered once for
	// every page that shows it, which the partial prints; "" when not
	// rendered.
	HTML template.HTML
}

// RatingCount is how many claims have a rating.
type RatingCount struct {
	Rating
	Count int
}

// Estimate is a model value with its range.
type Estimate struct {
	Central string // formatted
	Low     string
	High    string
	Range   string // "low–high", or "" for a point value
	Method  string // how the range was found, in words
	Value   string // the central value for machines
}

// TopicCard is a topic in a list.
type TopicCard struct {
	URL, Title, Question, Summary string
	Published, Updated            Date
	Claims                        int
	Ratings                       []RatingCount // only ratings with claims, best first
	Lang, Dir                     string        // the main language's, when the topic is shown in it in another edition; ""
}

// ClaimCard is a claim in a list.
type ClaimCard struct {
	URL, Title string
	Claimant   string
	Said       Date // when the claim was made
	Published  Date // when the fact-check was published
	Corrected  Date // the latest correction; zero when none
	Figure     string
	Rating     Rating
	Topic      Link
	Lang, Dir  string // the main language's, when the claim is shown in it in another edition; ""
}

// HomeView is the home page.
type HomeView struct {
	Page
	Topics  []TopicCard
	Latest  []ClaimCard   // newest fact-checks and corrections first
	Ratings []RatingCount // the whole scale, best first, with counts
	Total   int           // claims on the site
}

// LadderRow is one claim in a topic's ladder, ordered by figure.
type LadderRow struct {
	Claim    ClaimCard
	Figure   string // as the claim states it, with its qualifier
	Value    string // the figure in the topic's currency, for machines
	Measures Link   // the scope it measures, linked to the topic's scope table
	Model    Estimate
	Ratio    string // figure / model central
}

// Bridge is the gap between two scopes, step by step.
type Bridge struct {
	ID        string // element id of its table
	Caption   Text   // what the table shows
	Takeaway  Text   // what it says, in a sentence; empty when the bridge does not grow
	From, To  Link
	FromValue Estimate
	ToValue   Estimate
	Steps     []Step
	Residual  string // "" when the bridge has none, or none that is material
	// ResidualLabel names the figure the residual is measured against.
	ResidualLabel Text
	// HTML is the "bridge-table" partial for this bridge, rendered once for
	// every claim page that shows it (claim pages only).
	HTML template.HTML
}

// Step is one step of a bridge.
type Step struct {
	Label      Text     // what the step adds, removes or replaces
	Delta      Estimate // the change
	Cumulative string   // the central value after the step
}

// ScopeRow is a scope of a topic's model.
type ScopeRow struct {
	ID          string // element id
	Label       string
	Description string
	Extends     Link // the scope it extends; zero when none
	Estimate    Estimate
	Components  []ComponentRow
	// Formulas are the derived quantities that rest on the scope's inputs
	// alone, each with its arithmetic, in the model's dependency order.
	Formulas []FormulaRow
	// HTML is the "components-table" partial for this scope, rendered
	// once for every claim page that shows it, which the partial prints;
	// "" when not rendered (on the topic's page).
	HTML template.HTML
}

// ComponentRow is a cost component with its value.
type ComponentRow struct {
	ID          string // element id
	Label       string
	Description string
	Estimate    Estimate
	// Arithmetic is the component's formula with each input's central
	// value and unit ("2,664,000 GPU-h × $2 per GPU-h = $5.328M"); "" when
	// the model gave none.
	Arithmetic string
}

// FormulaRow is a derived quantity of a topic's model.
type FormulaRow struct {
	ID    string // element id
	Name  string
	Label string
	Expr  string
	Value string
	Range string // "" for a point value
	Note  string
	// Arithmetic is the formula with each input's central value and unit;
	// "" when the model gave none.
	Arithmetic string
}

// ParamRow is a parameter of a topic's model.
type ParamRow struct {
	ID           string // element id
	Name         string
	Label        string
	Value        string // the point value or the central value
	Range        string // "" for a point value
	Distribution string // in words; "" for a point value
	AsOf         Date
	Source       SourceLink
	Locator      string
	Quote        string
	// QuoteLang and QuoteDir are the source's language and direction, of
	// the quote, when not the page's.
	QuoteLang, QuoteDir string
	Note                string
	Unverified          bool
	SiteWide            bool
}

// SourceLink names a source and links to its entry on the sources page.
type SourceLink struct {
	URL        string // the sources page anchor
	Title      string
	Lang, Dir  string // of the title, when not the site's; "" otherwise
	Unverified bool
}

// SensitivityRow is how much one input moves a scope.
type SensitivityRow struct {
	Label      string
	AtLow      string
	AtHigh     string
	Share      string // of the total swing
	ShareValue string // 0..1, for machines
	ParamURL   string
}

// Sensitivity is a scope's sensitivity to its inputs.
type Sensitivity struct {
	Scope string // label
	Rows  []SensitivityRow
}

// Figure is a chart's figure: the chart, when package chart drew it, and
// always its data as a table, which is all a reader without JavaScript
// sees. Exactly one of Ladder, Bridge, Sensitivity, Timeline and Table holds
// the table: the site's own for a topic's charts, else the chart's.
type Figure struct {
	ID      string // element id: the chart's, with "-inline" for a second copy on a page
	Chart   string // the chart's ID ("deepseek/ladder"), for data-chart; "" when not drawn
	Kind    string // ladder, bridge, sensitivity, timeline or claim-bridge
	Title   Text   // what the chart shows; empty when not drawn
	Caption Text   // its takeaway
	// Option is the chart's ECharts option, JSON that charts.js reads;
	// "" when not drawn.
	Option      template.JS
	Height      int // the chart's height in CSS pixels
	Ladder      []LadderRow
	Bridge      *Bridge
	Sensitivity *Sensitivity
	Timeline    []ClaimCard
	Table       *DataTable
	Links       []Link     // the data downloads, the permalink and the embed page
	NewTab      bool       // the links open a new window (on an embed page, in a frame)
	Embed       *EmbedCode // the code to embed the chart elsewhere; nil when not drawn and on an embed page
	// Body is the "chart-body" partial for this figure, rendered once for
	// the claim page and the embed page that both show it, which the
	// "chart" partial prints; "" when not rendered.
	Body template.HTML
}

// DataTable is a chart's data as text.
type DataTable struct {
	ID      string // element id; its caption is ID-caption
	Caption Text
	Header  []DataCell
	Rows    [][]DataCell // the first cell of each names the row
	// HTML is the "data-table" partial for this table, rendered once for
	// the claim page and the embed page that both show it, which the
	// partial prints; "" when not rendered.
	HTML template.HTML
}

// DataCell is a cell of a [DataTable].
type DataCell struct {
	Text Text
	Num  bool // a number, aligned to the end
	// Head is true for the first cell of a row, which names the row, and
	// Label is the text of the column's header (of a row's other cells).
	Head  bool
	Label string
	// Plain is the text when it is all interface text, which the template
	// prints without the "text" partial; "" otherwise.
	Plain string
}

// EmbedCode is the code another site pastes to embed a chart: an iframe of
// its embed page and the script that sizes the iframe.
type EmbedCode struct {
	ID      string // element id of the text area that holds it
	Snippet string
}

// EmbedView is a chart's embed page: the figure alone, for an iframe.
type EmbedView struct {
	Page
	Chart  string // the chart's ID, for <body data-embed>
	Figure Figure
	Source TextLink // the chart on the full fact-check
	// The credit line: the publisher (linked to its home page), the date the
	// fact-check was published or last updated, and the sources page.
	Publisher Link
	Checked   Date
	Sources   string // absolute URL of the sources page
}

// TopicView is a topic's page.
type TopicView struct {
	Page
	Question string
	Summary  string
	Article  template.HTML // the commentary; "" when there is none
	// ArticleLang and ArticleDir are the main language's when the article
	// is shown in it in another edition; "".
	ArticleLang, ArticleDir string
	Published               Date
	Updated                 Date
	Ladder                  Figure
	Timeline                *Figure        // the claims by date; nil when the article places it
	Bridge                  *Figure        // nil when the topic has one scope
	Scopes                  []ScopeRow     // by central value; their components carry no ids here
	Components              []ComponentRow // every component of the scopes, once, largest first
	Formulas                []FormulaRow
	Params                  []ParamRow
	Sensitivity             *Figure  // of the broadest scope; nil when no input varies
	Methods                 []string // how the model's ranges were found, in words
	Methodology             string   // path of the methodology page; "" when there is none
	Downloads               []Link
}

// Quote is a citation of where a claim was made or repeated.
type Quote struct {
	Text        string
	Lang, Dir   string // of the quote; Dir is set always, Lang when not the site's
	Translation string
	Source      SourceLink
	External    string // the source's own URL
	Archive     string // its archived copy
	Date        Date
	Locator     string
	Note        string
}

// Axis is one axis of a verdict.
type Axis struct {
	Name    string // "Figure", "Framing"...
	Verdict string // in words
	Reason  Text
}

// FigureCheck is the arithmetic behind the figure's verdict.
type FigureCheck struct {
	Stated   string // the figure as stated
	Value    string // in the topic's currency
	Interval string // what its qualifier and rounding allow
	Rate     string // the exchange rate used, "" when none
	Model    Estimate
	Ratio    string
}

// Part is a part the claimant says the figure sums from.
type Part struct {
	Label string
	Value string
	Claim Link // the claim this part repeats; zero when none
	Note  string
}

// Parts is the check of a claim's parts.
type Parts struct {
	Rows    []Part
	Sum     string
	Range   string
	Verdict string
	Reason  Text
}

// Conversion is the check of a stated currency conversion.
type Conversion struct {
	Stated     string
	AtSpending string
	SpendRate  string
	AtClaim    string
	ClaimRate  string
	Verdict    string
	Reason     Text
}

// Correction is a change to a published fact-check.
type Correction struct {
	Date   Date
	Claim  Link
	Change string
	Reason string
}

// SourceEntry is a source with everything known of it.
type SourceEntry struct {
	ID        string // element id on the sources page
	Title     string
	Lang, Dir string // of the title, when not the site's
	Publisher string
	Author    string
	URL       string
	Archive   string
	Published Date
	Accessed  Date
	Kind      string // in words
	Locator   string
	Quote     string
	// QuoteLang and QuoteDir are the document's language and direction,
	// of its quote, when not the page's.
	QuoteLang, QuoteDir string
	Unverified          bool
	Note                string       // public; a source's editor_note is never here
	DerivedFrom         []SourceLink // the sources it takes its figures from
	CitedBy             []TextLink   // claims and parameters that cite it
	// HTML is the "source-entry" partial for this source: rendered once
	// for every claim page that shows it, and on the sources page, with
	// its cited-by list, for that page.
	HTML template.HTML
}

// ClaimView is a claim's page.
type ClaimView struct {
	Page
	Topic        Link
	Claimant     string
	ClaimantRole string
	Said         Date
	Origin       *Origin // who first produced the figure; nil when the claimant did
	PublishedOn  Date
	Figure       string // as stated, with its qualifier
	Summary      string
	Article      template.HTML // the claim's commentary; "" when there is none
	// ArticleLang and ArticleDir are the main language's when the
	// commentary is shown in it in another edition; "".
	ArticleLang, ArticleDir string
	Rating                  Rating
	Quote                   Quote
	Repeated                []Quote
	Measures                Link
	PresentedAs             Link // zero when the claim was presented as what it measures
	Axes                    []Axis
	// Threshold says what would have to be true for the verdict on the
	// figure to stand; empty when the model has no such input value.
	Threshold   Text
	Reasons     []string
	Check       FigureCheck
	Scope       ScopeRow // the scope the figure measures, with its components
	Parts       *Parts
	Conversion  *Conversion
	Chart       *Figure  // the claim's bridge chart; nil when it has none
	Bridges     []Bridge // the bridges to the other claims' scopes, but the chart's
	Sources     []SourceEntry
	Corrections []Correction
	Policy      string // path of the corrections policy; "" when there is none
	Cite        Text   // a citation in text
	Downloads   []Link
}

// SourceGroup is the sources of one topic, or the site-wide ones.
type SourceGroup struct {
	ID      string // element id
	Title   string
	Sources []SourceEntry
}

// Origin is who first produced a claim's figure, and in what document.
type Origin struct {
	By      string
	Figure  string // as that document gives it
	Source  SourceLink
	Date    Date
	Locator string
	Note    string
}

// SourcesView is the sources page.
type SourcesView struct {
	Page
	Groups     []SourceGroup
	Unverified int
	Total      int // sources listed
	Archived   int // of them, with an archived copy
}

// CorrectionsView is the corrections log.
type CorrectionsView struct {
	Page
	Corrections []Correction // newest first
	Policy      string       // path of the corrections policy; ""
}

// PageView is a page from the content folder.
type PageView struct {
	Page
	Body  template.HTML
	Scale []Rating // the rating scale, on the methodology page only
	// Rules are the site's rating levels in the order they are tried, each
	// with its condition, and Axes the values those conditions compare,
	// both from claims/site.toml and the model: on the methodology page only.
	Rules []RatingRule
	Axes  []AxisValues
}

// RatingRule is one level of the rating scale and when it applies.
type RatingRule struct {
	Rating Rating
	When   string // the level's condition, as written in site.toml
}

// AxisValues is one axis a rating condition sees: its name in conditions,
// its question, and its values, each with the word a claim page shows.
type AxisValues struct {
	Name, Question string
	Values         []AxisValue
}

// AxisValue is one value of an axis.
type AxisValue struct {
	Name, Label string
}

// NotFoundView is the 404 page.
type NotFoundView struct {
	Page
	Topics []Link
}

// Text is reader text that holds user text: strings from the site's files
// (labels, titles, names) set into interface strings and sentences. The
// "text" partial writes each user [Span] in a <bdi> element, so that
// bidirectional characters in it cannot reorder the words around it; in an
// attribute, where no element can isolate, a Text is its plain String.
type Text []Span

// Span is a part of a [Text].
type Span struct {
	Text string
	User bool // text from the site's files, isolated on the page
}

// String returns the text without marks.
func (t Text) String() string {
	var b strings.Builder
	for _, s := range t {
		b.WriteString(s.Text)
	}
	return b.String()
}
