// dist/metapool.html in Debian's Chromium (playwright-core; never a
// downloaded browser), opened from file:// with every other request blocked:
// any attempt fails the test. Screenshots go to build/screenshot-*.png.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const h = require('../wasm/helpers');

const CHROMIUM = process.env.METAPOOL_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'];
const SHOTS = path.join(h.root, 'build');

let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (err) {
  throw new Error('playwright-core is missing: run `make deps` (npm ci)');
}

let browser;
let context;
const blocked = [];      // requests that tried to leave file:// and data:
const pageErrors = [];   // uncaught exceptions in the page
const consoleErrors = [];

function pageUrl() {
  if (!fs.existsSync(h.distPath)) throw new Error(h.distPath + ' is missing; run `make dist`');
  return pathToFileURL(h.distPath).href;
}

async function openPage() {
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('blob:')) blocked.push('request ' + url);
  });
  page.on('websocket', (ws) => blocked.push('websocket ' + ws.url()));
  // Each test starts from the example, not from what an earlier test saved.
  await page.addInitScript(() => { try { localStorage.clear(); } catch (_) { /* no storage */ } });
  await page.goto(pageUrl());
  await page.waitForSelector('html[data-renders]', { timeout: 15000 });
  return page;
}

// Pastes `text` over the whole text area with a real Ctrl+V (through the
// clipboard) and waits for the results; returns the page's timings in ms
// from the paste event to the updated DOM (`dom`) and to the next frame
// after it (`painted`), plus the page's own analyze/render split.
async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.evaluate(() => {
    const ta = document.getElementById('data');
    ta.focus();
    ta.select();
    window.__pasted = new Promise((resolve) => {
      let start = null;
      ta.addEventListener('paste', () => { start = performance.now(); }, { once: true });
      window.addEventListener('metapool:rendered', (e) => {
        const dom = performance.now() - start;
        requestAnimationFrame(() => setTimeout(() => resolve({ ...e.detail, dom, painted: performance.now() - start }), 0));
      }, { once: true });
    });
  });
  await page.keyboard.press('Control+V');
  const timing = await page.evaluate(() => window.__pasted);
  assert.equal(await page.locator('#data').inputValue(), text, 'the paste landed in the text area');
  return timing;
}

// The shown text, with the page's non-breaking spaces as plain spaces.
const text = async (page, sel) => (await page.locator(sel).innerText()).replace(/\u00a0/g, ' ');

before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    serviceWorkers: 'block',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push('routed ' + url);
    return route.abort('blockedbyclient');
  });
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  if (browser) await browser.close();
});

