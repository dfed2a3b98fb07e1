// The analysis on screen: the status line, the summary sentence, the three
// cards (random effects, common effect, heterogeneity), the counts, the
// warnings, the problems and notes beside the text, the studies table and
// the forest plot (forest_view.js). Every number comes from the module's result; this file
// only rounds and words it, and writes whatever came from the paste as
// textContent.
import { $, el, setText, updateChildren } from './dom.js';
import { lineButton, renderGutter } from './editor.js';
import { renderForest, startForestView } from './forest_view.js';
import { cancel, eachFrameInParts, finishAll } from './later.js';
import {
  DASH, int, isNum, fixed, estimate, pText, percent, sig, levelPercent, interval, MEASURE_NAME, METHOD_NAME,
} from './format.js';

// Beyond this many trials the table shows the first ones and says so; the
// "Studies as CSV" export has them all.
const TABLE_MAX_ROWS = 1000;

// ---- problems and notes beside the text ---------------------------------------------

function problemItem(line, where, message, text) {
  const li = el('li');
  li.append(lineButton(line, where), document.createTextNode(': ' + message));
  if (text) {
    li.append(el('code', 'source', text));
  }
  return li;
}

function renderProblems(r, lineCount) {
  const list = $('problems');
  const items = [];
  const marks = new Map();
  for (const e of r.errors || []) {
    const where = 'line ' + e.line + (e.column > 0 ? ', column ' + e.column : '');
    // The core's message may already start with its location; say it once.
    const message = String(e.message).replace(/^line \d+(, column \d+)?: /, '');
    items.push([e.line, problemItem(e.line, where, message, e.text)]);
    if (e.line > 0) marks.set(e.line, { kind: 'error', message: e.message });
  }
  // Notes: read, but the user must know (a repeated label kept as 'X (2)',
  // arms put in RevMan's order, a printed percentage the counts do not give).
  // Their own list beside the problems, styled as information.
  const notes = [];
  for (const n of r.notes || []) {
    const where = 'line ' + n.line + (n.column > 0 ? ', column ' + n.column : '');
    const message = String(n.message).replace(/^line \d+(, column \d+)?: /, '');
    notes.push([n.line, problemItem(n.line, where, message, n.text)]);
    if (n.line > 0 && !marks.has(n.line)) marks.set(n.line, { kind: 'note', message: n.message });
  }
  for (const s of r.studies || []) {
    if (s.included || !s.excluded_reason) continue;
    const msg = s.label + ' is left out: ' + s.excluded_reason;
    items.push([s.line, problemItem(s.line, 'line ' + s.line, msg, null)]);
    if (!marks.has(s.line)) marks.set(s.line, { kind: 'excluded', message: msg });
  }
  items.sort((a, b) => a[0] - b[0]);
  updateChildren(list, items.map((x) => x[1]));
  $('problems-box').hidden = items.length === 0;
  notes.sort((a, b) => a[0] - b[0]);
  updateChildren($('notes'), notes.map((x) => x[1]));
  $('notes-box').hidden = notes.length === 0;
  renderGutter(lineCount, marks);
}

// ---- the studies table ---------------------------------------------------------------

// An included study with counts, the usual row, is a copy of this row with
// its texts set: some twice as fast as making its nine elements (at 1,000
// rows, 20 -> 10 ms in Chromium). Other rows are made cell by cell.
const ROW_CELLS = ['num', 'label', 'num', 'num', 'num', 'num', 'num', 'num'];
let plainRow = null;
const plainRows = new WeakSet();  // the rows made from plainRow
function studyRow(texts) {
  if (!plainRow) {
    plainRow = el('tr');
    for (const c of ROW_CELLS) plainRow.append(el('td', c, ' '));
  }
  const tr = plainRow.cloneNode(true);
  plainRows.add(tr);
  setRowTexts(tr, texts);
  return tr;
}

function setRowTexts(tr, texts) {
  let td = tr.firstChild;
  for (const text of texts) {
    if (td.firstChild.data !== text) td.firstChild.data = text;
    td = td.nextSibling;
  }
}

