// Browser tests of the built site, in headless Chromium (Debian's package)
// driven by playwright-core. Run with: node --test tests/
//
// Each test builds the fixture site generator/testdata/site (a frozen copy of
// the example site, so that edits to the repository's own claims/ and
// content/ never break these tests; templates are the engine's own) with
// `go run ./generator build`, serves it on a loopback port, and checks, on every page kind and every embed page: each
// chart drawn, no console error, no request to another host. A host page on
// a second port frames an embed and its iframe follows the chart's height.
// Hostile strings in the content must not run. The two-edition fixture
// (generator/testdata/editions) checks the Arabic edition, right to left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const repo = path.resolve(import.meta.dirname, '..');
const fixture = path.join(repo, 'generator', 'testdata', 'site');
const chromePath = process.env.CHROMIUM || '/usr/bin/chromium';
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.csv': 'text/csv', '.xml': 'application/xml', '.txt': 'text/plain', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.png': 'image/png' };

// serve serves server.root on a loopback port; a folder maps to its
// index.html and a missing file to 404.html. The root may be set after the
// port is known, so that a site can be built for its own address.
function serve(root) {
  const server = http.createServer((req, res) => {
    const dir = server.root;
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(dir, p);
    if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
    if (p.endsWith('/')) file = path.join(file, 'index.html');
    let status = 200;
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      status = 404;
      file = path.join(dir, '404.html');
    }
    res.writeHead(status, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  server.root = root;
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const port = (s) => s.address().port;

// Every temporary folder the tests make, removed at the end.
const temps = [];
function tempDir(prefix) {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(d);
  return d;
}

// build builds the site at src (default: the fixture site) into a new
// folder for the base URL.
function build(base, src = fixture) {
  const out = tempDir('reckon-browser-');
  const env = { ...process.env };
  execFileSync('go', ['run', './generator', 'build', '-q', '-src', src, '-out', path.join(out, 'public'), '-base-url', base, '-echarts', path.join(repo, 'node_modules', 'echarts')], { cwd: repo, env, stdio: ['ignore', 'inherit', 'inherit'] });
  return path.join(out, 'public');
}

// pagesOf lists the URL paths of every HTML page of a built site.
function pagesOf(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) {
        const rel = '/' + path.relative(dir, p).split(path.sep).join('/');
        out.push(rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  walk(dir);
  return out.sort();
}

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: chromePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
});
// The fixture site, built once for the base URL it is served at, and shared
// by the tests that do not change it.
let example; // { server, origin, dir }
before(async () => {
  const server = await serve(null);
  const origin = `http://127.0.0.1:${port(server)}`;
  server.root = build(origin + '/');
  example = { server, origin, dir: server.root };
});
// The two-edition fixture, built on first use and shared in the same way.
let editions; // { server, origin, dir }
async function editionsSite() {
  if (!editions) {
    const server = await serve(null);
    const origin = `http://127.0.0.1:${port(server)}`;
    server.root = build(origin + '/', path.join(repo, 'generator', 'testdata', 'editions'));
    editions = { server, origin, dir: server.root };
  }
  return editions;
}
after(async () => {
  await browser?.close();
  example?.server.close();
  editions?.server.close();
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

// visit loads one page and returns what went wrong on it.
async function visit(page, origin, url) {
  const problems = [];
  const onConsole = (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); };
  const onError = (e) => problems.push(`uncaught: ${e.message}`);
  const onDialog = (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); };
  page.on('console', onConsole);
  page.on('pageerror', onError);
  page.on('dialog', onDialog);
  try {
    const res = await page.goto(origin + url, { waitUntil: 'load' });
    if (!url.endsWith('404.html') && res.status() !== 200) problems.push(`status ${res.status()}`);
    // Every chart on the page is drawn: charts.js marks its figure, and the
    // canvas holds non-transparent pixels.
    const charts = await page.evaluate(async () => {
      const figs = [...document.querySelectorAll('figure.chart')];
      // charts.js draws a chart as it comes near the screen: bring each
      // one there in turn, a frame apart, as a reader scrolling would.
      for (const f of figs) {
        f.scrollIntoView();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)));
      }
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && !figs.every((f) => f.classList.contains('chart-drawn'))) {
        await new Promise((r) => setTimeout(r, 50));
      }
      return figs.map((f) => {
        const c = f.querySelector('canvas');
        let painted = false;
        if (c && c.width > 0 && c.height > 0) {
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) { painted = true; break; }
        }
        return { id: f.id, drawn: f.classList.contains('chart-drawn'), painted };
      });
    });
    for (const c of charts) {
      if (!c.drawn || !c.painted) problems.push(`chart ${c.id} not drawn (drawn=${c.drawn}, painted=${c.painted})`);
    }
    return { problems, charts: charts.length };
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onError);
    page.off('dialog', onDialog);
  }
}

