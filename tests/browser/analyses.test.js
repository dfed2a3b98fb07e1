// The other analyses in the page: presets (the selector sets the controls, the result
// names its conventions, the comparison panel shows every tool side by side),
// small-study effects, leave-one-out and cumulative tables and plots, absolute
// effects for an entered control risk, subgroups with the test for subgroup
// differences, and reported-effect rows. Every number shown is checked against
// the committed metafor fixtures, the native CLI's JSON or the module's
// compare_presets(); axe finds no violation with the panels open (light and
// dark, desktop and phone), and screenshots of the panels go to build/:
// screenshot-analyses-desktop.png, screenshot-analyses-phone-360.png,
// screenshot-compare.png, screenshot-small-study.png,
// screenshot-sensitivity.png, screenshot-absolute.png,
// screenshot-subgroups.png.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { launch, paste, h, axe, rendersAfter } = require('./support');

const SHOTS = path.join(h.root, 'build');
const fixtures = (name) => JSON.parse(fs.readFileSync(path.join(h.root, 'tests', 'fixtures', name), 'utf8'));
const presetFixtures = fixtures('preset_reference.json');
const subgroupFixtures = fixtures('subgroup_reference.json');

let L;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  L = await launch();
});

after(async () => {
  if (L) await L.browser.close();
});

// A new browser context starts with empty storage: nothing saved, the
// example shown. (No init script clearing localStorage: it runs again on a
// reload, and when its sessionStorage guard was not yet seen there, about one
// run in fifteen under load, it wiped the state a test had just saved.)
async function openClean(options = {}) {
  const context = await L.newContext(options);
  const page = await L.open(context);
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'a fresh context has no saved state');
  return { context, page };
}

async function openPanel(page, id) {
  if (!(await page.evaluate((x) => document.getElementById(x).open, id))) await page.click('#' + id + ' > summary');
}

const close = (a, b, rel = 1e-9) => h.relClose(a, b, rel, 1e-12);
const num = (s) => (s === undefined || s === null ? NaN : Number(s));
// The data-value of the cells of a table row, by column.
const rowValues = (page, selector) => page.$$eval(selector + ' td', (tds) => tds.map((td) => td.dataset.value));
const text = (page, selector) => page.locator(selector).textContent();

const BCG_REVMAN5 = presetFixtures.cases.find((c) => c.name === 'dat.bcg RR revman5');

test('preset RevMan 5: the controls follow, the cards show RevMan 5\'s DL tau2, the result names the preset', async () => {
  const { context, page } = await openClean();
  await rendersAfter(page, () => page.selectOption('#opt-preset', 'revman5'));
  assert.equal(await page.inputValue('#opt-tau2'), 'DL');
  assert.equal(await page.isChecked('#opt-hksj'), false);
  const r = await page.evaluate(() => window.metapool.page.current.result);
  assert.equal(r.preset, 'revman5');
  assert.equal(r.preset_unchanged, true);
  assert.ok(close(r.heterogeneity.tau2, BCG_REVMAN5.random.tau2, 1e-6));
  assert.match(await text(page, '#het-tau2'), /^τ² = 0\.309 /);
  assert.equal(await text(page, '#random-estimate'), 'Risk ratio ' + Math.exp(BCG_REVMAN5.random.y).toFixed(2));
  assert.match(await text(page, '#conventions-line'), /^Computed as RevMan 5 \(preset revman5\): τ² DL, Wald interval, I² from Q, prediction interval none, correction inside the MH sums, DL Q around the MH estimate\.$/);
  assert.equal(await text(page, '#random-pi'), 'Prediction interval — (needs 3 or more trials)', 'RevMan 5 gives none');

  // RevMan Web sets REML and HKSJ; a control changed afterwards is reported.
  await rendersAfter(page, () => page.selectOption('#opt-preset', 'revman-web'));
  assert.equal(await page.inputValue('#opt-tau2'), 'REML');
  assert.equal(await page.isChecked('#opt-hksj'), true);
  await rendersAfter(page, () => page.selectOption('#opt-tau2', 'PM'));
  assert.match(await text(page, '#conventions-line'), /^Computed as RevMan Web \(preset revman-web\), with options changed after choosing it: τ² PM, HKSJ, I² from τ²/);

  // The text summary says so too.
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('#export-text')]);
  assert.match(fs.readFileSync(await d.path(), 'utf8'), /Computed with metapool [^ ]+ as revman-web computes it \(preset, with options changed after it\)\.\n$/);

  // Saved with the page: a reload keeps the preset and the changed control.
  await page.waitForFunction(() => /"preset":"revman-web".*"tau2":"PM"/.test(localStorage.getItem('metapool.state.v1') || ''));
  await page.reload();
  await L.ready(page);
  assert.equal(await page.inputValue('#opt-preset'), 'revman-web');
  assert.equal(await page.inputValue('#opt-tau2'), 'PM', 'restoring the state does not reapply the preset over a changed control');
  const again = await page.evaluate(() => window.metapool.page.current.result);
  assert.equal(again.preset, 'revman-web');
  assert.equal(again.preset_unchanged, false);

  // Back to the defaults: the controls' defaults.
  await rendersAfter(page, () => page.selectOption('#opt-preset', ''));
  assert.equal(await page.inputValue('#opt-tau2'), 'REML');
  assert.equal(await page.isChecked('#opt-hksj'), false);
  assert.match(await text(page, '#conventions-line'), /^Computed with metapool’s defaults/);
  await context.close();
});

