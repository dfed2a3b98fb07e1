#!/usr/bin/env node
// `make bench`: writes the same data sets for every contender, runs them all
// on this machine and writes BENCHMARKS.md.
//
//   node bench/run_benchmarks.js [--quick] [--out BENCHMARKS.md]
//
// Contenders: the native core (build/metapool_bench, bench/bench_core.cpp),
// the same benchmark compiled to wasm and run in node
// (build-wasm/metapool_bench.js), the WebAssembly module the page uses
// (bench/bench_wasm.js), the CLI as a process (build/metapool, batch mode
// included), metafor through Rscript (bench/bench_metafor.R; skipped with a
// message when Rscript or metafor is missing) and the page in Chromium
// (bench/bench_browser.js; skipped when Chromium or playwright-core is
// missing). Tables go to build/bench/ first, so all read identical data.
// --quick: short budgets, no metafor beyond k = 1,000; for trying it out.
'use strict';

const { spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { blocksInPage } = require('../scripts/wasm_payload');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outPath = path.resolve(root, args.includes('--out') ? args[args.indexOf('--out') + 1] : 'BENCHMARKS.md');
// Other build directories for trying it out: METAPOOL_BUILD, METAPOOL_WASM_BUILD,
// METAPOOL_DIST, METAPOOL_BENCH_DATA.
const buildDir = path.resolve(root, process.env.METAPOOL_BUILD || 'build');
const wasmDir = path.resolve(root, process.env.METAPOOL_WASM_BUILD || 'build-wasm');
const dataDir = path.resolve(root, process.env.METAPOOL_BENCH_DATA || path.join(buildDir, 'bench'));
const cli = path.join(buildDir, 'metapool');
const nativeBench = path.join(buildDir, 'metapool_bench');
const wasmBench = path.join(wasmDir, 'metapool_bench.js');
const dist = path.resolve(root, process.env.METAPOOL_DIST || 'dist/metapool.html');
process.env.METAPOOL_WASM = path.join(wasmDir, 'metapool.js');
process.env.METAPOOL_DIST = dist;
const K = [10, 100, 1000, 10000, 100000];
const BATCH = 100000;

const log = (s) => process.stderr.write('bench: ' + s + '\n');

// ---------------------------------------------------------------- data

// A reproducible generator (mulberry32) and standard normals.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6D2B79F5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function gauss(r) {
  let u = 0;
  while (u === 0) u = r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}
// One trial: arms of 50-500, control risk 5-30%, true log RR ~ N(-0.3, 0.4^2)
// (tau2 = 0.16), events from the normal approximation to the binomial, kept
// within 1..n-1 so that no trial needs a continuity correction (metafor and
// metapool then agree by construction on the per-study effects).
function trial(r) {
  const n1 = 50 + Math.floor(r() * 451);
  const n2 = 50 + Math.floor(r() * 451);
  const p2 = 0.05 + 0.25 * r();
  const p1 = Math.min(0.95, p2 * Math.exp(-0.3 + 0.4 * gauss(r)));
  const events = (n, p) => Math.min(n - 1, Math.max(1, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * gauss(r))));
  return events(n1, p1) + ',' + n1 + ',' + events(n2, p2) + ',' + n2;
}

function writeData() {
  fs.mkdirSync(dataDir, { recursive: true });
  for (const k of [...K, 5000]) {
    const r = rng(k);
    const rows = ['study,ai,n1i,ci,n2i'];
    for (let i = 1; i <= k; i++) rows.push('S' + i + ',' + trial(r));
    fs.writeFileSync(path.join(dataDir, 'one_k' + k + '.csv'), rows.join('\n') + '\n');
  }
  const r = rng(2026);
  const chunks = ['analysis,study,ai,n1i,ci,n2i\n'];
  for (let a = 1; a <= BATCH; a++) {
    let s = '';
    for (let i = 1; i <= 10; i++) s += 'A' + a + ',S' + i + ',' + trial(r) + '\n';
    chunks.push(s);
  }
  fs.writeFileSync(path.join(dataDir, 'batch_k10_n100000.csv'), chunks.join(''));
}

// ---------------------------------------------------------------- running

function jsonLines(text) {
  return String(text).split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
}

function run(cmd, argv, { timeout = 0, input } = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, timeout: timeout || undefined,
    killSignal: 'SIGKILL', input });
  if (r.error && r.error.code === 'ETIMEDOUT') return { timedOut: true, stdout: r.stdout || '', stderr: r.stderr || '' };
  if (r.error) return { failed: String(r.error), stdout: '', stderr: '' };
  if (r.status !== 0) return { failed: 'exit ' + r.status + ': ' + String(r.stderr).trim().slice(-400), stdout: r.stdout, stderr: r.stderr };
  return { stdout: r.stdout, stderr: r.stderr };
}

const have = (cmd) => spawnSync('sh', ['-c', 'command -v ' + cmd], { encoding: 'utf8' }).status === 0;
const firstLine = (cmd, argv) => {
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0].trim();
  } catch (_) {
    return null;
  }
};

// Wall time of a process writing to /dev/null, median of `n` runs.
function timeProcess(cmd, argv, n) {
  const runs = [];
  const devnull = fs.openSync('/dev/null', 'w');
  try {
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(cmd, argv, { cwd: root, stdio: ['ignore', devnull, 'pipe'] });
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (r.status !== 0) return { error: 'exit ' + r.status + ': ' + String(r.stderr).trim().slice(-300) };
      runs.push(s);
    }
  } finally {
    fs.closeSync(devnull);
  }
  const sorted = runs.slice().sort((a, b) => a - b);
  return { repeats: n, median_s: sorted[Math.floor(n / 2)], min_s: sorted[0] };
}

