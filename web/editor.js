// The text area the trials are pasted into: the line numbers beside it
// (marking the lines with problems), selecting a line (the "line N" buttons
// of every list), and pastes of whole tables, which the page puts in itself.
import { $, el } from './dom.js';

export const textarea = $('data');
const gutter = $('gutter');

// ---- the line-number gutter ------------------------------------------------

// Up to GUTTER_ALL lines every number is in the DOM; beyond, only those
// around the visible part of the text area, between two spacers, drawn just
// after the frame that shows the results (1,000 numbers before it cost a
// paste of 1,000 trials some 10 ms).
const GUTTER_ALL = 150;
const GUTTER_LINE_PX = 20;  // .gutter div's height in style.css
const GUTTER_MARGIN = 200;  // lines drawn above and below the visible ones
let gutterKey = '';
let gutterLines = 0;
let gutterMarks = new Map();
let gutterRange = [0, 0];

// The gutter's width follows the digits of the number of lines (style.css).
let gutterDigits = 0;
function fitGutter(lineCount) {
  const digits = String(lineCount).length;
  if (digits === gutterDigits) return;
  gutterDigits = digits;
  gutter.style.setProperty('--digits', String(digits));
}

const countLines = (text) => {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

// `marks`: line number -> { kind: 'error' | 'note' | 'excluded', message }.
export function renderGutter(lineCount, marks) {
  fitGutter(lineCount);
  markLongText(lineCount);
  const key = lineCount + '|' + Array.from(marks, ([n, m]) => n + m.kind).join(',');
  if (key === gutterKey) return;
  gutterKey = key;
  gutterLines = lineCount;
  gutterMarks = marks;
  gutterRange = [0, 0];
  if (lineCount <= GUTTER_ALL) drawGutter(1, lineCount);
  // After the next frame: reading or setting scrollTop before it would
  // force a layout of the whole page before the table and the plot are in.
  requestAnimationFrame(() => setTimeout(syncGutter, 0));
}

function drawGutter(from, to) {
  gutterRange = [from, to];
  const frag = document.createDocumentFragment();
  const spacer = (lines) => {
    const d = el('div', 'spacer');
    d.style.height = lines * GUTTER_LINE_PX + 'px';
    return d;
  };
  if (from > 1) frag.appendChild(spacer(from - 1));
  for (let n = from; n <= to; n++) {
    const d = el('div', null, String(n));
    const m = gutterMarks.get(n);
    if (m) {
      d.className = m.kind;
      d.title = m.message;
    }
    frag.appendChild(d);
  }
  if (to < gutterLines) frag.appendChild(spacer(gutterLines - to));
  gutter.replaceChildren(frag);
}

function syncGutter() {
  const top = textarea.scrollTop;
  if (gutterLines > GUTTER_ALL) {
    const first = Math.floor(top / GUTTER_LINE_PX) + 1;
    const last = first + Math.ceil(textarea.clientHeight / GUTTER_LINE_PX);
    if (first < gutterRange[0] || last > gutterRange[1]) {
      drawGutter(Math.max(1, first - GUTTER_MARGIN), Math.min(gutterLines, last + GUTTER_MARGIN));
    }
  }
  gutter.scrollTop = top;
}

// ---- long texts ------------------------------------------------------------------

// While the text area holds LONG_TEXT_LINES lines or more, <html> has the
// class long-text, under which closed <details> panels hide their content
// by display: none instead of Chromium's own content-visibility: hidden
// (style.css). With such a hidden panel anywhere in the page, Chromium's
// work on the focused text area's selection (the caret's bounds, the state
// it hands the input method, the checks before a paste) grows much faster
// than its text: select-all and paste over 5,000 lines spent some 230 ms
// of CPU in each of three steps instead of 1 to 13 (Chromium's traces; no
// difference measured at 1,000 lines). What this costs the user:
// find-in-page does not open a closed panel to show a match inside it
// while such a table is in the text area.
const LONG_TEXT_LINES = 1000;
const markLongText = (lineCount) => document.documentElement.classList.toggle('long-text', lineCount >= LONG_TEXT_LINES);

// ---- selecting a line --------------------------------------------------------

export function selectLine(line) {
  const text = textarea.value;
  let start = 0;
  for (let n = 1; n < line; n++) {
    const i = text.indexOf('\n', start);
    if (i < 0) break;
    start = i + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  textarea.focus();
  textarea.setSelectionRange(start, end);
  const lh = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
  textarea.scrollTop = Math.max(0, (line - 3) * lh);
}

// A "line N" button that selects its line.
export function lineButton(line, label) {
  const b = el('button', 'goto', label);
  b.type = 'button';
  b.title = 'Select line ' + line + ' in the text';
  b.addEventListener('click', () => selectLine(line));
  return b;
}

// ---- pastes of whole tables ------------------------------------------------------

// Chromium's own paste (its editing command) works line by line: 6 ms for
// 100 lines, 180 ms for 1,000, many seconds for 50,000, against 1, 8 and
// 600 ms for setRangeText(). A table (DIRECT_PASTE_LINES lines or more, or
// DIRECT_PASTE characters) the page puts in itself, and keeps one step of
// undo and redo for it: Chromium forgets its undo history at such a change.
const DIRECT_PASTE = 2000;
const DIRECT_PASTE_LINES = 20;
const isTable = (text) => text.length >= DIRECT_PASTE || text.split('\n', DIRECT_PASTE_LINES + 1).length > DIRECT_PASTE_LINES;
let directPaste = null;  // the last direct paste: text before and after, selection before, caret after
let pasting = false;     // while the input event of a direct paste is being handled

// True during the input event of a paste the page put in itself: one event,
// nothing to wait for.
export const isPasting = () => pasting;

// A paste of LATER_PASTE_LINES lines or more goes in from tasks of its own,
// after the frame that follows the key. In the paste event, Chromium follows
// the new selection at once (for the input method), which lays the whole
// text out there, after its own work for the key: 80 to 220 ms of CPU in one
// task at 5,000 lines (Chromium's traces, busy machine). Apart: the text and
// its style (about 35 ms), its layout (about 40), the frame (about 30). The
// layout is asked for first, to run before the next frame; on a busy machine
// Chromium often runs that frame first, which then does the layout. A key,
// click, copy or paste before the text is in puts it in first.
const LATER_PASTE_LINES = 2000;
let waiting = null;  // the text of a paste not yet put in
const soon = (f) => (window.scheduler ? scheduler.postTask(f, { priority: 'user-blocking' }) : setTimeout(f));

// Line breaks as the text area holds them: setRangeText() turns "\r\n" and
// "\r" into "\n" but puts the caret as far on as the text it was given, one
// character too far for each "\r" (a table copied from a spreadsheet on
// Windows has "\r\n").
const asTextAreaLines = (text) => text.replace(/\r\n?/g, '\n');

function pasteTable(e) {
  putWaiting();
  const text = asTextAreaLines(e.clipboardData ? e.clipboardData.getData('text/plain') : '');
  if (!isTable(text) || textarea.readOnly) return;
  e.preventDefault();
  if (countLines(text) < LATER_PASTE_LINES) return putPaste(text);
  waiting = text;
  requestAnimationFrame(() => soon(() => putWaiting(true)));
}

// `apart`: the input event (the analysis, "Computing...") after the layout,
// so that the main thread is free while the worker computes; else at once.
function putWaiting(apart) {
  const text = waiting;
  if (text === null) return;
  waiting = null;
  if (apart !== true) return putPaste(text);
  soon(() => {
    textarea.offsetHeight;  // the layout, before the next frame
    announcePaste();
  });
  putPaste(text, true);
  getComputedStyle(textarea).color;  // the new lines' style, in this task
}

function putPaste(text, later) {
  const before = textarea.value;
  const start = textarea.selectionStart, end = textarea.selectionEnd;
  // The gutter at its new width first: the browser lays the text out as it
  // puts it in, and would lay it out again for a new width.
  const lineCount = countLines(before.slice(0, start)) + countLines(text) + countLines(before.slice(end)) - 2;
  fitGutter(lineCount);
  // Before the text goes in: Chromium works on the new selection at once.
  markLongText(lineCount);
  textarea.setRangeText(text, start, end, 'end');
  directPaste = { before, after: textarea.value, start, end, caret: textarea.selectionEnd, undone: false };
  if (!later) announcePaste();
}

function announcePaste() {
  pasting = true;
  try {
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  } finally {
    pasting = false;
  }
}

function undoDirectPaste(redo) {
  const d = directPaste;
  if (!d || d.undone !== redo || textarea.value !== (redo ? d.before : d.after)) return false;
  textarea.value = redo ? d.after : d.before;
  if (redo) textarea.setSelectionRange(d.caret, d.caret);
  else textarea.setSelectionRange(d.start, d.end);
  d.undone = !redo;
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
}

// `onInput`: called on every change of the text.
export function startEditor(onInput) {
  for (const type of ['keydown', 'beforeinput', 'pointerdown', 'copy', 'cut']) window.addEventListener(type, putWaiting, true);
  textarea.addEventListener('input', onInput);
  textarea.addEventListener('paste', pasteTable);
  textarea.addEventListener('keydown', (e) => {
    if (!directPaste || !(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    const redo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
    if ((key === 'z' || redo) && undoDirectPaste(redo)) e.preventDefault();
  });
  textarea.addEventListener('beforeinput', (e) => {
    if (e.inputType === 'historyUndo' || e.inputType === 'historyRedo') {
      if (undoDirectPaste(e.inputType === 'historyRedo')) e.preventDefault();
    }
  });
  textarea.addEventListener('scroll', syncGutter);
}