function otherRow(s, measure) {
  const tr = el('tr', s.included ? null : 'excluded');
  tr.append(el('td', 'num', String(s.line)), el('td', 'label', s.label));
  if (typeof s.reported === 'string') {
    // A reported effect (generic inverse variance): no counts, the effect as typed.
    const td = el('td', 'reported', 'reported: ' + s.reported);
    td.colSpan = 2;
    tr.append(td);
  } else {
    tr.append(el('td', 'num', int(s.e1) + '/' + int(s.n1)),
      el('td', 'num', int(s.e2) + '/' + int(s.n2)));
  }
  tr.append(
    el('td', 'num', estimate(s.estimate, measure)),
    el('td', 'num', interval(s.ci_lower, s.ci_upper, measure)),
  );
  if (s.included) {
    tr.append(el('td', 'num', percent(s.weight_common, 1)), el('td', 'num', percent(s.weight_random, 1)));
  } else {
    const td = el('td', 'reason', 'left out: ' + (s.excluded_reason || 'not included'));
    td.colSpan = 2;
    tr.append(td);
  }
  return tr;
}

// The rows before the first frame: more than a screen's height. The others
// follow from the next frame, before the closing row, in parts sized by
// time and from the last row backwards (later.js): one part of all 950 took
// over 100 ms of the browser's style and layout. Backwards, because a column
// that grows wider (the line numbers reach four digits at row 999) has the
// browser lay out every row in again, which costs least while few are in;
// appended in order, parts cost no less each (the table's layout grows with
// its rows either way) and some cost two to five times more.
const TABLE_FIRST_ROWS = 50;

const isPlain = (s) => s.included && typeof s.reported !== 'string';
const plainTexts = (s, measure) => [String(s.line), s.label, int(s.e1) + '/' + int(s.n1), int(s.e2) + '/' + int(s.n2),
  estimate(s.estimate, measure), interval(s.ci_lower, s.ci_upper, measure),
  percent(s.weight_common, 1), percent(s.weight_random, 1)];

function studyRowOf(s, measure) {
  return isPlain(s) ? studyRow(plainTexts(s, measure)) : otherRow(s, measure);
}

// The row of `s`: `old`, a row of the last table, with its texts set when it
// is a usual row and `s` too (the same row as a new one, some elements and
// much of the browser's work fewer), else a new row.
function reuseRow(old, s, measure) {
  if (!old || !plainRows.has(old) || !isPlain(s)) return studyRowOf(s, measure);
  setRowTexts(old, plainTexts(s, measure));
  return old;
}

// Whether study `b` has the same row as `a` (under the same measure): the
// same fields, and weights shown the same (an edit of one trial moves every
// weight a little). Without writing the other texts of every row: a
// comparison of 950 rows costs about 1 ms.
const sameWeight = (x, y) => x === y || percent(x, 1) === percent(y, 1);
const sameRow = (a, b) => a.line === b.line && a.label === b.label && a.included === b.included &&
  a.reported === b.reported && a.excluded_reason === b.excluded_reason &&
  a.e1 === b.e1 && a.n1 === b.n1 && a.e2 === b.e2 && a.n2 === b.n2 &&
  a.estimate === b.estimate && a.ci_lower === b.ci_lower && a.ci_upper === b.ci_upper &&
  sameWeight(a.weight_common, b.weight_common) && sameWeight(a.weight_random, b.weight_random);

// Changed rows beyond the first screen brought up to date at once, in place,
// when there are no more than this many; more, and they go in again by parts.
const FEW_CHANGED = 10;

// The table's rows are those of the last table brought up to date where they
// can be: after a paste over a table or an edit most of their texts are the
// same. Rows beyond the first screen that show what they would show anyway
// stay as they are (an edit of the last trials, a paste of the same table
// with a count changed: no row to put in again, also while the last table's
// rows are still going in); the others leave the table until the later
// steps (as new ones would come then), which put them back up to date.
let shownBody = null;     // the studies table's body, as this file last left it
let moreRow = null;       // its closing row ("The first 1,000 of ..."), if any
let shownStudies = [];    // the studies of the last table
let shown = [];           // shown[i]: the row that shows shownStudies[i], while it is in the body
let shownMeasure = null;

// The closing row, with the text `more` (or none, when null), last in `body`.
function closeTable(body, more) {
  if (moreRow && !more) moreRow.remove();
  else if (moreRow && moreRow.firstChild.textContent !== more) moreRow.firstChild.textContent = more;
  else if (!moreRow && more) {
    const td = el('td', 'more', more);
    td.colSpan = 8;
    moreRow = body.appendChild(el('tr'));
    moreRow.appendChild(td);
  }
  if (!more) moreRow = null;
}

// Removes the rows in `rows` (in the body, in order; some may be missing)
// from the table; returns those there were.
function removeRows(rows) {
  const there = rows.filter(Boolean);
  if (there.length) {
    const range = document.createRange();
    range.setStartBefore(there[0]);
    range.setEndAfter(there[there.length - 1]);
    range.deleteContents();
  }
  return there;
}

