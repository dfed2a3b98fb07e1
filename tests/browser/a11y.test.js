// Everyone can use it: axe-core (npm) finds no violation in the page's main
// states (the example, a bad row, options changed, the working panel open;
// light and dark, desktop and phone); the keyboard alone reaches and
// operates everything, with a visible focus; results are announced through
// a live region; nothing overflows sideways at 320 and 360 CSS px (a phone)
// or at 200% zoom; printed, the results and the plot fit one A4 and one
// Letter page. Screenshots for a person to look at go to build/:
// screenshot-desktop.png, screenshot-phone-360.png, screenshot-zoom-200.png,
// screenshot-dark.png, screenshot-dark-phone.png, screenshot-working.png,
// and the print preview build/print-a4.pdf.
//
// axe is injected with page.evaluate(source), which runs through the
// DevTools protocol and is not subject to the page's CSP, so the page keeps
// its strict CSP during the checks (no bypassCSP).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { launch, paste, h, axe, rendersAfter } = require('./support');

const SHOTS = path.join(h.root, 'build');
let L;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  L = await launch();
});

after(async () => {
  if (L) await L.browser.close();
});

async function openWorking(page) {
  await page.click('#working-panel > summary');
  await page.waitForSelector('#working-random');
}

// No horizontal scrolling of the page itself (wide tables scroll in their box).
async function assertNoOverflow(page, what) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scroll <= client, what + ': the page is ' + scroll + ' px wide in a ' + client + ' px viewport');
}

for (const scheme of ['light', 'dark']) {
  test('axe: no violations in the main states (' + scheme + ')', async () => {
    const context = await L.newContext({ colorScheme: scheme });
    const page = await L.open(context);
    await axe(page, 'example');
    await paste(page, 'Study,e1,n1,e2,n2\nA, 4, 123, 11, 139\nB, 12%, 306, 29, 303\nC, 0, 30, 0, 31\nD, 3, 231, 11, 220\n');
    assert.equal(await page.locator('#problems-box').isVisible(), true);
    await axe(page, 'bad row');
    await paste(page, await page.evaluate(() => document.getElementById('data').defaultValue));
    await rendersAfter(page, async () => {
      await page.selectOption('#opt-measure', 'OR');
      await page.selectOption('#opt-tau2', 'DL');
      await page.check('#opt-hksj');
    });
    await axe(page, 'options changed');
    await openWorking(page);
    await axe(page, 'working panel open');
    await page.click('#export-r');
    await page.waitForFunction(() => document.getElementById('export-status').textContent !== '');
    await axe(page, 'after an export');
    if (scheme === 'dark') {
      await page.screenshot({ path: path.join(SHOTS, 'screenshot-dark.png'), fullPage: false });
    }
    await context.close();
  });
}

test('axe on a phone (360 px), light and dark', async () => {
  for (const scheme of ['light', 'dark']) {
    const context = await L.newContext({ viewport: { width: 360, height: 740 }, colorScheme: scheme, isMobile: true, hasTouch: true });
    const page = await L.open(context);
    await openWorking(page);
    await axe(page, 'phone ' + scheme);
    if (scheme === 'dark') await page.screenshot({ path: path.join(SHOTS, 'screenshot-dark-phone.png'), fullPage: false });
    await context.close();
  }
});

test('the keyboard reaches and operates everything, with a visible focus', async () => {
  const context = await L.newContext();
  const page = await L.open(context);
  await page.focus('#data');
  const seen = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const s = getComputedStyle(e);
      const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
      return { id: e.id || e.tagName.toLowerCase() + (e.closest('[id]') ? ' in #' + e.closest('[id]').id : ''), visible };
    });
    if (!f) break;
    if (seen.some((x) => x.id === f.id)) break;
    seen.push(f);
  }
  const ids = seen.map((x) => x.id);
  for (const id of ['share', 'reset-example', 'opt-measure', 'opt-method', 'opt-tau2', 'opt-hksj', 'opt-cc', 'opt-cc-to', 'copy',
    'export-png', 'export-svg', 'export-studies-csv', 'export-results-csv', 'export-text', 'export-markdown', 'export-r',
    'print', 'forest', 'save-svg', 'summary in #working-panel']) {
    assert.ok(ids.includes(id), id + ' is reached by Tab (reached: ' + ids.join(', ') + ')');
  }
  const hidden = seen.filter((x) => !x.visible).map((x) => x.id);
  assert.deepEqual(hidden, [], 'elements without a visible focus indicator');

  // Operate: an option with the keyboard, the working panel with Enter, an export with Space.
  await rendersAfter(page, async () => {
    await page.focus('#opt-measure');
    await page.keyboard.press('ArrowDown');
  });
  assert.equal(await page.inputValue('#opt-measure'), 'OR');
  await page.focus('#working-panel > summary');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#working-random');
  await page.focus('#export-text');
  const [d] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Space')]);
  assert.equal(d.suggestedFilename(), 'metapool-summary.txt');
  // A study table too wide for a phone scrolls with the keyboard.
  assert.equal(await page.getAttribute('#working-table-1', 'tabindex'), '0');
  await context.close();
});

