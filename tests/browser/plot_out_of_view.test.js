// The forest plot outside the viewport is brought up to date just after the
// frame that shows the new results (web/forest_view.js); in view, before it,
// as always. Whichever way, the plot ends as the core's SVG; saving it or
// printing draws a waiting plot first.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../wasm/helpers');
const s = require('./support');

let b;
let page;

before(async () => {
  b = await s.launch();
  const context = await b.newContext();
  await context.addInitScript(() => { try { localStorage.clear(); } catch (_) { /* no storage */ } });
  page = await b.open(context);
});

after(async () => {
  if (b) await b.browser.close();
});

// Pastes `text` and returns what the plot held when the page said the
// results were in (metapool:rendered): its description, its number of study
// rows, and whether a draw was waiting. `use`: 'save' or 'print' first does
// there what saving the plot (a pointer on its link) or printing would.
async function pasteAndLook(text, use = null, p = page) {
  await p.evaluate((use) => window.addEventListener('metapool:rendered', () => {
    if (use === 'save') document.getElementById('save-svg').dispatchEvent(new Event('pointerdown'));
    if (use === 'print') window.dispatchEvent(new Event('beforeprint'));
    window.__atRendered = {
      desc: document.querySelector('#forest svg desc').textContent,
      rows: document.querySelectorAll('#forest svg g.study-row').length,
      waiting: document.getElementById('forest').dataset.waiting || null,
    };
  }, { once: true }), use);
  await s.paste(p, text);
  return p.evaluate(() => window.__atRendered);
}

const descOf = (text) => {
  const svg = h.nativeForestSvg(text);
  const entities = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
  return svg.match(/<desc[^>]*>([^<]*)<\/desc>/)[1].replace(/&[a-z]+;/g, (e) => entities[e]);
};

test('below the viewport, the plot is drawn after the results, and ends as the core\'s SVG', async () => {
  const table = h.syntheticTable(120, 3);
  await page.evaluate(() => window.scrollTo(0, 0));
  const before = await page.evaluate(() => document.querySelector('#forest svg desc').textContent);
  const seen = await pasteAndLook(table);
  assert.deepEqual(seen, { desc: before, rows: 13, waiting: '1' }, 'the example\'s plot while the new one waits');
  await page.waitForFunction(() => !document.documentElement.dataset.filling);
  assert.equal(await page.evaluate(() => document.getElementById('forest').dataset.waiting), undefined);
  const done = await s.plotAndCore(page);
  assert.equal(done.shown.length > 1000, true, 'a plot of 120 rows: ' + done.shown.length + ' nodes');
  assert.deepEqual(done.shown, done.core, 'node for node the core\'s SVG');
  assert.equal(await page.evaluate(() => document.querySelector('#forest svg desc').textContent), descOf(table));
});

test('in view, the plot is drawn with the results, before the frame', async () => {
  // A screen tall enough for the plot's top under the text area.
  const context = await b.newContext({ viewport: { width: 1280, height: 1400 } });
  await context.addInitScript(() => { try { localStorage.clear(); } catch (_) { /* no storage */ } });
  const tall = await b.open(context);
  const table = h.syntheticTable(60, 4);
  await tall.waitForFunction(() => document.getElementById('forest').getBoundingClientRect().top < innerHeight);
  const seen = await pasteAndLook(table, null, tall);
  assert.deepEqual(seen, { desc: descOf(table), rows: 50, waiting: null });
  await tall.waitForFunction(() => !document.documentElement.dataset.filling);
  const done = await s.plotAndCore(tall);
  assert.deepEqual(done.shown, done.core, 'node for node the core\'s SVG');
  await context.close();
});

test('a waiting plot is drawn at once when its SVG is about to be saved, or the page printed', async () => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  const one = h.syntheticTable(30, 5);
  const saved = await pasteAndLook(one, 'save');
  assert.deepEqual(saved, { desc: descOf(one), rows: 30, waiting: null }, 'drawn before the link is used');
  await page.waitForFunction(() => !document.documentElement.dataset.filling);

  // Printing: the whole plot, its rows beyond the first part too (later.js finishes them).
  const two = h.syntheticTable(180, 6);
  const printed = await pasteAndLook(two, 'print');
  assert.deepEqual(printed, { desc: descOf(two), rows: 180, waiting: null }, 'drawn whole before printing');
  const done = await s.plotAndCore(page);
  assert.deepEqual(done.shown, done.core, 'node for node the core\'s SVG');
  await page.waitForFunction(() => !document.documentElement.dataset.filling);
  b.assertClean();
});
