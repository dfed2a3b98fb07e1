// The analysis of large tables off the main thread, so that the page never
// freezes while the core works through tens of thousands of trials.
//
// The Worker is made from a Blob (a page opened from file:// cannot start a
// worker from a file): the WebAssembly module's own script text, kept by
// scripts/inline_dist.js in self.metapool.source (shared.js), followed by the
// small message loop below; the compiled wasm (wasm_loader.js) is posted to
// it. The worker runs the same module as the page; the page keeps its own
// copy for small tables (no round trip) and for working(), r_code() and the
// rest, which stay synchronous. The worker starts as the page loads, and
// warms the module up for the page (warmUp below).
//
// It is self.metapool.background, for app.js (a script of its own, in the
// head, so that the worker starts while the page is still being parsed):
//   background.available()          -> true when a worker can be made
//   background.busy()               -> true while one works or waits
//   background.analyze(text, options) -> Promise of
//        { result } (what metapool.analyze() returns; a plot of more than
//        2,000 trials as forest_svg_blob instead of forest_svg), or { stale: true } when a
//        later call superseded this one before the worker got to it, or
//        { error } when the worker failed.
//
// Latest wins: at most one analysis is in the worker at a time; calls made
// meanwhile replace each other, and only the last of them is sent next.
import { afterFirstFrame, opensWithExample } from './opening.js';
import { shared } from './shared.js';

// Runs inside the worker, after the module's script has defined
// self.metapool.create. Written as a function so that it is plain code here
// and text in the Blob: it uses nothing from this file but its own names.
function workerMain() {
  // Studies go back in slices, so that no single message takes the page's
  // main thread long to unpack; a plot too tall for the page goes back as a
  // Blob (for saving), not as text (app.js's FOREST_MAX_STUDIES is the same).
  var SLICE = 1000;
  var PLOT_MAX_STUDIES = 2000;
  // The page's compiled WebAssembly module arrives first (a message of
  // its own); the module's script waits for it in self.metapool.wasm.
  var boot = self.metapool;
  var receiveWasm;
  boot.wasm = new Promise(function (resolve) { receiveWasm = resolve; });
  var ready = boot.create();
  // The warm-up (see warmUp below): one small analysis as soon as the
  // module runs here, of no interest in itself.
  // (A property of self.metapool, not a name from the page's code, which
  // the minifier renames.)
  // With the page's default options (app.js: no small-study tests while
  // their panel is closed), so that it compiles what the page runs first.
  ready.then(function (m) { m.analyze(boot.warmUpTable, { 'small-study': false }); });
  // The longer warm-up (see warmUp below), once the page asks: analyses of
  // a table of WARM_TRIALS trials, one a task, so that an analysis the page
  // asks for meanwhile goes first and ends the warm-up.
  var WARM_TRIALS = 400;
  var WARM_STEPS = 12;
  var warmLeft = 0;
  function warmTable() {
    var rows = ['Trial, e1, n1, e2, n2'];
    for (var i = 1; i <= WARM_TRIALS; i++) {
      var n1 = 60 + (i * 37) % 400, n2 = 60 + (i * 53) % 400;
      rows.push('T' + i + ', ' + (1 + (i * 13) % 40) + ', ' + n1 + ', ' + (1 + (i * 29) % 50) + ', ' + n2);
    }
    return rows.join('\n') + '\n';
  }
  function warmStep(m, table) {
    if (warmLeft <= 0) return;
    warmLeft--;
    m.analyze(table, { 'small-study': false });
    setTimeout(function () { warmStep(m, table); }, 0);
  }
  self.onmessage = function (e) {
    if (e.data.wasm) {
      receiveWasm(e.data.wasm);
      return;
    }
    if (e.data.warm) {
      warmLeft = WARM_STEPS;
      ready.then(function (m) { warmStep(m, warmTable()); });
      return;
    }
    warmLeft = 0;
    var id = e.data.id;
    ready.then(function (m) {
      var result = m.analyze(e.data.text, e.data.options);
      var studies = result.studies || [];
      if (studies.length > PLOT_MAX_STUDIES && result.forest_svg) {
        result.forest_svg_blob = new Blob([result.forest_svg], { type: 'image/svg+xml' });
        result.forest_svg = '';
      }
      result.studies = [];
      for (var i = 0; i < studies.length; i += SLICE) self.postMessage({ id: id, studies: studies.slice(i, i + SLICE) });
      self.postMessage({ id: id, result: result });
    }).catch(function (err) {
      self.postMessage({ id: id, error: String(err && err.message ? err.message : err) });
    });
  };
}

// A small table for the warm-up: a zero cell (continuity correction) and
// enough trials for every statistic the first analysis computes.
const WARM_UP_TABLE = 'Trial, e1, n1, e2, n2\nA, 4, 123, 11, 139\nB, 6, 306, 29, 303\nC, 0, 231, 11, 220\n' +
  'D, 62, 1359, 248, 1286\nE, 33, 506, 47, 580\n';

