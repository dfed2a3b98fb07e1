#!/usr/bin/env node
// The page's speed in Debian's Chromium (playwright-core, never a downloaded
// browser), for `make bench` (bench/run_benchmarks.js collects the output):
//
//   node bench/bench_browser.js DIR [--quick]
//
// Every time is taken to what a person sees: the first frame painted after
// the results are in the DOM ("on screen", see onScreenClock below), and the
// DOM time beside it.
//
//   open:       dist/metapool.html from file:// in a fresh browser context:
//               from the start of the navigation to the first results in the
//               page and to the first frame that shows them; first on the
//               built-in example (whose results are shipped with the page),
//               then with a table saved in the browser (the example with one
//               count changed, saved by the page itself after an edit),
//               which the page analyses with the module once it is ready;
//   paste:      a real Ctrl+V of DIR/one_k{10,100,1000}.csv over the text
//               area: from the paste event to the updated results and plot
//               in the DOM and on screen, and the page's own work (analysis
//               and rendering, the main-thread time after input). The
//               pastes alternate two tables that differ in their last count,
//               so the page patches the plot in place (web/svg_patch.js), as
//               for an edit;
//   new rows:   the same at k = 100 and 1,000 with tables whose every label
//               differs from the last paste's (as when another review's
//               table is pasted): the plot is parsed whole and every row of
//               the studies table rewritten; beside the times, the longest
//               main-thread task from the paste until a second after the
//               results are on screen (the rows the page adds later,
//               web/later.js, come in that second);
//   responsive: the same paste at k = 5,000 (DIR/one_k5000.csv) while
//               PerformanceObservers record long tasks and long animation
//               frames: the longest main-thread block from just before the
//               paste until a second after the results are on screen;
//               beside it, where the time of the paste itself goes: from the
//               key press to the paste event (Chromium's editing, before the
//               page sees the paste) and the page's paste handler (which puts
//               the text in; Chromium lays the text area out inside it);
//   floors:     the same open and paste clocks on bench/bare_page.html, a page
//               that takes a paste as the page does and renders nothing:
//               opened bare, and with the bytes of dist/metapool.html in it as
//               inert text (a page of the same size that runs nothing), and
//               pasted into at k = 10, 100, 1,000 and (for the longest
//               task) 5,000. What is left between a target and its floor is
//               what the page can still win.
// Prints one JSON object per line.
'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const root = path.resolve(__dirname, '..');
const distPath = path.resolve(root, process.env.METAPOOL_DIST || 'dist/metapool.html');
const CHROMIUM = process.env.METAPOOL_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'];
const dir = process.argv[2];
const quick = process.argv.includes('--quick');

function print(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// Every request other than file:, data: and blob: is refused.
async function newContext(browser) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    serviceWorkers: 'block',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  // The clock is installed as a script of the context (the page's CSP
  // allows no eval, and a script added this way runs before the page's own).
  await context.addInitScript('window.__onScreenClock = ' + onScreenClock.toString() + ';');
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    return route.abort('blockedbyclient');
  });
  return context;
}

// The on-screen clock, run inside the page. A frame is on screen once the
// browser has run its rendering steps (style, layout, paint, commit) after
// the frame's requestAnimationFrame callbacks. A MessageChannel message
// posted from a rAF callback is a task, and the event loop runs tasks only
// after the rendering step that follows the callbacks, so its handler runs
// right after that frame has been produced (unlike setTimeout, no 1-4 ms
// clamping, and no waiting for the frame after). While measuring, a rAF loop
// marks "inside a frame" from its callback to its message; the loop's
// callback is registered before the page's own rAF (it starts in a capturing
// listener or at document start), so when the results land inside the
// page's rAF callback, the frame being produced is the one that shows them;
// otherwise the next frame is. (A task that the scheduler runs between a
// frame's paint and the message would be counted one frame early; the page
// renders in its input handler or in rAF, so this does not occur here.)
function onScreenClock() {
  const channel = new MessageChannel();
  let running = false;
  let inFrame = false;
  let pending = null;   // resolve at the end of the next frame
  let closing = null;   // resolve at the end of the current frame
  channel.port1.onmessage = () => {
    inFrame = false;
    const f = closing;
    closing = null;
    if (f) f();
  };
  const frame = () => {
    if (!running) return;
    inFrame = true;
    if (pending) { closing = pending; pending = null; }
    channel.port2.postMessage(0);
    requestAnimationFrame(frame);
  };
  return {
    start() {
      if (running) return;
      running = true;
      requestAnimationFrame(frame);
    },
    // Calls done() when the first frame painted after this call is on screen.
    whenOnScreen(done) {
      const finish = () => { running = false; done(); };
      if (inFrame) closing = finish;
      else pending = finish;
    },
  };
}