function machine() {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = (cpuinfo.match(/^model name\s*:\s*(.*)$/m) || [])[1] || os.cpus()[0]?.model || 'unknown';
  const mhz = (cpuinfo.match(/^cpu MHz\s*:\s*(.*)$/m) || [])[1];
  return {
    cpu: model.trim() + (mhz ? ' at ' + Math.round(Number(mhz)) + ' MHz' : ''),
    cores: os.cpus().length,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.type() + ' ' + os.release(),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    gxx: firstLine('g++', ['--version']),
    emxx: firstLine('em++', ['--version']),
    node: process.version,
  };
}

// ---------------------------------------------------------------- contenders

function nativeCore() {
  if (!fs.existsSync(nativeBench)) return { skipped: 'build/metapool_bench is missing (make bench builds it)' };
  log('native core (bench/bench_core.cpp)');
  const r = run(nativeBench, [dataDir, ...(quick ? ['--quick'] : [])]);
  return r.failed ? { skipped: r.failed } : { lines: jsonLines(r.stdout) };
}

function wasmCore() {
  if (!fs.existsSync(wasmBench)) return { skipped: 'build-wasm/metapool_bench.js is missing (make bench builds it)' };
  log('wasm core in node (bench/bench_core.cpp compiled by em++)');
  const r = run('node', [wasmBench, dataDir, ...(quick ? ['--quick'] : [])]);
  return r.failed ? { skipped: r.failed } : { lines: jsonLines(r.stdout) };
}

function wasmModule() {
  if (!fs.existsSync(process.env.METAPOOL_WASM)) return { skipped: 'build-wasm/metapool.js is missing (make wasm)' };
  log('wasm module in node (bench/bench_wasm.js)');
  const r = run('node', [path.join(__dirname, 'bench_wasm.js'), dataDir, ...(quick ? ['--quick'] : [])]);
  return r.failed ? { skipped: r.failed } : { lines: jsonLines(r.stdout) };
}

function cliRuns() {
  if (!fs.existsSync(cli)) return { skipped: 'build/metapool is missing' };
  log('CLI processes');
  const out = { one: {}, batch: {} };
  for (const k of K) out.one[k] = timeProcess(cli, ['--json', path.join(dataDir, 'one_k' + k + '.csv')], quick ? 3 : (k >= 100000 ? 5 : 11));
  const batchFile = path.join(dataDir, 'batch_k10_n100000.csv');
  out.batch.full = timeProcess(cli, ['--by', 'analysis', batchFile], quick ? 1 : 3);
  out.batch.compact = timeProcess(cli, ['--by', 'analysis', '--studies', 'no', batchFile], quick ? 1 : 3);
  const sample = run(cli, ['--by', 'analysis', '--studies', 'no', batchFile]);
  if (!sample.failed) {
    const lines = sample.stdout.split('\n').filter(Boolean);
    out.batch.lines = lines.length;
    out.batch.ok = lines.filter((l) => l.includes('"ok":true')).length;
  }
  return out;
}

function metafor() {
  if (!have('Rscript')) return { skipped: 'Rscript is not installed (apt-get install r-base-core r-cran-metafor)' };
  const probe = run('Rscript', ['-e', 'suppressPackageStartupMessages(library(metafor)); cat(as.character(packageVersion("metafor")))']);
  if (probe.failed) return { skipped: 'R has no metafor (apt-get install r-cran-metafor)' };
  const script = path.join(__dirname, 'bench_metafor.R');
  // Budget (s), most repeats, and a hard limit on the process (s). REML in
  // metafor works with k x k matrices: k = 10,000 is one run of minutes,
  // k = 100,000 would need 75 GB per matrix.
  const plan = {
    10: [10, 300, 120], 100: [10, 200, 120], 1000: [20, 7, 300],
    10000: [1, 1, quick ? 0 : 600], 100000: [1, 1, quick ? 0 : 600],
  };
  const out = { version: probe.stdout.trim(), one: {}, batch: null, plan };
  for (const k of K) {
    const [budget, max, limit] = plan[k];
    if (limit === 0) {
      out.one[k] = { skipped: 'not run with --quick' };
      continue;
    }
    log('metafor, k = ' + k + ' (at most ' + limit + ' s)');
    const r = run('Rscript', [script, 'one', path.join(dataDir, 'one_k' + k + '.csv'), String(budget), String(max)],
      { timeout: limit * 1000 });
    if (r.timedOut) out.one[k] = { timedOut: limit };
    else if (r.failed) out.one[k] = { error: r.failed };
    else out.one[k] = jsonLines(r.stdout)[0] || { error: 'no output' };
  }
  const n = quick ? 100 : 1000;
  log('metafor, batch subsample of ' + n + ' analyses');
  const r = run('Rscript', [script, 'batch', path.join(dataDir, 'batch_k10_n100000.csv'), String(quick ? 20 : 300), String(n)],
    { timeout: 900 * 1000 });
  out.batch = r.timedOut ? { timedOut: 900 } : r.failed ? { error: r.failed } : jsonLines(r.stdout)[0];
  return out;
}

function browser() {
  if (!fs.existsSync('/usr/bin/chromium') && !process.env.METAPOOL_CHROMIUM) return { skipped: 'Chromium is not installed (/usr/bin/chromium)' };
  try {
    require.resolve('playwright-core', { paths: [root] });
  } catch (_) {
    return { skipped: 'playwright-core is missing (npm ci)' };
  }
  if (!fs.existsSync(dist)) return { skipped: 'dist/metapool.html is missing (make dist)' };
  log('the page in Chromium (bench/bench_browser.js)');
  const r = run('node', [path.join(__dirname, 'bench_browser.js'), dataDir, ...(quick ? ['--quick'] : [])], { timeout: 900 * 1000 });
  if (r.timedOut) return { skipped: 'the browser benchmark did not finish within 900 s' };
  return r.failed ? { skipped: r.failed } : { lines: jsonLines(r.stdout) };
}

