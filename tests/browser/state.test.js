// Never lose the table, and links that open an analysis:
// the pasted text and options survive a reload, "Reset to example" asks and
// can be undone, the share link carries any label to another browser profile
// and back, a link wins over the saved table (and says so), read-only links
// hide the editing controls.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const s = require('./support');

let b;

before(async () => {
  b = await s.launch();
});

after(async () => {
  if (b) await b.browser.close();
});

const OWN = 'Study\tEvents E\tTotal E\tEvents C\tTotal C\nSmith 2001\t12\t100\t20\t98\nJones 2003\t5\t50\t9\t51\n' +
  'Lee 2004\t30\t300\t41\t310\n';

// Labels of every kind: scripts and directions, emoji sequences, combining
// marks, no-break spaces, quotes and separators, URL syntax, markup.
const UNICODE_LABELS = [
  '😷 Trial 👩🏽‍⚕️ 🇳🇿',
  'تجربة القاهرة ٢٠٢١',
  '试验 北京 2019',
  'Zoë Müller (e\u0301 vs é)',
  'Ørsted\u00a0&\u202fÅberg',
  'Smith, J "Jr" 2001',
  'a#b&c=d?e/f%20g+h\\i',
  '<img src=x onerror=alert(1)>',
  '</svg><script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '\u202eevil\u202c right-to-left override',
  'L'.repeat(2000),
];
const UNICODE_TABLE = 'Study\tE events\tE total\tC events\tC total\n' +
  UNICODE_LABELS.map((l, i) => ['"' + l.replace(/"/g, '""') + '"', 2 + i, 50 + i, 4 + i, 51 + i].join('\t'))
    .join('\n') + '\n';
const OPTIONS = { measure: 'OR', method: 'IV', tau2: 'PM', hksj: true, cc: '0.1', 'cc-to': 'all' };

async function setOptions(page, o) {
  await page.selectOption('#opt-measure', o.measure);
  await page.selectOption('#opt-method', o.method);
  await page.selectOption('#opt-tau2', o.tau2);
  if (o.hksj) await page.check('#opt-hksj'); else await page.uncheck('#opt-hksj');
  await page.fill('#opt-cc', o.cc);
  await page.selectOption('#opt-cc-to', o['cc-to']);
}

const options = (page) => page.evaluate(() => ({
  measure: document.getElementById('opt-measure').value,
  method: document.getElementById('opt-method').value,
  tau2: document.getElementById('opt-tau2').value,
  hksj: document.getElementById('opt-hksj').checked,
  cc: document.getElementById('opt-cc').value,
  'cc-to': document.getElementById('opt-cc-to').value,
}));

const DEFAULTS = { measure: 'RR', method: 'MH', tau2: 'REML', hksj: false, cc: '0.5', 'cc-to': 'only0' };

// Waits until the page stops re-rendering, then for the debounced save.
async function settled(page) {
  for (let last = -1; ;) {
    const n = await s.renders(page);
    if (n === last) break;
    last = n;
    await page.waitForTimeout(150);
  }
  await page.waitForTimeout(350);
}

test('a reload brings back the pasted text and every option', async () => {
  const context = await b.newContext();
  const page = await b.open(context);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.state), 'example');
  await s.paste(page, OWN);
  await setOptions(page, OPTIONS);
  await settled(page);
  const summary = await page.locator('#summary').innerText();
  assert.match(summary, /^OR /);
  // Reload at once: the pending save happens as the page goes away.
  await page.reload();
  await b.ready(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.state), 'saved');
  assert.equal(await page.locator('#data').inputValue(), OWN);
  assert.deepEqual(await options(page), OPTIONS);
  await settled(page);
  assert.equal(await page.locator('#summary').innerText(), summary);
  assert.match(await page.locator('#state-note').innerText(), /from last time, saved in this browser/);
  // A new tab of the same browser profile too.
  const other = await b.open(context);
  assert.equal(await other.locator('#data').inputValue(), OWN);
  assert.deepEqual(await options(other), OPTIONS);
  await b.cspViolations(page);
  await b.cspViolations(other);
  await context.close();
});

