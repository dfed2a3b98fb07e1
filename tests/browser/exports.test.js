// "Take the result away" (web/exports.js), from file:// under the page's
// CSP: every export is one click and produces a file that opens - the SVG
// parses, the PNG decodes at 300 dpi (pixel size = plot size x 300/96), the
// CSVs hold the pooled and per-study numbers exactly, the text and Markdown
// summaries carry the result, and "Copy as R code" puts the module's metafor
// code on the clipboard; where R is installed that code is run and gives the
// page's numbers (skipped, with a message, without R).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { launch, paste } = require('./support');

let L;

before(async () => {
  L = await launch();
});

after(async () => {
  if (L) await L.browser.close();
});

// Clicks `button` and returns the downloaded file's name and bytes.
async function download(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const file = await d.path();
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(file) };
}

// A small CSV reader (quoted fields, doubled quotes, CRLF), enough to check
// that the files read back.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\n') { row.push(field.replace(/\r$/, '')); rows.push(row); row = []; field = ''; } else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const current = (page) => page.evaluate(() => window.metapool.page.current);

test('SVG and PNG of the forest plot open; the PNG is 300 dpi', async () => {
  const page = await L.open(await L.newContext());  // fresh storage: the page saves the table
  const cur = await current(page);

  const svg = await download(page, '#export-svg');
  assert.equal(svg.name, 'metapool-forest.svg');
  assert.equal(svg.bytes.toString('utf8'), cur.result.forest_svg);
  const parsed = await page.evaluate((t) => {
    const d = new DOMParser().parseFromString(t, 'image/svg+xml');
    return { root: d.documentElement.nodeName, errors: d.getElementsByTagName('parsererror').length,
      width: d.documentElement.getAttribute('width'), height: d.documentElement.getAttribute('height') };
  }, svg.bytes.toString('utf8'));
  assert.equal(parsed.root, 'svg');
  assert.equal(parsed.errors, 0);

  const png = await download(page, '#export-png');
  assert.equal(png.name, 'metapool-forest.png');
  const b = png.bytes;
  assert.deepEqual([...b.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  assert.equal(width, Math.round(Number(parsed.width) * 300 / 96));
  assert.equal(height, Math.round(Number(parsed.height) * 300 / 96));
  const phys = b.indexOf(Buffer.from('pHYs'));
  assert.ok(phys > 0, 'a pHYs chunk');
  assert.equal(b.readUInt32BE(phys + 4), 11811, '300 dpi = 11811 pixels per metre');
  assert.equal(b[phys + 12], 1);
  // The browser decodes it (createImageBitmap: no URL, so no CSP question)
  // and it is a drawing, not a blank canvas.
  const decoded = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = document.createElement('canvas');
    c.width = bmp.width;
    c.height = bmp.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(bmp, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] < 100 && px[i + 1] < 100 && px[i + 2] < 100) dark++;
    return { width: bmp.width, height: bmp.height, dark };
  }, b.toString('base64'));
  assert.equal(decoded.width, width);
  assert.equal(decoded.height, height);
  assert.ok(decoded.dark > 10000, 'text and lines were drawn: ' + decoded.dark + ' dark pixels');
  assert.match(await page.locator('#export-status').innerText(), /2813 × 1369 pixels, 300 dpi/);
  await page.close();
});

test('the studies and the pooled results as CSV hold the numbers', async () => {
  const page = await L.open(await L.newContext());  // fresh storage: the page saves the table
  await paste(page, 'Trial,e1,n1,e2,n2\n"Smith, J ""Jr"" 2001",4,123,11,139\n=cmd|x,6,306,29,303\nC,0,30,0,31\nD,3,231,11,220\n');
  const cur = await current(page);
  const r = cur.result;

  const studies = await download(page, '#export-studies-csv');
  assert.equal(studies.name, 'metapool-studies.csv');
  const text = studies.bytes.toString('utf8');
  assert.equal(text.charCodeAt(0), 0xfeff, 'a BOM for spreadsheets');
  const rows = parseCsv(text.slice(1));
  assert.deepEqual(rows[0].slice(0, 6), ['line', 'study', 'events_experimental', 'total_experimental', 'events_control', 'total_control']);
  assert.equal(rows.length, 1 + r.studies.length);
  const col = (name) => rows[0].indexOf(name);
  assert.equal(rows[1][col('study')], 'Smith, J "Jr" 2001');
  assert.equal(rows[2][col('study')], "'=cmd|x", 'a label that looks like a formula is kept as text');
  assert.equal(rows[3][col('included')], 'no');
  assert.match(rows[3][col('left_out_reason')], /double zero/);
  r.studies.forEach((s, i) => {
    if (!s.included) return;
    assert.equal(Number(rows[i + 1][col('RR')]), s.estimate);
    assert.equal(Number(rows[i + 1][col('log_RR')]), s.y);
    assert.equal(Number(rows[i + 1][col('weight_random_percent')]), s.weight_random);
  });

  const results = await download(page, '#export-results-csv');
  assert.equal(results.name, 'metapool-results.csv');
  const map = new Map(parseCsv(results.bytes.toString('utf8').slice(1)).slice(1).map(([k, v]) => [k, v]));
  assert.equal(map.get('measure'), 'RR');
  assert.equal(Number(map.get('k')), r.k);
  for (const [key, want] of [['common_estimate', r.common.estimate], ['common_ci_lower', r.common.ci_lower],
    ['random_estimate', r.random.estimate], ['random_ci_upper', r.random.ci_upper], ['Q', r.heterogeneity.Q],
    ['I2_percent', r.heterogeneity.I2], ['tau2', r.heterogeneity.tau2], ['random_p', r.random.p]]) {
    assert.equal(Number(map.get(key)), want, key);
  }
  await page.close();
});

