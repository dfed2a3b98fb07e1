// Bedside on a phone, and "Check against the source" in the page.
// At 390 CSS px the summary sentence, the check block and the forest plot
// come straight after the text area and the analysis options, closed, after
// them; opening the options shows them and is remembered; the desktop keeps
// its two columns with the options open under the text area. The check block
// words the module's `checks` exactly as the CLI's --json gives them for the
// same paste. Screenshots: build/screenshot-phone-390.png (the whole page),
// build/screenshot-phone-390-first-screen.png, build/screenshot-desktop-1280.png,
// build/screenshot-checks-390.png.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { launch, paste, h, axe } = require('./support');

const SHOTS = path.join(h.root, 'build');
const PHONE = { width: 390, height: 844 };
let L;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  L = await launch();
});

after(async () => {
  if (L) await L.browser.close();
});

// Ten trials of Yusuf et al. (1985)-like counts, comma-separated.
const TABLE = 'Study, e1, n1, e2, n2\n' + [
  'Alpha 1991, 12, 120, 19, 118', 'Beta 1993, 7, 64, 11, 66', 'Gamma 1994, 30, 410, 41, 405',
  'Delta 1996, 4, 52, 9, 50', 'Epsilon 1998, 22, 300, 25, 297', 'Zeta 2001, 15, 212, 24, 208',
  'Eta 2003, 9, 95, 8, 97', 'Theta 2005, 40, 640, 52, 631', 'Iota 2008, 3, 40, 6, 41', 'Kappa 2010, 18, 260, 27, 255',
].join('\n') + '\n';

const box = (page, selector) => page.locator(selector).first().boundingBox();

// Page coordinates (boundingBox is relative to the viewport).
async function pageBox(page, selector) {
  const b = await box(page, selector);
  assert.ok(b, selector + ' is laid out');
  const y = await page.evaluate(() => window.scrollY);
  return { top: b.y + y, bottom: b.y + b.height + y, left: b.x, right: b.x + b.width };
}

test('390 px: the summary, then the forest plot, then the options (closed until opened, remembered)', async () => {
  const context = await L.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await L.open(context);
  assert.equal(await page.evaluate(() => localStorage.getItem('metapool.options-open.v1')), null, 'nothing stored before a toggle');
  await paste(page, TABLE);
  assert.match(await page.textContent('#summary'), /^RR \d\.\d\d .*10 trials/);

  // Closed by default on a narrow screen: its controls are not shown.
  assert.equal(await page.evaluate(() => document.getElementById('options-panel').open), false);
  assert.equal(await page.isVisible('#opt-measure'), false);
  assert.equal(await page.isVisible('#options-summary'), true);

  const editor = await pageBox(page, '.editor');
  const summary = await pageBox(page, '#summary-box');
  const forest = await pageBox(page, '#forest');
  const options = await pageBox(page, '#options-panel');
  // The exact assertion: the summary box starts below the text area and ends
  // within one screen (844 px) of the text area's bottom edge, i.e. scrolled
  // so that the text area has just left the screen, the whole summary is on
  // it; the summary and the forest plot both end above the options' top.
  assert.ok(summary.top >= editor.bottom, 'summary below the text area: ' + JSON.stringify({ editor, summary }));
  assert.ok(summary.bottom <= editor.bottom + PHONE.height,
    'summary within the first screen after the text area: ' + JSON.stringify({ editor, summary }));
  assert.ok(summary.bottom <= options.top, 'summary above the options: ' + JSON.stringify({ summary, options }));
  assert.ok(forest.bottom <= options.top, 'forest plot above the options: ' + JSON.stringify({ forest, options }));
  assert.ok(forest.top >= summary.bottom, 'forest plot after the summary');
  // Nothing but the Results heading and the summary between the text area and the plot's section.
  const between = await page.evaluate(() => {
    const results = document.querySelector('.results');
    const children = Array.from(results.children);
    return children.slice(0, children.indexOf(document.querySelector('section.forest')))
      .filter((e) => e.offsetParent !== null && !e.classList.contains('visually-hidden'))
      .map((e) => e.id || e.tagName.toLowerCase());
  });
  assert.deepEqual(between, ['results-title', 'summary-box']);

  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scroll <= client, 'no sideways scroll at 390 px: ' + scroll + ' > ' + client);
  await page.screenshot({ path: path.join(SHOTS, 'screenshot-phone-390.png'), fullPage: true });
  await page.evaluate((y) => window.scrollTo(0, y), editor.bottom - 40);
  await page.screenshot({ path: path.join(SHOTS, 'screenshot-phone-390-first-screen.png') });

  // Opening with the keyboard shows the options.
  await page.focus('#options-summary');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('options-panel').open);
  for (const id of ['#opt-preset', '#opt-measure', '#opt-method', '#opt-tau2', '#opt-hksj', '#opt-cc']) {
    assert.equal(await page.isVisible(id), true, id + ' shown once opened');
  }
  await axe(page, '390 px, options open');
  assert.equal(await page.evaluate(() => localStorage.getItem('metapool.options-open.v1')), 'open');
  // Remembered: open after a reload.
  await page.reload();
  await L.ready(page);
  assert.equal(await page.evaluate(() => document.getElementById('options-panel').open), true, 'open after a reload');
  await page.click('#options-summary');
  await page.waitForFunction(() => !document.getElementById('options-panel').open);
  assert.equal(await page.evaluate(() => localStorage.getItem('metapool.options-open.v1')), null, 'closed is the default: nothing stored');
  await context.close();
  L.assertClean();
});