test('the page is one file with a CSP that forbids connections', () => {
  const html = fs.readFileSync(h.distPath, 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
  assert.ok(csp, 'a CSP meta tag');
  assert.match(csp[1], /default-src 'none'/);
  assert.match(csp[1], /connect-src 'none'/);
  assert.doesNotMatch(csp[1], /'unsafe-eval'/, 'no eval');
  assert.doesNotMatch(html, /<script[^>]+src=/i, 'no external script');
  assert.doesNotMatch(html, /<link[^>]+rel="stylesheet"/i, 'no external style sheet');
  assert.doesNotMatch(html, /https?:\/\/(?!www\.w3\.org)/i, 'no http(s) URL other than XML namespaces');
});

test('opens with the BCG trials analysed, numbers as the native core gives them', async () => {
  const page = await openPage();
  const shown = await page.locator('#data').inputValue();
  const native = h.nativeAnalysis(shown, {});
  assert.equal(native.ok, true);
  assert.equal(native.k, 13);

  assert.equal(await text(page, '#summary'),
    'RR 0.49 (95% CI 0.34 to 0.70); 13 trials, 357,347 participants; I² = 92%');

  const f2 = (x) => x.toFixed(2);
  assert.equal(await text(page, '#random-estimate'), 'Risk ratio ' + f2(native.random.estimate));
  assert.equal(await text(page, '#random-ci'), `95% CI ${f2(native.random.ci_lower)} to ${f2(native.random.ci_upper)}`);
  assert.equal(await text(page, '#common-estimate'), 'Risk ratio ' + f2(native.common.estimate));
  assert.equal(await text(page, '#common-ci'), `95% CI ${f2(native.common.ci_lower)} to ${f2(native.common.ci_upper)}`);
  assert.match(await text(page, '#common-title'), /Mantel–Haenszel/);
  assert.match(await text(page, '#random-title'), /REML/);
  assert.equal(await text(page, '#het-i2'), 'I² = ' + native.heterogeneity.I2.toFixed(0) + '%');
  assert.match(await text(page, '#het-q'), new RegExp('^Q = ' + native.heterogeneity.Q.toFixed(2) + ', df = 12, p < 0\\.0001$'));
  assert.match(await text(page, '#random-pi'), new RegExp('Prediction interval ' + f2(native.random.pi_lower) + ' to ' + f2(native.random.pi_upper)));
  assert.match(await text(page, '#counts'), /^k = 13 trials analysed, 357,347 participants\.$/);

  // Against metafor as well, when the fixtures are there.
  const fx = h.loadFixtures();
  const bcg = fx && fx.cases.find((c) => c.name === 'dat.bcg RR only0');
  if (bcg) {
    assert.equal(await text(page, '#common-estimate'), 'Risk ratio ' + f2(Math.exp(bcg.common.MH.y)));
    assert.equal(await text(page, '#random-estimate'), 'Risk ratio ' + f2(Math.exp(bcg.random.REML.z.y)));
    assert.equal(await text(page, '#het-tau2').then((s) => s.slice(0, 10)), 'τ² = ' + bcg.random.REML.z.tau2.toPrecision(3));
  }

  // Per-study table and the core's forest plot.
  assert.equal(await page.locator('#studies tbody tr').count(), 13);
  assert.equal(await text(page, '#studies tbody tr:first-child td:nth-child(2)'), 'Aronson 1948');
  assert.equal(await page.locator('#forest svg').count(), 1);
  assert.match(await page.locator('#forest svg').textContent(), /Ferguson & Simes 1949/);
  assert.equal(await page.locator('#problems-box').isHidden(), true);

  // Each control shows its value and a one-line explanation.
  const explained = {
    measure: 'RR — Risk ratio: the risk of an event with the experimental treatment divided by the risk with control.',
    method: 'MH — Mantel–Haenszel: pools the 2×2 tables directly; dependable when events are few.',
    tau2: 'REML — Restricted maximum likelihood: the usual choice for the between-trial variance τ².',
    hksj: 'off — the random-effects interval uses the normal distribution; tick for the t-based interval recommended with few trials.',
    cc: '0.5 — added to each cell of the 2×2 table, only to trials with a zero cell, so that its ratio and variance exist.',
  };
  for (const [id, words] of Object.entries(explained)) {
    assert.equal(await text(page, '#explain-' + id), words, 'explanation for ' + id);
  }

  // The summary line copies to the clipboard as plain text.
  await page.click('#copy');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()),
    'RR 0.49 (95% CI 0.34 to 0.70); 13 trials, 357,347 participants; I² = 92%');

  await page.screenshot({ path: path.join(SHOTS, 'screenshot-bcg.png'), fullPage: true });
  await page.close();
});