test('share link with a preset and an overridden control opens as written', async () => {
  const context = await L.newContext();
  const page = await L.open(context, require('./support').pageUrl(require('./support').jLink(h.BCG_CSV, { preset: 'revman5', tau2: 'REML' })));
  assert.equal(await page.inputValue('#opt-preset'), 'revman5');
  assert.equal(await page.inputValue('#opt-tau2'), 'REML');
  const r = await page.evaluate(() => window.metapool.page.current.result);
  assert.equal(r.preset, 'revman5');
  assert.equal(r.random.tau2_method, 'REML');
  assert.equal(r.preset_unchanged, false);
  const native = h.nativeAnalysis(h.BCG_CSV, { preset: 'revman5', tau2: 'REML' });
  assert.ok(close(r.random.estimate, native.random.estimate, 1e-12));
  await context.close();
});

test('compare panel: every preset\'s numbers are compare_presets()\'s, RevMan 5\'s tau2 the fixture\'s, differing conventions spelled out', async () => {
  const { context, page } = await openClean();
  const m = await h.loadModule();
  const expected = m.compare_presets(h.BCG_CSV.replace(/^/, ''), { measure: 'RR', method: 'MH' });
  await paste(page, h.BCG_CSV);
  await openPanel(page, 'compare-panel');
  await page.waitForSelector('#compare-results');
  const headers = await page.$$eval('#compare-results thead th', (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(headers, ['Statistic', 'This page', 'metafor', 'RevMan 5', 'RevMan Web', 'meta (R)', 'Stata']);
  const rows = await page.$$eval('#compare-results tbody tr', (trs) => trs.map((tr) => ({
    name: tr.querySelector('th').textContent,
    values: Array.from(tr.querySelectorAll('td'), (td) => td.dataset.value),
    texts: Array.from(tr.querySelectorAll('td'), (td) => td.textContent),
  })));
  const row = (name) => rows.find((x) => x.name === name);
  const pick = { 'Common effect (CI)': (p) => p.common.estimate, 'Random effects (CI)': (p) => p.random.estimate,
    'Random-effects p': (p) => p.random.p, 'τ²': (p) => p.heterogeneity.tau2, 'I²': (p) => p.heterogeneity.I2,
    Q: (p) => p.heterogeneity.Q };
  for (const [name, get] of Object.entries(pick)) {
    expected.presets.forEach((p, i) => {
      assert.ok(close(num(row(name).values[i + 1]), get(p), 1e-12), name + ' ' + p.preset + ': ' + row(name).values[i + 1] + ' vs ' + get(p));
    });
  }
  // RevMan 5: DL tau2 from the MH-centred Q, 0.3095 (metafor fixture), no prediction interval.
  const revman = headers.indexOf('RevMan 5') - 1;
  assert.ok(close(num(row('τ²').values[revman]), BCG_REVMAN5.random.tau2, 1e-6));
  assert.equal(row('τ²').texts[revman], '0.3095');
  assert.equal(row('Prediction interval').texts[revman], 'none');
  assert.equal(row('Random effects (CI)').texts[revman].split(' ')[0], Math.exp(BCG_REVMAN5.random.y).toFixed(3));
  // "This page" is the analysis above.
  const r = await page.evaluate(() => window.metapool.page.current.result);
  assert.ok(close(num(row('Random effects (CI)').values[0]), r.random.estimate, 1e-15));
  // The conventions that differ, with RevMan 5's spelled out.
  const conv = await page.$$eval('#compare-conventions tbody tr', (trs) => trs.map((tr) => [tr.querySelector('th').textContent,
    ...Array.from(tr.querySelectorAll('td'), (td) => td.textContent + (td.classList.contains('differs') ? '*' : ''))]));
  const c = (name) => conv.find((x) => x[0] === name);
  assert.deepEqual(c('τ² estimator'), ['τ² estimator', 'REML', 'REML', 'DL*', 'REML', 'REML', 'REML']);
  assert.deepEqual(c('Correction inside the MH sums'), ['Correction inside the MH sums', 'no', 'no', 'yes*', 'yes*', 'yes*', 'no']);
  assert.deepEqual(c('Prediction interval'), ['Prediction interval', 't, k − 2 df', 'normal (t, k − 1 with HKSJ)*', 'none*',
    't, k − 1 df*', 't, k − 1 df*', 't, k − 2 df']);
  assert.equal(c('Continuity correction'), undefined, 'a convention every tool shares is not listed');

  // Another measure: the panel follows the analysis.
  await rendersAfter(page, () => page.selectOption('#opt-measure', 'OR'));
  await page.waitForFunction(() => /OR/.test(document.querySelector('#compare-results caption').textContent));
  const or = m.compare_presets(h.BCG_CSV, { measure: 'OR', method: 'MH' });
  const tau2 = await page.$$eval('#compare-results tbody tr', (trs) => Array.from(trs.find((tr) => tr.querySelector('th').textContent === 'τ²')
    .querySelectorAll('td'), (td) => td.dataset.value));
  or.presets.forEach((p, i) => assert.ok(close(num(tau2[i + 1]), p.heterogeneity.tau2, 1e-12), 'OR ' + p.preset));
  await axe(page, 'compare panel open');
  await page.locator('.compare').screenshot({ path: path.join(SHOTS, 'screenshot-compare.png') });
  await context.close();
});

test('the comparison is computed only while its panel is open', async () => {
  const { context, page } = await openClean();
  await paste(page, h.BCG_CSV);
  await paste(page, h.BCG_TSV);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.compareRenders), undefined);
  await openPanel(page, 'compare-panel');
  await page.waitForSelector('#compare-results');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.compareRenders), '1');
  await context.close();
});

