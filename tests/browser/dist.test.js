// dist/metapool.html as scripts/inline_dist.js packs it: the wasm in its data
// block is exactly the module's, the page is ASCII only, the packed scripts
// still say what the sources say, and the page starts from the data block
// alone (its module compiled in the head, the analysis Worker warmed up with
// it).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const h = require('../wasm/helpers');
const { blocksInPage, wasmInModule } = require('../../scripts/wasm_payload');
const s = require('./support');

const html = fs.readFileSync(h.distPath, 'utf8');

test('the data block holds the module\'s wasm, deflated, before the loader in the head', () => {
  const blocks = blocksInPage(html);
  assert.equal(blocks.length, 1, 'one data block');
  assert.equal((html.match(/id="metapool-wasm"/g) || []).length, 1, 'and no other element of its id');
  const { wasm } = blocks[0];
  const module = wasmInModule(fs.readFileSync(h.modulePath, 'utf8'));
  assert.ok(module, h.modulePath + ' carries its wasm (SINGLE_FILE)');
  assert.ok(wasm.equals(module), 'the inflated block is the wasm byte for byte');
  assert.equal(wasm.subarray(0, 4).toString('latin1'), '\0asm');
  const head = html.slice(0, html.indexOf('</head>'));
  assert.ok(head.includes('id="metapool-wasm"'), 'in the head, so that compiling starts first');
  // First in the head, before any script or style (gzip refers back at most
  // 32 kB: between the style sheet and the scripts, 270 kB of base64 kept
  // them from sharing their words).
  assert.ok(head.indexOf('id="metapool-wasm"') < Math.min(head.indexOf('<script>'), head.indexOf('<style>')));
  // Not left in the module's script as well.
  assert.equal(wasmInModule(html), null);
});

test('the page is ASCII only; no Intl in the page; minifying kept the texts the page shows', () => {
  // Every other character is an escape (scripts/inline_dist.js), so that
  // Chromium decodes the page and V8 reads its scripts one byte a character.
  assert.doesNotMatch(html, /[^\x00-\x7f]/);
  assert.ok(html.includes('<title>metapool &#x2014; pooled risk ratio'), 'a character reference in the markup');
  // terser changes code, never the strings in it: a few the page shows, as
  // the scripts write them (a JavaScript escape for a non-ASCII character).
  for (const text of ['The calculator is missing from this page', 'Computing\\u2026 (', 'analysed in ',
    'left out: ', 'The forest plot could not be drawn.']) {
    assert.ok(html.includes(text), text);
  }
  assert.doesNotMatch(html, /Intl\.NumberFormat/, 'no Intl (its first use costs Chromium ~70 ms at start)');
});

let b;
before(async () => {
  b = await s.launch();
});
after(async () => {
  if (b) await b.browser.close();
});

test('the page runs the module compiled from the data block, and the worker is up', async () => {
  const context = await b.newContext();
  const page = await b.open(context);
  const r = await page.evaluate(async () => {
    const module = await self.metapool.wasm;
    return {
      isModule: module instanceof WebAssembly.Module,
      exports: WebAssembly.Module.exports(module).map((e) => e.kind + ' ' + e.name),
      analyze: typeof window.metapool.module.analyze,
      worker: window.metapool.background.available(),
      k: window.metapool.page.current.result.k,
    };
  });
  assert.equal(r.isModule, true);
  const built = new WebAssembly.Module(wasmInModule(fs.readFileSync(h.modulePath, 'utf8')));
  assert.deepEqual(r.exports, WebAssembly.Module.exports(built).map((e) => e.kind + ' ' + e.name), 'the module\'s exports, every one');
  assert.equal(r.analyze, 'function');
  assert.equal(r.worker, true, 'the analysis worker started with the page');
  assert.equal(r.k, h.nativeAnalysis(h.BCG_CSV, {}).k);
  await b.cspViolations(page);
  b.assertClean();
  await context.close();
});

test('the page adds one global, metapool, and the parts it holds', async () => {
  const context = await b.newContext();
  // The globals of an empty page from file://, as the page is opened.
  const blankFile = path.join(os.tmpdir(), 'metapool-blank-' + process.pid + '.html');
  fs.writeFileSync(blankFile, '<!doctype html><title>blank</title>');
  const blank = await context.newPage();
  await blank.goto(pathToFileURL(blankFile).href);
  fs.rmSync(blankFile);
  const builtIn = new Set(await blank.evaluate(() => Object.getOwnPropertyNames(window)));
  const page = await b.open(context);
  const r = await page.evaluate(() => ({
    names: Object.getOwnPropertyNames(window),
    parts: Object.keys(window.metapool).sort(),
  }));
  // __cspViolations is support.js's, added before the page's scripts.
  assert.deepEqual(r.names.filter((n) => !builtIn.has(n) && n !== '__cspViolations'), ['metapool']);
  assert.deepEqual(r.parts, ['background', 'create', 'module', 'opening', 'page', 'source', 'wasm']);
  b.assertClean();
  await context.close();
});

test('with scripts off, the page is shown and says that the calculator needs them', async () => {
  const context = await b.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(s.pageUrl());
  assert.equal(await page.locator('body').isVisible(), true, 'the body, hidden until the page\'s script runs');
  assert.equal(await page.locator('.status.error').innerText(), 'The calculator needs JavaScript, which is off for this page.');
  assert.equal(await page.locator('#status').isVisible(), false, 'not "Loading the calculator…"');
  assert.equal(await page.locator('#data').isVisible(), true);
  await context.close();
});