test('desktop (1280 px): two columns, options open under the text area, plot below; a window made narrow rearranges', async () => {
  const context = await L.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await L.open(context);
  await paste(page, TABLE);
  assert.equal(await page.evaluate(() => document.getElementById('options-panel').open), true);
  assert.equal(await page.isVisible('#options-summary'), false, 'no disclosure line on a wide screen');
  assert.equal(await page.isVisible('#opt-measure'), true);
  assert.equal(await page.evaluate(() => document.getElementById('options-panel').closest('section').className), 'input');
  assert.equal(await page.evaluate(() => document.querySelector('section.forest').parentElement.tagName), 'BODY');
  const editor = await pageBox(page, '.editor');
  const summary = await pageBox(page, '#summary-box');
  const options = await pageBox(page, '#controls');
  const forest = await pageBox(page, '#forest');
  assert.ok(summary.left > editor.right, 'results in the right column');
  assert.ok(options.top >= editor.bottom && options.right <= summary.left, 'options under the text area, left column');
  assert.ok(forest.top >= options.bottom, 'forest plot below both columns');
  await page.screenshot({ path: path.join(SHOTS, 'screenshot-desktop-1280.png'), fullPage: true });

  await page.setViewportSize(PHONE);
  await page.waitForFunction(() => document.querySelector('section.forest').parentElement.classList.contains('results'));
  assert.equal(await page.evaluate(() => document.getElementById('options-panel').open), false);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForFunction(() => document.querySelector('section.forest').parentElement.tagName === 'BODY');
  assert.equal(await page.evaluate(() => document.getElementById('options-panel').open), true);
  await context.close();
  L.assertClean();
});

// A paper table whose arms print their percentages; line 4's first arm says
// 14.0% where 12/120 is 10.0% (the corrupted row), and its label is markup.
const HOSTILE = '<img src=x onerror="window.__pwned=1">C 2005';
const PAPER = 'Study\tDrug\tPlacebo\n' +
  'A 2001\t2/55 (3.6%)\t5/50 (10.0%)\n' +
  'B 2003\t7/64 (10.9%)\t11/66 (16.7%)\n' +
  HOSTILE + '\t12/120 (14.0%)\t19/118 (16.1%)\n' +
  'D 2007\t30/410 (7.3%)\t41/405 (10.1%)\n';