// newPage opens a page that records every request to another host and aborts it.
async function newPage(ctx, allowed) {
  const page = await ctx.newPage();
  const foreign = [];
  await page.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === 'data:' || allowed.includes(u.host)) return route.continue();
    foreign.push(u.href);
    return route.abort();
  });
  return { page, foreign };
}

test('every page kind and every embed page: charts drawn, no console error, no other host', async () => {
  const { origin: o, dir } = example;
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, foreign } = await newPage(ctx, [new URL(o).host]);
  const pages = pagesOf(dir);
  const kinds = ['/', '/topics/deepseek/', '/claims/deepseek/r1-compute-5-6m/', '/sources/', '/corrections/', '/methodology/', '/about/', '/funding/', '/corrections-policy/', '/404.html'];
  for (const k of kinds) assert.ok(pages.includes(k), `no page ${k}`);
  const embeds = pages.filter((p) => p.startsWith('/embed/'));
  assert.ok(embeds.length >= 4, `only ${embeds.length} embed pages`);
  let charts = 0;
  const problems = [];
  for (const url of pages) {
    const r = await visit(page, o, url);
    charts += r.charts;
    for (const p of r.problems) problems.push(`${url}: ${p}`);
  }
  // The topic page and the embed pages carry charts.
  assert.ok(charts >= embeds.length + 4, `only ${charts} charts drawn on ${pages.length} pages`);
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign, [], 'requests to other hosts');
  await ctx.close();
});