function pageSize() {
  if (!fs.existsSync(dist)) return null;
  const html = fs.readFileSync(dist);
  // The wasm as scripts/inline_dist.js packs it: base64 of raw deflate, in
  // the data block #metapool-wasm.
  const [block] = blocksInPage(html.toString('latin1'));
  return { raw: html.length, gzip9: zlib.gzipSync(html, { level: 9 }).length, gzip6: zlib.gzipSync(html).length,
    wasm: block ? block.wasm.length : null, wasm_packed: block ? block.text.length : null };
}

// ---------------------------------------------------------------- report

// A paste's forest plot, when it lies outside the viewport and was drawn
// after the results (web/forest_view.js): when the frame after its drawing
// was on screen.
const plotLater = (p) => (Number.isFinite(p.plot_painted_ms) && p.plot_painted_ms > p.painted_ms
  ? '; the forest plot, below the viewport, drawn and painted after ' + ms(p.plot_painted_ms) : '');

// The floors (bench/bare_page.html, measured in the same run, in turn with
// the page): what Chromium alone takes on this machine.
function floors(r) {
  const lines = r.browser && r.browser.lines || [];
  return {
    openBare: lines.find((l) => l.case === 'open floor' && l.page === 'bare'),
    openSameSize: lines.find((l) => l.case === 'open floor' && l.page === 'same size'),
    pasteFloor: (k) => lines.find((l) => l.case === 'paste floor' && l.k === k),
    responsiveFloor: lines.find((l) => l.case === 'responsive floor'),
  };
}

const pick = (res, c, k, part) => (res && res.lines || []).find((l) => l.case === c && l.k === k && (!part || l.part === part));

function time(s) {
  if (s === undefined || s === null || !Number.isFinite(s)) return '–';
  if (s < 1e-3) return (s * 1e6).toPrecision(3) + ' µs';
  if (s < 1) return (s * 1e3).toPrecision(3) + ' ms';
  return s.toPrecision(3) + ' s';
}
const ms = (x) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(1) : x.toFixed(0)) + ' ms' : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
function times(x) {
  if (!Number.isFinite(x)) return '–';
  if (x >= 100) return Math.round(x).toLocaleString('en-US') + '×';
  return x.toPrecision(2) + '×';
}
const num = (n) => n.toLocaleString('en-US');
const med = (a) => {
  if (!a || !a.length) return NaN;
  const s = a.slice().sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
};
const relDiff = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300) : NaN);

