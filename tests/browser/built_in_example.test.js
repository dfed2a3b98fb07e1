// The built-in example's results shipped with the page (scripts/analyse_example.js
// at `make dist`, web/built_in_example.js, web/app.js): shown only when the
// page opens on the example, before the module is ready, and then exactly
// what the live module gives and the page renders from it; a saved table
// or a link waits for the module as before.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const h = require('../wasm/helpers');
const s = require('./support');

let b;
before(async () => {
  b = await s.launch();
});
after(async () => {
  if (b) await b.browser.close();
});

// The data block #metapool-example of the built page.
function shipped() {
  const html = fs.readFileSync(h.distPath, 'utf8');
  const m = html.match(/<script type="application\/json" id="metapool-example">([\s\S]*?)<\/script>/);
  assert.ok(m, 'dist/metapool.html holds the data block #metapool-example');
  return JSON.parse(m[1]);
}

// Records whether the module was ready when the first results were put in
// the page (an init script: runs before the page's own).
async function watchFirstRender(context) {
  await context.addInitScript(() => {
    window.addEventListener('metapool:rendered', () => {
      if (!('__firstHadModule' in window)) window.__firstHadModule = Boolean(window.metapool && window.metapool.module);
    });
  });
}

// What the page shows of an analysis: the results column, the problems and
// notes beside the text and its gutter, the controls and their help, the
// forest plot and the studies table (not the footer's timing), once the
// screen-reader summary has been written (600 ms after a render).
async function shown(page) {
  await page.waitForFunction(() => document.getElementById('announce').textContent !== '' &&
    Boolean(window.metapool && window.metapool.module));
  return page.evaluate(() => {
    const html = (sel) => document.querySelector(sel).outerHTML;
    return {
      results: html('section.results'),
      problems: html('#problems-box'),
      notes: html('#notes-box'),
      gutter: html('#gutter'),
      controls: html('#controls'),
      forest: html('section.forest'),
      studies: html('section.studies'),
      sensitivity: html('#sensitivity-panel'),
      version: document.getElementById('version').textContent,
      result: window.metapool.page.current.result,
      options: window.metapool.page.current.options,
      text: window.metapool.page.current.text,
    };
  });
}

// The page opened on the example (nothing saved), and then with the same
// example saved in the browser the way state.js saves it (an edit undone),
// which the page analyses with the live module.
async function exampleBothWays(viewport) {
  const context = await b.newContext({ viewport });
  await watchFirstRender(context);
  const page = await b.open(context);
  const first = {
    state: await page.evaluate(() => document.documentElement.dataset.state),
    hadModule: await page.evaluate(() => window.__firstHadModule),
    timing: await page.locator('#timing').textContent(),
    view: await shown(page),
  };
  const example = await page.locator('#data').inputValue();
  await page.fill('#data', example + 'x');
  await page.fill('#data', example);
  await page.waitForFunction(() => localStorage.getItem('metapool.state.v1') !== null);
  await page.reload();
  await b.ready(page);
  const live = {
    state: await page.evaluate(() => document.documentElement.dataset.state),
    hadModule: await page.evaluate(() => window.__firstHadModule),
    renders: await s.renders(page),
    view: await shown(page),
  };
  await b.cspViolations(page);
  await context.close();
  return { first, live };
}

for (const [name, viewport] of [['a wide screen', { width: 1280, height: 900 }], ['a phone', { width: 390, height: 844 }]]) {
  test('on ' + name + ', the example opens with the shipped results, rendered exactly as the live module\'s', async () => {
    const { first, live } = await exampleBothWays(viewport);
    assert.equal(first.state, 'example');
    assert.equal(first.hadModule, false, 'the first results came before the module was ready');
    assert.equal(first.timing, '', 'nothing analysed in the page: no timing');
    assert.equal(live.state, 'saved');
    assert.equal(live.hadModule, true, 'a saved table is analysed by the module');
    assert.equal(live.renders, 1);
    const want = shipped();
    assert.deepEqual(first.view.result, want.result, 'the page shows the shipped result');
    assert.deepEqual(live.view.result, want.result, 'the live module gives the shipped result');
    assert.deepEqual(first.view.options, want.options, 'the page\'s options are the shipped ones');
    assert.deepEqual(live.view.options, want.options);
    assert.equal(first.view.text, want.text);
    for (const part of Object.keys(first.view)) {
      assert.deepEqual(first.view[part], live.view[part], part + ': the same from the shipped result as from the live module');
    }
    assert.match(first.view.forest, /<svg/, 'the forest plot is drawn');
    assert.equal((first.view.studies.match(/<tr/g) || []).length, 1 + want.result.studies.length, 'a row per trial');
    b.assertClean();
  });
}

