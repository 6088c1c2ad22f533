// Package chart turns reconciliation results ([costmodel.Results]) into
// charts: ECharts options built with go-echarts' typed options, each with a
// caption that states its takeaway, a description for screen readers, a
// data table, and CSV and JSON downloads.
//
// It may import: claim, costmodel, diag, internal/pool, text and unit.
// It is the only package that imports go-echarts.
//
// Only go-echarts' option JSON is used: the bytes json.Marshal(chart.JSON())
// writes, which an encoder of the option types the charts set writes
// without encoding/json's reflection (anything else it hands to
// json.Marshal; tests hold the two to the same bytes). Its
// Render, RenderSnippet and page HTML are never used, because they write
// the JSON unescaped (a title could end the script element), turn strings
// holding "__f__" into code, give random chart ids and load ECharts from a
// CDN. Here every string from the input stays a JSON string, with <, >, &,
// U+2028 and U+2029 escaped, and the page's own script (charts.js) reads it
// with JSON.parse and never evaluates any of it.
//
// Every string a reader sees (titles, captions, descriptions, tooltips,
// legends, axis names, table captions and headers, labels) is written by
// the [text.Words] passed to [Render], from the chart_* entries of
// templates/i18n/LANG.toml; this package holds no reader text.
//
// # Charts
//
// [Render] gives, for each topic:
//
//   - TOPIC/ladder: every claim on a log axis, smallest figure first, marked
//     by its claim's rating (one series per rating of the site's scale, best
//     first; the symbol and colour of its band of the scale: circle best,
//     diamond, hollow square, triangle, cross worst; hollow circle not
//     rated) with the rating's label in the legend and the row's name,
//     beside a bar for the model's range and a tick for its central
//     estimate for the scope the claim measures. The figure's verdict
//     ("consistent") is in the tooltip and the table, after the rating.
//     Each claim's point carries "claim" (its ID) and "rating" (the label);
//   - TOPIC/bridge: a ladder of scopes on a log axis, one row per scope the
//     bridge from the topic's narrowest to its broadest scope passes, named
//     by the step that reaches it, the scope's range as a bar and its
//     central value as a tick labelled with the amount and the step's
//     change, so that $5.6M and billions are both visible. When a value is
//     not positive (a log axis cannot show it) it is a waterfall on a
//     linear axis instead, as a claim's bridge is;
//   - TOPIC/sensitivity: a tornado of the broadest scope (the bridge's end,
//     else the largest scope), one bar per input that varies, from the
//     scope's value with the input at one end of its range to its value at
//     the other, split at the central estimate (a dashed line), on a linear
//     axis;
//   - TOPIC/timeline: the claims by date (a UTC time axis) and figure (a log
//     axis), marked by rating as in the ladder and labelled by claimant and
//     rating;
//
// and for each claim, TOPIC/CLAIM/bridge: a waterfall from the claim to the
// topic's broadest scope (its narrowest, for a claim that measures the
// broadest). When another claim measures that scope, in the same currency,
// it runs from the claim's figure to that claim's, through the model's
// steps and the residual the model does not explain; otherwise from the
// model's estimate for one scope to its estimate for the other.
//
// Figures are in the topic's currency (converted as the reconciliation
// converted them). A topic without a bridge has no bridge chart, and one
// whose broadest scope has no varying input no sensitivity chart.
//
// # IDs
//
// A chart's ID is a slug path: "deepseek/ladder", "deepseek/bridge",
// "deepseek/v3-report-5-576m/bridge" (the claim's ID and "/bridge"). Its
// element id, for the page's <figure>, is "chart-" and the topic or claim
// ID with "/" written "_", "-" and the chart's name:
// "chart-deepseek-ladder", "chart-deepseek_v3-report-5-576m-bridge" (see
// [ElementID]). Slugs never hold "_", so no two charts share an id. Nothing
// random or clock-dependent reaches the output: the same results give the
// same bytes.
//
// # Markup
//
// A page shows a chart as a figure that holds the element it is drawn in,
// its [Chart.Option] and the data table (templates/partials.html, "chart"), and loads ECharts and charts.js with defer (no inline script; a
// Content-Security-Policy of script-src 'self' holds):
//
//	<figure class="chart chart-ladder" id="chart-deepseek-ladder" data-chart="deepseek/ladder">
//	  <figcaption>TITLE <span class="chart-takeaway">CAPTION</span></figcaption>
//	  <div class="chart-canvas" data-height="460"></div>
//	  <script type="application/json" class="chart-option" id="chart-deepseek-ladder-option">OPTION</script>
//	  <details class="chart-data" open>
//	    <summary>Data table</summary>
//	    <table>…TABLE…</table>
//	  </details>
//	  <p class="chart-links">CSV · JSON · permalink · embed</p>
//	</figure>
//	…
//	<script src="/assets/echarts/echarts.common.min.js" defer></script>
//	<script src="/assets/charts.js" defer></script>
//
// charts.js finds every figure.chart[data-chart] holding a .chart-canvas and
// a script.chart-option of type application/json. It sets the canvas's
// height from data-height (CSS pixels), draws the chart, keeps it sized to
// its container (ResizeObserver), gives the canvas role="img" and the
// description as aria-label, adds the class chart-drawn to the figure and
// closes details.chart-data, so the table is one click away and still in
// the page. Without JavaScript, or when the option cannot be read, nothing
// changes: the canvas stays empty (no height) and the table open. The
// script follows prefers-color-scheme, or <html data-theme="dark|light">
// when the page sets it, and draws again when either changes.
//
// An embed page is a page with one such figure whose body carries
// data-embed="ID" (the chart's ID). In a frame, after each draw and each
// change of the page's height (the root element's box; the page must not
// set html or body to height: 100%), charts.js posts to the parent
//
//	{type: "reckon-embed-size", id: ID, height: PX}
//	{sentinel: "amp", type: "embed-size", height: PX}
//
// # Formatters and colours
//
// The option holds no functions. A "formatter" or "valueFormatter" key
// holds a name that charts.js maps to a function: "money:USD" (compact
// currency: $5.6M), "number", "percent", "date" (month and year of a UTC
// time), "text" (the data item's "text", for labels) and "tip" (the data
// item's "tip" lines, HTML-escaped, for tooltips); an axis's formatter
// ends in "@" and a number system ("money:USD@arab") when the words write
// numbers in other digits than "latn" ([text.Words.Digits]), and charts.js
// then formats them in the page's language with that system. Any other string is left
// as it is, an ECharts template. The option's "numbers" ([text.ScriptNumbers]
// of the topic's currency) says how the page's text writes amounts: the
// digits and signs, the currency around an amount (money_CODE) and the
// words for a thousand, million, billion and trillion by plural form
// (amount_K, amount_M, amount_B, amount_T); charts.js reads and removes it
// before drawing, and writes the "money:" and "number" axis labels with
// it, three significant digits at most, as the text writes an amount:
// "$500M", "$1.5B" in English, "٥٠٠ مليون دولار" in Arabic. A key ending in "color" may hold a palette
// token, "palette:NAME" (consistent, plausible, contradicted, range,
// central, increase, decrease, total, residual, low, high, text, muted,
// grid, on-bar), which charts.js replaces with the CSS custom property
// --chart-NAME of the figure when the page sets it, or with its own light
// or dark colour.
//
// # Direction
//
// When the words are of a right-to-left language ([text.Words.Dir] is
// "rtl"), every chart is mirrored: the value or time axis is inverted (its
// smallest value, or earliest date, at the right, so a bridge runs from
// right to left), the rows' names stand at the right, the plot's margins
// change sides, a legend puts its symbols after their names, the tooltip
// box has direction: rtl, and a label set beside or inside a bar's end or
// a point changes sides with it. The names and labels from the site's files
// set into a chart's sentences are isolated ([text.Words.Isolate]); the
// data (table cells, CSV, JSON) holds them as they are.
//
// # Data
//
// [Chart.Table] holds the data as text, for the page's table. [Data.CSV]
// and [Data.JSON] make it for machines, with numbers in full: CSV with a
// header row, in which text that a spreadsheet would run as a formula
// (starting with =, +, -, @, tab or carriage return) starts with an
// apostrophe; JSON as {"id", "kind", "topic", "title", "caption",
// "currency", "columns", "rows": [{column: value}]}.
//
// # Concurrency
//
// [Render] renders topics in parallel; it may itself be called from several
// goroutines at once. It only reads its input.
package chart
