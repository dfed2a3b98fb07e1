// A table of 50,000 trials pasted into the page: the analysis runs in a
// Worker (web/analysis_worker.js, made from a Blob under the page's CSP), the
// main thread keeps running timers and handling input meanwhile, the answer
// is the native CLI's, and an answer overtaken by newer input is dropped.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('../wasm/helpers');
const s = require('./support');

const K = 50000;
let b;
let page;
let big;

before(async () => {
  b = await s.launch();
  // A screen tall enough for the forest plot's top under the text area, so
  // that the plot is drawn with the results: out of view, it is drawn after
  // the first frame (plot_out_of_view.test.js).
  const context = await b.newContext({ viewport: { width: 1280, height: 1400 } });
  await context.addInitScript(() => { try { localStorage.clear(); } catch (_) { /* no storage */ } });
  page = await b.open(context);
  big = h.syntheticTable(K, 7);
});

after(async () => {
  if (b) await b.browser.close();
});

// Records, from now on, every tick of a 20 ms interval timer and whether the
// page was showing "Computing…" at that tick.
const startProbe = (p) => p.evaluate(() => {
  window.__ticks = [];
  window.__probe = setInterval(() => {
    window.__ticks.push(document.documentElement.dataset.computing === '1');
  }, 20);
});
const stopProbe = (p) => p.evaluate(() => {
  clearInterval(window.__probe);
  return { during: window.__ticks.filter(Boolean).length, all: window.__ticks.length };
});

test('a paste of 50,000 trials: timers keep firing while the worker computes, results equal the CLI\'s', async () => {
  await startProbe(page);
  const rendersBefore = await s.renders(page);
  await s.paste(page, big);
  const ticks = await stopProbe(page);
  assert.equal(await s.renders(page), rendersBefore + 1, 'one render for the paste');
  assert.ok(ticks.during >= 3, 'the main thread ran timers while "Computing…" was shown: ' + JSON.stringify(ticks));

  // (Only what is compared: 50,000 studies through the DevTools protocol would take long.)
  const shown = await page.evaluate(() => {
    const r = window.metapool.page.current.result;
    return { k: r.k, random: r.random, common: r.common, heterogeneity: r.heterogeneity, studies: r.studies.length,
      last: r.studies[r.studies.length - 1].label };
  });
  const native = h.nativeAnalysis(big, {});
  assert.equal(shown.k, K);
  assert.equal(shown.k, native.k);
  assert.ok(h.relClose(shown.random.estimate, native.random.estimate, 1e-12), shown.random.estimate + ' vs ' + native.random.estimate);
  assert.ok(h.relClose(shown.common.estimate, native.common.estimate, 1e-12));
  assert.ok(h.relClose(shown.heterogeneity.tau2, native.heterogeneity.tau2, 1e-12));
  assert.equal(shown.studies, native.studies.length, 'every study came back from the worker');
  assert.equal(shown.last, native.studies[K - 1].label);
  assert.match(await page.locator('#counts').innerText(), /^k = 50,000 trials analysed/);
  assert.equal(await page.locator('#status').isHidden(), true, '"Computing…" is gone');
  // The table shows the first rows and says where the rest are; the plot is offered for saving.
  // (Rows beyond the first screen go in after the first frame: wait for them.)
  // (Up to 2 minutes: on a loaded 2-core machine the worker and the parts can take over 30 s.)
  await page.waitForFunction(() => !document.documentElement.dataset.filling, null, { timeout: 120000 });
  assert.equal(await page.locator('#studies tbody tr').count(), 1001);
  assert.match(await page.locator('#studies tbody tr:last-child').innerText(), /first 1,000 of 50,000 trials/);
  assert.equal(await page.locator('#forest svg').count(), 0);
  assert.equal(await page.locator('#save-svg').isVisible(), true);
  assert.match(await page.locator('#save-svg').getAttribute('href'), /^blob:/);
});

