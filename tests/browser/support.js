// Shared by hostile.test.js, state.test.js and embed.test.js: Debian's
// Chromium driven by playwright-core (never a downloaded browser), every
// request other than file:, data: and blob: blocked and recorded, and the
// page's errors, console errors, CSP violations and dialogs recorded.
'use strict';

const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const h = require('../wasm/helpers');

const CHROMIUM = process.env.METAPOOL_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'];

let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (err) {
  throw new Error('playwright-core is missing: run `make deps` (npm ci)');
}

const local = (url) => url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:') ||
  url === 'about:blank' || url === 'about:srcdoc';

function pageUrl(fragment = '') {
  if (!fs.existsSync(h.distPath)) throw new Error(h.distPath + ' is missing; run `make dist`');
  return pathToFileURL(h.distPath).href + fragment;
}

// One browser per test file; `record` collects everything that must stay empty.
async function launch() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const record = { requests: [], pageErrors: [], consoleErrors: [], dialogs: [], csp: [] };

  async function newContext(options = {}) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      serviceWorkers: 'block',
      permissions: ['clipboard-read', 'clipboard-write'],
      acceptDownloads: true,
      ...options,
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (local(url)) return route.continue();
      record.requests.push('routed ' + url);
      return route.abort('blockedbyclient');
    });
    // CDP injects this before the page's own scripts, outside its CSP.
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window.__cspViolations = window.__cspViolations || []).push(e.violatedDirective + ' ' + e.blockedURI);
      });
    });
    return context;
  }

  function watch(page) {
    page.on('pageerror', (err) => record.pageErrors.push(String(err)));
    page.on('console', (msg) => { if (msg.type() === 'error') record.consoleErrors.push(msg.text()); });
    page.on('request', (req) => { if (!local(req.url())) record.requests.push('request ' + req.url()); });
    page.on('websocket', (ws) => record.requests.push('websocket ' + ws.url()));
    page.on('dialog', (dialog) => {
      record.dialogs.push(dialog.type() + ': ' + dialog.message());
      dialog.dismiss().catch(() => {});
    });
    page.on('popup', (popup) => record.requests.push('popup ' + popup.url()));
    return page;
  }

  // Opens `url` (default: the page) and waits for state.js and the first analysis.
  async function open(context, url = pageUrl()) {
    const page = watch(await context.newPage());
    await page.goto(url);
    await ready(page);
    return page;
  }

  async function ready(page) {
    await page.waitForSelector('html[data-renders][data-state]', { timeout: 15000 });
  }

  // The CSP violations the page itself saw (through the init script above).
  async function cspViolations(page) {
    const v = await page.evaluate(() => window.__cspViolations || []);
    record.csp.push(...v);
    return v;
  }

  function assertClean() {
    assert.deepEqual(record.dialogs, [], 'dialogs opened');
    assert.deepEqual(record.requests, [], 'requests that tried to leave the page');
    assert.deepEqual(record.pageErrors, [], 'uncaught errors in the page');
    assert.deepEqual(record.csp, [], 'CSP violations');
    assert.deepEqual(record.consoleErrors, [], 'console errors (CSP violations show up here)');
  }

  return { browser, record, newContext, watch, open, ready, cspViolations, assertClean };
}

// Pastes `text` over the whole text area with a real Ctrl+V and waits for the
// analysis of it.
async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.evaluate(() => {
    const ta = document.getElementById('data');
    ta.focus();
    ta.select();
    window.__pasted = new Promise((resolve) => {
      window.addEventListener('metapool:rendered', () => resolve(), { once: true });
    });
  });
  await page.keyboard.press('Control+V');
  await page.evaluate(() => window.__pasted);
  assert.equal(await page.locator('#data').inputValue(), text, 'the paste landed in the text area');
}

// Sets the text area's text as an edit does (its value, then an input event)
// and waits for the analysis of it.
async function setText(page, text) {
  await rendersAfter(page, () => page.evaluate((t) => {
    const ta = document.getElementById('data');
    ta.value = t;
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }, text));
}

// Waits until the page has rendered more often than `before`.
async function renderedAfter(page, before) {
  await page.waitForFunction((n) => Number(document.documentElement.dataset.renders) > n, before);
}

const renders = (page) => page.evaluate(() => Number(document.documentElement.dataset.renders));

// The forest plot on the page and the core's SVG of the analysis shown, each
// as the list of its elements (name and every attribute) and texts in
// document order, to compare node for node.
const plotAndCore = (page) => page.evaluate(() => {
  const nodes = (svg) => {
    const out = [];
    const w = document.createTreeWalker(svg, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      out.push(n.nodeType === 1 ? n.localName + Array.from(n.attributes, (a) => ' ' + a.name + '=' + a.value).join('') : n.data);
    }
    return out;
  };
  const core = new DOMParser().parseFromString(window.metapool.page.current.result.forest_svg, 'image/svg+xml').documentElement;
  return { shown: nodes(document.querySelector('#forest svg')), core: nodes(core) };
});

// The labels in the studies table, as shown.
const tableLabels = (page) => page.locator('#studies tbody td:nth-child(2)').allTextContents();

// The saved state in localStorage.
const saved = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('metapool.state.v1') || 'null'));

// The fragment of a link for `state` as state.js writes it (j= form, no
// compression), built here independently of the page.
function jLink(text, options = {}, extra = '') {
  const json = JSON.stringify({ v: 1, t: text, o: options });
  return '#j=' + Buffer.from(json, 'utf8').toString('base64url') + extra;
}

// The same with deflate, as browsers with CompressionStream write it.
function dLink(text, options = {}, extra = '') {
  const json = JSON.stringify({ v: 1, t: text, o: options });
  return '#d=' + require('zlib').deflateRawSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64url') + extra;
}

// Runs an action and waits until the page has shown the analysis that followed it.
async function rendersAfter(page, fn) {
  const before = await renders(page);
  await fn();
  await renderedAfter(page, before);
}

// axe-core on the page as it is now: no violation, or the list of them for state `state`.
let axeSource;
async function axe(page, state) {
  if (!axeSource) axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js', { paths: [h.root] }), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const report = res.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.help + '\n    ' +
    v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' - ' + n.failureSummary.replace(/\s+/g, ' ')).join('\n    '));
  assert.deepEqual(report, [], 'axe violations in state "' + state + '"');
}

module.exports = {
  h, pageUrl, launch, paste, setText, renderedAfter, renders, rendersAfter, axe, plotAndCore, tableLabels, saved, jLink, dLink,
  examplePath: path.join(h.root, 'examples', 'embed.html'),
  fileUrl: (p) => pathToFileURL(p).href,
};