// The table with its last count changed, so that every paste changes the text.
function variant(text) {
  return text.replace(/(\d+)\n$/, (_, n) => String(Number(n) + 1) + '\n');
}

// The table with every trial's label made its own for paste `i` (the labels
// of pastes i and i + 1 differ on every row; the header and the counts stay).
function relabelled(text, i) {
  const [header, ...rows] = text.split('\n');
  return [header, ...rows.map((row) => row.replace(/^([^,]+),/, (_, label) => label + '-' + (i % 10) + ','))].join('\n');
}

async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.evaluate(() => {
    const ta = document.getElementById('data');
    ta.focus();
    ta.select();
    const clock = window.__onScreenClock();
    window.__pasted = new Promise((resolve) => {
      let start = null;
      let keyAt = null;
      let handled = null;  // the page's paste handler's time
      window.addEventListener('keydown', () => { keyAt = performance.now(); }, { once: true, capture: true });
      // Capturing on the window: before the page's own paste listener, which
      // may put the text in and analyse it before returning, or ask for an
      // animation frame (the clock's frame loop must be asked first).
      window.addEventListener('paste', () => { start = performance.now(); clock.start(); }, { once: true, capture: true });
      // Bubbling on the window: after the page's listener on the text area.
      window.addEventListener('paste', () => { handled = performance.now() - start; }, { once: true });
      // A forest plot outside the viewport may be drawn a little after the
      // results (web/forest_view.js, <div id="forest" data-waiting>): then
      // `plot` is when the frame after its drawing is on screen.
      const plotDrawn = (done) => {
        const box = document.getElementById('forest');
        if (!box || !box.dataset.waiting) return done();
        const seen = new MutationObserver(() => {
          if (box.dataset.waiting) return;
          seen.disconnect();
          clock.start();
          clock.whenOnScreen(done);
        });
        seen.observe(box, { attributes: true, attributeFilter: ['data-waiting'] });
      };
      window.addEventListener('metapool:rendered', (e) => {
        const dom = performance.now() - start;
        clock.whenOnScreen(() => {
          const painted = performance.now() - start;
          plotDrawn(() => resolve({
            dom, painted, plot: performance.now() - start, work: e.detail.analyze + e.detail.render,
            analyze: e.detail.analyze, render: e.detail.render, k: e.detail.k,
            beforePaste: keyAt === null ? null : start - keyAt, handler: handled,
          }));
        });
      }, { once: true });
    });
  });
  await page.keyboard.press('Control+V');
  return page.evaluate(() => window.__pasted);
}

// Records the long tasks and long animation frames (where this Chromium
// has them) from now until longTasks(page).
function watchLongTasks(page) {
  return page.evaluate(() => {
    window.__tasks = [];
    window.__frames = [];
    window.__observers = [new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push(e.duration);
    })];
    window.__observers[0].observe({ type: 'longtask' });
    if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
      const o = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__frames.push({ duration: e.duration, blocking: e.blockingDuration });
      });
      o.observe({ type: 'long-animation-frame' });
      window.__observers.push(o);
    }
  });
}

function longTasks(page) {
  return page.evaluate(() => {
    for (const o of window.__observers) o.disconnect();
    const max = (xs) => xs.reduce((m, x) => Math.max(m, x), 0);
    return { longest: max(window.__tasks), count: window.__tasks.length,
      total: window.__tasks.reduce((m, x) => m + x, 0),
      loaf: window.__frames.length ? max(window.__frames.map((f) => f.duration)) : null,
      loafBlocking: window.__frames.length ? max(window.__frames.map((f) => f.blocking)) : null,
      loafCount: window.__frames.length };
  });
}

// What the page saves in localStorage after an edit of the example (one
// count changed), as state.js writes it.
async function savedState(browser, url) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-renders][data-state]', { timeout: 30000 });
  await page.fill('#data', variant(await page.inputValue('#data')));
  await page.waitForFunction(() => localStorage.getItem('metapool.state.v1') !== null, null, { timeout: 30000 });
  const saved = await page.evaluate(() => localStorage.getItem('metapool.state.v1'));
  await context.close();
  return saved;
}