// The controls are built from the module's option registry (web/options.js):
// the labels, lists, defaults and hints the page has always shown, word for word.
test('the option controls: labels, lists in order, defaults and hints', async () => {
  const page = await openPage();
  const controls = await page.evaluate(() => Array.from(document.querySelectorAll('[data-option]'), (c) => {
    const label = document.querySelector('label[for="' + c.id + '"]');
    return {
      key: c.dataset.option,
      label: label ? label.textContent.trim() : c.getAttribute('aria-label'),
      value: c.type === 'checkbox' ? c.checked : c.value,
      ...(c.tagName === 'SELECT' ? { list: Array.from(c.options, (o) => [o.value, o.textContent, o.defaultSelected]) } : {}),
      ...(c.placeholder ? { placeholder: c.placeholder } : {}),
    };
  }));
  assert.deepEqual(controls, [
    { key: 'preset', label: 'Compute as', value: '', list: [['', 'metapool defaults', true], ['metafor', 'metafor (R)', false],
      ['revman5', 'RevMan 5', false], ['revman-web', 'RevMan Web (2025 methods)', false], ['meta', 'meta (R)', false],
      ['stata', 'Stata', false]] },
    { key: 'measure', label: 'Effect measure', value: 'RR', list: [['RR', 'RR — risk ratio', true],
      ['OR', 'OR — odds ratio', false], ['RD', 'RD — risk difference', false]] },
    { key: 'method', label: 'Common-effect method', value: 'MH', list: [['MH', 'MH — Mantel–Haenszel', true],
      ['IV', 'IV — inverse variance', false], ['PETO', 'Peto', false]] },
    { key: 'tau2', label: 'τ² estimator', value: 'REML', list: [['REML', 'REML — restricted maximum likelihood', true],
      ['DL', 'DL — DerSimonian–Laird', false], ['PM', 'PM — Paule–Mandel', false], ['ML', 'ML — maximum likelihood', false],
      ['HE', 'HE — Hedges', false], ['SJ', 'SJ — Sidik–Jonkman', false], ['HS', 'HS — Hunter–Schmidt', false],
      ['EB', 'EB — empirical Bayes', false]] },
    { key: 'hksj', label: 'Hartung–Knapp–Sidik–Jonkman (HKSJ)', value: false },
    { key: 'cc', label: 'Continuity correction', value: '0.5' },
    { key: 'cc-to', label: 'Studies that get the continuity correction', value: 'only0', list: [
      ['only0', 'only studies with a zero cell', true], ['all', 'all studies', false],
      ['if0all', 'all studies, if any has a zero cell', false], ['none', 'no study', false]] },
    { key: 'control-risk', label: 'Assumed control risk', value: '', placeholder: 'pooled' },
    { key: 'leave-one-out', label: 'Leave one out: each study left out in turn', value: false },
    { key: 'cumulative', label: 'Cumulative: studies added one by one (by year when the table has a year column)', value: false },
  ]);
  assert.equal(await text(page, '#control-risk-hint'),
    'A proportion, e.g. 0.12 for 120 per 1,000; empty: the pooled risk of the control arms.');
  assert.equal(await text(page, '#explain-preset'),
    'metapool defaults — metafor’s conventions, with the prediction interval on t(k − 2) (Higgins, Thompson & Spiegelhalter 2009).');
  await page.close();
});

test('a bad row gets its message with its line; the other rows are analysed', async () => {
  const page = await openPage();
  const lines = h.BCG_CSV.split('\n');
  lines.splice(3, 0, 'Broken trial, 12, five, 3, 20');   // line 4
  const pasted = lines.join('\n');
  await paste(page, pasted);
  const native = h.nativeAnalysis(pasted, {});
  const problem = native.errors.find((e) => e.line === 4);
  assert.ok(problem, 'the core reports line 4');

  const items = await page.locator('#problems li').allInnerTexts();
  const item = items.find((s) => s.startsWith('line 4'));
  assert.ok(item, 'a problem listed for line 4: ' + JSON.stringify(items));
  assert.ok(item.includes(problem.message.replace(/^line \d+(, column \d+)?: /, '')), item);
  assert.equal((item.match(/line 4/g) || []).length, 1, 'the location is said once: ' + item);
  assert.ok(item.includes('Broken trial, 12, five, 3, 20'), 'the offending text is shown');
  assert.equal(await page.locator('#gutter div:nth-child(4)').getAttribute('class'), 'error');
  assert.match(await text(page, '#counts'), /^k = 13 trials analysed/);
  assert.match(await text(page, '#summary'), /^RR 0\.49 \(95% CI 0\.34 to 0\.70\); 13 trials/);
  assert.equal(await page.locator('#data').inputValue(), pasted, 'the text area is never rewritten');

  // Clicking the problem selects that line in the text area.
  await page.locator('#problems li button').first().click();
  const sel = await page.evaluate(() => {
    const ta = document.getElementById('data');
    return ta.value.slice(ta.selectionStart, ta.selectionEnd);
  });
  assert.equal(sel, 'Broken trial, 12, five, 3, 20');
  assert.equal(await page.locator('#data').inputValue(), pasted);

  await page.screenshot({ path: path.join(SHOTS, 'screenshot-bad-row.png'), fullPage: true });
  await page.close();
});