test('Reset to example asks first, can be cancelled, and can be undone', async () => {
  const context = await b.newContext();
  const page = await b.open(context);
  const example = await page.locator('#data').inputValue();

  // The example itself needs no question.
  await page.click('#reset-example');
  assert.equal(await page.locator('#state-panel').isHidden(), true);
  assert.match(await page.locator('#state-note').innerText(), /example already/);

  await s.paste(page, OWN);
  await page.selectOption('#opt-measure', 'RD');
  await settled(page);

  // Asked, and "Keep my table" keeps it.
  await page.click('#reset-example');
  assert.match(await page.locator('#state-panel').innerText(), /Replace your table and options with the example/);
  assert.equal(await page.locator('#data').inputValue(), OWN, 'nothing replaced before the answer');
  await page.click('#reset-cancel');
  assert.equal(await page.locator('#state-panel').isHidden(), true);
  assert.equal(await page.locator('#data').inputValue(), OWN);

  // Replaced, then undone.
  await page.click('#reset-example');
  const before = await s.renders(page);
  await page.click('#reset-confirm');
  await s.renderedAfter(page, before);
  assert.equal(await page.locator('#data').inputValue(), example);
  assert.deepEqual(await options(page), DEFAULTS);
  assert.match(await page.locator('#summary').innerText(), /^RR 0\.49 \(95% CI 0\.34 to 0\.70\); 13 trials/);
  assert.equal((await s.saved(page)).text, example, 'the reset is saved');
  await page.click('#undo-reset');
  await settled(page);
  assert.equal(await page.locator('#data').inputValue(), OWN);
  assert.equal((await options(page)).measure, 'RD');
  assert.match(await page.locator('#summary').innerText(), /^RD /);
  assert.equal((await s.saved(page)).text, OWN, 'the undo is saved');

  await page.reload();
  await b.ready(page);
  assert.equal(await page.locator('#data').inputValue(), OWN);
  assert.equal((await options(page)).measure, 'RD');
  await b.cspViolations(page);
  await context.close();
});