test('a long plot and table, put on screen in parts, end as the core\'s whole SVG and every row', async () => {
  const table = h.syntheticTable(700, 11);
  // What the page holds when it says the results are in (metapool:rendered).
  await page.evaluate(() => window.addEventListener('metapool:rendered', () => {
    window.__first = {
      rows: document.querySelectorAll('#studies tbody tr').length,
      plotRows: document.querySelectorAll('#forest svg g.study-row').length,
      filling: document.documentElement.dataset.filling,
    };
  }, { once: true }));
  await s.paste(page, table);
  const first = await page.evaluate(() => window.__first);
  assert.deepEqual(first, { rows: 50, plotRows: 50, filling: '1' }, 'the first screen of rows before the first frame');
  await page.waitForFunction(() => !document.documentElement.dataset.filling);
  const done = { ...(await s.plotAndCore(page)), ...(await page.evaluate(() => ({
    svgs: document.querySelectorAll('#forest svg').length,
    labels: Array.from(document.querySelectorAll('#studies tbody td:nth-child(2)'), (td) => td.textContent),
    studies: window.metapool.page.current.result.studies.map((x) => x.label) }))) };
  assert.equal(done.svgs, 1);
  assert.deepEqual(done.shown, done.core, 'node for node (elements and text) the core\'s SVG');
  assert.deepEqual(done.labels, done.studies, 'every study in the table, in order');
});

// The studies table's rows beyond the first screen go in by parts sized by
// time (web/later.js): the first part at most 50 rows, each next at most
// twice the one before, so 950 rows take at least five parts however fast
// the machine; the parts come from the end backwards (the first ends at the
// closing row, each next goes between the first screen and the part before),
// and the table ends with every row in order.
test('a table of 1,000 rows goes in by parts, from its end backwards, before its closing row', async () => {
  const table = h.syntheticTable(5000, 14);
  // From the results on (metapool:rendered): the rows each change of the
  // table's body adds, and whether its closing row is still last.
  await page.evaluate(() => {
    window.__parts = [];
    window.__partsObserver = new MutationObserver((records) => {
      const rows = document.querySelector('#studies tbody').rows;
      let added = 0;
      for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'TR') added++;
      // Where the part's rows are when it goes in: from `at` to `until` (exclusive) in the body.
      let at = -1;
      for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'TR' && (at < 0 || n.sectionRowIndex < at)) at = n.sectionRowIndex;
      if (added) window.__parts.push({ added, at, until: at + added, rows: rows.length,
        lastIsClosing: rows[rows.length - 1].cells[0].classList.contains('more') });
    });
    window.addEventListener('metapool:rendered', () => {
      window.__partsObserver.observe(document.querySelector('#studies tbody'), { childList: true });
    }, { once: true });
  });
  await s.paste(page, table);
  await page.waitForFunction(() => !document.documentElement.dataset.filling);
  const later = await page.evaluate(() => {
    window.__partsObserver.disconnect();
    return window.__parts;
  });
  assert.ok(later.length >= 5, 'at least five parts after the first frame: ' + JSON.stringify(later));
  assert.equal(later.reduce((n, p) => n + p.added, 0), 950, 'the 950 rows after the first 50');
  assert.ok(later[0].added <= 50, 'the first part at most 50 rows: ' + later[0].added);
  for (let i = 1; i < later.length; i++) {
    assert.ok(later[i].added <= 2 * later[i - 1].added, 'part ' + i + ' at most twice the one before: ' + JSON.stringify(later));
  }
  assert.ok(later.every((p) => p.lastIsClosing), 'every part went in before the closing row');
  assert.equal(later[0].until, later[0].rows - 1, 'the first part ends at the closing row');
  assert.ok(later.every((p) => p.at === 50), 'every part went in right after the first screen of 50 rows, before the parts ' +
    'added before it: ' + JSON.stringify(later));
  const done = await page.evaluate(() => ({
    labels: Array.from(document.querySelectorAll('#studies tbody tr:not(:last-child) td:nth-child(2)'), (td) => td.textContent),
    studies: window.metapool.page.current.result.studies.slice(0, 1000).map((x) => x.label),
    closing: document.querySelector('#studies tbody tr:last-child').innerText,
  }));
  assert.equal(done.labels.length, 1000);
  assert.deepEqual(done.labels, done.studies, 'the first 1,000 studies, in order');
  assert.match(done.closing, /first 1,000 of 5,000 trials/);
});

// The plot shown against the core's SVG of the current result, node for node
// (elements with their class, and texts), and the table's labels against the
// result's, once the page has added every row.
async function finishedPlotAndTable(page) {
  await page.waitForFunction(() => !document.documentElement.dataset.filling);
  return { ...(await s.plotAndCore(page)), ...(await page.evaluate(() => ({
    labels: Array.from(document.querySelectorAll('#studies tbody td:nth-child(2)'), (td) => td.textContent),
    studies: window.metapool.page.current.result.studies.map((x) => x.label),
    rows: document.querySelectorAll('#studies tbody tr').length }))) };
}