// What the page rebuilds on every analysis (the problems, notes and warnings
// lists, the absolute-effects panel, the explanations under the controls)
// keeps the nodes that stay the same (dom.js updateChildren): an edit that
// leaves them as they were does not rewrite them, and after any edit they
// are exactly what a page drawing them anew shows.
test('an edit keeps what did not change in the results and shows every change', async () => {
  const lines = h.BCG_CSV.split('\n');
  const withBad = (badLine, count) => {
    const l = lines.slice();
    l[9] = l[9].replace(/, (\d+)$/, ', ' + count);                 // line 10: its control total
    l.splice(badLine - 1, 0, 'Broken trial, 12, five, 3, 20');
    return l.join('\n');
  };
  const page = await openPage();
  const fresh = await openPage();
  // The parts as the page draws them anew for `pasted`.
  const drawn = async (p, pasted) => {
    await p.evaluate(() => { for (const id of ['problems', 'absolute-body', 'explain-measure']) document.getElementById(id).replaceChildren(); });
    await paste(p, pasted);
    return p.evaluate(() => ['problems', 'absolute-body', 'explain-measure'].map((id) => document.getElementById(id).innerHTML));
  };
  const parts = (p) => p.evaluate(() => ['problems', 'absolute-body', 'explain-measure'].map((id) => document.getElementById(id).innerHTML));
  const mark = () => page.evaluate(() => {
    document.querySelector('#problems li').__kept = true;
    document.getElementById('absolute-table').__kept = true;
    document.querySelector('#explain-measure strong').__kept = true;
  });
  const kept = () => page.evaluate(() => [document.querySelector('#problems li').__kept === true,
    document.getElementById('absolute-table').__kept === true, document.querySelector('#explain-measure strong').__kept === true]);

  const first = withBad(4, 1000);
  await paste(page, first);
  assert.deepEqual(await parts(page), await drawn(fresh, first));
  const before = await text(page, '#absolute-table');
  await mark();

  // Another count on line 10: the problem on line 4 and the controls stay, the absolute effects change.
  const second = withBad(4, 2000);
  await paste(page, second);
  assert.deepEqual(await kept(), [true, true, true], 'the same list item, table and explanation');
  assert.notEqual(await text(page, '#absolute-table'), before, 'the absolute effects changed');
  assert.deepEqual(await parts(page), await drawn(fresh, second));

  // The problem moves to line 6: its item is new, and its button selects line 6.
  const third = withBad(6, 2000);
  await paste(page, third);
  assert.deepEqual(await kept(), [false, true, true]);
  assert.deepEqual(await parts(page), await drawn(fresh, third));
  assert.deepEqual(await page.locator('#problems li').allInnerTexts(), await fresh.locator('#problems li').allInnerTexts());
  await page.locator('#problems li button').first().click();
  assert.equal(await page.evaluate(() => {
    const ta = document.getElementById('data');
    return ta.value.slice(ta.selectionStart, ta.selectionEnd);
  }), 'Broken trial, 12, five, 3, 20');
  assert.equal(await page.evaluate(() => document.getElementById('data').selectionStart), third.split('\n').slice(0, 5).join('\n').length + 1);
  await page.close();
  await fresh.close();
});

test('nothing pasted can inject markup or script', async () => {
  const page = await openPage();
  const evil = [
    'Study, e1, n1, e2, n2',
    '<img src=x onerror="window.__pwned=1">, 4, 40, 6, 41',
    '<script>window.__pwned=2</script>, 5, 50, 7, 52',
    '"<svg onload=window.__pwned=3>", 3, 30, 8, 33',
    '<b>bold</b>, 2, x, 3, 20',
  ].join('\n');
  await paste(page, evil);
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('main img, main script, #studies b, #problems b, #forest img, #forest script').count(), 0);
  const labels = await page.locator('#studies tbody td:nth-child(2)').allInnerTexts();
  assert.ok(labels.some((l) => l.includes('<img src=x')), 'labels are shown as text: ' + JSON.stringify(labels));
  await page.close();
});

