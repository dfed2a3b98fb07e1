// metapool's memory: the pasted table and the chosen options
//   * are saved in this browser (localStorage) as they change and restored
//     on reload;
//   * travel in a share link (share_link.js);
//   * embed: `metapool.html#d=...&readonly=1` opens straight into that
//     analysis with the editing controls hidden (a framed page also reports
//     its height to its parent: embed.js).
// A link wins over the saved table (the page says so, and keeps the saved
// one a click away); "Reset to example" asks first and can be undone.
//
// Started before app.js. It talks to app.js only through the controls' own
// input/change events and the Promise startState() returns, which app.js
// awaits before its first analysis. Everything the user typed is written
// with textContent or .value, never as markup.
import { $ } from './dom.js';
import { textarea } from './editor.js';
import { changedOptions, controlValues, controlsFilled, defaultValues, setControls, optionControls } from './options.js';
import { STATE_KEY } from './opening.js';
import { baseUrl, decodeFragment, encodeFragment } from './share_link.js';

const KEY = STATE_KEY;                        // the user's table and options
const BEFORE_LINK_KEY = 'metapool.before-link.v1';  // the saved table a link replaced

const EXAMPLE = textarea.defaultValue;
const root = document.documentElement;
let source = 'example';  // where the table shown came from: 'example', 'saved' or 'link'

// ---- the table and the options as one state ----------------------------

function currentState() {
  return { text: textarea.value, options: controlValues() };
}

function sameState(a, b) {
  return a.text === b.text &&
    JSON.stringify(changedOptions(a.options)) === JSON.stringify(changedOptions(b.options));
}

let applying = false;

// Sets the text and options (missing options: defaults) and tells app.js.
// Returns the options that could not be set, as "name=value" strings.
function applyState(state) {
  const options = state.options && typeof state.options === 'object' ? state.options : {};
  applying = true;
  try {
    textarea.value = typeof state.text === 'string' ? state.text : EXAMPLE;
    const unknown = setControls(options);
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    for (const c of optionControls()) c.dispatchEvent(new Event('change', { bubbles: true }));
    return unknown;
  } finally {
    applying = false;
  }
}

// ---- localStorage ------------------------------------------------------

function storageGet(key) {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const s = JSON.parse(raw);
    return s && typeof s.text === 'string' ? s : null;
  } catch (_) {
    return null;
  }
}

// Returns '' or why the state could not be saved.
function storageSet(key, state) {
  try {
    window.localStorage.setItem(key, JSON.stringify({ v: 1, text: state.text, options: state.options, saved: Date.now() }));
    return '';
  } catch (err) {
    return err && err.name === 'QuotaExceededError'
      ? 'This table is too large for the browser’s storage: it is not saved. Keep a copy of it.'
      : 'This browser does not let the page save the table. Keep a copy of it.';
  }
}

let saveTimer = null;
let persist = true;         // false in read-only (embedded) mode
let fromLink = false;       // showing a link's table the user has not changed

function saveNow() {
  if (saveTimer) { clearTimeout(saveTimer); saveTimer = null; }
  if (!persist) return;
  const why = storageSet(KEY, currentState());
  if (why) note(why, 'warn');
}

function onUserChange() {
  if (applying) return;
  if (fromLink) {
    // The link's table is now the user's own: a reload should bring back
    // their edits, not the link.
    fromLink = false;
    clearFragment();
  }
  hidePanel('confirm');
  if (saveTimer) clearTimeout(saveTimer);
  saveTimer = setTimeout(saveNow, 300);
}