test('a host page on another port frames an embed whose height follows the chart', async () => {
  const { origin: o, dir } = example;
  const embed = pagesOf(dir).find((p) => p.startsWith('/embed/') && p.includes('ladder'));
  assert.ok(embed, 'no ladder embed page');
  const hostDir = tempDir('reckon-host-');
  fs.writeFileSync(path.join(hostDir, 'index.html'), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head>
<body><h1>A newsroom's article</h1><p>Text before.</p>
<iframe id="frame" src="${o}${embed}" title="Chart" width="100%" height="150" style="border:0"></iframe>
<p>Text after.</p><script src="${o}/assets/embed.js" async></script></body></html>`);
  const host = await serve(hostDir);
  const h = `http://127.0.0.1:${port(host)}`;
  try {
    const ctx = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const { page, foreign } = await newPage(ctx, [new URL(o).host, new URL(h).host]);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(h + '/', { waitUntil: 'load' });
    const frameHeight = () => page.evaluate(() => document.getElementById('frame').getBoundingClientRect().height);
    // The content height of the embed, measured inside the frame.
    const inner = async () => {
      const f = page.frames().find((fr) => fr.url().startsWith(o));
      return f.evaluate(() => document.documentElement.getBoundingClientRect().height);
    };
    const settle = async (want) => {
      const deadline = Date.now() + 5000;
      let got;
      while (Date.now() < deadline) {
        got = await frameHeight();
        if (Math.abs(got - (await inner())) <= 2 && got !== want) return got;
        await page.waitForTimeout(100);
      }
      return got;
    };
    const wide = await settle(150);
    assert.ok(Math.abs(wide - (await inner())) <= 2, `iframe ${wide}px, content ${await inner()}px`);
    assert.notEqual(wide, 150, 'the iframe kept its initial height');
    // A narrow phone: the chart reflows, and the iframe follows it.
    await page.setViewportSize({ width: 360, height: 800 });
    const narrow = await settle(wide);
    assert.ok(Math.abs(narrow - (await inner())) <= 2, `after resize: iframe ${narrow}px, content ${await inner()}px`);
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
    await ctx.close();
  } finally {
    host.close();
  }
});

test('hostile strings in chart titles, series, categories and captions stay inert', async () => {
  const src = tempDir('reckon-hostile-');
  fs.cpSync(path.join(fixture, 'claims'), path.join(src, 'claims'), { recursive: true });
  fs.cpSync(path.join(fixture, 'content'), path.join(src, 'content'), { recursive: true });
  const payload = `<img src=x onerror="document.title='pwned'"></script><script>document.title='pwned'</script>__f__function(){document.title='pwned'}`;
  const toml = (s) => JSON.stringify(s); // a TOML basic string is a JSON string for these characters
  const edit = (file, re, line) => {
    const p = path.join(src, file);
    const s = fs.readFileSync(p, 'utf8');
    assert.ok(re.test(s), `${file}: no match for ${re}`);
    fs.writeFileSync(p, s.replace(re, line));
  };
  // Claim titles and claimants are the ladder's categories and tooltips; scope
  // and component labels are series names and bridge steps; the topic title
  // heads every chart and caption.
  edit('claims/deepseek/r1-compute-5-6m.toml', /^claimant = .*$/m, `claimant = ${toml('Dee' + payload)}`);
  edit('claims/deepseek/nature-r1-294k.toml', /^title = .*$/m, `title = ${toml('<b>x</b>' + payload.slice(0, 40))}`);
  edit('claims/deepseek/model.toml', /(\[scopes\.v3-final-run\]\s*\nlabel = ).*$/m, `$1${toml('Run ' + payload)}`);
  edit('claims/deepseek/model.toml', /(\[components\.v3_pretraining\]\s*\nlabel = ).*$/m, `$1${toml('Pre ' + payload)}`);
  edit('claims/deepseek/topic.toml', /^title = .*$/m, `title = ${toml('DeepSeek ' + payload.slice(0, 30))}`);
  const site = await serve(null);
  const o = `http://127.0.0.1:${port(site)}`;
  const dir = build(o + '/', src);
  site.root = dir;
  try {
    const ctx = await browser.newContext();
    const { page } = await newPage(ctx, [new URL(o).host]);
    const urls = ['/topics/deepseek/', '/claims/deepseek/r1-compute-5-6m/', '/claims/deepseek/nature-r1-294k/', ...pagesOf(dir).filter((p) => p.startsWith('/embed/deepseek'))];
    for (const url of urls) {
      const r = await visit(page, o, url);
      assert.deepEqual(r.problems, [], url);
      const title = await page.title();
      assert.notEqual(title, 'pwned', `${url}: a hostile string ran`);
      const injected = await page.evaluate(() => document.querySelectorAll('img[src="x"], script:not([src]):not([type="application/json"]):not([type="application/ld+json"])').length);
      assert.equal(injected, 0, `${url}: hostile markup became elements`);
    }
    await ctx.close();
  } finally {
    site.close();
  }
});

// overflow returns what sticks out of a 390 px screen on the loaded
// page: the document's own scroll width, and every element whose right (or,
// right to left, left) edge lies beyond the viewport, unless an ancestor
// that scrolls or clips sideways holds it (a table in its scrolling frame),
// in which case that ancestor must fit.
function overflow() {
  const w = window.innerWidth;
  const out = [];
  if (document.documentElement.scrollWidth > w) out.push(`document ${document.documentElement.scrollWidth}px wide`);
  const clipped = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible') return true; // auto, scroll, hidden or clip
    }
    return false;
  };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const s = getComputedStyle(el);
    if (s.position === 'absolute' && s.clipPath !== 'none') continue; // visually hidden, for screen readers
    if ((r.right > w + 0.5 || r.left < -0.5) && !clipped(el)) {
      out.push(`<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}> ${Math.round(r.left)}..${Math.round(r.right)}px`);
    }
  }
  return out.slice(0, 20);
}