test('the controls change the analysis (OR, DL, HKSJ, continuity correction)', async () => {
  const page = await openPage();
  const shown = await page.locator('#data').inputValue();
  const before = Number(await page.evaluate(() => document.documentElement.dataset.renders));
  const waitRender = async (n) => page.waitForFunction((k) => Number(document.documentElement.dataset.renders) >= k, n);
  await page.selectOption('#opt-measure', 'OR');
  await waitRender(before + 1);
  await page.selectOption('#opt-tau2', 'DL');
  await waitRender(before + 2);
  await page.check('#opt-hksj');
  await waitRender(before + 3);
  const options = { measure: 'OR', tau2: 'DL', hksj: true };
  const native = h.nativeAnalysis(shown, options);
  const f2 = (x) => x.toFixed(2);
  assert.equal(await text(page, '#random-estimate'), 'Odds ratio ' + f2(native.random.estimate));
  assert.equal(await text(page, '#random-ci'), `95% CI ${f2(native.random.ci_lower)} to ${f2(native.random.ci_upper)}`);
  assert.match(await text(page, '#random-title'), /DL, HKSJ/);
  assert.equal(await text(page, '#random-p'), `t = ${native.random.t.toFixed(2).replace('-', '−')} (df 12), p = ${native.random.p.toPrecision(2)}`);
  assert.match(await text(page, '#summary'), /^OR /);
  assert.match(await text(page, '#explain-measure'), /^OR — Odds ratio/);
  assert.match(await text(page, '#explain-hksj'), /^on — /);
  assert.equal(await text(page, '#th-estimate'), 'OR');

  // Peto and a continuity correction to all trials.
  await page.selectOption('#opt-method', 'PETO');
  await page.selectOption('#opt-cc-to', 'all');
  await page.fill('#opt-cc', '0.25');
  await page.waitForFunction(() => document.getElementById('explain-cc').textContent.startsWith('0.25'));
  await page.waitForTimeout(50);
  const native2 = h.nativeAnalysis(shown, { ...options, method: 'PETO', 'cc-to': 'all', cc: '0.25' });
  assert.equal(await text(page, '#common-estimate'), 'Odds ratio ' + f2(native2.common.estimate));
  assert.match(await text(page, '#common-title'), /Peto/);
  await page.screenshot({ path: path.join(SHOTS, 'screenshot-options.png'), fullPage: true });
  await page.close();
});

test('an unusable paste says why and keeps the text', async () => {
  const page = await openPage();
  await paste(page, 'nothing to see here\n');
  assert.equal(await page.locator('#status').isVisible(), true);
  const native = h.nativeAnalysis('nothing to see here\n');
  assert.equal(native.ok, false);
  assert.equal(await text(page, '#status'), native.error, 'the core\'s own reason');
  assert.equal(await page.getAttribute('#status', 'class'), 'status error');
  assert.equal(await page.locator('#cards').isHidden(), true);
  assert.equal(await page.locator('#data').inputValue(), 'nothing to see here\n');
  await page.close();
});

test('paste-to-results time for k = 10, 100 and 1,000 (printed, not asserted)', async () => {
  const page = await openPage();
  const rows = [];
  for (const k of [10, 100, 1000]) {
    const table = h.syntheticTable(k, k);
    await paste(page, h.syntheticTable(k, k + 1));  // warm-up with a different table
    const runs = [];
    for (let i = 0; i < 3; i++) {
      await paste(page, i % 2 ? h.syntheticTable(k, k + 1) : table);
      runs.push(await paste(page, table));
    }
    const best = runs.reduce((a, b) => (b.painted < a.painted ? b : a));
    assert.match(await text(page, '#counts'), new RegExp('^k = ' + k.toLocaleString('en-US') + ' trials'));
    rows.push({ k, ...best });
    if (k === 100) await page.screenshot({ path: path.join(SHOTS, 'screenshot-k100.png'), fullPage: true });
  }
  for (const r of rows) {
    console.log(`paste to results, k = ${String(r.k).padStart(4)}: ${r.dom.toFixed(1)} ms to updated DOM ` +
      `(input event to DOM ${r.total.toFixed(1)} ms: analyze ${r.analyze.toFixed(1)}, render ${r.render.toFixed(1)}), ` +
      `${r.painted.toFixed(1)} ms to the next frame`);
  }
  await page.close();
});

test('no request left the page, no error, no CSP violation', () => {
  assert.deepEqual(blocked, [], 'requests that were attempted');
  assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
  assert.deepEqual(consoleErrors, [], 'console errors (CSP violations show up here)');
});