function clearFragment() {
  try {
    history.replaceState(history.state, '', location.href.replace(/#.*$/, ''));
  } catch (_) { /* the fragment stays; harmless */ }
}


// ---- the bar under the text area: Share, Reset to example, notes ---------

let noteEl = null;
let panel = null;

function makeBar() {
  const bar = document.createElement('div');
  bar.className = 'state-bar';
  bar.id = 'state-bar';
  const shareButton = button('share', 'Share link');
  const resetButton = button('reset-example', 'Reset to example');
  noteEl = document.createElement('p');
  noteEl.className = 'state-note';
  noteEl.id = 'state-note';
  noteEl.setAttribute('role', 'status');
  bar.append(shareButton, resetButton);
  panel = document.createElement('div');
  panel.className = 'state-panel';
  panel.id = 'state-panel';
  panel.hidden = true;
  const editor = textarea.closest('.editor') || textarea;
  editor.after(bar, noteEl, panel);
  shareButton.addEventListener('click', share);
  resetButton.addEventListener('click', askReset);
}

function button(id, label, cls) {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = id;
  b.className = cls || 'state-button';
  b.textContent = label;
  return b;
}

// A line of text with optional buttons: note('text', kind, [['Undo', fn]]).
function note(text, kind, actions) {
  noteEl.className = 'state-note' + (kind ? ' ' + kind : '');
  noteEl.replaceChildren(document.createTextNode(text));
  for (const [label, fn, id] of actions || []) {
    const b = button(id || '', label, 'link-button');
    if (!id) b.removeAttribute('id');
    b.addEventListener('click', fn);
    noteEl.append(' ', b);
  }
}

let panelKind = '';
function showPanel(kind, children) {
  panelKind = kind;
  panel.className = 'state-panel ' + kind;
  panel.replaceChildren(...children);
  panel.hidden = false;
}
function hidePanel(kind) {
  if (kind && panelKind !== kind) return;
  panel.hidden = true;
  panel.replaceChildren();
  panelKind = '';
}

// Share: the link, selected for copying, and copied when the browser lets us.
async function share() {
  const fragment = await encodeFragment(currentState());
  const link = baseUrl() + '#' + fragment;
  const input = document.createElement('input');
  input.type = 'text';
  input.readOnly = true;
  input.id = 'share-link';
  input.value = link;
  input.setAttribute('aria-label', 'Share link');
  const copy = button('share-copy', 'Copy');
  const close = button('share-close', 'Close');
  close.addEventListener('click', () => hidePanel());
  const info = document.createElement('p');
  info.className = 'state-info';
  info.textContent = 'The table and options travel in the part after “#”, which browsers never send to a server; ' +
    'anyone who opens this link in metapool.html sees this analysis. ' +
    link.length.toLocaleString('en-US') + ' characters' +
    (link.length > 32000 ? ' — long: some e-mail and chat programs cut links this long.' : '.');
  copy.addEventListener('click', async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(link);
      copy.textContent = 'Copied';
    } catch (_) {
      copy.textContent = document.execCommand && document.execCommand('copy') ? 'Copied' : 'Press Ctrl+C';
    }
  });
  const row = document.createElement('div');
  row.className = 'share-row';
  row.append(input, copy, close);
  showPanel('share', [row, info]);
  input.focus();
  input.select();
  root.dataset.shareLink = String(link.length);
  window.dispatchEvent(new CustomEvent('metapool:share', { detail: { link } }));
}

// Reset: asks first when the table or options are the user's own, then
// offers Undo.
let undoState = null;
const exampleState = () => ({ text: EXAMPLE, options: {} });

function resetToExample() {
  undoState = currentState();
  applyState(exampleState());
  saveNow();
  hidePanel();
  note('The example replaced your table.', 'info', [['Undo', undo, 'undo-reset']]);
}

function undo() {
  if (!undoState) return;
  applyState(undoState);
  undoState = null;
  saveNow();
  note('Your table is back.', 'info');
}

function askReset() {
  const now = currentState();
  if (sameState(now, { text: EXAMPLE, options: defaultValues() })) {
    note('This is the example already.', 'info');
    return;
  }
  const text = document.createElement('p');
  text.textContent = 'Replace your table and options with the example (the BCG vaccine trials)? You can undo it.';
  const yes = button('reset-confirm', 'Replace with the example', 'state-button danger');
  const no = button('reset-cancel', 'Keep my table');
  yes.addEventListener('click', resetToExample);
  no.addEventListener('click', () => hidePanel());
  showPanel('confirm', [text, yes, no]);
  no.focus();
}

// ---- read-only (embedded worked example) -------------------------------