test('Check against the source: the block says what the CLI\'s --json checks say, the flagged line is selectable, notes apart', async () => {
  const cli = h.nativeAnalysis(PAPER);
  assert.ok(cli.checks && cli.checks.present, 'the CLI checks this paste: ' + JSON.stringify(cli.checks));
  const flagged = cli.checks.studies.filter((s) => !s.agrees);
  assert.equal(flagged.length, 1);
  assert.equal(flagged[0].line, 4);

  const context = await L.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
  const page = await L.open(context);
  await paste(page, PAPER);
  assert.equal(await page.isVisible('#checks'), true);
  assert.equal(await page.textContent('#checks .checks-headline'), cli.checks.summary);
  const items = await page.locator('#checks .checks-flagged li').allTextContents();
  const prefix = 'line 4 (' + flagged[0].label + '): ';
  assert.ok(flagged[0].message.startsWith(prefix), flagged[0].message);
  assert.deepEqual(items, ['line 4: ' + flagged[0].message.slice(prefix.length)]);
  assert.equal(await page.locator('#checks .checks-pooled').count(), cli.checks.pooled.length);
  // The label stayed text.
  assert.equal(await page.locator('#checks img, #notes img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  // The printed and computed numbers, closed until opened: the flagged row's, as the CLI rounds them.
  assert.equal(await page.textContent('#checks .checks-numbers > summary'), 'Printed and computed numbers (flagged rows)');
  assert.equal(await page.isVisible('#checks .checks-table'), false);
  await page.click('#checks .checks-numbers > summary');
  const rows = await page.locator('#checks .checks-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.cells, (td) => td.textContent)));
  assert.deepEqual(rows, flagged[0].numbers.map((n) => ['4', flagged[0].label, n.name, n.printed, n.computed_text, n.agrees ? 'yes' : 'no']));

  // On a phone: after the summary, before the forest plot.
  const summary = await pageBox(page, '#summary-box');
  const checks = await pageBox(page, '#checks');
  const forest = await pageBox(page, '#forest');
  assert.ok(summary.bottom <= checks.top && checks.bottom <= forest.top, JSON.stringify({ summary, checks, forest }));
  await page.locator('#checks').screenshot({ path: path.join(SHOTS, 'screenshot-checks-390.png') });

  // The notes (the same row's percentage) in their own list, not among the problems.
  assert.equal(await page.isVisible('#problems-box'), false);
  const notes = await page.locator('#notes li').allTextContents();
  assert.equal(notes.length, cli.notes.length);
  assert.ok(notes[0].startsWith('line ' + cli.notes[0].line + ', column ' + cli.notes[0].column + ': '), notes[0]);

  // The line button selects the row in the text area.
  await page.click('#checks .checks-flagged .goto');
  const selected = await page.evaluate(() => { const t = document.getElementById('data'); return t.value.slice(t.selectionStart, t.selectionEnd); });
  assert.equal(selected, PAPER.split('\n')[3]);
  await axe(page, '390 px, check block with a flagged row');
  await context.close();
  L.assertClean();
});

// A forest plot pasted as RevMan 5 prints it (Fleiss 1993, RevMan's stored
// results; tests/core/test_forest_plot_pastes.cpp), with CDP's upper limit
// mistyped on line 4: the page shows the module's checks, which are the
// CLI's, and "Compute as the source" sets the controls to the first match.
const FOREST = h.FLEISS_FOREST;

test('Check against the source: a pasted RevMan forest plot, its flagged row and Total, and "Compute as the source"', async () => {
  const cli = h.nativeAnalysis(FOREST);
  assert.equal(cli.checks.studies_flagged, 1);
  assert.equal(cli.checks.studies.find((s) => !s.agrees).line, 4);
  assert.equal(cli.checks.pooled.length, 1);
  assert.equal(cli.checks.pooled[0].reproduced, true);
  assert.equal(cli.checks.pooled[0].matches[0].preset, 'revman5');
  const context = await L.newContext();
  const page = await L.open(context);
  await paste(page, FOREST);
  assert.equal(await page.textContent('#checks .checks-headline'), cli.checks.summary);
  assert.deepEqual(await page.locator('#checks .checks-flagged li').allTextContents(),
    ['line 4: ' + cli.checks.studies.find((s) => !s.agrees).message.replace('line 4 (CDP): ', '')]);
  assert.equal(await page.textContent('#checks .checks-pooled .checks-message'), 'line 11: ' + cli.checks.pooled[0].message);
  assert.equal(await page.isVisible('#problems-box'), false, 'no row of the forest plot is refused');
  const before = Number(await page.evaluate(() => document.documentElement.dataset.renders));
  await page.click('#checks .checks-apply');
  await page.waitForFunction((n) => Number(document.documentElement.dataset.renders) > n, before);
  assert.equal(await page.inputValue('#opt-preset'), 'revman5');
  assert.equal(await page.inputValue('#opt-measure'), 'OR');
  assert.equal(await page.inputValue('#opt-method'), 'MH');
  await page.waitForFunction(() => /^OR /.test(document.getElementById('summary').textContent));
  const asSource = h.nativeAnalysis(FOREST, { preset: 'revman5', measure: 'OR', method: 'MH' });
  assert.equal(await page.textContent('#common-estimate'), 'Odds ratio ' + asSource.common.estimate.toFixed(2));
  assert.equal(asSource.common.estimate.toFixed(2), '0.90', 'the printed Total');
  await context.close();
  L.assertClean();
});