test('a plot with the same rows is brought up to date in place, also while its rows are still going in, and ends as the core\'s SVG', async () => {
  const lines = h.syntheticTable(700, 12).split('\n');
  const changed = (i, to) => lines.map((l, j) => (j === i ? to : l)).join('\n');
  await s.paste(page, lines.join('\n'));
  await page.waitForFunction(() => !document.documentElement.dataset.filling);
  const plotNow = () => page.evaluate(() => { window.__plot = document.querySelector('#forest svg'); });
  const samePlot = () => page.evaluate(() => window.__plot === document.querySelector('#forest svg'));

  // One count and one label changed, the plot complete: patched, not parsed again.
  const cells = lines[3].split('\t');
  cells[0] = 'Renamed <b>&amp;';
  cells[1] = String(Number(cells[1]) + 5);
  await plotNow();
  await s.paste(page, changed(3, cells.join('\t')));
  assert.equal(await samePlot(), true, 'the same <svg>, patched');
  let done = await finishedPlotAndTable(page);
  assert.deepEqual(done.shown, done.core, 'node for node (elements, attributes, texts) the core\'s SVG');
  assert.deepEqual(done.labels, done.studies);
  assert.equal(done.labels[2], 'Renamed <b>&amp;');
  assert.equal(await page.locator('#forest svg b').count(), 0, 'a label is text, never markup');

  // Another table of as many trials, then the same with a count changed at
  // once, while the first rows only are in: the rows still to come are the
  // new ones.
  const other = h.syntheticTable(700, 13).split('\n');
  await s.paste(page, other.join('\n'));
  await plotNow();
  const last = other[700].split('\t');
  last[3] = String(Number(last[3]) + 1);
  await s.paste(page, other.slice(0, 700).concat(last.join('\t')).join('\n'));
  const filling = await page.evaluate(() => document.documentElement.dataset.filling);
  assert.equal(await samePlot(), true, 'the same <svg>, patched');
  done = await finishedPlotAndTable(page);
  assert.deepEqual(done.shown, done.core, 'node for node the core\'s SVG after a patch while filling (' + filling + ')');
  assert.deepEqual(done.labels, done.studies);
  assert.equal(done.rows, 700);
  const shownSvg = await page.evaluate(() => window.metapool.page.current.result.forest_svg);
  assert.equal(shownSvg, h.nativeForestSvg(other.slice(0, 700).concat(last.join('\t')).join('\n')), 'the plot of the last paste');
});

// The forest plot's rows after the first screen go in by parts sized by time
// (web/later.js, as the studies table's), in order, each after the rows
// already in: the first part at most 50 rows, each next at most twice the
// one before.
test('a long forest plot\'s later rows go in by parts sized by time, in order, after the rows already in', async () => {
  await page.evaluate(() => {
    window.__plotParts = [];
    window.addEventListener('metapool:rendered', () => {
      const svg = document.querySelector('#forest svg');
      window.__plotObserver = new MutationObserver((records) => {
        const rows = Array.from(svg.querySelectorAll('g.study-row'));
        const added = records.flatMap((r) => Array.from(r.addedNodes)).filter((n) => n.nodeType === 1 && n.matches('g.study-row'));
        if (added.length) window.__plotParts.push({ added: added.length, at: rows.indexOf(added[0]), rows: rows.length });
      });
      window.__plotObserver.observe(svg, { childList: true });
    }, { once: true });
  });
  await s.paste(page, h.syntheticTable(700, 23));
  const done = await finishedPlotAndTable(page);
  const parts = await page.evaluate(() => { window.__plotObserver.disconnect(); return window.__plotParts; });
  assert.ok(parts.length >= 4, 'at least four parts for 650 rows: ' + JSON.stringify(parts));
  assert.equal(parts.reduce((n, p) => n + p.added, 0), 650, 'the 650 rows after the first 50');
  assert.ok(parts[0].added <= 50, 'the first part at most 50 rows: ' + parts[0].added);
  for (let i = 1; i < parts.length; i++) {
    assert.ok(parts[i].added <= 2 * parts[i - 1].added, 'part ' + i + ' at most twice the one before: ' + JSON.stringify(parts));
  }
  assert.ok(parts.every((p) => p.at + p.added === p.rows), 'every part after the rows already in: ' + JSON.stringify(parts));
  assert.deepEqual(done.shown, done.core, 'node for node the core\'s SVG');
});