// One opening of `url` in a fresh context (with `saved` in localStorage, if
// given): the first results in the DOM and on screen, DOMContentLoaded, and
// the wall clock of page.goto.
async function openOnce(browser, url, saved) {
  const context = await newContext(browser);
  if (saved) await context.addInitScript((v) => { localStorage.setItem('metapool.state.v1', v); }, saved);
  const page = await context.newPage();
  await page.addInitScript(() => {
    const clock = window.__onScreenClock();
    clock.start();
    window.addEventListener('metapool:rendered', () => {
      if (window.__firstResults !== undefined) return;
      window.__firstResults = performance.now();
      clock.whenOnScreen(() => { window.__firstFrame = performance.now(); });
    });
  });
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.__firstFrame !== undefined, null, { timeout: 30000 });
  const wall = Date.now() - t0;
  await page.waitForSelector('html[data-state]', { timeout: 30000 });
  const r = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { results: window.__firstResults, frame: window.__firstFrame, state: document.documentElement.dataset.state,
      dcl: nav ? nav.domContentLoadedEventEnd : null, k: Number(document.querySelector('#studies tbody').rows.length) };
  });
  await context.close();
  return { ...r, wall };
}

// Opens each of `ways` ({ url, saved }) in turn, round after round, so that
// a change in the machine's load falls on all of them alike; returns the
// openings of each.
async function openings(browser, ways) {
  const opens = ways.map(() => []);
  for (let i = 0; i < (quick ? 3 : 11); i++) {
    for (const [j, way] of ways.entries()) opens[j].push(await openOnce(browser, way.url, way.saved));
  }
  return opens;
}

// The floor page (bench/bare_page.html), written next to the tables: as it
// is, and with the bytes of dist/metapool.html as the text of an inert
// script block in its head, where the page has its wasm block. Each
// "</script" in them is written "</scrip_" so that the block runs to its
// end: the same bytes to read, decode and tokenise, nothing to run or lay out.
function floorPages() {
  const template = fs.readFileSync(path.join(__dirname, 'bare_page.html'), 'utf8');
  const inert = fs.readFileSync(distPath, 'latin1').replace(/<\/script/gi, '</scrip_');
  const bare = path.join(dir, 'bare_page.html');
  const sameSize = path.join(dir, 'bare_page_same_size.html');
  fs.writeFileSync(bare, template.replace('<!--PAYLOAD-->', ''));
  fs.writeFileSync(sameSize, template.replace('<!--PAYLOAD-->', () => '<script type="text/plain">' + inert + '</script>'), 'latin1');
  return { bare: pathToFileURL(bare).href, sameSize: pathToFileURL(sameSize).href, sameSizeBytes: fs.statSync(sameSize).size };
}

// `n` pastes into each of `pages` in turn, alternating `text` and its
// variant, after two warm-up pastes; returns the runs of each page.
async function pastesSideBySide(pages, text, n) {
  const other = variant(text);
  const runs = pages.map(() => []);
  for (let i = 0; i < n + 2; i++) {
    for (const [j, page] of pages.entries()) {
      const r = await paste(page, i % 2 ? other : text);
      if (i >= 2) runs[j].push(r);
    }
  }
  return runs;
}

async function openedPage(browser, url) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.addInitScript(() => { try { localStorage.clear(); } catch (_) { /* no storage */ } });
  await page.goto(url);
  await page.waitForSelector('html[data-renders][data-state]', { timeout: 30000 });
  return page;
}

