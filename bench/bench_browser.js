#!/usr/bin/env node
// The page's speed in Debian's Chromium (playwright-core, never a downloaded
// browser), for `make bench` (bench/run_benchmarks.js collects the output):
//
//   node bench/bench_browser.js DIR [--quick]
//
//   open:       dist/metapool.html from file:// in a fresh browser context to
//               the first results in the page (performance.now() at the
//               page's first metapool:rendered event, i.e. from the start of
//               the navigation), and to the next frame after them;
//   paste:      a real Ctrl+V of DIR/one_k{10,100,1000}.csv over the text
//               area: from the paste event to the updated results and plot
//               in the DOM, to the next frame, and the page's own work
//               (analysis and rendering, the main-thread time after input);
//   responsive: the same paste at k = 50,000 (DIR/one_k50000.csv) while a
//               PerformanceObserver records long tasks: the longest task on
//               the main thread, from just before the paste until the
//               results are shown.
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
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    return route.abort('blockedbyclient');
  });
  return context;
}

// The table with its last count changed, so that every paste changes the text.
function variant(text) {
  return text.replace(/(\d+)\n$/, (_, n) => String(Number(n) + 1) + '\n');
}

async function paste(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.evaluate(() => {
    const ta = document.getElementById('data');
    ta.focus();
    ta.select();
    window.__pasted = new Promise((resolve) => {
      let start = null;
      // Capturing on the window: before the page's own paste listener, which
      // may put the text in and analyse it before returning (web/app.js).
      window.addEventListener('paste', () => { start = performance.now(); }, { once: true, capture: true });
      window.addEventListener('metapool:rendered', (e) => {
        const dom = performance.now() - start;
        requestAnimationFrame(() => setTimeout(() => resolve({
          dom, painted: performance.now() - start, work: e.detail.analyze + e.detail.render,
          analyze: e.detail.analyze, render: e.detail.render, k: e.detail.k,
        }), 0));
      }, { once: true });
    });
  });
  await page.keyboard.press('Control+V');
  return page.evaluate(() => window.__pasted);
}

async function main() {
  if (!fs.existsSync(distPath)) throw new Error(distPath + ' is missing; run `make dist`');
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  print({ case: 'browser', version: browser.version() });
  const url = pathToFileURL(distPath).href;

  // Opening the file.
  const opens = [];
  for (let i = 0; i < (quick ? 3 : 11); i++) {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.addEventListener('metapool:rendered', () => {
        if (window.__firstResults !== undefined) return;
        window.__firstResults = performance.now();
        requestAnimationFrame(() => setTimeout(() => { window.__firstFrame = performance.now(); }, 0));
      });
    });
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForFunction(() => window.__firstFrame !== undefined, null, { timeout: 30000 });
    const wall = Date.now() - t0;
    const r = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { results: window.__firstResults, frame: window.__firstFrame,
        dcl: nav ? nav.domContentLoadedEventEnd : null, k: Number(document.querySelector('#studies tbody').rows.length) };
    });
    opens.push({ ...r, wall });
    await context.close();
  }
  print({ case: 'open', runs: opens.length, results_ms: median(opens.map((o) => o.results)),
    frame_ms: median(opens.map((o) => o.frame)), dcl_ms: median(opens.map((o) => o.dcl)),
    wall_ms: median(opens.map((o) => o.wall)), k: opens[0].k, all_results_ms: opens.map((o) => o.results) });

  // Pasting.
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.addInitScript(() => { try { localStorage.clear(); } catch (_) { /* no storage */ } });
  await page.goto(url);
  await page.waitForSelector('html[data-renders]', { timeout: 30000 });
  for (const k of [10, 100, 1000]) {
    const text = fs.readFileSync(path.join(dir, 'one_k' + k + '.csv'), 'utf8');
    const other = variant(text);
    const runs = [];
    const n = quick ? 3 : 15;
    for (let i = 0; i < n + 2; i++) {
      const r = await paste(page, i % 2 ? other : text);
      if (i >= 2) runs.push(r);  // two warm-up pastes
    }
    const shown = await page.locator('#counts').innerText();
    print({ case: 'paste', k, runs: runs.length, dom_ms: median(runs.map((r) => r.dom)),
      painted_ms: median(runs.map((r) => r.painted)), work_ms: median(runs.map((r) => r.work)),
      analyze_ms: median(runs.map((r) => r.analyze)), render_ms: median(runs.map((r) => r.render)),
      max_painted_ms: Math.max(...runs.map((r) => r.painted)), shown });
  }

  // Responsiveness at k = 50,000.
  const bigFile = path.join(dir, 'one_k50000.csv');
  if (fs.existsSync(bigFile)) {
    const big = fs.readFileSync(bigFile, 'utf8');
    await page.evaluate(() => {
      window.__tasks = [];
      window.__gaps = { last: performance.now(), max: 0, computing: 0, computingTicks: 0 };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask' });
      const beat = () => {
        const t = performance.now();
        window.__gaps.max = Math.max(window.__gaps.max, t - window.__gaps.last);
        // While the page shows "Computing…" (the analysis in its worker).
        if (document.documentElement.dataset.computing === '1') {
          window.__gaps.computing = Math.max(window.__gaps.computing, t - window.__gaps.last);
          window.__gaps.computingTicks++;
        }
        window.__gaps.last = t;
        window.__beat = setTimeout(beat, 0);
      };
      beat();
    });
    await page.evaluate((t) => navigator.clipboard.writeText(t), big);
    const t0 = Date.now();
    const r = await paste(page, big);
    const wall = Date.now() - t0;
    await page.waitForTimeout(1000);
    const s = await page.evaluate(() => {
      clearTimeout(window.__beat);
      const tasks = window.__tasks;
      return { longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0), count: tasks.length,
        total: tasks.reduce((m, t) => m + t.duration, 0), gap: window.__gaps.max,
        computingGap: window.__gaps.computing, computingTicks: window.__gaps.computingTicks };
    });
    const shown = await page.locator('#counts').innerText();
    print({ case: 'responsive', k: 50000, results_ms: r.dom, painted_ms: r.painted, work_ms: r.work,
      analyze_ms: r.analyze, render_ms: r.render, longest_task_ms: s.longest, long_tasks: s.count,
      long_tasks_total_ms: s.total, max_timer_gap_ms: s.gap, computing_timer_gap_ms: s.computingGap,
      computing_ticks: s.computingTicks, wall_ms: wall, shown });
  }
  await browser.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