test('small-study panel: funnel plot, the tests and trim-and-fill are the CLI\'s; the k < 10 warning', async () => {
  const { context, page } = await openClean();
  await rendersAfter(page, () => page.selectOption('#opt-measure', 'OR'));
  // Closed, the panel costs nothing: the page asks for no small-study tests.
  assert.equal(await page.evaluate(() => window.metapool.page.current.result.small_study), undefined);
  await openPanel(page, 'small-study-panel');
  await page.waitForSelector('#small-study-tests');
  const native = h.nativeAnalysis(h.BCG_CSV.replace('Trial, BCG TB, BCG total, Control TB, Control total\n', ''), { measure: 'OR' });
  const page0 = await page.evaluate(() => window.metapool.page.current.result);
  assert.ok(close(page0.small_study.egger.p, native.small_study.egger.p, 1e-12));
  for (const [id, key] of [['egger', 'egger'], ['egger-rma', 'egger_rma'], ['peters', 'peters'], ['harbord', 'harbord'], ['begg', 'begg']]) {
    const v = await rowValues(page, '#test-' + id);
    assert.ok(close(num(v[1]), native.small_study[key].p, 1e-9), id + ' p ' + v[1] + ' vs ' + native.small_study[key].p);
  }
  const eggerP = native.small_study.egger.p;
  assert.equal((await page.$$eval('#test-egger td', (tds) => tds[1].textContent)), eggerP.toPrecision(2));
  const tf = native.small_study.trim_and_fill;
  assert.ok(close(num(await page.getAttribute('#trim-and-fill', 'data-value')), tf.estimate, 1e-9));
  assert.match(await text(page, '#trim-and-fill'), new RegExp('^Trim-and-fill \\(L0\\): ' + tf.k0 + ' stud(y|ies) filled' +
    (tf.k0 > 0 ? ' on the ' + tf.side : '') + '; adjusted OR ' + tf.estimate.toFixed(2).replace('.', '\\.')));
  // The funnel plot is the core's SVG, as an SVG element.
  assert.equal(await page.locator('#small-study-body .funnel-plot svg').count(), 1);
  const funnel = await page.evaluate(() => {
    const shown = document.querySelector('#small-study-body svg');
    const core = new DOMParser().parseFromString(window.metapool.page.current.result.funnel_svg, 'image/svg+xml').documentElement;
    const names = (svg) => Array.from(svg.querySelectorAll('*'), (e) => e.localName).join(' ');
    return { shown: [names(shown), shown.textContent], core: [names(core), core.textContent] };
  });
  assert.deepEqual(funnel.shown, funnel.core, 'the shown funnel plot is the core\'s SVG, element for element and text for text');
  // Fewer than 10 studies: the core's warning, in the panel.
  await paste(page, h.BCG_CSV.split('\n').slice(0, 7).join('\n') + '\n');
  await page.waitForSelector('#small-study-body .small-k');
  assert.match(await text(page, '#small-study-body .small-k'), /low power with fewer than 10 studies/);
  await axe(page, 'small-study panel open');
  await page.locator('.small-study').screenshot({ path: path.join(SHOTS, 'screenshot-small-study.png') });
  await context.close();
});