// legends returns, for every drawn chart with a legend, what hides an
// entry: a legend that pages ("1/3") rather than wrapping, one wider than
// the chart, or one that runs into the plot.
function legends() {
  const out = [];
  for (const fig of document.querySelectorAll('figure.chart.chart-drawn')) {
    const canvas = fig.querySelector('.chart-canvas');
    const chart = canvas && window.echarts.getInstanceByDom(canvas);
    const opt = chart && chart.getOption();
    if (!opt || !opt.legend || !opt.legend[0] || opt.legend[0].show === false) continue;
    if (opt.legend[0].type === 'scroll') out.push(`${fig.id}: the legend pages`);
    const model = chart.getModel();
    const view = chart.getViewOfComponentModel(model.getComponent('legend'));
    const r = view.group.getBoundingRect();
    r.applyTransform(view.group.transform);
    const grid = model.getComponent('grid').coordinateSystem.getRect();
    // The box holds the symbols' strokes, a pixel or two past the items.
    if (r.x < -3 || r.x + r.width > canvas.clientWidth + 3) out.push(`${fig.id}: legend ${Math.round(r.x)}..${Math.round(r.x + r.width)}px in a ${canvas.clientWidth}px chart`);
    if (r.y + r.height > grid.y + 0.5) out.push(`${fig.id}: legend ends at ${Math.round(r.y + r.height)}px, the plot starts at ${Math.round(grid.y)}px`);
  }
  return out;
}

test('at 390 px wide nothing is wider than the screen, with or without the script; wide tables show a scroll cue; every legend entry shows', async () => {
  const { origin: o, dir } = example;
  const urls = pagesOf(dir);
  const problems = [];
  for (const js of [true, false]) {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: js });
    const { page } = await newPage(ctx, [new URL(o).host]);
    for (const url of urls) {
      if (js) {
        const r = await visit(page, o, url);
        for (const p of r.problems) problems.push(`${url}: ${p}`);
      } else {
        await page.goto(o + url, { waitUntil: 'load' });
      }
      for (const p of await page.evaluate(overflow)) problems.push(`${url}${js ? '' : ' (no script)'}: ${p}`);
      if (js) for (const p of await page.evaluate(legends)) problems.push(`${url}: ${p}`);
      // A table wider than its frame scrolls, and its frame draws the cue.
      const cues = await page.evaluate(() => [...document.querySelectorAll('.table-wrap')]
        .filter((w) => w.scrollWidth > w.clientWidth + 1 && w.getBoundingClientRect().width > 0)
        .filter((w) => !/gradient/.test(getComputedStyle(w).backgroundImage))
        .map((w) => w.getAttribute('aria-labelledby')));
      for (const c of cues) problems.push(`${url}: table ${c} scrolls without a cue`);
    }
    await ctx.close();
  }
  assert.deepEqual(problems, []);
});

// beside reports whether box a lies before box b in the reading direction
// (left of it here), and the two share some height.
const beside = (a, b) => a.right <= b.left + 0.5 && a.top < b.bottom && b.top < a.bottom;