function setReadonly(on) {
  root.classList.toggle('readonly', on);
  persist = !on;
  const existing = $('readonly-note');
  if (!on) { if (existing) existing.remove(); return; }
  if (existing) return;
  const p = document.createElement('p');
  p.id = 'readonly-note';
  p.className = 'readonly-note';
  const a = document.createElement('a');
  a.textContent = 'Open it in metapool to change it';
  a.target = '_blank';
  a.rel = 'noopener';
  a.href = baseUrl() + '#' + new URLSearchParams(location.hash.replace(/^#/, '')).toString()
    .replace(/(^|&)readonly=[^&]*/g, '').replace(/^&/, '');
  p.append('A worked example (read-only). ', a, '.');
  const results = document.querySelector('.results') || document.body;
  results.prepend(p);
}

// ---- loading: the link wins over the saved table -------------------------

async function loadFromFragment(hash) {
  let decoded;
  try {
    decoded = await decodeFragment(hash);
  } catch (err) {
    note('The link could not be opened: ' + err.message + '. Showing ' +
      (storageGet(KEY) ? 'your saved table' : 'the example') + ' instead.', 'warn');
    return 'failed';
  }
  if (!decoded.state) {
    if (decoded.readonly) setReadonly(true);
    return 'none';
  }
  await controlsFilled;
  const saved = storageGet(KEY);
  const state = { text: decoded.state.text === null ? (saved ? saved.text : EXAMPLE) : decoded.state.text,
    options: decoded.state.options };
  setReadonly(decoded.readonly);
  const unknown = applyState(state);
  fromLink = true;
  source = 'link';
  const messages = [];
  if (unknown.length) messages.push('Not understood, defaults used: ' + unknown.join(', ') + '.');
  if (!decoded.readonly && saved && !sameState(saved, currentState())) {
    // Keep the saved table a click away (and safe from the next save).
    storageSet(BEFORE_LINK_KEY, saved);
    note('Opened the table from the link; it takes the place of your saved table, which is kept. ' +
      messages.join(' '), 'info', [['Back to my saved table', backToSaved, 'back-to-saved']]);
  } else if (!decoded.readonly) {
    note('Opened the table from the link. ' + messages.join(' '), 'info');
  } else if (messages.length) {
    note(messages.join(' '), 'warn');
  }
  return 'link';
}

function backToSaved() {
  const saved = storageGet(BEFORE_LINK_KEY) || storageGet(KEY);
  if (!saved) return;
  fromLink = false;
  clearFragment();
  undoState = currentState();
  applyState(saved);
  saveNow();
  source = 'saved';
  note('Your saved table is back.', 'info', [['Undo', undo, 'undo-reset']]);
}

function loadSaved(quiet) {
  const saved = storageGet(KEY);
  if (!saved) return false;
  const unknown = applyState(saved);
  source = 'saved';
  if (!quiet && !sameState(saved, { text: EXAMPLE, options: defaultValues() })) {
    note('Your table and options from last time, saved in this browser.' +
      (unknown.length ? ' Not understood, defaults used: ' + unknown.join(', ') + '.' : ''), 'info');
  }
  return true;
}

async function start() {
  const link = location.hash.length > 1 ? await loadFromFragment(location.hash) : 'none';
  await controlsFilled;  // (the module's registry: options.js)
  if (link !== 'link') loadSaved(link === 'failed');
  root.dataset.state = source;
}

// The state's part of the page: the bar, the listeners that save, and the
// loading of a link or the saved table. Returns a Promise that settles once
// the table to analyse first is in the text area.
export function startState() {
  makeBar();
  textarea.addEventListener('input', onUserChange);
  document.addEventListener('change', (e) => { if (e.target.closest && e.target.closest('[data-option]')) onUserChange(); });
  document.addEventListener('input', (e) => {
    if (e.target !== textarea && e.target.closest && e.target.closest('[data-option]')) onUserChange();
  });
  // Save what is pending when the page goes away.
  window.addEventListener('pagehide', () => { if (saveTimer) saveNow(); });
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden' && saveTimer) saveNow(); });
  // A new link typed into the address bar of an open page.
  window.addEventListener('hashchange', () => {
    if (location.hash.length > 1) loadFromFragment(location.hash).then(() => { root.dataset.state = source; });
  });
  return start().catch(() => {});
}