test('sensitivity panel: leave-one-out and cumulative (by year) rows are the CLI\'s, with their plots', async () => {
  const { context, page } = await openClean();
  const table = subgroupFixtures.cases[0].table;  // BCG with group and year columns
  await paste(page, table);
  await openPanel(page, 'sensitivity-panel');
  await rendersAfter(page, () => page.check('#opt-leave-one-out'));
  await rendersAfter(page, () => page.check('#opt-cumulative'));
  await page.waitForSelector('#cumulative-table');
  const native = h.nativeAnalysis(table, { 'leave-one-out': true, cumulative: true });
  for (const [id, steps] of [['leave-one-out-table', native.leave_one_out], ['cumulative-table', native.cumulative]]) {
    const rows = await page.$$eval('#' + id + ' tbody tr', (trs) => trs.map((tr) => ({
      label: tr.querySelector('th').textContent, values: Array.from(tr.querySelectorAll('td'), (td) => td.dataset.value),
    })));
    assert.deepEqual(rows.map((r) => r.label), steps.map((s) => s.label), id + ' labels in the CLI\'s order');
    rows.forEach((r, i) => {
      // Columns: year, k, random (CI), p, tau2, I2, common (CI).
      assert.equal(num(r.values[1]), steps[i].k, id + ' k');
      assert.ok(close(num(r.values[2]), steps[i].random_estimate, 1e-9), id + ' random ' + i);
      assert.ok(close(num(r.values[4]), steps[i].tau2, 1e-9) || (steps[i].tau2 === 0 && num(r.values[4]) === 0), id + ' tau2 ' + i);
      assert.ok(close(num(r.values[6]), steps[i].common_estimate, 1e-9), id + ' common ' + i);
    });
  }
  // Cumulative follows the year column.
  const years = native.cumulative.map((s) => s.year);
  assert.deepEqual(years, [...years].sort((a, b) => a - b));
  assert.match(await text(page, '#sensitivity-body'), /Cumulative, by year/);
  // The plots, as the module returns them.
  assert.equal(await page.locator('#sensitivity-body .sensitivity-plot svg').count(), 2);
  await axe(page, 'sensitivity panel open');
  await page.locator('.sensitivity').screenshot({ path: path.join(SHOTS, 'screenshot-sensitivity.png') });
  // Saved: a reload keeps the boxes ticked and opens the panel.
  await page.waitForFunction(() => /"leave-one-out":true,"cumulative":true/.test(localStorage.getItem('metapool.state.v1') || ''));
  await page.reload();
  await L.ready(page);
  assert.equal(await page.isChecked('#opt-leave-one-out'), true);
  assert.equal(await page.evaluate(() => document.getElementById('sensitivity-panel').open), true);
  await page.waitForSelector('#leave-one-out-table');
  await context.close();
});

