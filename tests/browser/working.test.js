// "Show the working" in the page (web/working.js over the module's
// working()): opened with the keyboard, it shows every step for the current
// analysis with the core's numbers, follows option changes and bad rows,
// and keeps pasted labels as text.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { launch, paste } = require('./support');

let L;

before(async () => {
  L = await launch();
});

after(async () => {
  if (L) await L.browser.close();
});

// Opens the panel from the keyboard and waits for its steps.
async function openWorking(page) {
  await page.focus('#working-panel > summary');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#working-random');
  assert.equal(await page.evaluate(() => document.getElementById('working-panel').open), true);
}

// The working object for the current analysis, and the analysis.
const both = (page) => page.evaluate(() => {
  const cur = window.metapool.page.current;
  return { w: window.metapool.module.working(cur.text, cur.options), r: cur.result };
});

const line = (w, step, key) => {
  const s = w.steps.find((x) => x.id === step);
  const l = s && s.lines.find((x) => x.key === key);
  return l ? l.value : undefined;
};

const close = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

// Waits until the panel shows the working of a newer analysis than `since`.
async function workingAfter(page, since) {
  await page.waitForFunction((t) => Number(document.documentElement.dataset.working || 0) > t, since);
}
const workingStamp = (page) => page.evaluate(() => Number(document.documentElement.dataset.working || 0));

test('the working reproduces the analysis: MH sums, Q, tau2, random effects', async () => {
  const page = await L.open(await L.newContext());  // fresh storage: the page saves the table
  await openWorking(page);
  const { w, r } = await both(page);
  assert.equal(w.ok, true);
  assert.deepEqual(w.steps.map((s) => s.id), ['effects', 'common', 'heterogeneity', 'tau2', 'random']);
  const common = w.steps[1];
  const sum = (key) => common.columns.find((c) => c.key === key).sum;
  assert.ok(close(Math.log(sum('R') / sum('S')), r.common.y), 'ln(ΣR/ΣS) is the MH estimate');
  assert.ok(close(line(w, 'common', 'se'), r.common.se));
  assert.ok(close(line(w, 'heterogeneity', 'Q'), r.heterogeneity.Q));
  const q = w.steps[2].columns.find((c) => c.key === 'q').sum;
  assert.ok(close(q, r.heterogeneity.Q), 'the Q contributions add up to Q');
  assert.ok(close(line(w, 'tau2', 'tau2'), r.heterogeneity.tau2));
  assert.ok(Math.abs(line(w, 'tau2', 'equation')) < 1e-9, 'REML score 0 at the solution');
  assert.ok(close(line(w, 'random', 'y'), r.random.y));
  assert.ok(close(line(w, 'random', 'pi_lower'), r.random.pi_lower));

  // The page shows it: 13 study rows, a Σ row, the formulas by the numbers.
  assert.equal(await page.locator('#working-effects tbody tr').count(), 13);
  assert.equal(await page.locator('#working-common tfoot th').innerText(), 'Σ');
  const head = await page.locator('#working-common thead').innerText();
  assert.match(head, /a·n2\/N/);
  assert.match(head, /c·n1\/N/);
  const lines = await page.locator('#working-common .working-lines').innerText();
  assert.match(lines, /RR\s*MH = ΣR \/ ΣS = 0\.635267/);
  assert.match(await page.locator('#working-tau2').innerText(), /Restricted maximum likelihood/);
  assert.match(await page.locator('#working-random').innerText(), /w\* = 1\/\(v \+ τ²\)/);
  await page.close();
});

test('the working follows the options (OR, Peto, DL, HKSJ) and bad rows', async () => {
  const page = await L.open(await L.newContext());  // fresh storage: the page saves the table
  await openWorking(page);
  let t = await workingStamp(page);
  await page.selectOption('#opt-measure', 'OR');
  await page.selectOption('#opt-method', 'PETO');
  await page.selectOption('#opt-tau2', 'DL');
  await page.check('#opt-hksj');
  await workingAfter(page, t);
  await page.waitForFunction(() => /Peto/.test(document.querySelector('#working-common h3').textContent) &&
    /DL/.test(document.querySelector('#working-tau2 h3').textContent) &&
    /Hartung/.test(document.querySelector('#working-random').textContent));
  const { w, r } = await both(page);
  assert.equal(r.common.method, 'PETO');
  const common = w.steps[1];
  const sum = (key) => common.columns.find((c) => c.key === key).sum;
  assert.ok(close(sum('OE') / sum('V'), r.common.y), 'Σ(O − E)/ΣV is the Peto estimate');
  assert.ok(close(line(w, 'tau2', 'tau2'), r.heterogeneity.tau2), 'DL tau2 from Q, df and C');
  assert.ok(close(line(w, 'random', 'se'), r.random.se), 'the HKSJ standard error');
  assert.match(await page.locator('#working-tau2 .working-lines').innerText(), /C = Σw − Σw²\/Σw/);

  t = await workingStamp(page);
  await paste(page, 'A, 4, 123, 11, 139\nB, 0, 30, 0, 31\nC, 6, 306, 29, 303\nD, 7, x, 3, 40\nE, 3, 231, 11, 220\n');
  await workingAfter(page, t);
  const notes = await page.locator('#working-effects tbody td.note').allInnerTexts();
  assert.ok(notes.some((n) => /^left out: no events in either arm/.test(n)), 'the double zero is shown left out');
  assert.equal(await page.locator('#working-effects tbody tr').count(), 4, 'the unreadable row is not a study');
  assert.equal(await page.locator('#working-common tbody tr').count(), 3);
  await page.close();
});

test('labels stay text in the working; a closed panel computes nothing', async () => {
  const page = await L.open(await L.newContext());  // fresh storage: the page saves the table
  const calls = await page.evaluate(() => {
    let n = 0;
    const orig = window.metapool.module.working;
    window.metapool.module.working = (...a) => { n++; return orig(...a); };
    window.__workingCalls = () => n;
    return n;
  });
  await paste(page, '"<img src=x onerror=alert(1)>", 4, 123, 11, 139\n"<b>bold</b> & co", 6, 306, 29, 303\n');
  assert.equal(await page.evaluate(() => window.__workingCalls()), calls, 'closed panel: no working computed');
  await openWorking(page);
  const labels = await page.locator('#working-effects tbody th').allInnerTexts();
  assert.deepEqual(labels, ['<img src=x onerror=alert(1)>', '<b>bold</b> & co']);
  assert.equal(await page.locator('#working-body img, #working-body b').count(), 0);
  await page.close();
  L.assertClean();
});