test('summary as text and Markdown; after an option change they follow it', async () => {
  const page = await L.open(await L.newContext());  // fresh storage: the page saves the table
  const txt = await download(page, '#export-text');
  assert.equal(txt.name, 'metapool-summary.txt');
  const t = txt.bytes.toString('utf8');
  assert.match(t, /^In 13 trials \(357,347 participants\), the pooled risk ratio was 0\.49 \(95% CI 0\.34 to 0\.70; p < 0\.0001\) with random effects \(REML τ²\)\./);
  assert.match(t, /I² = 92%/);
  assert.match(t, /95% prediction interval 0\.13 to 1\.78/);
  assert.doesNotMatch(t, /\u00a0/);

  const md = await download(page, '#export-markdown');
  assert.equal(md.name, 'metapool-summary.md');
  const m = md.bytes.toString('utf8');
  assert.match(m, /^\*\*Risk ratio 0\.49\*\* \(95% CI 0\.34 to 0\.70; p < 0\.0001\)/);
  assert.match(m, /\n\| Model \| RR \| 95% CI \| p \|\n\|---\|---:\|---:\|---:\|\n\| Random effects \(REML\) \| 0\.49 \| 0\.34 to 0\.70 \| < 0\.0001 \|/);

  const before = await page.evaluate(() => Number(document.documentElement.dataset.renders));
  await page.selectOption('#opt-measure', 'OR');
  await page.waitForFunction((n) => Number(document.documentElement.dataset.renders) > n, before);
  const t2 = (await download(page, '#export-text')).bytes.toString('utf8');
  assert.match(t2, /the pooled odds ratio was/);
  const csv = (await download(page, '#export-results-csv')).bytes.toString('utf8');
  assert.match(csv, /\r\nmeasure,OR\r\n/);
  await page.close();
});

test('Copy as R code puts the metafor code on the clipboard; R reproduces the page', async (t) => {
  const page = await L.open(await L.newContext());  // fresh storage: the page saves the table
  await page.selectOption('#opt-tau2', 'DL');
  await page.check('#opt-hksj');
  await page.waitForFunction(() => window.metapool.page.current && window.metapool.page.current.options.hksj === true);
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.click('#export-r');
  await page.waitForFunction(() => /R code is on the clipboard/.test(document.getElementById('export-status').textContent));
  const code = await page.evaluate(() => navigator.clipboard.readText());
  const cur = await current(page);
  assert.equal(code, await page.evaluate((c) => window.metapool.module.r_code(c.text, c.options), cur));
  assert.match(code, /^# metafor code/);
  assert.match(code, /rma\.mh\(measure = "RR"/);
  assert.match(code, /method = "DL", test = "knha"/);
  assert.match(code, /"Aronson 1948"/);
  await page.close();
  L.assertClean();

  const r = spawnSync('sh', ['-c', 'command -v Rscript'], { encoding: 'utf8' });
  if (r.status !== 0) {
    t.skip('Rscript is not installed: the copied R code is not run (tests/core/test_r_code.cpp checks it where R is)');
    return;
  }
  const file = path.join(os.tmpdir(), 'metapool-page-' + process.pid + '.R');
  fs.writeFileSync(file, code + '\ncat(sprintf("NUMBER %s %.17g\\n", names(numbers), numbers), sep = "")\n');
  const out = spawnSync('Rscript', ['--vanilla', file], { encoding: 'utf8', timeout: 60000 });
  fs.unlinkSync(file);
  if (/there is no package called .metafor./.test(out.stderr)) {
    t.skip('R has no metafor: the copied R code is not run');
    return;
  }
  assert.equal(out.status, 0, out.stderr);
  const got = Object.fromEntries(out.stdout.split('\n').filter((l) => l.startsWith('NUMBER ')).map((l) => {
    const [, k, v] = l.split(' ');
    return [k, Number(v)];
  }));
  const res = cur.result;
  for (const [k, want] of [['common', res.common.estimate], ['random', res.random.estimate],
    ['random.lb', res.random.ci_lower], ['random.ub', res.random.ci_upper], ['pi.lb', res.random.pi_lower],
    ['tau2', res.heterogeneity.tau2], ['Q', res.heterogeneity.Q], ['I2', res.heterogeneity.I2]]) {
    assert.ok(Math.abs(got[k] - want) <= 1e-6 * Math.abs(want), k + ': R ' + got[k] + ', page ' + want);
  }
});