test('absolute effects for an entered control risk are the CLI\'s --control-risk, worded as a GRADE row', async () => {
  const { context, page } = await openClean();
  await paste(page, h.BCG_CSV);
  // Default: the pooled control arms.
  const pooled = h.nativeAnalysis(h.BCG_CSV, {});
  assert.equal(await text(page, '#absolute-body .absolute-control'),
    'Risk with control: ' + (1000 * pooled.absolute.control_risk).toFixed(1) + ' per 1,000 (pooled control arms).');
  await rendersAfter(page, () => page.fill('#opt-control-risk', '0.1'));
  const native = h.nativeAnalysis(h.BCG_CSV, { 'control-risk': '0.1' });
  assert.equal(native.absolute.control_risk, 0.1);
  const r = native.absolute.random;
  // Rows: relative effect, risk with intervention, difference, NNT; a column per model.
  const v = await page.$$eval('#absolute-table td[data-model="random"]', (tds) => tds.map((t) => t.dataset.value));
  assert.ok(close(num(v[0]), native.random.estimate, 1e-9));
  assert.ok(close(num(v[1]), r.risk_per_1000, 1e-9));
  assert.ok(close(num(v[2]), r.difference_per_1000, 1e-9));
  assert.ok(close(num(v[3]), r.nnt, 1e-9));
  const cells = await page.$$eval('#absolute-table td[data-model="random"]', (tds) => tds.map((t) => t.textContent));
  const f1 = (x) => x.toFixed(1);
  assert.equal(cells[1], f1(r.risk_per_1000) + ' (' + f1(r.risk_per_1000_lower) + ' to ' + f1(r.risk_per_1000_upper) + ')');
  assert.equal(cells[2], f1(-r.difference_per_1000) + ' fewer (' + f1(-r.difference_per_1000_lower) + ' fewer to ' +
    f1(-r.difference_per_1000_upper) + ' fewer)');
  // Rounded up to whole people (Cochrane Handbook 15.4.4).
  const up = (x) => String(Math.ceil(Math.abs(x) - 1e-9));
  assert.equal(cells[3], 'NNT ' + up(r.nnt) + ' (' + up(r.nnt_lower) + ' to ' + up(r.nnt_upper) + ')');
  assert.match(await text(page, '#absolute-body .absolute-sentence'), new RegExp('^Per 1,000 people: 100\\.0 with control, ' +
    f1(r.risk_per_1000).replace('.', '\\.') + ' '));
  const c = native.absolute.common;
  const vc = await page.$$eval('#absolute-table td[data-model="common"]', (tds) => tds.map((t) => t.dataset.value));
  assert.ok(close(num(vc[1]), c.risk_per_1000, 1e-9));
  // A CI through no effect: Altman's NNTB ... to ∞ to NNTH ....
  const text2 = 'Study,e1,n1,e2,n2\nA,10,100,12,100\nB,15,100,13,100\nC,8,90,9,95\n';
  await paste(page, text2);
  const n2 = h.nativeAnalysis(text2, { 'control-risk': '0.1' }).absolute.random;
  assert.equal(n2.nnt_ci_crosses_infinity, true);
  const cell2 = await page.$$eval('#absolute-table td[data-model="random"]', (tds) => tds[3].textContent);
  assert.match(cell2, new RegExp('\\(NNTB ' + up(n2.nnt_upper) + ' to ∞ to NNTH ' + up(n2.nnt_lower) + '\\)$'));
  // Not a proportion: said, and the pooled risk used.
  await rendersAfter(page, () => page.fill('#opt-control-risk', '12%'));
  assert.match(await text(page, '#absolute-body .warn'), /“12%” is not a risk between 0 and 1/);
  assert.match(await text(page, '#absolute-body .absolute-control'), /pooled control arms/);
  await page.fill('#opt-control-risk', '0.1');
  await paste(page, h.BCG_CSV);
  await page.locator('#absolute').screenshot({ path: path.join(SHOTS, 'screenshot-absolute.png') });
  await context.close();
});