// Removes the rows `old[i]` of `changed` (indexes, in order) from the table,
// one range for each run with no row kept (`rows`) among them; returns them.
function removeChanged(old, rows, changed) {
  const removed = [];
  let run = [];
  changed.forEach((i, k) => {
    if (k > 0 && rows.slice(changed[k - 1] + 1, i).some(Boolean)) {
      removed.push(...removeRows(run));
      run = [];
    }
    run.push(old[i]);
  });
  removed.push(...removeRows(run));
  return removed;
}

function renderStudies(r) {
  const measure = r.measure;
  setText('th-estimate', measure);
  setText('th-ci', levelPercent(r.options && r.options.level) + '% CI');
  const all = r.studies || [];
  const studies = all.length > TABLE_MAX_ROWS ? all.slice(0, TABLE_MAX_ROWS) : all;
  const n = studies.length;
  cancel('studies');
  let body = $('studies').tBodies[0];
  if (body !== shownBody) {
    const fresh = document.createElement('tbody');
    body.replaceWith(fresh);
    body = shownBody = fresh;
    moreRow = null;
    shown = [];
  }
  const before = measure === shownMeasure ? shownStudies : null;
  const old = shown;
  // Rows of studies beyond the new table's (the first screen's ones: below).
  const spare = removeRows(old.slice(Math.max(n, TABLE_FIRST_ROWS)));
  closeTable(body, all.length > TABLE_MAX_ROWS ? 'The first ' + int(TABLE_MAX_ROWS) + ' of ' + int(all.length) +
    ' trials; “Studies as CSV” exports them all.' : null);
  const rows = new Array(n);
  const missing = [];  // the studies beyond the first screen whose rows are to come
  const changed = [];
  for (let i = TABLE_FIRST_ROWS; i < n; i++) {
    if (!old[i]) missing.push(i);
    else if (before && sameRow(before[i], studies[i])) rows[i] = old[i];
    else changed.push(i);
  }
  if (changed.length > FEW_CHANGED) {
    spare.push(...removeChanged(old, rows, changed));
    missing.push(...changed);
    missing.sort((a, b) => a - b);
    changed.length = 0;
  }
  const first = Math.min(TABLE_FIRST_ROWS, n);
  for (const i of [...Array(first).keys(), ...changed]) {
    const row = rows[i] = reuseRow(old[i], studies[i], measure);
    if (!old[i]) body.insertBefore(row, moreRow);
    else if (row !== old[i]) old[i].replaceWith(row);
  }
  removeRows(old.slice(first, TABLE_FIRST_ROWS));
  shown = rows;
  shownStudies = studies;
  shownMeasure = measure;
  if (!missing.length) return;
  // From the last missing row backwards: each goes before the row after it,
  // which is in by then.
  eachFrameInParts('studies', 0, missing.length, (start, end) => {
    for (let m = end - 1; m >= start; m--) {
      const i = missing[m];
      const row = rows[i] = reuseRow(spare.pop(), studies[i], measure);
      body.insertBefore(row, i + 1 < n ? rows[i + 1] : moreRow);
    }
  }, true);
}

// ---- the summary and the cards -------------------------------------------------------

// The sentence under "Results" (and what "Copy" copies).
export function summaryLine(r) {
  const lvl = levelPercent(r.options && r.options.level);
  const re = r.random || {};
  const ce = r.common || {};
  const pooled = isNum(re.estimate) ? re : ce;
  const trials = r.k === 1 ? '1 trial' : int(r.k) + ' trials';
  let s = r.measure + ' ' + estimate(pooled.estimate, r.measure) +
    ' (' + lvl + '% CI ' + interval(pooled.ci_lower, pooled.ci_upper, r.measure) + '); ' +
    trials + ', ' + int(r.total_participants) + ' participants';
  const i2 = r.heterogeneity && r.heterogeneity.I2;
  if (isNum(i2) && r.k > 1) s += '; I² = ' + fixed(i2, 0) + '%';
  return s;
}