function report(r) {
  const L = [];
  const m = r.machine;
  const targets = [];
  const target = (what, value, met, note = '') => targets.push({ what, value, met, note });

  L.push('# Benchmarks', '');
  L.push('Written by `make bench` (`bench/run_benchmarks.js`; ' + (quick ? '**--quick run: short budgets, not for quoting**; ' : '') +
    'not part of `make test`). Every contender reads the same generated tables from `build/bench/` ' +
    '(risk ratios; arms of 50–500, control risk 5–30%, τ² = 0.16, no zero cells). Times are medians over repeated runs ' +
    '(the number of runs in brackets) on one machine in one session; “×” is how many times faster metapool is.', '');
  L.push('## Machine', '');
  L.push('- CPU: ' + m.cpu + ', ' + m.cores + ' cores as the OS sees them, ' + m.memory_gb + ' GB RAM; ' + m.kernel);
  L.push('- Date: ' + m.date);
  if (m.load) {
    const loads = ['native', 'wasmCore', 'wasmModule', 'cli', 'browser', 'metafor'].filter((n) => r[n] && r[n].load)
      .map((n) => n + ' ' + r[n].load + (r[n].finished ? ' (finished ' + r[n].finished + ')' : ''));
    L.push('- Load average (1, 5, 15 min) after each contender ran: ' + loads.join('; ') + ' (a load near 1 is the benchmark itself on a 2-core machine; more means other work ran beside it and the times are noisier; `--only` reruns some contenders and keeps the others\' results, hence the different times)');
  }
  L.push('- Compilers and runtimes: ' + [m.gxx, m.emxx, 'node ' + m.node,
    r.metafor && !r.metafor.skipped ? (Object.values(r.metafor.one).find((x) => x && x.r)?.r || 'R') + ', metafor ' + r.metafor.version : null,
    r.browser && r.browser.lines ? 'Chromium ' + (r.browser.lines.find((l) => l.case === 'browser') || {}).version + ' (headless, playwright-core)' : null,
  ].filter(Boolean).join('; '));
  L.push('- Native build: CMake Release (`-O3`); wasm: em++ `-O3` for analyze()\'s statistics and the number formatting, ' +
    '`-Oz -finline-functions` for the rest (reading the paste, the options, the small-study tests, the plots, the JSON writing and ' +
    'the code run on request; CMakeLists.txt, METAPOOL_WASM_SIZE_SOURCES), linked `-O2` followed by Binaryen\'s `-Oz` passes, ' +
    'Boost.Math without long-double promotion (as the page).', '');

  // One analysis.
  L.push('## One analysis', '');
  L.push('MH common effect + REML random effects + heterogeneity + Q-profile τ² interval: metapool\'s `analyze()` with the ' +
    'small-study tests switched off, against metafor\'s `rma.mh()` + `escalc()` + `rma(method = "REML")` + `confint()` ' +
    '(timed inside R with `proc.time()`, R\'s start-up and reading the file not counted). Native and wasm core run the ' +
    'same `bench/bench_core.cpp`; the table is parsed beforehand for all three.', '');
  L.push('| k | native core | wasm core (node) | metafor | metafor ÷ native | wasm ÷ native | agreement with metafor (τ², μ) |');
  L.push('|---|---|---|---|---|---|---|');
  const mf = r.metafor && !r.metafor.skipped ? r.metafor.one : {};
  for (const k of K) {
    const n = pick(r.native, 'one', k, 'analyse');
    const w = pick(r.wasmCore, 'one', k, 'analyse');
    const f = mf[k];
    let fcell = '–';
    let ft = NaN;
    if (r.metafor && r.metafor.skipped) fcell = 'skipped';
    else if (f && f.timedOut) fcell = 'stopped after ' + f.timedOut + ' s';
    else if (f && f.error) fcell = 'failed: ' + f.error.replace(/\s+/g, ' ').replace(/\|/g, '/').slice(0, 90);
    else if (f && f.skipped) fcell = f.skipped;
    else if (f && f.total) {
      ft = med(f.total);
      fcell = time(ft) + ' (' + f.repeats + ')' + (f.stopped_by_budget ? '' : '');
    }
    let agree = '–';
    if (n && f && Number.isFinite(f.tau2)) {
      agree = 'τ² ' + relDiff(n.tau2, f.tau2).toExponential(0) + ', μ ' + relDiff(n.reml_y, f.reml_y).toExponential(0);
    }
    // metafor stopped: its time is at least the limit, so the ratio at least limit / native.
    const fratio = f && f.timedOut && n ? '> ' + times(ratio(f.timedOut, n.median_s)) : times(ratio(ft, n && n.median_s));
    L.push('| ' + num(k) + ' | ' + (n ? time(n.median_s) + ' (' + n.repeats + ')' : '–') + ' | ' +
      (w ? time(w.median_s) + ' (' + w.repeats + ')' : '–') + ' | ' + fcell + ' | ' + fratio +
      ' | ' + (w && n ? ratio(w.median_s, n.median_s).toFixed(2) : '–') + ' | ' + agree + ' |');
    if (k === 1000) {
      const x = ratio(ft, n && n.median_s);
      target('one REML analysis at k = 1,000 ≥ 1,000× faster than metafor', Number.isFinite(x) ? times(x) + ' (' + time(n.median_s) + ' vs ' + time(ft) + ')' : 'not measured', Number.isFinite(x) ? x >= 1000 : null);
    }
  }
  L.push('');
  if (mf && Object.keys(mf).length) {
    const parts = K.filter((k) => mf[k] && mf[k].total).map((k) => num(k) + ': rma.mh ' + time(med(mf[k].mh)) + ', escalc + rma ' +
      time(med(mf[k].reml)) + ', confint ' + time(med(mf[k].confint)));
    if (parts.length) L.push('metafor\'s time by call (medians) — ' + parts.join('; ') + '.', '');
    const plan = r.metafor.plan;
    L.push('metafor\'s runs are capped: at most ' + K.map((k) => num(k) + ': ' + plan[k][1] + ' runs / ' + plan[k][0] + ' s' +
      (plan[k][2] ? ' (process stopped after ' + plan[k][2] + ' s)' : '')).join(', ') + '. Its REML and `confint()` build k × k ' +
      'matrices (`diag(wi)`, the projection P), so time grows with k² and memory too: at k = 100,000 one matrix is 75 GB. ' +
      'Agreement: relative differences of τ² and the REML estimate, which is as close as metafor\'s default convergence ' +
      'tolerance allows (metapool solves to double precision).', '');
  } else if (r.metafor && r.metafor.skipped) {
    L.push('metafor: skipped — ' + r.metafor.skipped + '.', '');
  }

  // The wider picture of one analysis.
  L.push('### What the CLI and the page do with one table', '');
  L.push('The default analysis adds the small-study tests (Egger, Begg, Peters, Harbord) and trim-and-fill; the page\'s ' +
    'module call (`analyze(text, {})`) also parses, writes the JSON, draws the forest plot as SVG and hands the object ' +
    'to JavaScript. “native, same work” = parse + default analysis + JSON + SVG in the native core. CLI = the whole ' +
    'process, `metapool --json FILE > /dev/null`, start-up included.', '');
  L.push('| k | parse | default analysis | JSON | forest SVG | native, same work | wasm module `analyze()` | module ÷ native | CLI process |');
  L.push('|---|---|---|---|---|---|---|---|---|');
  for (const k of K) {
    const g = (part) => pick(r.native, 'one', k, part);
    const parse = g('parse'), def = g('analyse_default'), json = g('json'), svg = g('forest');
    const same = parse && def && json && svg ? parse.median_s + def.median_s + json.median_s + svg.median_s : NaN;
    const mod = pick(r.wasmModule, 'one', k, 'module_analyze');
    const c = r.cli && r.cli.one ? r.cli.one[k] : null;
    L.push('| ' + num(k) + ' | ' + time(parse && parse.median_s) + ' | ' + time(def && def.median_s) + ' | ' + time(json && json.median_s) +
      ' | ' + time(svg && svg.median_s) + ' | ' + time(same) + ' | ' + (mod ? time(mod.median_s) + ' (' + mod.repeats + ')' : '–') +
      ' | ' + (mod ? ratio(mod.median_s, same).toFixed(2) : '–') + ' | ' + (c && c.median_s ? time(c.median_s) : '–') + ' |');
  }
  L.push('');
  {
    const coreRatios = K.map((k) => ratio(pick(r.wasmCore, 'one', k, 'analyse')?.median_s, pick(r.native, 'one', k, 'analyse')?.median_s)).filter(Number.isFinite);
    const modRatios = K.map((k) => {
      const g = (part) => pick(r.native, 'one', k, part)?.median_s;
      return ratio(pick(r.wasmModule, 'one', k, 'module_analyze')?.median_s, g('parse') + g('analyse_default') + g('json') + g('forest'));
    }).filter(Number.isFinite);
    if (coreRatios.length) {
      const worst = Math.max(...coreRatios);
      target('wasm core within 1.5× of native (the same core code)', coreRatios.map((x) => x.toFixed(2)).join(', ') + ' for k = 10 … 100,000', worst <= 1.5,
        modRatios.length ? 'the module\'s whole analyze() call vs the same work natively: ' + modRatios.map((x) => x.toFixed(2)).join(', ') : '');
    }
  }

  // Batch.
  L.push('## 100,000 analyses of k = 10', '');
  L.push('The workload of a simulation study: `batch_k10_n100000.csv`, 100,000 analyses (an `analysis` column), 1,000,000 rows.', '');
  L.push('| how | total | per analysis | metafor ÷ this |');
  L.push('|---|---|---|---|');
  const mb = r.metafor && !r.metafor.skipped ? r.metafor.batch : null;
  const mper = mb && Number.isFinite(mb.per_analysis) ? mb.per_analysis : NaN;
  const row = (how, total, runs) => {
    const per = total / BATCH;
    L.push('| ' + how + ' | ' + time(total) + (runs ? ' (' + runs + ')' : '') + ' | ' + time(per) + ' | ' + times(ratio(mper, per)) + ' |');
    return per;
  };
  const nb = pick(r.native, 'batch', 10, 'analyse');
  const nbd = pick(r.native, 'batch', 10, 'analyse_default');
  const nbc = pick(r.native, 'batch', 10, 'batch_core');
  let corePer = NaN;
  let cliPer = NaN;
  if (nb) corePer = row('native core, `analyze()` on parsed tables (as metafor: MH + REML + Q-profile CI)', nb.median_s, nb.repeats);
  if (nbd) row('native core, default analysis (adds the small-study tests)', nbd.median_s, nbd.repeats);
  if (nbc) row('native core, `run_batch()`: text in, JSON Lines out (in memory)', nbc.median_s, nbc.repeats);
  if (r.cli && r.cli.batch && r.cli.batch.full) {
    if (r.cli.batch.full.median_s) cliPer = row('CLI `metapool --by analysis FILE > /dev/null` (process, file, JSON Lines)', r.cli.batch.full.median_s, r.cli.batch.full.repeats);
    if (r.cli.batch.compact.median_s) row('CLI with `--studies no`', r.cli.batch.compact.median_s, r.cli.batch.compact.repeats);
  }
  const wb = pick(r.wasmCore, 'batch', 10, 'analyse');
  if (wb) row('wasm core in node, `analyze()` on parsed tables', wb.median_s, wb.repeats);
  const mwb = pick(r.wasmModule, 'batch', 10, 'module_analyze');
  if (mwb) row('wasm module in node, `analyze(text, {})` per analysis (JSON and SVG included)', mwb.median_s, mwb.repeats);
  if (mb && Number.isFinite(mper)) {
    L.push('| metafor, **extrapolated** from the first ' + num(mb.analysed) + ' analyses (' + time(mb.seconds) + ') | ' +
      time(mper * BATCH) + ' (estimate) | ' + time(mper) + ' | 1× |');
  } else if (r.metafor && r.metafor.skipped) {
    L.push('| metafor | skipped | – | – |');
  }
  L.push('');
  if (r.cli && r.cli.batch && r.cli.batch.lines) L.push('The CLI wrote ' + num(r.cli.batch.lines) + ' JSON lines, ' + num(r.cli.batch.ok) + ' with `"ok": true`.', '');
  if (Number.isFinite(mper)) {
    const x = ratio(mper, corePer);
    target('the 100,000-analysis batch ≥ 100× faster than metafor per analysis', times(x) + ' (core: ' + time(corePer) + ' vs ' + time(mper) + ')' +
      (Number.isFinite(cliPer) ? '; CLI with JSON output ' + times(ratio(mper, cliPer)) : ''), Number.isFinite(x) ? x >= 100 : null);
  }

  // Browser.
  L.push('## The page in Chromium', '');
  if (r.browser && r.browser.lines) {
    const open = r.browser.lines.find((l) => l.case === 'open');
    const openSaved = r.browser.lines.find((l) => l.case === 'open with a saved table');
    const pastes = r.browser.lines.filter((l) => l.case === 'paste');
    const fresh = r.browser.lines.filter((l) => l.case === 'paste new rows');
    const resp = r.browser.lines.find((l) => l.case === 'responsive');
    const { openBare, openSameSize, pasteFloor, responsiveFloor } = floors(r);
    L.push('`dist/metapool.html` opened from `file://` in headless Chromium (`--disable-gpu`), a fresh context each time; ' +
      'pastes are real Ctrl+V of the benchmark tables through the clipboard. “Paste → results” runs from the paste event to the ' +
      'page\'s event saying the new results and plot are in the DOM (the page analyses in the input event when its last update ' +
      'fitted in a frame, else in the next animation frame); “next frame” is when the frame after that has run, i.e. the ' +
      'results are on screen; “work” is the page\'s own analysis + rendering. The floor rows time bench/bare_page.html, a page ' +
      'that takes a paste as the page does and draws nothing, with the same clocks in the same run (one open of each page per ' +
      'round, one paste into each in turn): what Chromium alone takes on this machine.', '');
    L.push('| measure | median | runs | detail |');
    L.push('|---|---|---|---|');
    if (open) {
      L.push('| open the file → first results in the page (BCG example, k = ' + open.k + ') | ' + ms(open.results_ms) + ' | ' + open.runs +
        ' | next frame ' + ms(open.frame_ms) + '; DOMContentLoaded ' + ms(open.dcl_ms) + '; wall clock from `page.goto` ' + ms(open.wall_ms) + ' |');
      target('open the file → first results on screen ≤ 100 ms', ms(open.frame_ms) + ' on screen (in the DOM ' + ms(open.results_ms) + ')' +
        (openSaved ? '; with a saved table ' + ms(openSaved.frame_ms) + ' on screen' : '') +
        (openSameSize ? '; floor: a page of the same size that runs nothing ' + ms(openSameSize.frame_ms) +
          (openBare ? ', a bare page ' + ms(openBare.frame_ms) : '') : ''), open.frame_ms <= 100);
    }
    if (openSaved) {
      L.push('| open with a saved table → first results in the page (the example with one count changed, k = ' + openSaved.k + ') | ' +
        ms(openSaved.results_ms) + ' | ' + openSaved.runs + ' | next frame ' + ms(openSaved.frame_ms) + '; DOMContentLoaded ' +
        ms(openSaved.dcl_ms) + '; wall clock from `page.goto` ' + ms(openSaved.wall_ms) + ' |');
    }
    for (const p of pastes) {
      L.push('| paste → updated results and plot, k = ' + num(p.k) + ' | ' + ms(p.dom_ms) + ' | ' + p.runs + ' | work ' + ms(p.work_ms) +
        ' (analysis ' + ms(p.analyze_ms) + ', rendering ' + ms(p.render_ms) + '); next frame ' + ms(p.painted_ms) + ', slowest ' + ms(p.max_painted_ms) +
        plotLater(p) + ' |');
      // The target is on screen: the first frame painted after the paste
      // that shows the results (bench/bench_browser.js, onScreenClock).
      const floor = pasteFloor(p.k);
      const pasteTarget = (what, limit) => target(what, ms(p.painted_ms) + ' on screen (in the DOM ' + ms(p.dom_ms) + ', work ' +
        ms(p.work_ms) + ', slowest on screen ' + ms(p.max_painted_ms) + plotLater(p) + ')' +
        (floor ? '; floor: a bare page ' + ms(floor.painted_ms) : ''), p.painted_ms <= limit);
      if (p.k === 100) pasteTarget('paste → results and forest plot on screen ≤ 16 ms at k = 100', 16);
      if (p.k === 1000) pasteTarget('paste → results and forest plot on screen ≤ 50 ms at k = 1,000', 50);
    }
    // The paste above alternates two tables that differ in one count (an
    // edit: the plot is patched); these pastes bring rows the page has not
    // shown (every label new: the plot parsed whole, every table row
    // rewritten). Reported beside the target, which the edit measures.
    for (const p of fresh) {
      L.push('| paste of new rows → updated results and plot, k = ' + num(p.k) + ' | ' + ms(p.dom_ms) + ' | ' + p.runs + ' | work ' +
        ms(p.work_ms) + ' (analysis ' + ms(p.analyze_ms) + ', rendering ' + ms(p.render_ms) + '); next frame ' + ms(p.painted_ms) +
        ', slowest ' + ms(p.max_painted_ms) + '; longest main-thread task ' + ms(p.longest_task_ms) + ' (median over runs ' +
        ms(p.median_longest_task_ms) + ') |');
    }
    for (const f of [openBare, openSameSize]) {
      if (!f) continue;
      L.push('| floor: open ' + (f === openBare ? 'the bare page (a text area and a script, nothing else)'
        : 'the bare page with the bytes of dist/metapool.html in it as inert text (' + num(f.bytes) + ' bytes, nothing run)') +
        ' → its script has run | ' + ms(f.results_ms) + ' | ' + f.runs + ' | next frame ' + ms(f.frame_ms) + '; DOMContentLoaded ' + ms(f.dcl_ms) + ' |');
    }
    for (const k of [10, 100, 1000]) {
      const f = pasteFloor(k);
      if (f) L.push('| floor: paste into the bare page (the same paste handler, nothing analysed or drawn), k = ' + num(k) + ' | ' +
        ms(f.dom_ms) + ' | ' + f.runs + ' | next frame ' + ms(f.painted_ms) + ' |');
    }
    if (resp) {
      L.push('| paste of k = 5,000 → results on screen | ' + ms(resp.painted_ms) + ' | ' + resp.runs + ' | in the DOM ' + ms(resp.dom_ms) +
        '; work ' + ms(resp.work_ms) + ' (analysis ' + ms(resp.analyze_ms) + ', rendering ' + ms(resp.render_ms) + '); longest main-thread task ' +
        ms(resp.longest_task_ms) + ' (median over runs ' + ms(resp.median_longest_task_ms) + '; ' + resp.long_tasks + ' tasks over 50 ms, ' +
        ms(resp.long_tasks_total_ms) + ' in all)' + (resp.longest_frame_ms !== null && resp.longest_frame_ms !== undefined
          ? '; longest animation frame ' + ms(resp.longest_frame_ms) + ' (its blocking duration ' + ms(resp.longest_frame_blocking_ms) + ')' : '') +
        (resp.paste_handler_ms !== undefined ? '; key press → paste event ' + ms(resp.key_to_paste_event_ms) + ', the page\'s paste handler ' +
          ms(resp.paste_handler_ms) : '') + ' |');
      const f = responsiveFloor;
      if (f) L.push('| floor: paste of k = 5,000 into the bare page (the text put in as the page puts it in, nothing analysed or drawn) | ' +
        ms(f.painted_ms) + ' | ' + f.runs + ' | longest main-thread task ' + ms(f.longest_task_ms) + ' (median over runs ' +
        ms(f.median_longest_task_ms) + ') |');
      target('a k = 5,000 paste never blocks input for 50 ms or more', 'longest main-thread task ' + ms(resp.longest_task_ms) + ' over ' +
        resp.runs + ' pastes (median over pastes ' + ms(resp.median_longest_task_ms) + '); results on screen after ' + ms(resp.painted_ms) +
        (f ? '; floor: the bare page\'s text area alone ' + ms(f.longest_task_ms) + ' (median ' + ms(f.median_longest_task_ms) + ')' : ''),
        resp.longest_task_ms < 50);
    }
    L.push('');
  } else {
    L.push('Skipped: ' + (r.browser ? r.browser.skipped : 'not run') + '.', '');
  }

  // Size.
  L.push('## Size of the page', '');
  if (r.size) {
    L.push('| dist/metapool.html | bytes |', '|---|---|');
    L.push('| raw | ' + num(r.size.raw) + ' (' + (r.size.raw / 1024).toFixed(0) + ' KB) |');
    L.push('| gzip -9 | ' + num(r.size.gzip9) + ' (' + (r.size.gzip9 / 1024).toFixed(0) + ' KB) |');
    L.push('| gzip -6 (the usual server setting) | ' + num(r.size.gzip6) + ' (' + (r.size.gzip6 / 1024).toFixed(0) + ' KB) |');
    if (r.size.wasm) {
      L.push('| of which the wasm, deflated and in base64 (' + num(r.size.wasm) + ' bytes unpacked) | ' + num(r.size.wasm_packed) +
        ' (' + (r.size.wasm_packed / 1024).toFixed(0) + ' KB) |');
    }
    L.push('');
    target('dist/metapool.html ≤ 250 KB gzipped', (r.size.gzip9 / 1000).toFixed(0) + ' kB (' + num(r.size.gzip9) + ' bytes, gzip -9; 250 KB read as 250,000 bytes)', r.size.gzip9 <= 250000);
  } else {
    L.push('dist/metapool.html is missing.', '');
  }

  L.push('## Reading the targets', '');
  const fl = floors(r);
  const pasteFloorText = [100, 1000].map((k) => fl.pasteFloor(k) ? ms(fl.pasteFloor(k).painted_ms) + ' on screen at k = ' + num(k) : null)
    .filter(Boolean).join(' and ') || 'not measured';
  const openFloorText = fl.openSameSize
    ? 'The floor, measured in the same run: a bare page is on screen after ' + ms(fl.openBare ? fl.openBare.frame_ms : NaN) +
      ', and the same bare page carrying the bytes of dist/metapool.html as inert text (nothing run, nothing laid out but the bare ' +
      'page) after ' + ms(fl.openSameSize.frame_ms) + (fl.openSameSize.frame_ms > 100
        ? ': a file of this size is not on screen within 100 ms here even when it runs nothing, so the open target is out of reach ' +
          'for a single-file page of this size on this machine; the page\'s own cost is what it adds to that floor.'
        : '.')
    : 'The floor was not measured in this run.';
  L.push('- Size: the wasm goes into the page deflated by zopfli (`scripts/inline_dist.js`) and the scripts minified. The wasm is ' +
    'built in two speeds (CMakeLists.txt): `-O3` for analyze()\'s statistics and the number formatting; `-Oz` for the rest, both ' +
    'code that runs on every paste but is not where its time goes (reading the pasted text, the small-study tests, the plots, the ' +
    'JSON writing, the generalised Q distribution) and what runs on request (the working, R code, reports, presets, checks ' +
    'against printed numbers). emcc 3.1.6 adds `-fno-inline-functions` at `-Os` and `-Oz`, with which clang 14 inlined not even ' +
    '`std::string::size()`; `-finline-functions` after it gives clang\'s `-Oz` cost model back (inlining what makes the code ' +
    'smaller), and `_LIBCPP_DISABLE_EXTERN_TEMPLATE` compiles std::string\'s members with the core instead of calling the ' +
    'prebuilt libc++\'s. The link is `-O2` (an `-Oz` link brings libc-optz, whose small log() and pow() differ from glibc\'s in ' +
    'the last bits and changed REML\'s iteration count), followed by Binaryen\'s `-Oz` passes, which leave libc as it is. What ' +
    'the steps bought, page gzipped (zlib level 9): 258,095 bytes before; the cold files with `-finline-functions` 254,896; the ' +
    'link\'s extra `-Oz` passes 252,727; the per-paste files `-Oz -finline-functions` instead of `-Os` 246,712 (the module\'s ' +
    'analyze() a third faster); std::string compiled with the core 246,423 (analyze() 0.44–0.61 of its earlier time). Not taken: ' +
    '`-Os -finline-functions` (12 kB larger than `-Oz` with it), `-finline-hint-functions` (larger still), emmalloc (3 kB, ' +
    'analyze() at k = 1,000 half again slower). The module has no iostreams or locales to remove: the numbers are written by ' +
    'core/output/decimal_format.cpp, with musl\'s snprintf only as a fallback. Later steps (page gzipped, 249,530 bytes before): ' +
    'the stable sorts through one copy of libc++\'s merge sort taking the comparator by function pointer ' +
    '(`core/model/stable_order.hpp`; each comparator had made its own copy, 6 kB for the problems sorted by line) 246,777; ' +
    'Binaryen\'s `-Oz` once more, in a process of its own after the link (`scripts/reoptimize_wasm.js`) 245,853; the page\'s copy ' +
    'of the glue without its node and fetch paths, which the page never takes 244,705; flags as `std::vector<char>` instead of ' +
    '`std::vector<bool>` 243,700; the page ASCII only (escapes for every other character) and the wasm block first in the head ' +
    '(gzip\'s window no longer cut between the style sheet and the scripts). The module\'s outputs stayed bit for bit the same.');
  L.push('- Wasm core ÷ native: most of “one analysis” is the root finders of REML and of the Q-profile interval, each step ' +
    'a loop over the studies with a division per study. x86-64 GCC divides two studies per instruction there (divpd) and still ' +
    'adds the sums in order; the wasm build does the same with SIMD (`core/pooling/study_pairs.hpp`: f64x2 divisions, each ' +
    'sum taking the two lanes in order), so its results stay the native ones to the last bit; it took the wasm core from ' +
    '1.4–1.5× native to about 1.1× at k = 100 and 1,000. `#pragma clang loop vectorize(enable)` is no way to get this: it ' +
    'lets LLVM reorder floating-point sums (vector accumulators), which changed PM, ML and REML iteration counts. ' +
    'Not taken: `-mbulk-memory` (memcpy and memset as instructions; a few percent in a trial, but with it LLVM 14 keeps ' +
    'the thread-local variables of the headers the module includes, and wasm-ld refuses them without atomics), ' +
    '`-mnontrapping-fptoint` (an out-of-range double → int conversion would saturate instead of giving INT_MIN as native x86 does).');
  L.push('- Paste → results: the page puts a pasted table (20 lines or more, or 2,000 characters) into the text area by ' +
    '`setRangeText()`, not by Chromium\'s own paste (6 ms at 100 lines, some 180 ms at 1,000), and analyses it in the same ' +
    'event, so at k = 100 its work is done within one frame\'s 16 ms and the results are in the first frame the browser starts ' +
    'after that; “on screen” includes waiting for that frame (up to 16.7 ms, whatever the page does). ' +
    'At k = 1,000 most of the time is the page\'s rendering (the studies table and the forest plot\'s SVG, parsed by the HTML ' +
    'parser) and then the browser\'s style, layout and paint of both, not the statistics (the analysis itself is microseconds, ' +
    'above). The frame that puts them on screen is Chromium\'s style, layout, paint, software raster and commit of what ' +
    'changed (headless, `--disable-gpu`): the table\'s first rows and the forest plot (20,000 pixels ' +
    'tall at k = 1,000). The floor (the bare page pasted into in turn with the page: ' + pasteFloorText + ') is Chromium ' +
    'rebuilding the focused text area (a text node and a `<br>` per line, laid out at once when the selection is set) and ' +
    'the wait for the next frame.');
  L.push('- k = 5,000: a realistic large paste (the k = 50,000 target is gone: no real meta-analysis has that many trials). ' +
    'The longest main-thread task from the paste until a second after the results are on screen, over all pastes; Chromium ' +
    'counts its rendering update (style, layout, paint) as a task, so a long layout of the text area or the table shows here. ' +
    'A paste of 2,000 lines or more goes into the text area from tasks of its own after the frame that follows the key ' +
    '(`web/editor.js`): in the paste event Chromium lays the whole text out at once for the input method, on top of its work ' +
    'for the key (80–220 ms of CPU in one task at 5,000 lines); apart, the text and its style, its layout and the frame each ' +
    'take some 30–40 ms. A key, click, copy or paste before the text is in puts it in first. Laying out 5,000 lines of a text ' +
    'area costs about 40 ms or more whatever its CSS; the floor row is the bare page taking the same pastes the same way ' +
    '(bench/bare_page.html), in turn with the page, so its longest task is the text area\'s own. Less would take an editor ' +
    'that lays out only the visible lines.');
  L.push('- On screen: bench/bench_browser.js waits for the first frame painted after the results are in the DOM: a ' +
    'requestAnimationFrame callback posts a MessageChannel message, which the event loop delivers only after that frame\'s ' +
    'style, layout, paint and commit; when the results arrive inside an animation-frame callback, that same frame is the one.');
  L.push('- Open → first results: on the built-in example the page shows the results shipped with it (`make dist` runs the module ' +
    'in node on the example text with the default options, scripts/analyse_example.js), rendered by the page\'s own code in its ' +
    'script at the end of the body; the body stays hidden until that script runs, so that the first frame is laid out once, with ' +
    'the results; the wasm compiles and the Worker starts after that frame. With a saved table or a link the page waits for the ' +
    'module as before: the wasm compiles from `<head>` while the page parses, the Worker warms the module up meanwhile, and the ' +
    'first analysis runs once the module is ready; most of what is left is Chromium parsing and laying out the page itself. ' +
    openFloorText + ' Reading and decoding the file (15 ms of CPU now that it is ASCII only, 30 ms before) and tokenising ' +
    'its wasm block (~10 ms; the block stays in the head so that a saved table\'s module compiles while the page parses) are ' +
    'in that floor; what the page adds to it is its script (~30 ms of CPU: rendering, the forest SVG\'s parse, starting the ' +
    'panels) and the style, layout and paint of a whole page.', '');

  // Targets, at the top.
  const T = ['## Targets', '', '| target | measured | met |', '|---|---|---|'];
  for (const t of targets) {
    T.push('| ' + t.what + ' | ' + t.value + (t.note ? '; ' + t.note : '') + ' | ' + (t.met === null ? 'not measured' : typeof t.met === 'string' ? t.met : t.met ? 'yes' : '**no**') + ' |');
  }
  T.push('');
  const at = L.indexOf('## One analysis');
  L.splice(at, 0, ...T);
  return L.join('\n') + '\n';
}