test('results are announced through a live region', async () => {
  const context = await L.newContext();
  const page = await L.open(context);
  const live = page.locator('#announce');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  assert.equal(await live.getAttribute('role'), 'status');
  await page.waitForFunction(() => /^Results: RR 0\.49/.test(document.getElementById('announce').textContent));
  await page.selectOption('#opt-measure', 'OR');
  await page.waitForFunction(() => /^Results: OR /.test(document.getElementById('announce').textContent));
  await paste(page, 'nothing here\n');
  await page.waitForFunction(() => /study/.test(document.getElementById('announce').textContent));
  // Only the live region speaks: the rest of the results is not live.
  assert.equal(await page.locator('.results[aria-live]').count(), 0);
  assert.equal(await page.getAttribute('#summary', 'aria-live'), 'off');
  await context.close();
});

test('phones, 200% zoom and desktop: no sideways scrolling; screenshots', async () => {
  for (const [name, viewport, shot] of [
    ['320 px', { width: 320, height: 640 }, null],
    ['360 px phone', { width: 360, height: 740 }, 'screenshot-phone-360.png'],
    ['200% zoom of a 1280 px window', { width: 640, height: 450 }, 'screenshot-zoom-200.png'],
    ['desktop', { width: 1280, height: 900 }, 'screenshot-desktop.png'],
  ]) {
    const context = await L.newContext({ viewport, deviceScaleFactor: name.startsWith('200%') ? 2 : 1 });
    const page = await L.open(context);
    await assertNoOverflow(page, name);
    await openWorking(page);
    await assertNoOverflow(page, name + ', working open');
    // Every control stays inside the viewport's width.
    const outside = await page.evaluate((w) => Array.from(document.querySelectorAll('button, select, input, textarea, summary'))
      .filter((e) => e.offsetParent !== null)
      .filter((e) => { const r = e.getBoundingClientRect(); return r.left < -1 || r.right > w + 1; })
      .map((e) => e.id || e.tagName), viewport.width);
    assert.deepEqual(outside, [], name + ': controls outside the screen');
    if (shot) await page.screenshot({ path: path.join(SHOTS, shot), fullPage: true });
    if (name === 'desktop') {
      await page.locator('#working-common').screenshot({ path: path.join(SHOTS, 'screenshot-working.png') });
    }
    await context.close();
  }
});

test('printed, the results and the forest plot fit one A4 and one Letter page', async () => {
  const context = await L.newContext();
  const page = await L.open(context);
  await page.emulateMedia({ media: 'print' });
  for (const format of ['A4', 'Letter']) {
    const pdf = await page.pdf({ format, printBackground: true });
    if (format === 'A4') fs.writeFileSync(path.join(SHOTS, 'print-a4.pdf'), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;
    assert.equal(pages, 1, format + ': ' + pages + ' pages');
  }
  // What is printed: the results and the plot, not the editor or the buttons.
  const shown = await page.evaluate(() => ['.results .cards', '#forest svg', '.input', '.exports', '.studies', '.working']
    .map((s) => { const e = document.querySelector(s); return e ? getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0 : false; }));
  assert.deepEqual(shown, [true, true, false, false, false, false]);
  // 40 studies still fit (the plot scales down).
  await page.emulateMedia({ media: 'screen' });
  const rows = Array.from({ length: 40 }, (_, i) => 'Trial ' + (i + 1) + ', ' + (5 + i % 7) + ', 100, ' + (9 + i % 5) + ', 100').join('\n');
  await paste(page, rows + '\n');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  assert.equal((pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length, 1, '40 studies on one A4 page');
  await context.close();
  L.assertClean();
});