test('the shipped analysis is the module\'s own for the example and the page\'s default options', async () => {
  const want = shipped();
  const m = await h.loadModule();
  assert.deepEqual(m.analyze(want.text, want.options), want.result);
  assert.equal(m.version(), want.version);
  const index = fs.readFileSync(require('path').join(h.root, 'web', 'index.html'), 'utf8');
  assert.equal('\n' + want.text, index.match(/<textarea id="data"[^>]*>([\s\S]*?)<\/textarea>/)[1], 'the text area\'s text');
  assert.equal(want.result.k, h.nativeAnalysis(h.BCG_CSV, {}).k);
});

test('after the shipped results, the next edit is analysed live', async () => {
  const context = await b.newContext();
  await watchFirstRender(context);
  const page = await b.open(context);
  assert.equal(await page.evaluate(() => window.__firstHadModule), false);
  const before = await s.renders(page);
  const text = (await page.locator('#data').inputValue()).replace('Aronson 1948, 4, 123', 'Aronson 1948, 5, 123');
  await page.fill('#data', text);
  await s.renderedAfter(page, before);
  const r = await page.evaluate(() => {
    const cur = window.metapool.page.current;
    return { shown: cur.result, live: window.metapool.module.analyze(cur.text, cur.options), text: cur.text };
  });
  assert.equal(r.text, text);
  assert.deepEqual(r.shown, r.live);
  assert.equal(r.shown.studies[0].e1, 5);
  assert.match(await page.locator('#timing').textContent(), /^analysed in \d/);
  b.assertClean();
  await context.close();
});

test('a saved table or a link waits for the module, as before', async () => {
  const own = 'Study, e1, n1, e2, n2\nSmith 2001, 12, 100, 20, 98\nJones 2003, 5, 50, 9, 51\n';
  for (const how of ['saved', 'link']) {
    const context = await b.newContext();
    await watchFirstRender(context);
    if (how === 'saved') {
      await context.addInitScript((t) => {
        localStorage.setItem('metapool.state.v1', JSON.stringify({ v: 1, text: t, options: {}, saved: 1 }));
      }, own);
    }
    const page = await b.open(context, s.pageUrl(how === 'link' ? s.jLink(own) : ''));
    assert.equal(await page.evaluate(() => document.documentElement.dataset.state), how);
    assert.equal(await page.evaluate(() => window.__firstHadModule), true, how + ': the first results come from the module');
    assert.equal(await s.renders(page), 1);
    assert.deepEqual(await s.tableLabels(page), ['Smith 2001', 'Jones 2003']);
    b.assertClean();
    await context.close();
  }
});

// Counts the page's reads of the saved table (localStorage's
// metapool.state.v1) made before the module is ready (an init script: runs
// before the page's own). The page's scripts decide what it opens on once
// (web/opening.js); state.js reads the table itself once the module is
// ready, to load it.
async function countEarlyReads(context) {
  await context.addInitScript(() => {
    window.__earlyReads = 0;
    const getItem = Storage.prototype.getItem;
    Storage.prototype.getItem = function (key) {
      if (key === 'metapool.state.v1' && !(window.metapool && window.metapool.module)) window.__earlyReads++;
      return getItem.call(this, key);
    };
  });
}

test('what the page opens on is decided once, before the first frame; a link or a saved table still wins', async () => {
  const own = 'Study, e1, n1, e2, n2\nSmith 2001, 12, 100, 20, 98\nJones 2003, 5, 50, 9, 51\n';
  for (const how of ['example', 'saved', 'link']) {
    const context = await b.newContext();
    await watchFirstRender(context);
    await countEarlyReads(context);
    if (how !== 'example') {
      // A saved table beside the link, too: the link wins over it.
      await context.addInitScript((t) => {
        localStorage.setItem('metapool.state.v1', JSON.stringify({ v: 1, text: t, options: {}, saved: 1 }));
      }, how === 'saved' ? own : 'Other, 1, 10, 2, 10\n');
    }
    const page = await b.open(context, s.pageUrl(how === 'link' ? s.jLink(own) : ''));
    const r = await page.evaluate(() => ({
      opening: window.metapool.opening,
      reads: window.__earlyReads,
      state: document.documentElement.dataset.state,
      hadModule: window.__firstHadModule,
    }));
    assert.equal(r.opening, how, 'self.metapool.opening');
    assert.equal(r.state, how, 'what state.js loaded');
    // With a link in the address, the saved table is not read to decide.
    assert.equal(r.reads, how === 'link' ? 0 : 1, how + ': localStorage read once before the module is ready');
    assert.equal(r.hadModule, how !== 'example');
    if (how === 'example') {
      assert.equal(await page.locator('#data').inputValue(), shipped().text);
    } else {
      assert.deepEqual(await s.tableLabels(page), ['Smith 2001', 'Jones 2003']);
    }
    b.assertClean();
    await context.close();
  }
});