// The studies table's body as a page opened on `text` draws it (a page of
// its own, which had the built-in example before), once every row is in.
async function tableDrawnAtOnce(text) {
  const context = await b.newContext();
  await context.addInitScript(() => { try { localStorage.clear(); } catch (_) { /* no storage */ } });
  const fresh = await b.open(context);
  await s.setText(fresh, text);
  await fresh.waitForFunction(() => !document.documentElement.dataset.filling);
  const html = await fresh.evaluate(() => document.querySelector('#studies tbody').innerHTML);
  await context.close();
  return html;
}

// Marks the studies table's rows now in it; after `change`, the rows marked,
// the rows, the marked ones still in the table, and whether rows were still
// to come (the page's data-filling) when the change's results were in.
async function rowsKept(change) {
  const marked = await page.evaluate(() => {
    const rows = document.querySelectorAll('#studies tbody tr');
    for (const tr of rows) tr.__before = true;
    window.addEventListener('metapool:rendered', () => { window.__fillingAfter = document.documentElement.dataset.filling || null; }, { once: true });
    return rows.length;
  });
  await change();
  await page.waitForFunction(() => !document.documentElement.dataset.filling);
  return page.evaluate(() => {
    const rows = Array.from(document.querySelectorAll('#studies tbody tr'));
    return { rows: rows.length, kept: rows.filter((tr) => tr.__before).length, filling: window.__fillingAfter,
      html: document.querySelector('#studies tbody').innerHTML };
  }).then((after) => ({ marked, ...after }));
}

// Rows beyond the first screen that show what they would show anyway stay
// in the studies table (web/results_view.js): a paste of the same table with
// a count changed, or an edit of one trial, puts no row in again; the table
// ends as a page drawn at once draws it.
test('a paste of the same table with a count changed, or an edit of one trial, keeps every row of the studies table', async () => {
  const lines = h.syntheticTable(1200, 21).split('\n');
  await s.paste(page, lines.join('\n'));
  await page.waitForFunction(() => !document.documentElement.dataset.filling);

  // The last trial (not in the table, which shows the first 1,000): no row changes.
  const last = lines[1200].split('\t');
  last[1] = String(Number(last[1]) + 1);
  lines[1200] = last.join('\t');
  let text = lines.join('\n');
  let after = await rowsKept(() => s.paste(page, text));
  assert.deepEqual({ rows: after.rows, kept: after.kept, filling: after.filling }, { rows: 1001, kept: 1001, filling: null },
    'every row and the closing row kept, none to come');
  assert.equal(after.html, await tableDrawnAtOnce(text), 'the table as a page drawn at once');

  // Trial 600 (a row beyond the first screen): its row brought up to date in place.
  const row = lines[600].split('\t');
  row[1] = String(Number(row[1]) + 7);
  lines[600] = row.join('\t');
  text = lines.join('\n');
  after = await rowsKept(() => s.setText(page, text));
  assert.deepEqual({ rows: after.rows, kept: after.kept, filling: after.filling }, { rows: 1001, kept: 1001, filling: null },
    'every row kept (the changed one brought up to date), none to come');
  assert.equal(after.html, await tableDrawnAtOnce(text), 'the table as a page drawn at once');
  const cell = await page.locator('#studies tbody tr:nth-child(600) td:nth-child(3)').textContent();
  assert.equal(cell, row[1] + '/' + row[2], 'trial 600\'s new count in its row');
});

// A change while the last table's rows are still going in: the rows already
// in that show what they would show anyway stay, the others come by parts.
test('an edit of the last count while the studies table\'s rows are still going in keeps the rows already in', async () => {
  const lines = h.syntheticTable(1200, 22).split('\n');
  const last = lines[1200].split('\t');
  last[3] = String(Number(last[3]) + 1);
  const edited = lines.slice(0, 1200).concat(last.join('\t')).join('\n');
  // Right after the first part of the later rows has gone in: mark the rows
  // in, and make the edit (as typing does: the text, an input event).
  await page.evaluate((text) => {
    window.addEventListener('metapool:rendered', () => {
      const body = document.querySelector('#studies tbody');
      const observer = new MutationObserver(() => {
        observer.disconnect();
        const rows = body.querySelectorAll('tr');
        for (const tr of rows) tr.__before = true;
        window.__marked = rows.length;
        const ta = document.getElementById('data');
        ta.value = text;
        ta.dispatchEvent(new Event('input', { bubbles: true }));
      });
      observer.observe(body, { childList: true });
    }, { once: true });
  }, edited);
  await page.evaluate((t) => navigator.clipboard.writeText(t), lines.join('\n'));
  await page.locator('#data').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.waitForFunction((t) => window.metapool.page.current.text === t && !document.documentElement.dataset.filling, edited);
  const after = await page.evaluate(() => {
    const rows = Array.from(document.querySelectorAll('#studies tbody tr'));
    return { marked: window.__marked, rows: rows.length, kept: rows.filter((tr) => tr.__before).length,
      html: document.querySelector('#studies tbody').innerHTML };
  });
  assert.ok(after.marked > 50 && after.marked < 1001, 'the first screen and some later rows in at the edit: ' + after.marked);
  assert.equal(after.rows, 1001);
  assert.equal(after.kept, after.marked, 'every row in at the edit stayed');
  assert.equal(after.html, await tableDrawnAtOnce(edited), 'the table as a page drawn at once');
});