test('subgroups: the per-subgroup table and the test for subgroup differences equal the metafor fixture', async () => {
  const { context, page } = await openClean();
  for (const f of subgroupFixtures.cases.filter((x) => x.method === 'MH' && x.tau2 === 'REML' && !x.hksj).slice(0, 2)) {
    await rendersAfter(page, () => page.selectOption('#opt-measure', f.measure));
    await paste(page, f.table);
    assert.equal(await page.locator('#subgroups').isVisible(), true);
    const names = await page.$$eval('#subgroups-table tbody th', (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(names, f.subgroups.map((g) => g.name), f.name);
    for (const model of ['common', 'random']) {
      const v = await rowValues(page, '#subgroup-test tr[data-model="' + model + '"]');
      const t = f.test[model];
      assert.ok(close(num(v[0]), t.Q, 1e-6), f.name + ' ' + model + ' Q ' + v[0] + ' vs ' + t.Q);
      assert.equal(num(v[1]), t.df);
      assert.ok(close(num(v[2]), t.p, 1e-6), f.name + ' ' + model + ' p');
    }
    const rows = await page.$$eval('#subgroups-table tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.dataset.value)));
    rows.forEach((v, i) => {
      const g = f.subgroups[i];
      const est = (y) => (f.measure === 'RD' ? y : Math.exp(y));
      assert.equal(num(v[0]), g.k);
      assert.ok(close(num(v[1]), est(g.common.y), 1e-6), f.name + ' ' + g.name + ' common');
      assert.ok(close(num(v[2]), est(g.random.y), 1e-6), f.name + ' ' + g.name + ' random');
    });
  }
  const [shownP, pValue] = await page.$$eval('#subgroup-test tr[data-model="common"] td', (tds) => [tds[2].textContent, tds[2].dataset.value]);
  const p = num(pValue);
  assert.equal(shownP, p < 0.0001 ? '< 0.0001' : p >= 0.9995 ? '1.00' : p.toPrecision(2));
  await axe(page, 'subgroups shown');
  await page.locator('#subgroups').screenshot({ path: path.join(SHOTS, 'screenshot-subgroups.png') });
  // No group column: no subgroups section.
  await paste(page, h.BCG_CSV);
  assert.equal(await page.locator('#subgroups').isVisible(), false);
  await context.close();
});

test('a reported-effect row is shown with its effect, no counts, and counted in k', async () => {
  const { context, page } = await openClean();
  const lines = h.BCG_CSV.split('\n');
  lines[2] = 'Ferguson & Simes 1949, RR 0.20 (0.13 to 0.33)';
  const table = lines.join('\n');
  await rendersAfter(page, () => page.selectOption('#opt-method', 'IV'));
  await paste(page, table);
  const native = h.nativeAnalysis(table, { method: 'IV' });
  assert.equal(native.k, 13);
  assert.equal(native.studies[1].e1, null);
  const row = await page.$$eval('#studies tbody tr', (trs) => Array.from(trs[1].querySelectorAll('td'), (td) => td.textContent));
  assert.deepEqual(row.slice(0, 3), ['3', 'Ferguson & Simes 1949', 'reported: RR 0.20 (0.13 to 0.33)']);
  assert.equal(row[3], native.studies[1].estimate.toFixed(2));
  assert.match(await text(page, '#counts'), /^k = 13 trials analysed, /);
  assert.equal(await text(page, '#counts'), 'k = 13 trials analysed, ' + native.total_participants.toLocaleString('en-US') + ' participants.');
  const r = await page.evaluate(() => window.metapool.page.current.result);
  assert.ok(close(r.random.estimate, native.random.estimate, 1e-12));
  // The studies CSV: no counts for it, the effect as typed.
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('#export-studies-csv')]);
  const csvLines = fs.readFileSync(await d.path(), 'utf8').replace(/^\ufeff/, '').split('\r\n');
  const head = csvLines[0].split(',');
  const ferguson = csvLines[2].split(',');
  assert.equal(head[head.length - 1], 'reported_effect');
  assert.equal(ferguson[1], 'Ferguson & Simes 1949');
  assert.deepEqual(ferguson.slice(2, 6), ['', '', '', '']);
  assert.equal(ferguson[ferguson.length - 1], 'RR 0.20 (0.13 to 0.33)');
  // Under Mantel-Haenszel the core refuses it and the page says why.
  await rendersAfter(page, () => page.selectOption('#opt-method', 'MH'));
  const after = await page.evaluate(() => window.metapool.page.current.result);
  const shown = (await text(page, '#status')) + ' ' + (await text(page, '#problems-box')) + ' ' + (await text(page, '#warnings'));
  assert.ok(shown.includes(after.ok ? (after.errors[0] || {}).message || after.warnings[0] : after.error), 'the reason is on the page');
  await context.close();
});

test('axe with every panel open (light, dark, phone); screenshots at desktop and 360 px; no sideways scrolling', async () => {
  for (const [scheme, viewport, shot] of [
    ['light', { width: 1280, height: 900 }, 'screenshot-analyses-desktop.png'],
    ['dark', { width: 1280, height: 900 }, null],
    ['light', { width: 360, height: 740 }, 'screenshot-analyses-phone-360.png'],
    ['dark', { width: 360, height: 740 }, 'screenshot-analyses-dark-phone-360.png'],
  ]) {
    const { context, page } = await openClean({ colorScheme: scheme, viewport });
    await paste(page, subgroupFixtures.cases[0].table);
    await page.fill('#opt-control-risk', '0.05');
    for (const id of ['compare-panel', 'small-study-panel', 'sensitivity-panel']) await openPanel(page, id);
    await rendersAfter(page, () => page.check('#opt-leave-one-out'));
    await rendersAfter(page, () => page.check('#opt-cumulative'));
    // The comparison, or the reason it is missing (so that a failure says why).
    await page.waitForSelector('#compare-results, #compare-body .error').catch(async (err) => {
      const state = await page.evaluate(() => ({ open: document.getElementById('compare-panel').open,
        body: document.getElementById('compare-body').textContent.slice(0, 200), renders: document.documentElement.dataset.renders }));
      throw new Error(scheme + ' ' + viewport.width + ' px: no comparison: ' + JSON.stringify(state) + ' (' + err.message + ')');
    });
    assert.ok(await page.$('#compare-results'), scheme + ' ' + viewport.width + ' px: ' + (await text(page, '#compare-body')));
    await page.waitForSelector('#cumulative-table');
    await axe(page, scheme + ' ' + viewport.width + ' px, panels open');
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, viewport.width + ' px: the page is ' + scroll + ' px wide');
    if (shot) await page.screenshot({ path: path.join(SHOTS, shot), fullPage: true });
    await context.close();
  }
  L.assertClean();
});