test('at 1366 px the home, topic and claim pages use the width: contents and verdict beside the text, topics in a grid', async () => {
  const { origin: o } = example;
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const { page } = await newPage(ctx, [new URL(o).host]);
  const problems = [];
  const box = (sel) => page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, position: getComputedStyle(el).position };
  }, sel);
  const need = async (sel) => {
    const b = await box(sel);
    if (!b) problems.push(`${page.url()}: no ${sel}`);
    return b || { left: 0, right: 0, top: 0, bottom: 0, width: 0, position: '' };
  };
  for (const url of ['/', '/topics/deepseek/', '/claims/deepseek/r1-compute-5-6m/']) {
    const r = await visit(page, o, url);
    for (const p of r.problems) problems.push(`${url}: ${p}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const p of await page.evaluate(overflow)) problems.push(`${url}: ${p}`);
    const main = await need('main');
    if (main.width < 1200) problems.push(`${url}: main is ${Math.round(main.width)}px wide`);
  }

  await page.goto(o + '/', { waitUntil: 'load' });
  // The topics share a row and fill it; the latest fact-checks sit beside
  // the verdicts so far.
  const cards = await page.evaluate(() => [...document.querySelectorAll('.home-topics .card')].map((c) => { const r = c.getBoundingClientRect(); return { top: r.top, right: r.right }; }));
  const grid = await need('.home-topics .cards');
  if (cards.length < 2 || cards[1].top !== cards[0].top) problems.push(`/: topic cards not side by side: ${JSON.stringify(cards)}`);
  else if (Math.abs(cards[cards.length - 1].right - grid.right) > 1) problems.push(`/: topic cards end at ${cards[cards.length - 1].right}px, their grid at ${grid.right}px`);
  if (!beside(await need('.home-latest'), await need('.home-verdicts'))) problems.push('/: latest fact-checks not beside the verdicts');

  await page.goto(o + '/topics/deepseek/', { waitUntil: 'load' });
  if (!beside(await need('.topic > .toc'), await need('#ratings'))) problems.push('/topics/deepseek/: contents not beside the text');

  // A claim: its verdict and contents in a column beside the text; the
  // contents stay in view further down.
  const claim = '/claims/deepseek/r1-compute-5-6m/';
  await page.goto(o + claim, { waitUntil: 'load' });
  if (!beside(await need('#verdict'), await need('#claim'))) problems.push(`${claim}: verdict not beside the text`);
  if (!beside(await need('.claim-side > .toc'), await need('#arithmetic'))) problems.push(`${claim}: contents not beside the text`);
  await page.evaluate(() => document.querySelector('#sources').scrollIntoView());
  const toc = await need('.claim-side > .toc');
  if (toc.position !== 'sticky' || toc.top < 0 || toc.bottom > 900) problems.push(`${claim}: contents out of view at the sources (${Math.round(toc.top)}..${Math.round(toc.bottom)}px, ${toc.position})`);
  await ctx.close();
  assert.deepEqual(problems, []);
});

test('an embed page: credit line, light unless ?theme= asks, no layout shift, whole table without the script', async () => {
  const { origin: o, dir } = example;
  const embeds = pagesOf(dir).filter((p) => p.startsWith('/embed/'));
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  const { page } = await newPage(ctx, [new URL(o).host]);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  for (const url of embeds) {
    const r = await visit(page, o, url);
    assert.deepEqual(r.problems, [], url);
    const credit = await page.evaluate(() => {
      const p = document.querySelector('.embed-credit');
      return p ? { text: p.textContent, links: [...p.querySelectorAll('a')].map((a) => a.href), time: !!p.querySelector('time[datetime]') } : null;
    });
    assert.ok(credit, `${url}: no credit line`);
    assert.match(credit.text, /^Fact-check by /, url);
    assert.ok(credit.time, `${url}: the credit has no date`);
    assert.ok(credit.links.some((h) => h.endsWith('/sources/')), `${url}: the credit does not link the sources`);
    assert.ok(await page.evaluate(() => !!document.querySelector('.embed-source a[href*="#chart-"]')), `${url}: no link to the fact-check`);
    // Layout shifts while the chart loads and draws, as the browser counts them.
    const cls = await page.evaluate(() => new Promise((resolve) => {
      let sum = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value; })
        .observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => resolve(sum), 200);
    }));
    assert.ok(cls < 0.1, `${url}: cumulative layout shift ${cls}`);
  }
  // The reader's system is dark; the embed is light unless asked.
  const url = embeds.find((p) => p.includes('ladder'));
  await page.goto(o + url, { waitUntil: 'load' });
  assert.equal(await background(), 'rgb(253, 252, 250)', 'default theme');
  await page.goto(o + url + '?theme=dark', { waitUntil: 'load' });
  assert.equal(await background(), 'rgb(19, 20, 23)', '?theme=dark');
  await page.goto(o + url + '?theme=auto', { waitUntil: 'load' });
  assert.equal(await background(), 'rgb(19, 20, 23)', '?theme=auto under a dark system');
  await ctx.close();

  // Without the script, the table is the chart: every row is on the page and
  // every cell within the phone's width.
  const noJS = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const p2 = await noJS.newPage();
  for (const url of embeds) {
    await p2.goto(o + url, { waitUntil: 'load' });
    const cells = await p2.evaluate(() => [...document.querySelectorAll('.chart-data td, .chart-data tbody th')]
      .filter((c) => { const r = c.getBoundingClientRect(); return r.width === 0 || r.right > window.innerWidth + 0.5 || r.left < -0.5; }).length);
    assert.equal(cells, 0, `${url}: table cells hidden or off screen without the script`);
  }
  await noJS.close();
});

// mirrored returns, for every drawn chart with a value, log or time axis
// along x, whether the axis runs right to left (its smallest value drawn to
// the right of its largest).
function mirrored() {
  const out = [];
  for (const fig of document.querySelectorAll('figure.chart.chart-drawn')) {
    const canvas = fig.querySelector('.chart-canvas');
    const chart = canvas && window.echarts.getInstanceByDom(canvas);
    if (!chart) continue;
    const axis = chart.getModel().getComponent('xAxis', 0);
    if (!axis || !['value', 'log', 'time'].includes(axis.get('type'))) continue;
    const [lo, hi] = axis.axis.scale.getExtent();
    const x = (v) => chart.convertToPixel({ xAxisIndex: 0 }, v); // a log scale's extent is in data values
    out.push({ id: fig.id, rtl: x(lo) > x(hi) });
  }
  return out;
}

test('the Arabic edition: dir=rtl on every page, charts drawn mirrored, nothing wider than 390 px, the language switch keeps the reader on the same claim', async () => {
  const { origin: o, dir } = await editionsSite();
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const { page } = await newPage(ctx, [new URL(o).host]);
  const problems = [];
  const urls = pagesOf(dir).filter((u) => !u.includes('/embed/') && u !== '/404.html');
  const arabic = urls.filter((u) => u.startsWith('/ar/'));
  assert.ok(arabic.length >= 20, `only ${arabic.length} Arabic pages`);
  let charts = 0;
  for (const url of urls) {
    const r = await visit(page, o, url);
    for (const p of r.problems) problems.push(`${url}: ${p}`);
    const html = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
    const ar = url.startsWith('/ar/');
    const want = ar ? ['ar', 'rtl'] : ['en', 'ltr'];
    if (html[0] !== want[0] || (html[1] || 'ltr') !== want[1]) problems.push(`${url}: lang=${html[0]} dir=${html[1]}, want ${want}`);
    for (const m of await page.evaluate(mirrored)) {
      charts++;
      if (m.rtl !== ar) problems.push(`${url}: chart ${m.id} ${m.rtl ? 'runs right to left' : 'runs left to right'}`);
    }
    if (ar) for (const p of await page.evaluate(overflow)) problems.push(`${url}: ${p}`);
  }
  assert.ok(charts >= 10, `only ${charts} charts with a value axis checked`);
  // The switch on a claim's page leads to the same claim in the other
  // edition, and back.
  const claim = '/claims/deepseek/r1-compute-5-6m/';
  for (const [from, to] of [[claim, '/ar' + claim], ['/ar' + claim, claim]]) {
    await page.goto(o + from, { waitUntil: 'load' });
    await page.click(`nav.lang-switch a[href$="${to}"]`);
    await page.waitForLoadState('load');
    const at = new URL(page.url()).pathname;
    if (at !== to) problems.push(`the switch on ${from} led to ${at}, want ${to}`);
  }
  await ctx.close();
  assert.deepEqual(problems, []);
});

// axisLabels returns, for each chart drawn on the page, the labels ECharts
// shows on its value axes (linear or log; not the category or time axes).
async function axisLabels(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const f of document.querySelectorAll('figure.chart')) {
      f.scrollIntoView();
      const deadline = Date.now() + 5000;
      while (Date.now() < deadline && !f.classList.contains('chart-drawn')) await new Promise((r) => setTimeout(r, 50));
      const chart = window.echarts.getInstanceByDom(f.querySelector('.chart-canvas'));
      const labels = [];
      for (const kind of ['xAxis', 'yAxis']) {
        const axis = chart && chart.getModel().getComponent(kind, 0)?.axis;
        if (axis && axis.type !== 'category' && axis.type !== 'time') labels.push(...axis.getViewLabels().map((l) => l.formattedLabel));
      }
      out[f.id] = labels;
    }
    return out;
  });
}

test('two editions: chart axes write money as the page does (دولار, not US$; $ in English); the language switch is an inline list that fits 390 px', async () => {
  const { origin: o } = await editionsSite();
  const problems = [];
  for (const width of [390, 1366]) {
    const ctx = await browser.newContext({ viewport: { width, height: 844 } });
    const { page, foreign } = await newPage(ctx, [new URL(o).host]);
    for (const [url, lang] of [['/ar/topics/deepseek/', 'ar'], ['/topics/deepseek/', 'en']]) {
      const r = await visit(page, o, url);
      for (const p of r.problems) problems.push(`${url} at ${width}: ${p}`);
      const money = Object.entries(await axisLabels(page));
      assert.ok(money.length >= 3, `${url}: ${money.length} charts`);
      for (const [id, labels] of money) {
        assert.ok(labels.length > 0, `${url} ${id}: no value labels`);
        for (const l of labels) {
          if (lang === 'ar') {
            assert.ok(l.includes('دولار') && !l.includes('US$') && !l.includes('$'), `${url} ${id}: axis label ${JSON.stringify(l)}`);
            assert.match(l, /^\u2068[٠-٩٫]+( (ألف|آلاف|مليون|ملايين|مليار|مليارات|تريليون|تريليونات))? دولار\u2069$/, `${url} ${id}`);
          } else {
            assert.match(l, /^-?\$[0-9.]+[KMBT]?$/, `${url} ${id}`);
          }
        }
      }
      // The language switch: a list without markers, on one line at the
      // inline end of the page's width, the current language not a link.
      const sw = await page.evaluate(() => {
        const nav = document.querySelector('nav.lang-switch');
        const items = [...nav.querySelectorAll('li')];
        const rs = items.map((li) => li.getBoundingClientRect());
        const wrap = nav.getBoundingClientRect();
        const style = getComputedStyle(nav);
        const inner = wrap[document.dir === 'rtl' ? 'left' : 'right'] + (document.dir === 'rtl' ? 1 : -1) * parseFloat(style.paddingInlineEnd);
        return {
          markers: items.map((li) => getComputedStyle(li).listStyleType),
          oneLine: rs.every((r) => Math.abs(r.top - rs[0].top) < 1),
          end: document.dir === 'rtl' ? Math.min(...rs.map((r) => r.left)) - inner : inner - Math.max(...rs.map((r) => r.right)),
          fits: rs.every((r) => r.left >= 0 && r.right <= window.innerWidth),
          current: nav.querySelector('[aria-current="page"]')?.tagName,
          currentLang: nav.querySelector('[aria-current="page"]')?.getAttribute('lang'),
          bold: Number(getComputedStyle(nav.querySelector('[aria-current="page"]')).fontWeight),
        };
      });
      assert.deepEqual(sw.markers, ['none', 'none'], url);
      assert.ok(sw.oneLine && sw.fits, `${url} at ${width}: ${JSON.stringify(sw)}`);
      assert.ok(Math.abs(sw.end) < 1, `${url} at ${width}: the switch ends ${sw.end}px from the inline end`);
      assert.equal(sw.current, 'SPAN', url);
      assert.equal(sw.currentLang, lang, url);
      assert.ok(sw.bold >= 600, `${url}: current language weight ${sw.bold}`);
      for (const p of await page.evaluate(overflow)) problems.push(`${url} at ${width}: ${p}`);
    }
    assert.deepEqual(foreign, []);
    await ctx.close();
  }
  assert.deepEqual(problems, []);
});
