// metapool's page: reads the controls and the pasted text, asks the
// WebAssembly module for the analysis and shows it (results_view.js), then
// tells the panels (the window's metapool:rendered event). Small tables are
// analysed here, at once; large ones in the analysis worker.
import { sameOptions } from './built_in_example.js';
import { setText } from './dom.js';
import { textarea, startEditor, isPasting } from './editor.js';
import { fixed } from './format.js';
import { explainControls, fillControls, readOptions } from './options.js';
import { page } from './page.js';
import { renderResult, showComputing, showError, startResultsView } from './results_view.js';
import { shared } from './shared.js';

// ---- the update loop: input -> next animation frame -> analyze -> render --

let metapool = null;
let scheduled = false;
let inputAt = null;  // performance.now() of the first input not yet shown
let renders = 0;

function schedule() {
  if (inputAt === null) inputAt = performance.now();
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(update);
}

// Analyse again (a panel that needs more of the analysis has opened).
export const refresh = () => schedule();

// Typing and pasting in the text area: when the last update fitted in a
// frame (16 ms), the analysis runs at once, in the input event, so that its
// results are in the very frame that shows the new text (waiting for the
// next animation frame cost 5-8 ms). Keys come further apart than that
// (auto-repeat: some 30 ms); slower updates keep to one per frame.
const IMMEDIATE_WORK_MS = 16;
let lastWork = Infinity;  // analysis + rendering of the last update, ms
function scheduleInput() {
  if (scheduled || !metapool || !(isPasting() || lastWork < IMMEDIATE_WORK_MS)) {
    schedule();
    return;
  }
  inputAt = performance.now();
  update();
}

// Tables longer than this are analysed in a Worker (web/analysis_worker.js)
// so that typing stays responsive; shorter ones here, with no round trip.
const BACKGROUND_LINES = 2000;
let generation = 0;  // the newest update; older answers from the worker are dropped

function lineCount(text) {
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function update() {
  scheduled = false;
  if (!metapool) return;
  const options = readOptions();
  explainControls(options);
  const text = textarea.value;
  const t0 = performance.now();
  const lines = lineCount(text);
  const mine = ++generation;
  const background = shared.background;
  if (lines > BACKGROUND_LINES && background && background.available()) {
    showComputing(lines);
    background.analyze(text, options).then((answer) => {
      if (mine !== generation || answer.stale) return;  // the user has typed since
      finish(text, options, lines, t0, answer.error ? analyzeHere(text, options) : answer.result);
    });
    return;
  }
  finish(text, options, lines, t0, analyzeHere(text, options));
}

function analyzeHere(text, options) {
  try {
    return metapool.analyze(text, options);
  } catch (err) {
    return { ok: false, error: 'The calculator stopped (' + (err && err.message ? err.message : String(err)) +
      '). Reload the page; your text is still in the box above if you copy it first.', studies: [], errors: [], warnings: [] };
  }
}

// `shipped`: the result came with the page (the built-in example), not
// from an analysis here.
function finish(text, options, lines, t0, result, shipped = false) {
  const t1 = shipped ? t0 : performance.now();
  delete document.documentElement.dataset.computing;
  renderResult(result, lines);
  const t2 = performance.now();
  const since = inputAt === null ? t0 : inputAt;
  inputAt = null;
  renders++;
  const detail = { total: t2 - since, analyze: t1 - t0, render: t2 - t1, k: result.k, renders };
  lastWork = t2 - t0;
  page.current = { text, options, result };
  setText('timing', shipped ? '' : 'analysed in ' + fixed(detail.analyze, 1) + ' ms');
  document.documentElement.dataset.renders = String(renders);
  window.dispatchEvent(new CustomEvent('metapool:rendered', { detail }));
}

// ---- start ---------------------------------------------------------------

// The built-in example's results as the module gave them when the page was
// built (built_in_example.js), shown at once, before the module is compiled:
// rendered as update() would render the module's. Only while the text area
// holds that text and the module has not started: the controls are still
// empty then (their words are the module's registry, options.js), so the
// options are the defaults the page sends, which the build worked out from
// the same registry and which the module's start below finds again (a
// control changed meanwhile means a new analysis). main.js calls it once
// every panel listens for metapool:rendered, and only when the page opens on
// the example (opening.js). The footer's timing stays empty: nothing was
// analysed here.
let shownBuiltIn = false;
export function showBuiltInExample(example) {
  if (!example || metapool) return;
  const text = textarea.value;
  if (text !== example.text) return;
  setText('version', example.version);
  finish(text, example.options, lineCount(text), performance.now(), example.result, true);
  shownBuiltIn = true;
}

// Whether the text or the options have changed since the analysis shown.
function changedSinceShown() {
  const shown = page.current;
  return !shown || textarea.value !== shown.text || !sameOptions(readOptions(), shown.options);
}

// `ready`: a Promise the first analysis waits for (state.js opening a share
// link or the saved table).
export function startApp(ready) {
  shared.page = page;
  startEditor(scheduleInput);
  startResultsView();
  for (const c of document.querySelectorAll('[data-option]')) {
    c.addEventListener('input', schedule);
    c.addEventListener('change', schedule);
  }

  if (typeof shared.create !== 'function') {
    showError('The calculator is missing from this page; rebuild it with `make dist`.');
    return;
  }
  shared.create({
    onAbort: (what) => showError('The calculator stopped: ' + what + '. Reload the page.'),
  }).then((m) => {
    metapool = m;
    // The controls and their help come from the core's option registry;
    // state.js sets them to a saved table's or a link's options once they
    // are built, and the first analysis waits for that.
    fillControls(m.options_registry());
    explainControls(readOptions());
    setText('version', m.version());
    shared.module = m;  // for the panels, the tests and the curious
    // For the panels that call the module themselves (working.js,
    // presets_view.js), opened before it was ready.
    window.dispatchEvent(new CustomEvent('metapool:module'));
    // A share link may still be opening: analyse that, not the example.
    // The example's shipped results stand until the next edit, unless one
    // came while the module was compiling.
    Promise.resolve(ready).catch(() => {}).then(() => { if (!shownBuiltIn || changedSinceShown()) schedule(); });
  }, (err) => {
    showError('The calculator could not start: ' + (err && err.message ? err.message : String(err)));
  });
}