function renderPooled(r) {
  const m = r.measure;
  const lvl = levelPercent(r.options && r.options.level);
  const ce = r.common || {};
  const re = r.random || {};
  const h = r.heterogeneity || {};

  setText('common-title', 'Common effect (' + (METHOD_NAME[ce.method] || ce.method) + ')');
  setText('common-estimate', MEASURE_NAME[m] + ' ' + estimate(ce.estimate, m));
  setText('common-ci', lvl + '% CI ' + interval(ce.ci_lower, ce.ci_upper, m));
  setText('common-p', 'z = ' + fixed(ce.z, 2) + ', ' + pText(ce.p));

  setText('random-title', 'Random effects (' + re.tau2_method + (re.hksj ? ', HKSJ' : '') + ')');
  setText('random-estimate', MEASURE_NAME[m] + ' ' + estimate(re.estimate, m));
  setText('random-ci', lvl + '% CI ' + interval(re.ci_lower, re.ci_upper, m));
  // The JSON names the statistic t under HKSJ and z otherwise.
  setText('random-p', (re.hksj ? 't' : 'z') + ' = ' + fixed(re.hksj ? re.t : re.z, 2) +
    (re.hksj && isNum(re.df) ? ' (df ' + fixed(re.df, 0) + ')' : '') + ', ' + pText(re.p));
  setText('random-pi', 'Prediction interval ' + interval(re.pi_lower, re.pi_upper, m) +
    (isNum(re.pi_lower) ? '' : ' (needs 3 or more trials)'));

  setText('het-i2', 'I² = ' + percent(h.I2));
  setText('het-i2-ci', lvl + '% CI ' + (isNum(h.I2_ci_lower) ? percent(h.I2_ci_lower) + ' to ' + percent(h.I2_ci_upper) : DASH));
  setText('het-tau2', 'τ² = ' + sig(h.tau2) + ' (CI ' + (isNum(h.tau2_ci_lower) ? sig(h.tau2_ci_lower) + ' to ' + sig(h.tau2_ci_upper) : DASH) +
    '), τ = ' + sig(h.tau));
  setText('het-q', 'Q = ' + fixed(h.Q, 2) + ', df = ' + fixed(h.df, 0) + ', ' + pText(h.p));
}

// Screen readers hear the result once typing pauses (the live region #announce).
let announceTimer = 0;
function announce(text) {
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    const a = $('announce');
    if (a && a.textContent !== text) a.textContent = text;
  }, 600);
}

// ---- the whole result --------------------------------------------------------------

// `lineCount`: the lines of the text analysed (for the gutter).
export function renderResult(r, lineCount) {
  announce(r.ok ? 'Results: ' + summaryLine(r) + '.' : (r.error || 'Nothing to analyse yet.'));
  renderProblems(r, lineCount);
  const status = $('status');
  if (r.ok) {
    status.textContent = '';
    status.hidden = true;
    $('summary-box').hidden = false;
    $('cards').hidden = false;
    setText('summary', summaryLine(r));
    renderPooled(r);
    const excluded = (r.studies || []).filter((s) => !s.included).length;
    setText('counts', 'k = ' + int(r.k) + (r.k === 1 ? ' trial' : ' trials') + ' analysed, ' +
      int(r.total_participants) + ' participants' +
      (excluded ? '; ' + excluded + ' left out' : '') +
      ((r.errors || []).length ? '; ' + r.errors.length + ' line' + (r.errors.length === 1 ? '' : 's') + ' not read' : '') + '.');
  } else {
    status.hidden = false;
    status.className = 'status error';
    status.textContent = r.error || 'Nothing to analyse yet.';
    $('summary-box').hidden = true;
    $('cards').hidden = true;
    setText('counts', '');
  }
  const warnings = $('warnings');
  updateChildren(warnings, (r.warnings || []).map((w) => el('li', null, w)));
  renderStudies(r);
  renderForest(r.ok ? r.forest_svg : '', (r.studies || []).length, r.ok ? r.forest_svg_blob : null);
}

// The status line while a large table is analysed in the worker.
export function showComputing(lines) {
  const status = $('status');
  status.hidden = false;
  status.className = 'status busy';
  status.textContent = 'Computing… (' + int(lines) + ' lines)';
  document.documentElement.dataset.computing = '1';
}

// An error of the page itself (the module missing, stopped or not starting).
export function showError(text) {
  const status = $('status');
  status.hidden = false;
  status.className = 'status error';
  status.textContent = text;
}

export function startResultsView() {
  startForestView();
  window.addEventListener('beforeprint', finishAll);
  $('copy').addEventListener('click', async () => {
    const text = $('summary').textContent;
    const btn = $('copy');
    try {
      await navigator.clipboard.writeText(text);
      btn.textContent = 'Copied';
    } catch (_) {
      const range = document.createRange();
      range.selectNodeContents($('summary'));
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      btn.textContent = document.execCommand && document.execCommand('copy') ? 'Copied' : 'Press Ctrl+C';
    }
    setTimeout(() => { btn.textContent = 'Copy'; }, 1500);
  });
}