let worker = null;
let broken = false;
let busy = null;      // { id, resolve } of the analysis in the worker
let waiting = null;   // { id, text, options, resolve } of the newest call not yet sent
let nextId = 1;

function available() {
  return !broken && typeof Worker === 'function' && typeof shared.source === 'string' &&
    Boolean(shared.wasm);
}

function start() {
  const body = shared.source + '\nself.metapool.warmUpTable = ' + JSON.stringify(WARM_UP_TABLE) +
    ';\n;(' + workerMain.toString() + ')();\n';
  const url = URL.createObjectURL(new Blob([body], { type: 'text/javascript' }));
  try {
    worker = new Worker(url);
  } finally {
    URL.revokeObjectURL(url);
  }
  // Compiled once, in the page (wasm_loader.js): a WebAssembly.Module
  // can be posted to a worker, which then only instantiates it.
  shared.wasm.then((wasm) => { if (worker) worker.postMessage({ wasm }); },
    (err) => fail('the background calculator could not start (' + (err && err.message ? err.message : String(err)) + ')'));
  worker.onmessage = (e) => {
    const job = busy;
    if (!job || job.id !== e.data.id) return;
    if (e.data.studies) {
      job.studies.push(e.data.studies);
      return;
    }
    busy = null;
    if (e.data.error !== undefined) {
      job.resolve({ error: e.data.error });
    } else {
      const result = e.data.result;
      result.studies = [].concat(...job.studies);
      job.resolve({ result });
    }
    send();
  };
  warmAfterFirstResults();
  worker.onerror = (e) => {
    e.preventDefault();
    fail('the background calculator stopped' + (e.message ? ' (' + e.message + ')' : ''));
  };
}

// The longer warm-up, once the page's first results are in (it would
// compete with the page's own start for the processor): see warmUp below.
function warmAfterFirstResults() {
  const ask = () => { if (worker) worker.postMessage({ warm: true }); };
  if (document.documentElement.dataset.renders) ask();
  else window.addEventListener('metapool:rendered', ask, { once: true });
}

function fail(message) {
  broken = true;
  if (worker) worker.terminate();
  worker = null;
  for (const job of [busy, waiting]) if (job) job.resolve({ error: message });
  busy = waiting = null;
}

function send() {
  if (busy || !waiting) return;
  busy = waiting;
  waiting = null;
  worker.postMessage({ id: busy.id, text: busy.text, options: busy.options });
}

function analyze(text, options) {
  if (!available()) return Promise.resolve({ error: 'no background calculator in this browser' });
  if (!worker) {
    try {
      start();
    } catch (err) {
      fail('the background calculator could not start (' + (err && err.message ? err.message : String(err)) + ')');
      return Promise.resolve({ error: 'no background calculator in this browser' });
    }
  }
  return new Promise((resolve) => {
    if (waiting) waiting.resolve({ stale: true });
    waiting = { id: nextId++, text, options, resolve, studies: [] };
    send();
  });
}

// True while an analysis is in the worker or waiting for it.
const busyNow = () => Boolean(busy || waiting);

// The warm-up. The browser compiles a WebAssembly function the first time
// it runs (lazily), and the page's first analysis ran most of the module
// for the first time: some 110 ms of compiling on the main thread before
// the first results. Compiled code belongs to the module, which the page
// and this worker share, so one analysis here, while the main thread is
// still parsing the page, compiles it for both (measured in Chromium: the
// page's first analysis then took 12 to 40 ms instead of 110 to 130).
// That first compiling is quick and gives slow code; the browser compiles a
// function again, optimised, once it has run enough (V8's tiering, with the
// optimised code also shared with the page): until then the page's first
// analyses of a large table took 2 to 10 times as long as later ones
// (1,000 trials: 45 to 85 ms, then 5 to 10). So once the page's first
// results are in, the worker runs a dozen analyses of 400 trials, one a task
// (measured in Chromium, two seconds after opening: the page's first
// analysis of 1,000 trials then took 17 to 24 ms instead of 33 to 84, of
// 100 trials 4 to 10 instead of 6 to 14; twice as many steps, or 1,000
// trials, did no better).
// The worker then stays ready for large tables. On the built-in example the
// page's first results are shipped with it (built_in_example.js): the worker
// then starts after the first frame, which it would only delay.
function warmUp() {
  if (!available() || worker) return;
  try {
    start();
  } catch (err) {
    fail('the background calculator could not start (' + (err && err.message ? err.message : String(err)) + ')');
  }
}
if (opensWithExample()) afterFirstFrame(warmUp);
else warmUp();

shared.background = { available, analyze, busy: busyNow };