test('keyboard: the preset, control risk, panels and check boxes are reached and operated', async () => {
  const { context, page } = await openClean();
  await page.focus('#opt-preset');
  await rendersAfter(page, () => page.keyboard.press('ArrowDown'));
  assert.equal(await page.inputValue('#opt-preset'), 'metafor');
  assert.equal(await page.evaluate(() => window.metapool.page.current.result.preset), 'metafor');
  await page.focus('#small-study-panel > summary');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#small-study-tests');
  await page.focus('#sensitivity-panel > summary');
  await page.keyboard.press('Enter');
  await page.focus('#opt-leave-one-out');
  await rendersAfter(page, () => page.keyboard.press('Space'));
  await page.waitForSelector('#leave-one-out-table');
  const focusVisible = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  });
  assert.equal(focusVisible, true);
  await context.close();
  L.assertClean();
});

test('hostile labels and subgroup names stay text in the new panels', async () => {
  const { context, page } = await openClean();
  const HOSTILE = ['<img src=x onerror=alert(1)>', '</svg><script>alert(1)</script>', '"><svg onload=alert(1)>'];
  const table = 'study,group,year,e1,n1,e2,n2\n' + h.BCG_ROWS.map((r, i) => {
    const label = i < 3 ? HOSTILE[i] : r[0];
    const group = HOSTILE[i % 3];
    return ['"' + label.replace(/"/g, '""') + '"', '"' + group.replace(/"/g, '""') + '"', 1950 + i, ...r.slice(1)].join(',');
  }).join('\n') + '\n';
  await paste(page, table);
  for (const id of ['compare-panel', 'small-study-panel', 'sensitivity-panel']) await openPanel(page, id);
  await rendersAfter(page, () => page.check('#opt-leave-one-out'));
  await rendersAfter(page, () => page.check('#opt-cumulative'));
  await page.waitForSelector('#cumulative-table');
  const names = await page.$$eval('#subgroups-table tbody th', (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(names, HOSTILE);
  const loo = await page.$$eval('#leave-one-out-table tbody th', (ths) => ths.slice(0, 3).map((t) => t.textContent));
  assert.deepEqual(loo, HOSTILE);
  // No element made from a label: no img, no script, no svg with onload, anywhere in the panels.
  const injected = await page.evaluate(() => ['#subgroups', '.compare', '.small-study', '.sensitivity', '#absolute']
    .map((s) => document.querySelector(s).querySelectorAll('img, script, [onload], [onerror]').length));
  assert.deepEqual(injected, [0, 0, 0, 0, 0]);
  await context.close();
  L.assertClean();
});