// Ctrl+Z after a paste over the example gives the example back (and its
// analysis), Ctrl+Shift+Z the pasted text.
async function undoAndRedoPaste(pasted) {
  await s.rendersAfter(page, () => page.keyboard.press('Control+Z'));
  assert.equal(await page.locator('#data').inputValue(), h.BCG_CSV, 'undo restores the text from before the paste');
  assert.match(await page.locator('#counts').innerText(), /^k = 13 trials analysed/);
  await s.rendersAfter(page, () => page.keyboard.press('Control+Shift+Z'));
  assert.equal(await page.locator('#data').inputValue(), pasted, 'redo puts the paste back');
}

test('a paste of 1,000 trials goes in directly (not through Chromium\'s slow paste), and Ctrl+Z and Ctrl+Shift+Z undo and redo it', async () => {
  await s.setText(page, h.BCG_CSV);
  assert.match(await page.locator('#counts').innerText(), /^k = 13 trials analysed/);
  const thousand = h.syntheticTable(1000, 9);
  assert.ok(thousand.length > 2000, 'above the page\'s DIRECT_PASTE');
  await s.paste(page, thousand);
  assert.match(await page.locator('#counts').innerText(), /^k = 1,000 trials analysed/);
  await undoAndRedoPaste(thousand);
  assert.match(await page.locator('#counts').innerText(), /^k = 1,000 trials analysed/);
});

// A table copied on Windows (line breaks "\r\n"), pasted inside the text:
// the text area holds "\n" and the caret lands right after the paste, for a
// paste put in at once and for one put in after its paste event.
test('a table with Windows line breaks pasted inside the text leaves the caret right after it', async () => {
  for (const k of [30, 2500]) {
    await s.setText(page, h.BCG_TSV);
    const table = h.syntheticTable(k, 15).split('\n').slice(1).join('\n');
    const windows = table.replace(/\n/g, '\r\n');
    const at = h.BCG_TSV.indexOf('\n') + 1;  // the start of the first trial's line
    const seen = await page.evaluate(([t, start]) => {
      const ta = document.getElementById('data');
      ta.focus();
      ta.setSelectionRange(start, start);
      const data = new DataTransfer();
      data.setData('text/plain', t);
      ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift', bubbles: true }));  // puts a waiting paste in
      return { value: ta.value, caret: [ta.selectionStart, ta.selectionEnd] };
    }, [windows, at]);
    assert.ok(seen.value === h.BCG_TSV.slice(0, at) + table + h.BCG_TSV.slice(at), k + ' rows: the text with "\\n" line breaks');
    assert.deepEqual(seen.caret, [at + table.length, at + table.length], k + ' rows: the caret right after the paste');
    await page.waitForFunction((v) => window.metapool.page.current && window.metapool.page.current.text === v &&
      !document.documentElement.dataset.computing, seen.value, { timeout: 60000 });
    assert.match(await page.locator('#counts').innerText(), new RegExp('^k = ' + (k + 13).toLocaleString('en-US') + ' trials analysed'));
  }
});