async function main() {
  if (!fs.existsSync(distPath)) throw new Error(distPath + ' is missing; run `make dist`');
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  print({ case: 'browser', version: browser.version() });
  const url = pathToFileURL(distPath).href;
  const floor = floorPages();

  // Opening the file: on the example, with a saved table, and the floors.
  const savedTable = await savedState(browser, url);
  const ways = [{ case: 'open', url }, { case: 'open with a saved table', url, saved: savedTable },
    { case: 'open floor', page: 'bare', url: floor.bare }, { case: 'open floor', page: 'same size', url: floor.sameSize, bytes: floor.sameSizeBytes }];
  const opened = await openings(browser, ways);
  for (const [j, way] of ways.entries()) {
    const opens = opened[j];
    print({ case: way.case, page: way.page, bytes: way.bytes, runs: opens.length, results_ms: median(opens.map((o) => o.results)),
      frame_ms: median(opens.map((o) => o.frame)), dcl_ms: median(opens.map((o) => o.dcl)),
      wall_ms: median(opens.map((o) => o.wall)), k: opens[0].k, state: opens[0].state,
      all_results_ms: opens.map((o) => o.results) });
  }

  // Pasting, into the page and the bare page in turn.
  const page = await openedPage(browser, url);
  const barePage = await openedPage(browser, floor.bare);
  for (const k of [10, 100, 1000]) {
    const text = fs.readFileSync(path.join(dir, 'one_k' + k + '.csv'), 'utf8');
    const [runs, bareRuns] = await pastesSideBySide([page, barePage], text, quick ? 3 : 15);
    const shown = await page.locator('#counts').innerText();
    print({ case: 'paste', k, runs: runs.length, dom_ms: median(runs.map((r) => r.dom)),
      painted_ms: median(runs.map((r) => r.painted)), work_ms: median(runs.map((r) => r.work)),
      analyze_ms: median(runs.map((r) => r.analyze)), render_ms: median(runs.map((r) => r.render)),
      max_painted_ms: Math.max(...runs.map((r) => r.painted)), plot_painted_ms: median(runs.map((r) => r.plot)), shown });
    print({ case: 'paste floor', k, runs: bareRuns.length, dom_ms: median(bareRuns.map((r) => r.dom)),
      painted_ms: median(bareRuns.map((r) => r.painted)) });
  }

  // Pastes of new rows.
  for (const k of [100, 1000]) {
    const text = fs.readFileSync(path.join(dir, 'one_k' + k + '.csv'), 'utf8');
    const runs = [];
    const n = quick ? 3 : 11;
    for (let i = 0; i < n + 2; i++) {
      await watchLongTasks(page);
      const r = await paste(page, relabelled(text, i));
      await page.waitForTimeout(1000);
      if (i >= 2) runs.push({ ...r, ...(await longTasks(page)) });
      else await longTasks(page);
    }
    const shown = await page.locator('#counts').innerText();
    const med = (f) => median(runs.map(f));
    print({ case: 'paste new rows', k, runs: runs.length, dom_ms: med((r) => r.dom), painted_ms: med((r) => r.painted),
      work_ms: med((r) => r.work), analyze_ms: med((r) => r.analyze), render_ms: med((r) => r.render),
      max_painted_ms: Math.max(...runs.map((r) => r.painted)), median_longest_task_ms: med((r) => r.longest),
      longest_task_ms: Math.max(...runs.map((r) => r.longest)), shown });
  }

  // Responsiveness at k = 5,000: a realistic large paste. A long task is
  // one that keeps the main thread from reading input; Chromium reports its
  // rendering update (style, layout, paint) as a task too. Long animation
  // frames (the tasks of one frame plus its rendering) are recorded beside
  // it, where this Chromium has them.
  // The bare page is pasted into in turn: its longest task is the text
  // area's own (the floor).
  const bigFile = path.join(dir, 'one_k5000.csv');
  if (fs.existsSync(bigFile)) {
    const big = fs.readFileSync(bigFile, 'utf8');
    const n = quick ? 1 : 5;
    const [runs, bareRuns] = [[], []];
    for (let i = 0; i < n; i++) {
      for (const [p, into] of [[page, runs], [barePage, bareRuns]]) {
        await watchLongTasks(p);
        const r = await paste(p, i % 2 ? variant(big) : big);
        await p.waitForTimeout(1000);
        into.push({ ...r, ...(await longTasks(p)) });
      }
    }
    const shown = await page.locator('#counts').innerText();
    const med = (f) => median(runs.map(f));
    print({ case: 'responsive', k: 5000, runs: runs.length, dom_ms: med((r) => r.dom), painted_ms: med((r) => r.painted),
      work_ms: med((r) => r.work), analyze_ms: med((r) => r.analyze), render_ms: med((r) => r.render),
      longest_task_ms: Math.max(...runs.map((r) => r.longest)), median_longest_task_ms: med((r) => r.longest),
      long_tasks: med((r) => r.count), long_tasks_total_ms: med((r) => r.total),
      longest_frame_ms: runs[0].loaf === null ? null : Math.max(...runs.map((r) => r.loaf)),
      longest_frame_blocking_ms: runs[0].loafBlocking === null ? null : Math.max(...runs.map((r) => r.loafBlocking)),
      key_to_paste_event_ms: med((r) => r.beforePaste), paste_handler_ms: med((r) => r.handler),
      shown });
    print({ case: 'responsive floor', k: 5000, runs: bareRuns.length, longest_task_ms: Math.max(...bareRuns.map((r) => r.longest)),
      median_longest_task_ms: median(bareRuns.map((r) => r.longest)), painted_ms: median(bareRuns.map((r) => r.painted)) });
  }
  await barePage.context().close();
  await browser.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