// ---------------------------------------------------------------- main

// --only native,wasmCore,...: rerun these contenders and keep the others'
// results from the last run's build/bench/results.json (same data).
const CONTENDERS = { native: nativeCore, wasmCore, wasmModule, cli: cliRuns, browser, size: pageSize, metafor };

function main() {
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
  const saved = path.join(dataDir, 'results.json');
  for (const name of only || []) if (!CONTENDERS[name]) throw new Error('--only: no contender ' + name + ' (' + Object.keys(CONTENDERS).join(', ') + ')');
  const results = only && fs.existsSync(saved) ? JSON.parse(fs.readFileSync(saved, 'utf8')) : {};
  results.machine = machine();
  results.machine.load = os.loadavg().map((x) => x.toFixed(2)).join(', ');
  if (!only || !fs.existsSync(path.join(dataDir, 'batch_k10_n100000.csv'))) {
    log('writing the tables to ' + path.relative(root, dataDir));
    writeData();
  }
  for (const [name, run] of Object.entries(CONTENDERS)) {
    if (only && !only.includes(name)) continue;
    results[name] = run();
    if (results[name]) {
      results[name].load = os.loadavg().map((x) => x.toFixed(2)).join(', ');
      results[name].finished = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    }
  }
  if (results.metafor && results.metafor.skipped) log('metafor skipped: ' + results.metafor.skipped);
  for (const [name, v] of Object.entries(results)) if (v && v.skipped) log(name + ' skipped: ' + v.skipped);
  fs.writeFileSync(path.join(dataDir, 'results.json'), JSON.stringify(results, null, 1));
  fs.writeFileSync(outPath, report(results));
  log('wrote ' + path.relative(root, outPath) + ' (raw results in ' + path.relative(root, path.join(dataDir, 'results.json')) + ')');
}

if (require.main === module) {
  if (args.includes('--report-only')) {
    const results = JSON.parse(fs.readFileSync(path.join(dataDir, 'results.json'), 'utf8'));
    fs.writeFileSync(outPath, report(results));
  } else {
    main();
  }
}