// A paste of 2,000 lines or more goes in after its paste event, from a task
// of its own (web/editor.js); a key pressed before then goes in after it, as
// it would have.
test('a paste of 2,500 trials goes in after its paste event, before a key pressed meanwhile, and Ctrl+Z undoes it', async () => {
  await s.setText(page, h.BCG_CSV);
  const table = h.syntheticTable(2500, 13);
  const seen = await page.evaluate((t) => {
    const ta = document.getElementById('data');
    ta.focus();
    ta.select();
    const data = new DataTransfer();
    data.setData('text/plain', t);
    const taken = !ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    const inEvent = ta.value;
    ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift', bubbles: true }));
    return { taken, inEvent, afterKey: ta.value, caret: [ta.selectionStart, ta.selectionEnd] };
  }, table);
  assert.deepEqual(seen, { taken: true, inEvent: h.BCG_CSV, afterKey: table, caret: [table.length, table.length] });
  await page.waitForFunction((t) => window.metapool.page.current && window.metapool.page.current.text === t, table);
  assert.match(await page.locator('#counts').innerText(), /^k = 2,500 trials analysed/);

  // Through the keyboard: Ctrl+V and a key at once; the key lands after the paste.
  await s.setText(page, h.BCG_CSV);
  const other = h.syntheticTable(2500, 14);
  await page.evaluate((t) => navigator.clipboard.writeText(t), other);
  await page.locator('#data').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.keyboard.type('9');
  assert.equal(await page.locator('#data').inputValue(), other + '9', 'the key after the paste');
  await page.keyboard.press('Backspace');
  await page.waitForFunction((t) => window.metapool.page.current && window.metapool.page.current.text === t &&
    !document.documentElement.dataset.computing, other, { timeout: 60000 });
  assert.match(await page.locator('#counts').innerText(), /^k = 2,500 trials analysed/);
  await undoAndRedoPaste(other);
});

// While the text area holds 1,000 lines or more (web/editor.js), closed
// panels hide their content by display: none instead of Chromium's own
// content-visibility: hidden (web/style.css): to the user they look and
// open the same.
test('closed panels stay closed, and open and close as before, while a long table is in the text area', async () => {
  const state = () => page.evaluate(() => ({
    long: document.documentElement.classList.contains('long-text'),
    open: document.getElementById('working-panel').open,
    content: document.getElementById('working-body').checkVisibility(),
    summary: document.querySelector('#working-panel > summary').checkVisibility(),
  }));
  await s.setText(page, h.BCG_CSV);
  assert.deepEqual(await state(), { long: false, open: false, content: false, summary: true });
  await s.paste(page, h.syntheticTable(1000, 11));
  assert.match(await page.locator('#counts').innerText(), /^k = 1,000 trials analysed/);
  assert.deepEqual(await state(), { long: true, open: false, content: false, summary: true });
  await page.locator('#working-panel > summary').click();
  assert.deepEqual(await state(), { long: true, open: true, content: true, summary: true });
  await page.locator('#working-panel > summary').click();
  assert.deepEqual(await state(), { long: true, open: false, content: false, summary: true });
  await s.setText(page, h.BCG_CSV);
  assert.deepEqual(await state(), { long: false, open: false, content: false, summary: true }, 'a short table again');
});

test('typing while the worker computes: the text area takes the keys, and the newest text wins', async () => {
  // 10,000 trials: above the page's threshold for the worker, quicker to lay out than 50,000.
  await page.evaluate((t) => {
    const ta = document.getElementById('data');
    ta.value = t;
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }, h.syntheticTable(10000, 8));
  await page.waitForSelector('html[data-computing]');
  // While the worker still has the 10,000 trials: select all and type a small table.
  await page.locator('#data').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(h.BCG_CSV.split('\n').slice(0, 4).join('\n') + '\n');
  const typed = await page.locator('#data').inputValue();
  assert.equal(typed, h.BCG_CSV.split('\n').slice(0, 4).join('\n') + '\n', 'every key landed');
  // Settled: the worker idle, nothing computing, and the last analysis shown
  // is of the text in the box (the last key's update runs in the frame after
  // it, so "idle" alone can be seen a frame early). A stale answer from the
  // worker shown after the typed text would keep this from ever holding.
  await page.waitForFunction(() => !window.metapool.background.busy() && !document.documentElement.dataset.computing &&
    window.metapool.page.current && window.metapool.page.current.text === document.getElementById('data').value,
  null, { timeout: 120000 });
  const shown = await page.evaluate(() => window.metapool.page.current);
  assert.equal(shown.text, typed, 'the last analysis is of the typed text');
  assert.equal(shown.result.k, h.nativeAnalysis(typed, {}).k);
  assert.ok(shown.result.k < 10);
  assert.match(await page.locator('#counts').innerText(), new RegExp('^k = ' + shown.result.k + ' trials'));
});

test('no request, no error, no CSP violation with the worker at work', async () => {
  await b.cspViolations(page);
  b.assertClean();
});