test('the share link carries any labels and the options to another browser and back', async () => {
  const context = await b.newContext();
  const page = await b.open(context);
  await s.paste(page, UNICODE_TABLE);
  await setOptions(page, OPTIONS);
  await settled(page);
  assert.deepEqual(await s.tableLabels(page), UNICODE_LABELS);
  const summary = await page.locator('#summary').innerText();
  await page.click('#share');
  const link = await page.locator('#share-link').inputValue();
  assert.match(link, /^file:\/\/[^#]+#d=[A-Za-z0-9_-]+$/);
  assert.match(await page.locator('#state-panel').innerText(), /never send to a server/);

  // Another browser profile: no saved state there.
  const elsewhere = await b.newContext();
  const opened = await b.open(elsewhere, link);
  assert.equal(await opened.evaluate(() => document.documentElement.dataset.state), 'link');
  assert.equal(await opened.locator('#data').inputValue(), UNICODE_TABLE);
  assert.deepEqual(await options(opened), OPTIONS);
  await settled(opened);
  assert.deepEqual(await s.tableLabels(opened), UNICODE_LABELS);
  assert.equal(await opened.locator('#summary').innerText(), summary);
  assert.match(await opened.locator('#state-note').innerText(), /^Opened the table from the link/);

  // And back: the link made there opens the same here.
  await opened.click('#share');
  const back = await opened.locator('#share-link').inputValue();
  const again = await b.open(await b.newContext(), back);
  assert.equal(await again.locator('#data').inputValue(), UNICODE_TABLE);
  assert.deepEqual(await options(again), OPTIONS);

  // Links written without compression (j=), or compressed by another
  // program (zlib's raw deflate), open the same.
  for (const fragment of [s.jLink(UNICODE_TABLE, OPTIONS), s.dLink(UNICODE_TABLE, OPTIONS)]) {
    const p = await b.open(elsewhere, s.pageUrl(fragment));
    assert.equal(await p.locator('#data').inputValue(), UNICODE_TABLE);
    assert.deepEqual(await options(p), OPTIONS);
    await b.cspViolations(p);
    await p.close();
  }
  // Options may also be written by hand: #measure=OR&tau2=DL.
  const hand = await b.open(elsewhere, s.pageUrl(s.jLink(OWN) + '&measure=OR&tau2=DL'));
  assert.equal(await hand.locator('#data').inputValue(), OWN);
  assert.deepEqual(await options(hand), { ...DEFAULTS, measure: 'OR', tau2: 'DL' });
  await b.cspViolations(page);
  await b.cspViolations(opened);
  await b.cspViolations(again);
  await b.cspViolations(hand);
  await elsewhere.close();
  await context.close();
});

test('the BCG example makes a short link', async () => {
  const context = await b.newContext();
  const page = await b.open(context);
  await page.click('#share');
  const link = await page.locator('#share-link').inputValue();
  const fragment = link.slice(link.indexOf('#'));
  console.log('share link for the BCG example: ' + fragment.length + ' characters after the file path (' +
    (await page.locator('#data').inputValue()).length + ' characters of table)');
  assert.ok(fragment.length < 700, fragment.length);
  await context.close();
});

test('a link wins over the saved table, says so, and keeps the saved table a click away', async () => {
  const context = await b.newContext();
  const page = await b.open(context);
  await s.paste(page, OWN);
  await settled(page);
  const link = s.pageUrl(s.jLink('Linked trial, 3, 30, 4, 40\nOther trial, 5, 50, 6, 60\n', { measure: 'OR' }));

  const linked = await b.open(context, link);
  assert.equal(await linked.locator('#data').inputValue(), 'Linked trial, 3, 30, 4, 40\nOther trial, 5, 50, 6, 60\n');
  assert.equal((await options(linked)).measure, 'OR');
  assert.match(await linked.locator('#state-note').innerText(),
    /^Opened the table from the link; it takes the place of your saved table, which is kept\./);
  assert.equal((await s.saved(linked)).text, OWN, 'opening a link does not overwrite the saved table');
  await linked.click('#back-to-saved');
  await settled(linked);
  assert.equal(await linked.locator('#data').inputValue(), OWN);
  assert.equal((await options(linked)).measure, 'RR');
  assert.equal(await linked.evaluate(() => location.hash), '', 'the link is gone from the address');

  // Editing a linked table makes it the user's own: the link leaves the
  // address bar, so a reload shows the edits, not the link again.
  const edited = await b.open(context, link);
  await edited.locator('#data').press('Control+End');
  await edited.locator('#data').pressSequentially('Third trial, 7, 70, 8, 80\n');
  await settled(edited);
  assert.equal(await edited.evaluate(() => location.hash), '');
  await edited.reload();
  await b.ready(edited);
  assert.match(await edited.locator('#data').inputValue(), /Third trial, 7, 70, 8, 80/);
  assert.equal((await options(edited)).measure, 'OR');
  await b.cspViolations(linked);
  await b.cspViolations(edited);
  await context.close();
});

test('readonly=1 shows the analysis without the editing controls, and saves nothing', async () => {
  const context = await b.newContext();
  const page = await b.open(context, s.pageUrl(s.dLink(s.h.BCG_CSV, { measure: 'OR' }, '&readonly=1')));
  for (const sel of ['#data', '#controls', '#share', '#reset-example']) {
    assert.equal(await page.locator(sel).isVisible(), false, sel + ' hidden');
  }
  await settled(page);
  assert.match(await page.locator('#summary').innerText(), /^OR 0\.\d\d .*13 trials/);
  assert.equal(await page.locator('#forest svg').count(), 1);
  assert.equal(await page.locator('#studies tbody tr').count(), 13);
  const open = page.locator('#readonly-note a');
  assert.match(await open.getAttribute('href'), /^file:\/\/[^#]+#d=[A-Za-z0-9_-]+$/, 'the editable link drops readonly');
  assert.equal(await s.saved(page), null);
  await b.cspViolations(page);
  await context.close();
});

test('no dialog, no request, no error, no CSP violation', () => {
  b.assertClean();
});
