// The forest plot on the page: the core's SVG (escaped there), parsed by
// dom.js's parseSvg, and the "Save the plot as SVG" link.
//
// A long plot is put on screen in parts. Parsing and laying out its SVG is
// most of the cost of a paste of many trials (at 1,000 trials some 9,000
// elements, 20,000 px tall: tens of ms to parse and over 100 ms of layout
// in Chromium, while the screen shows some 45 rows). So the plot goes in
// with its first FIRST_ROWS study rows (and everything after the rows: the
// pooled rows, the axis), and the other rows follow in order, one part per
// frame once the first frame has been painted, each part as many rows as
// fit in the time later.js gives a part (eachFrameInParts). The plot keeps
// its full size from the start (the core's width and height), and the
// finished plot is the same DOM as the whole markup parsed at once. Plots
// whose rows are not one flat run (subgroups) go in whole.
//
// A new plot with the same rows as the one shown (a paste over a table of as
// many trials, an edit of a number) is not parsed whole: the elements whose
// markup changed are replaced (svg_patch.js), and rows still to be added are
// made from the new markup.
//
// A plot outside the viewport is brought up to date just after the frame
// that shows the new results, not before it. Any change inside the plot's
// <svg> costs the browser work in proportion to the whole plot (its layout,
// overflow and paint: at 1,000 trials some 7 ms of that frame's CPU for one
// changed number), and below the results the plot is still close enough to
// the viewport for Chromium to render it (content-visibility: auto) though
// nobody sees it. The plot's box is watched (an IntersectionObserver): in
// the viewport, or before the first report, it is drawn at once, as before;
// out of it, in the next step of later.js (some two frames on), or at once
// when it comes into view, is about to be printed or saved, or the page is
// framed (the parent sizes the frame from the page's height).
import { $, el, parseSvg, parseSvgPart } from './dom.js';
import { int } from './format.js';
import { cancel, eachFrameInParts, inNextStep } from './later.js';
import { elementCount, patchSvg } from './svg_patch.js';

// Beyond this many trials the plot (some 20 px a trial) is not drawn in the
// page, whose main thread would spend seconds on it; it can still be saved.
const FOREST_MAX_STUDIES = 2000;
const FIRST_ROWS = 50;    // more than a screen's height of rows
const ROW = '<g class="study-row">';

let lastSvg = null;
let shownRoot = null;  // the <svg> parsed from lastSvg, while the page shows it
let lastLines = null;  // lastSvg split into lines, once a patch needed them
let svgUrl = null;
let svgToSave = null;  // the plot's text, made into a Blob URL only when the link is used
let pending = null;    // { root, last, rows, next }: the markup of the rows after the first, rows[next] the next to add after `last`
let inView = null;     // whether the plot's box is in the viewport (null: not reported yet)
let waiting = null;    // the arguments of renderForest() not drawn yet, while out of view

function setSvgUrl(blob) {
  if (svgUrl) URL.revokeObjectURL(svgUrl);
  svgUrl = blob ? URL.createObjectURL(blob) : null;
  const link = $('save-svg');
  link.href = svgUrl || '#';  // '#' keeps it a link (focusable) until prepareSvgLink()
}

// The "Save as SVG" link gets its Blob when it is about to be used (a
// pointer on it, focus, a click): making one on every keystroke cost some
// 5 ms at 1,000 trials.
function prepareSvgLink() {
  drawWaiting();
  if (svgToSave === null) return;
  setSvgUrl(new Blob([svgToSave], { type: 'image/svg+xml' }));
  svgToSave = null;
}

// The plot's markup as { head, rows }: `head` the whole plot but its study
// rows after the first `first`, `rows` the markup of each of those rows, in
// order, with the white space before it (so that the finished plot has every
// node of the whole markup). Null when there are no more than `first` rows,
// or when the rows are not adjacent elements holding no <g> of their own.
// Labels cannot fake a row: the core escapes every '<' in them.
export function splitRows(svgText, first) {
  const starts = [];
  for (let i = svgText.indexOf(ROW); i >= 0; i = svgText.indexOf(ROW, i + ROW.length)) starts.push(i);
  if (starts.length <= first) return null;
  const ends = [];
  for (let j = 0; j < starts.length; j++) {
    const end = svgText.indexOf('</g>', starts[j]) + 4;
    if (end < 4 || svgText.lastIndexOf('<g', end) !== starts[j]) return null;
    if (j > 0 && svgText.slice(ends[j - 1], starts[j]).trim() !== '') return null;
    ends.push(end);
  }
  const rows = [];
  for (let j = first; j < starts.length; j++) rows.push(svgText.slice(ends[j - 1], ends[j]));
  return { head: svgText.slice(0, ends[first - 1]) + svgText.slice(ends[ends.length - 1]), rows };
}

