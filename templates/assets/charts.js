// Reckon's chart script: draws every chart of a page with ECharts, keeps
// it sized to its container and in the reader's colour scheme, and on an
// embed page tells the host page how tall the page is and takes the theme
// its URL asks for (?theme=dark|auto; light otherwise).
//
// The page is readable without it: each chart's data is also a table. The
// contract with the page (see the doc of Go package generator/chart):
//
//   <figure class="chart" id="chart-deepseek-ladder" data-chart="deepseek/ladder">
//     <div class="chart-canvas" data-height="460"></div>
//     <script type="application/json" class="chart-option" id="chart-deepseek-ladder-option">{…}</script>
//     <details class="chart-data" open><summary>…</summary><table>…</table></details>
//   </figure>
//
// The option is data only: it is read with JSON.parse and nothing in it is
// ever run. Formatters are names ("money:USD", "date", "text", "tip"), which
// this script maps to its own functions (money and number axes write their
// amounts as the page's text does, from the option's "numbers", which this
// script removes before drawing); colours are tokens
// ("palette:consistent"), which it maps to the light or dark palette, or to
// the CSS custom property --chart-consistent when the page sets one. Every
// other string stays a string, whatever it holds (even "__f__function…").
//
// Load it after ECharts, both with defer:
//   <script src="/assets/echarts/echarts.common.min.js" defer></script>
//   <script src="/assets/charts.js" defer></script>
(function () {
  "use strict";

  var PALETTES = {
    // Okabe–Ito hues, which colour-blind readers can tell apart; verdicts
    // also differ by symbol and are written beside each mark.
    light: {
      consistent: "#007a5a", plausible: "#b86e00", contradicted: "#c0392b",
      range: "#a9c4e0", central: "#1d3d5c", increase: "#0067a5", decrease: "#c0392b",
      total: "#4b5563", residual: "#a8558a", low: "#3f8fc4", high: "#d98a00",
      text: "#1f2328", muted: "#57606a", grid: "#e3e6ea", "on-bar": "#ffffff",
      // A rating scale's five bands, worst to best, each also its own symbol.
      band0: "#c0392b", band1: "#a8558a", band2: "#b86e00", band3: "#0067a5", band4: "#007a5a"
    },
    dark: {
      consistent: "#3ccf9e", plausible: "#f2b544", contradicted: "#ff7b5c",
      range: "#3d5f85", central: "#d3dee9", increase: "#5aaee8", decrease: "#ff7b5c",
      total: "#9ca8b5", residual: "#e393c4", low: "#7cc3ee", high: "#f2b544",
      text: "#e6edf3", muted: "#a3adb8", grid: "#30363d", "on-bar": "#0d1117",
      band0: "#ff7b5c", band1: "#e393c4", band2: "#f2b544", band3: "#5aaee8", band4: "#3ccf9e"
    }
  };

  var root = document.documentElement;
  var lang = root.lang || "en";
  var darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var charts = [];

  // The page may force a scheme with <html data-theme="dark"> or "light".
  function isDark() {
    var forced = root.getAttribute("data-theme");
    if (forced === "dark" || forced === "light") {
      return forced === "dark";
    }
    return !!(darkQuery && darkQuery.matches);
  }

  function escapeHTML(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function numberFormat(options, locale) {
    try {
      return new Intl.NumberFormat(locale || lang, options);
    } catch (e) {
      return new Intl.NumberFormat("en", options);
    }
  }

  // The option's "numbers" says how the page's text writes amounts (see
  // ScriptNumbers in Go package generator/text): the digits and signs, the
  // frame around a number, the currency around an amount and the words for
  // a thousand, a million, a billion and a trillion by plural form. It is
  // data from the page, checked here; null when it is missing or not so.
  var MAGNITUDES = [["T", 1e12], ["B", 1e9], ["M", 1e6], ["K", 1e3]];
  var PLURAL_FORMS = ["zero", "one", "two", "few", "many", "other"];
  function readNumbers(n) {
    if (!n || typeof n !== "object" || Array.isArray(n) || !Array.isArray(n.digits) || n.digits.length !== 10) {
      return null;
    }
    var own = Object.prototype.hasOwnProperty;
    var str = function (s) { return typeof s === "string" ? s : ""; };
    var frame = function (f) { return Array.isArray(f) && f.length === 2 ? [str(f[0]), str(f[1])] : ["", ""]; };
    var amounts = {};
    if (n.amounts && typeof n.amounts === "object") {
      MAGNITUDES.forEach(function (m) {
        var forms = own.call(n.amounts, m[0]) ? n.amounts[m[0]] : null;
        if (forms && typeof forms === "object" && own.call(forms, "other")) {
          var out = {};
          PLURAL_FORMS.forEach(function (f) {
            if (own.call(forms, f)) {
              out[f] = frame(forms[f]);
            }
          });
          amounts[m[0]] = out;
        }
      });
    }
    return {
      digits: n.digits.map(str), decimal: str(n.decimal), group: str(n.group), minus: str(n.minus),
      isolate: frame(n.isolate), money: frame(n.money), amounts: amounts
    };
  }

  // amountFormatter writes a number as the page's text writes an amount,
  // with at most three significant digits: the magnitude's word in the
  // plural form of the number before it, in the page's digits, then the
  // currency around it (when money), the minus sign and the frame:
  // "$500M", "$1.5B" in English, "٥٠٠ مليون دولار" in Arabic.
  function amountFormatter(n, money) {
    var ascii = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });
    var rules = {};
    function pluralForm(s) {
      var dot = s.indexOf(".");
      var v = dot < 0 ? 0 : s.length - dot - 1;
      if (!rules[v]) {
        try {
          rules[v] = new Intl.PluralRules(lang, { minimumFractionDigits: v });
        } catch (e) {
          rules[v] = new Intl.PluralRules("en", { minimumFractionDigits: v });
        }
      }
      return rules[v].select(Number(s.replace(/,/g, "")));
    }
    function local(s) {
      return s.replace(/[0-9.,]/g, function (c) {
        return c === "." ? n.decimal : c === "," ? n.group : n.digits[c.charCodeAt(0) - 48];
      });
    }
    return function (v) {
      if (typeof v !== "number" || !isFinite(v)) {
        return String(v);
      }
      var r = Number(Math.abs(v).toPrecision(3));
      var out = null;
      for (var i = 0; i < MAGNITUDES.length && out === null; i++) {
        var forms = n.amounts[MAGNITUDES[i][0]];
        if (forms && r >= MAGNITUDES[i][1]) {
          var s = ascii.format(r / MAGNITUDES[i][1]);
          var f = forms[pluralForm(s)] || forms.other;
          out = f[0] + local(s) + f[1];
        }
      }
      if (out === null) {
        out = local(ascii.format(r));
      }
      if (money) {
        out = n.money[0] + out + n.money[1];
      }
      if (v < 0 && r !== 0) {
        out = n.minus + out;
      }
      return n.isolate[0] + out + n.isolate[1];
    };
  }

  // Formatters by name. Each returns a function, or null for an unknown
  // name, which then stays a plain string. nums is the chart's numbers
  // (readNumbers), which money and number axes follow when there are any.
  var formatterCache = {};
  function formatter(name, nums) {
    var full = name;
    // "NAME@SYSTEM" writes the numbers in a number system ("arab") other
    // than the language's default, as the page's text does.
    var locale = lang;
    var system = /^([^@]+)@([a-z]{4,8})$/.exec(name);
    if (system) {
      name = system[1];
      locale = lang + "-u-nu-" + system[2];
    }
    var money = /^money:([A-Z]{3})$/.exec(name);
    if (nums && (money || name === "number")) {
      return amountFormatter(nums, !!money);
    }
    if (Object.prototype.hasOwnProperty.call(formatterCache, full)) {
      return formatterCache[full];
    }
    var f = null;
    if (money) {
      var nf;
      try {
        nf = new Intl.NumberFormat(locale, { style: "currency", currency: money[1], notation: "compact", maximumSignificantDigits: 3 });
      } catch (e) {
        nf = numberFormat({ notation: "compact", maximumSignificantDigits: 3 });
      }
      f = function (v) { return nf.format(v); };
    } else if (name === "number") {
      var num = numberFormat({ notation: "compact", maximumSignificantDigits: 3 }, locale);
      f = function (v) { return num.format(v); };
    } else if (name === "percent") {
      var pct = numberFormat({ style: "percent", maximumFractionDigits: 1 }, locale);
      f = function (v) { return pct.format(v); };
    } else if (name === "date") {
      var df;
      try {
        df = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" });
      } catch (e) {
        df = new Intl.DateTimeFormat("en", { year: "numeric", month: "short", timeZone: "UTC" });
      }
      f = function (v) { return df.format(new Date(v)); };
    } else if (name === "text") {
      // A label: the data item's text, drawn on the canvas as text.
      f = function (p) {
        return p && p.data && typeof p.data.text === "string" ? p.data.text : "";
      };
    } else if (name === "tip") {
      // A tooltip, which ECharts writes as HTML: every line is escaped.
      f = function (p) {
        var lines = p && p.data && Array.isArray(p.data.tip) ? p.data.tip : [p && p.name ? p.name : ""];
        return lines.map(function (line, i) {
          var s = escapeHTML(line);
          return i === 0 ? "<strong>" + s + "</strong>" : s;
        }).join("<br>");
      };
    }
    formatterCache[full] = f;
    return f;
  }

  function paletteColor(fig, dark, token) {
    var css = window.getComputedStyle(fig).getPropertyValue("--chart-" + token).trim();
    if (css) {
      return css;
    }
    var p = dark ? PALETTES.dark : PALETTES.light;
    return Object.prototype.hasOwnProperty.call(p, token) ? p[token] : PALETTES.light.text;
  }

  // resolve replaces, in place, formatter names with functions and palette
  // tokens with colours. key is the property that holds node.
  function resolve(node, key, color, format) {
    if (Array.isArray(node)) {
      for (var i = 0; i < node.length; i++) {
        node[i] = resolve(node[i], key, color, format);
      }
      return node;
    }
    if (node !== null && typeof node === "object") {
      Object.keys(node).forEach(function (k) {
        if (k !== "__proto__") {
          node[k] = resolve(node[k], k, color, format);
        }
      });
      return node;
    }
    if (typeof node === "string") {
      if (key === "formatter" || key === "valueFormatter") {
        var f = format(node);
        if (f) {
          return f;
        }
      }
      if (/color$/i.test(key) && node.indexOf("palette:") === 0) {
        return color(node.slice(8));
      }
    }
    return node;
  }

  // A legend wraps to as many lines as the canvas's width needs (ECharts
  // lays it out so: a 25 px symbol, 5 px, the name; entries 10 px apart,
  // lines 24 px apart, 5 px padding). The option's grid leaves room for one
  // line, and the chart's height for the lines a phone needs (see legend in
  // Go package generator/chart): legendTop moves the plot down by a line
  // for each line more, so that no entry hides behind a pager.
  var measureCtx = null;
  function measurer() {
    if (!measureCtx) {
      measureCtx = document.createElement("canvas").getContext("2d");
    }
    return measureCtx;
  }

  function legendLines(legend, width, font) {
    var measure = measurer();
    if (!measure || !Array.isArray(legend.data)) {
      return 1;
    }
    var size = legend.textStyle && typeof legend.textStyle.fontSize === "number" ? legend.textStyle.fontSize : 12;
    measure.font = size + "px " + font;
    var n = 1;
    var x = 0;
    legend.data.forEach(function (name) {
      var w = 30 + measure.measureText(String(name)).width;
      if (x > 0 && x + w > width - 10) {
        n++;
        x = 0;
      }
      x += w + 10;
    });
    return n;
  }

  function wraps(opt) {
    var l = opt.legend;
    return !!(l && typeof l === "object" && !Array.isArray(l) && l.show && l.type !== "scroll" &&
      Array.isArray(opt.grid) && opt.grid[0] && typeof opt.grid[0] === "object");
  }

  function legendTop(state, opt) {
    return (parseFloat(opt.grid[0].top) || 0) +
      (legendLines(opt.legend, state.canvas.clientWidth, opt.textStyle.fontFamily) - 1) * 24;
  }

  // declutter hides, in each series that asks for it (labelLayout
  // hideOverlap), every label that would overlap one already placed, the
  // first series' first: ECharts' full build does this itself, the smaller
  // build the site publishes does not. It reads only the option and
  // ECharts' public convertToPixel, and shows every label again first.
  function declutter(state, opt) {
    var measure = measurer();
    if (!Array.isArray(opt.series) || !measure) {
      return;
    }
    var placed = [];
    var update = [];
    var any = false;
    opt.series.forEach(function (s, i) {
      var label = s && s.label;
      if (!s || !Array.isArray(s.data) || !label || !label.show || !s.labelLayout || !s.labelLayout.hideOverlap) {
        update.push({});
        return;
      }
      any = true;
      var size = typeof label.fontSize === "number" ? label.fontSize : 12;
      measure.font = size + "px " + opt.textStyle.fontFamily;
      var symbol = typeof s.symbolSize === "number" ? s.symbolSize : 10;
      var data = s.data.map(function (d) {
        if (!d || typeof d !== "object" || Array.isArray(d) || typeof d.text !== "string") {
          return d;
        }
        var at = state.chart.convertToPixel({ seriesIndex: i }, d.value);
        if (!Array.isArray(at)) {
          return d;
        }
        var w = measure.measureText(d.text).width;
        var left = d.label && d.label.position === "left";
        var x = left ? at[0] - symbol / 2 - 5 - w : at[0] + symbol / 2 + 5;
        var r = { x0: x, x1: x + w, y0: at[1] - size * 0.55, y1: at[1] + size * 0.55 };
        var hit = placed.some(function (p) { return r.x0 < p.x1 && p.x0 < r.x1 && r.y0 < p.y1 && p.y0 < r.y1; });
        var copy = {};
        Object.keys(d).forEach(function (k) { copy[k] = d[k]; });
        copy.label = {};
        if (d.label && typeof d.label === "object") {
          Object.keys(d.label).forEach(function (k) { copy.label[k] = d.label[k]; });
        }
        copy.label.show = !hit;
        if (!hit) {
          placed.push(r);
        }
        return copy;
      });
      update.push({ data: data });
    });
    if (any) {
      state.chart.setOption({ series: update });
    }
  }

  // An x axis's first and last labels are centred on the ends of the plot,
  // and ECharts' containLabel makes room only below them: widen the grid's
  // side margins so that neither runs off the canvas (amounts written in
  // words, as in Arabic, are long). Value and log axes with set ends only.
  function endLabelRoom(opt) {
    var measure = measurer();
    var grid = Array.isArray(opt.grid) ? opt.grid[0] : null;
    var axis = Array.isArray(opt.xAxis) ? opt.xAxis[0] : null;
    if (!measure || !grid || typeof grid !== "object" || !axis || typeof axis !== "object" ||
      (axis.type !== "value" && axis.type !== "log") || typeof axis.min !== "number" || typeof axis.max !== "number" ||
      !axis.axisLabel || typeof axis.axisLabel.formatter !== "function") {
      return;
    }
    var label = axis.axisLabel;
    measure.font = (typeof label.fontSize === "number" ? label.fontSize : 12) + "px " + opt.textStyle.fontFamily;
    var half = function (v) { return Math.ceil(measure.measureText(String(label.formatter(v))).width / 2) + 2; };
    var lo = axis.inverse ? "right" : "left";
    var hi = axis.inverse ? "left" : "right";
    grid[lo] = Math.max(parseFloat(grid[lo]) || 0, half(axis.min));
    grid[hi] = Math.max(parseFloat(grid[hi]) || 0, half(axis.max));
  }

  function option(state) {
    var opt;
    try {
      opt = JSON.parse(state.source);
    } catch (e) {
      return null;
    }
    if (opt === null || typeof opt !== "object" || Array.isArray(opt)) {
      return null;
    }
    var dark = isDark();
    var nums = readNumbers(opt.numbers);
    delete opt.numbers;
    var formats = {};
    resolve(opt, "", function (token) { return paletteColor(state.fig, dark, token); }, function (name) {
      if (!Object.prototype.hasOwnProperty.call(formats, name)) {
        formats[name] = formatter(name, nums);
      }
      return formats[name];
    });
    opt.backgroundColor = "transparent";
    opt.textStyle = { fontFamily: window.getComputedStyle(state.fig).fontFamily };
    endLabelRoom(opt);
    if (opt.tooltip && typeof opt.tooltip === "object") {
      opt.tooltip.confine = true;
    }
    // No entrance animation: a chart of figures shows them at once, and its
    // frames would keep the main thread busy while the page loads (an embed
    // draws as soon as it loads). Tooltips still follow the pointer.
    opt.animation = false;
    state.legend = null;
    if (wraps(opt)) {
      state.legend = { opt: opt, top: opt.grid[0].top };
      opt.grid[0].top = legendTop(state, opt);
    }
    return opt;
  }

  function render(state) {
    var opt = option(state);
    if (!opt) {
      return false;
    }
    if (state.chart) {
      state.chart.dispose();
    }
    state.chart = window.echarts.init(state.canvas, isDark() ? "dark" : null, { renderer: "canvas" });
    state.chart.setOption(opt);
    state.opt = opt;
    declutter(state, opt);
    state.canvas.setAttribute("role", "img");
    if (opt.aria && opt.aria.label && typeof opt.aria.label.description === "string") {
      state.canvas.setAttribute("aria-label", opt.aria.label.description);
    }
    return true;
  }

  function setUp(fig) {
    var canvas = fig.querySelector(".chart-canvas");
    var script = fig.querySelector('script.chart-option[type="application/json"]');
    if (!canvas || !script) {
      return;
    }
    var height = parseInt(canvas.getAttribute("data-height"), 10);
    if (!(height >= 80 && height <= 4000)) {
      height = 360;
    }
    canvas.style.height = height + "px";
    var state = { fig: fig, canvas: canvas, source: script.textContent, chart: null, frame: 0 };
    if (!render(state)) {
      canvas.style.height = "";
      fig.classList.add("chart-failed"); // the stylesheet shows the table again
      return;
    }
    charts.push(state);
    fig.classList.add("chart-drawn");
    // The table stays one click away, and in the page for screen readers.
    var details = fig.querySelector("details.chart-data");
    if (details) {
      details.open = false;
    }
    if (window.ResizeObserver) {
      // Redraw only when the canvas's size changes: the observer also calls
      // back once when it starts, at the size just drawn.
      var size = canvas.clientWidth + "x" + canvas.clientHeight;
      new ResizeObserver(function () {
        if (state.frame) {
          return;
        }
        state.frame = window.requestAnimationFrame(function () {
          state.frame = 0;
          var now = canvas.clientWidth + "x" + canvas.clientHeight;
          if (state.chart && now !== size) {
            size = now;
            if (state.legend) {
              var o = state.legend.opt;
              o.grid[0].top = state.legend.top;
              state.chart.setOption({ grid: [{ top: legendTop(state, o) }] });
            }
            state.chart.resize();
            declutter(state, state.opt);
          }
          postSize();
        });
      }).observe(canvas);
    }
  }

  function redrawAll() {
    charts.forEach(render);
    postSize();
  }

  // Embed pages (<body data-embed="CHART-ID">) report their height to the
  // host page after each render and resize: a Reckon message for the embed
  // snippet, and AMP's for amp-iframe.
  var embed = false;
  var embedID = "";
  var lastHeight = -1;
  function postSize() {
    if (!embed || window.parent === window) {
      return;
    }
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height === lastHeight) {
      return;
    }
    lastHeight = height;
    window.parent.postMessage({ type: "reckon-embed-size", id: embedID, height: height }, "*");
    window.parent.postMessage({ sentinel: "amp", type: "embed-size", height: height }, "*");
  }

  // An embed page is light (<html data-theme="light">) unless its URL asks
  // for ?theme=dark, or ?theme=auto to follow the reader's system.
  function embedTheme() {
    var m = /[?&]theme=(dark|light|auto)(?:&|$)/.exec(window.location.search);
    if (!m) {
      return;
    }
    if (m[1] === "auto") {
      root.removeAttribute("data-theme");
    } else {
      root.setAttribute("data-theme", m[1]);
    }
  }

  function start() {
    embed = !!document.body && document.body.hasAttribute("data-embed");
    embedID = embed ? document.body.getAttribute("data-embed") : "";
    if (embed) {
      embedTheme();
    }
    if (!window.echarts) {
      // ECharts did not load: each chart's table stands in for it.
      Array.prototype.forEach.call(document.querySelectorAll("figure.chart[data-chart]"), function (fig) {
        fig.classList.add("chart-failed");
      });
    } else {
      var figs = Array.prototype.slice.call(document.querySelectorAll("figure.chart[data-chart]"));
      // A page draws each chart as it comes near the screen, so that a page
      // of many charts does not block the reader's first screen; an embed
      // (one chart) draws at once.
      if (!embed && window.IntersectionObserver) {
        var seen = new IntersectionObserver(function (entries) {
          entries.forEach(function (e) {
            if (e.isIntersecting) {
              seen.unobserve(e.target);
              setUp(e.target);
            }
          });
        }, { rootMargin: "400px 0px" });
        figs.forEach(function (fig) { seen.observe(fig); });
      } else {
        figs.forEach(setUp);
      }
      var onScheme = function () { redrawAll(); };
      if (darkQuery) {
        if (darkQuery.addEventListener) {
          darkQuery.addEventListener("change", onScheme);
        } else if (darkQuery.addListener) {
          darkQuery.addListener(onScheme);
        }
      }
      if (window.MutationObserver) {
        new MutationObserver(onScheme).observe(root, { attributes: true, attributeFilter: ["data-theme"] });
      }
    }
    if (embed) {
      if (window.ResizeObserver) {
        new ResizeObserver(postSize).observe(root);
      }
      window.addEventListener("load", postSize);
      postSize();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
