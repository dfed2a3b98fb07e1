// The page with a paper's table: a repeated label is kept and shown under its
// distinguishable label in the studies table, the forest plot and the
// studies CSV; the notes (a repeated label, arms read control-first) are
// listed with their lines, so no row disappears and no arm is swapped
// without the user seeing it.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const { launch, paste, tableLabels } = require('./support');

let L;

before(async () => {
  L = await launch();
});

after(async () => {
  if (L) await L.browser.close();
});

// dat.li2007's first magnesium trials, Shechter twice, the control arm first.
const PASTE = [
  'Trial\tPlacebo n/N (%)\tMagnesium n/N (%)',
  'Morton\t2/36 (5.6%)\t1/40 (2.5%)',
  'Shechter\t9/53 (17.0%)\t1/50 (2.0%)',
  'Singh\t11/81 (13.6%)\t6/81 (7.4%)',
  'Shechter\t4/25 (16.0%)\t2/21 (9.5%)',
].join('\n') + '\n';
const LABELS = ['Morton', 'Shechter', 'Singh', 'Shechter (2)'];

test('repeated labels and a control-first header: every row shown, distinguishable, with the notes', async () => {
  const page = await L.open(await L.newContext());
  await paste(page, PASTE);
  const r = await page.evaluate(() => window.metapool.page.current.result);
  assert.equal(r.k, 4);
  assert.deepEqual(r.studies.map((s) => [s.e1, s.n1, s.e2, s.n2]), [[1, 40, 2, 36], [1, 50, 9, 53], [6, 81, 11, 81], [2, 21, 4, 25]]);
  assert.ok(r.studies.every((s) => s.arms_swapped));
  assert.equal(r.studies[3].pasted_label, 'Shechter');

  // The studies table and the forest plot.
  assert.deepEqual(await tableLabels(page), LABELS);
  const forestLabels = await page.evaluate(() => Array.from(document.querySelectorAll('#forest svg .study-label'),
    (t) => (t.querySelector('title') ? t.querySelector('title').textContent : t.textContent)));
  assert.deepEqual(forestLabels, LABELS);

  // The notes, with their lines, in their own list (nothing could not be used).
  assert.equal(await page.locator('#problems-box').isVisible(), false);
  assert.equal(await page.locator('#notes-box').isVisible(), true);
  assert.equal(await page.locator('#notes-title').innerText(), 'Notes on the table');
  const items = await page.locator('#notes li').allInnerTexts();
  assert.equal(items.length, 2, JSON.stringify(items));
  assert.ok(items[0].startsWith('line 1, column 2: the header names the control arm first'), items[0]);
  assert.ok(items[1].startsWith("line 5, column 1: the label 'Shechter' is also the label of line 3"), items[1]);
  assert.ok(items[1].includes("'Shechter (2)'"), items[1]);

  // The studies CSV.
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('#export-studies-csv')]);
  const csv = fs.readFileSync(await d.path(), 'utf8');
  for (const label of LABELS) assert.ok(csv.includes('\n' + r.studies[LABELS.indexOf(label)].line + ',' + label + ','), label);
  await page.close();
});