// A part of eachFrameInParts: the next `end - start` pending rows, after the
// last row shown (a patch may have replaced the pending rows with a new
// plot's, so they are counted from `pending.next`); false when no more are
// to come. A part the checks refuse ends the plot there, with the error
// shown below it.
function addRows(start, end) {
  if (!pending) return false;
  const next = pending.next + end - start;
  const part = parseSvgPart(pending.rows.slice(pending.next, next).join(''));
  if (!part) {
    pending.root.after(el('p', 'error', 'The rest of the forest plot could not be drawn.'));
    pending = null;
    shownRoot = null;
    return false;
  }
  const nodes = Array.from(part.childNodes);
  pending.last.after(...nodes);
  pending.last = nodes[nodes.length - 1];
  pending.next = next;
  if (next >= pending.rows.length) pending = null;
  return pending !== null;
}

// Brings the plot shown up to `svgText` in place; false when it must be
// parsed whole. Rows not added yet are taken from the new markup (its rows
// are the same, at the same places).
function patchShown(svgText) {
  if (!shownRoot || shownRoot.parentNode !== $('forest')) return false;
  let missing = null;
  let rows = null;  // the new plot's rows after the first, and the index of the next to add
  let next = 0;
  if (pending) {
    const left = pending.rows.length - pending.next;
    const split = splitRows(svgText, FIRST_ROWS);
    if (!split || split.rows.length < left) return false;
    rows = split.rows;
    next = rows.length - left;
    missing = { after: pending.last, count: elementCount(pending.rows.slice(pending.next).join('')) };
  }
  const lines = svgText.split('\n');
  if (!patchSvg(shownRoot, lastLines || lastSvg.split('\n'), lines, missing)) return false;
  if (pending) Object.assign(pending, { rows, next });
  lastLines = lines;
  return true;
}

// The plot of an analysis. `studies`: its number of study rows; `svgBlob`:
// the plot of a large table, made into a Blob by the worker. Out of view, it
// is drawn later (see the top of this file).
export function renderForest(svgText, studies, svgBlob) {
  const shown = svgText === lastSvg && !svgBlob;
  if (!shown && inView === false && !document.documentElement.classList.contains('framed')) {
    // A step already asked for draws the newest plot: asking again would put
    // it off while the user types.
    if (!waiting) {
      $('forest').dataset.waiting = '1';
      inNextStep('forest-draw', drawWaiting);
    }
    waiting = [svgText, studies, svgBlob];
    return;
  }
  stopWaiting();
  drawForest(svgText, studies, svgBlob);
}

// Draws the plot waiting to be drawn, if any.
function drawWaiting() {
  if (!waiting) return;
  const args = waiting;
  stopWaiting();
  drawForest(...args);
}

// No plot waits any more: its step, if asked for, is called off.
function stopWaiting() {
  waiting = null;
  cancel('forest-draw');
  delete $('forest').dataset.waiting;
}

function drawForest(svgText, studies, svgBlob) {
  const box = $('forest');
  const link = $('save-svg');
  if (svgText === lastSvg && !svgBlob) return;
  if (svgText && !svgBlob && studies <= FOREST_MAX_STUDIES && patchShown(svgText)) {
    lastSvg = svgText;
    setSvgUrl(null);
    svgToSave = svgText;
    return;
  }
  lastSvg = svgText;
  lastLines = null;
  shownRoot = null;
  svgToSave = null;
  pending = null;
  cancel('forest');
  if (!svgText && !svgBlob) {
    setSvgUrl(null);
    box.replaceChildren();
    link.hidden = true;
    return;
  }
  if (studies > FOREST_MAX_STUDIES || svgBlob) {
    box.replaceChildren(el('p', 'hint', 'The plot of ' + int(studies) + ' trials is too tall to show here (over ' +
      int(FOREST_MAX_STUDIES) + '); save it as SVG below.'));
    setSvgUrl(svgBlob || new Blob([svgText], { type: 'image/svg+xml' }));
    link.hidden = false;
    return;
  }
  const split = splitRows(svgText, FIRST_ROWS);
  const root = parseSvg(split ? split.head : svgText);
  if (!root) {
    setSvgUrl(null);
    box.replaceChildren(el('p', 'error', 'The forest plot could not be drawn.'));
    link.hidden = true;
    return;
  }
  box.replaceChildren(root);
  shownRoot = root;
  setSvgUrl(null);
  svgToSave = svgText;
  link.hidden = false;
  if (split) {
    pending = { root, last: root.querySelectorAll('g.study-row')[FIRST_ROWS - 1], rows: split.rows, next: 0 };
    eachFrameInParts('forest', 0, split.rows.length, addRows);
  }
}

export function startForestView() {
  for (const type of ['pointerdown', 'focus', 'click']) $('save-svg').addEventListener(type, prepareSvgLink);
  // Before later.js finishes its steps for printing (results_view.js adds
  // that listener after this one), so that the rows of a plot drawn here
  // are among them.
  window.addEventListener('beforeprint', drawWaiting);
  if (!window.IntersectionObserver) return;
  new IntersectionObserver((entries) => {
    inView = entries[entries.length - 1].isIntersecting;
    if (inView) drawWaiting();
  }).observe($('forest'));
}
