// metapool's memory: the pasted table and the chosen options
//   * are saved in this browser (localStorage) as they change and restored
//     on reload;
//   * travel in a share link, in the URL fragment (#...), which browsers never
//     send to a server: #d=<base64url of the deflated UTF-8 JSON> (or #j=
//     <base64url of the JSON> where CompressionStream is missing), the JSON
//     being {"v":1,"t":<text>,"o":{<options that differ from the defaults>}};
//     option names (`measure=OR`) may also be written as plain parameters;
//   * embed: `metapool.html#d=...&readonly=1` opens straight into that
//     analysis with the editing controls hidden, and a framed page reports
//     its height to its parent ({source: 'metapool', type: 'height', height}).
// A link wins over the saved table (the page says so, and keeps the saved
// one a click away); "Reset to example" asks first and can be undone.
//
// Loaded before app.js. It talks to app.js only through the controls' own
// input/change events, app.js's metapool:rendered event, and
// window.metapoolState.ready, which app.js awaits before its first analysis.
// Everything the user typed is written with textContent or .value, never as
// markup.
(function () {
  'use strict';

  const KEY = 'metapool.state.v1';             // the user's table and options
  const BEFORE_LINK_KEY = 'metapool.before-link.v1';  // the saved table a link replaced
  const MAX_LINK_JSON = 64 << 20;              // decompressed size limit for links (64 MB)

  const $ = (id) => document.getElementById(id);
  const textarea = $('data');
  const api = { ready: Promise.resolve(), source: 'example' };
  window.metapoolState = api;
  if (!textarea) return;

  const EXAMPLE = textarea.defaultValue;
  const root = document.documentElement;
  const framed = (() => { try { return window.parent !== window; } catch (_) { return true; } })();

  // ---- reading and writing the controls --------------------------------

  const controls = () => Array.from(document.querySelectorAll('[data-option]'));

  function defaultOf(c) {
    if (c.type === 'checkbox') return c.defaultChecked;
    if (c.tagName === 'SELECT') {
      const d = Array.from(c.options).find((o) => o.defaultSelected) || c.options[0];
      return d ? d.value : '';
    }
    return c.defaultValue;
  }

  function valueOf(c) {
    return c.type === 'checkbox' ? c.checked : c.value;
  }

  function currentState() {
    const options = {};
    for (const c of controls()) options[c.dataset.option] = valueOf(c);
    return { text: textarea.value, options };
  }

  // The options that differ from the page's defaults (keeps links short).
  function changedOptions(options) {
    const out = {};
    for (const c of controls()) {
      const k = c.dataset.option;
      if (Object.prototype.hasOwnProperty.call(options, k) && options[k] !== defaultOf(c)) out[k] = options[k];
    }
    return out;
  }

  function sameState(a, b) {
    return a.text === b.text &&
      JSON.stringify(changedOptions(a.options)) === JSON.stringify(changedOptions(b.options));
  }

  let applying = false;

  // Sets the text and options (missing options: defaults) and tells app.js.
  // Returns the options that could not be set, as "name=value" strings.
  function applyState(state) {
    const unknown = [];
    const options = state.options && typeof state.options === 'object' ? state.options : {};
    const names = new Set(controls().map((c) => c.dataset.option));
    for (const k of Object.keys(options)) {
      if (!names.has(k)) unknown.push(k + '=' + String(options[k]));
    }
    applying = true;
    try {
      textarea.value = typeof state.text === 'string' ? state.text : EXAMPLE;
      for (const c of controls()) {
        const k = c.dataset.option;
        const has = Object.prototype.hasOwnProperty.call(options, k);
        const v = has ? options[k] : defaultOf(c);
        if (c.type === 'checkbox') {
          c.checked = v === true || v === 'true' || v === '1' || v === 'yes' || v === 'on';
        } else if (c.tagName === 'SELECT') {
          const ok = Array.from(c.options).some((o) => o.value === String(v));
          c.value = ok ? String(v) : defaultOf(c);
          if (!ok) unknown.push(k + '=' + String(v));
        } else {
          c.value = String(v);
        }
      }
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
      for (const c of controls()) c.dispatchEvent(new Event('change', { bubbles: true }));
    } finally {
      applying = false;
    }
    return unknown;
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

  // ---- share links -------------------------------------------------------

  function toBase64Url(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function fromBase64Url(text) {
    if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link is damaged (characters that do not belong)');
    const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
    let bin;
    try { bin = atob(b64); } catch (_) { throw new Error('the link is damaged (cut short?)'); }
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  async function pipe(bytes, stream, limit) {
    const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
    const parts = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        reader.cancel();
        throw new Error('the link holds more than ' + (limit >> 20) + ' MB of table');
      }
      parts.push(value);
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  }

  const canDeflate = typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

  async function encodeFragment(state, extra) {
    const json = JSON.stringify({ v: 1, t: state.text, o: changedOptions(state.options) });
    const bytes = new TextEncoder().encode(json);
    let param = 'j=' + toBase64Url(bytes);
    if (canDeflate) {
      try {
        const packed = 'd=' + toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw'), Infinity));
        if (packed.length < param.length) param = packed;
      } catch (_) { /* keep j= */ }
    }
    return param + (extra || '');
  }

  // The state a fragment carries, or null when it carries none.
  async function decodeFragment(hash) {
    const params = new URLSearchParams(hash.replace(/^#/, ''));
    let state = null;
    const d = params.get('d');
    const j = params.get('j');
    if (d !== null || j !== null) {
      let bytes;
      if (d !== null) {
        if (!canDeflate) throw new Error('this browser cannot unpack the link (it lacks DecompressionStream)');
        try {
          bytes = await pipe(fromBase64Url(d), new DecompressionStream('deflate-raw'), MAX_LINK_JSON);
        } catch (err) {
          throw new Error(/MB/.test(err.message) ? err.message : 'the link is damaged (it does not unpack)');
        }
      } else {
        bytes = fromBase64Url(j);
      }
      let data;
      try {
        data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      } catch (_) {
        throw new Error('the link is damaged (its content is not readable)');
      }
      if (!data || typeof data !== 'object' || typeof data.t !== 'string') throw new Error('the link holds no table');
      if (data.v !== 1) throw new Error('the link comes from a newer metapool (format ' + String(data.v) + ')');
      state = { text: data.t, options: data.o && typeof data.o === 'object' ? { ...data.o } : {} };
    }
    // Plain option parameters (`#d=...&measure=OR`, or just `#measure=OR`).
    const names = new Set(controls().map((c) => c.dataset.option));
    for (const [k, v] of params) {
      if (!names.has(k)) continue;
      if (!state) state = { text: null, options: {} };
      state.options[k] = v;
    }
    return { state, readonly: params.get('readonly') === '1' || params.get('readonly') === 'true' };
  }

  function baseUrl() {
    return location.href.replace(/#.*$/, '');
  }

  // ---- the bar under the text area: Share, Reset to example, notes ---------

  const bar = document.createElement('div');
  bar.className = 'state-bar';
  bar.id = 'state-bar';
  const shareButton = button('share', 'Share link');
  const resetButton = button('reset-example', 'Reset to example');
  const noteEl = document.createElement('p');
  noteEl.className = 'state-note';
  noteEl.id = 'state-note';
  noteEl.setAttribute('role', 'status');
  bar.append(shareButton, resetButton);
  const panel = document.createElement('div');
  panel.className = 'state-panel';
  panel.id = 'state-panel';
  panel.hidden = true;
  const editor = textarea.closest('.editor') || textarea;
  editor.after(bar, noteEl, panel);

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
  shareButton.addEventListener('click', async () => {
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
  });

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

  resetButton.addEventListener('click', () => {
    const now = currentState();
    if (sameState(now, { text: EXAMPLE, options: defaults() })) {
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
  });

  function defaults() {
    const o = {};
    for (const c of controls()) o[c.dataset.option] = defaultOf(c);
    return o;
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
    const saved = storageGet(KEY);
    const state = { text: decoded.state.text === null ? (saved ? saved.text : EXAMPLE) : decoded.state.text,
      options: decoded.state.options };
    setReadonly(decoded.readonly);
    const unknown = applyState(state);
    fromLink = true;
    api.source = 'link';
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
    api.source = 'saved';
    note('Your saved table is back.', 'info', [['Undo', undo, 'undo-reset']]);
  }

  function loadSaved(quiet) {
    const saved = storageGet(KEY);
    if (!saved) return false;
    const unknown = applyState(saved);
    api.source = 'saved';
    if (!quiet && !sameState(saved, { text: EXAMPLE, options: defaults() })) {
      note('Your table and options from last time, saved in this browser.' +
        (unknown.length ? ' Not understood, defaults used: ' + unknown.join(', ') + '.' : ''), 'info');
    }
    return true;
  }

  async function start() {
    const link = location.hash.length > 1 ? await loadFromFragment(location.hash) : 'none';
    if (link !== 'link') loadSaved(link === 'failed');
    root.dataset.state = api.source;
  }

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
    if (location.hash.length > 1) loadFromFragment(location.hash).then(() => { root.dataset.state = api.source; });
  });

  // ---- framed: report the height to the parent -----------------------------

  if (framed) {
    root.classList.add('framed');
    let last = -1;
    const report = () => {
      const h = Math.ceil(root.getBoundingClientRect().height);
      if (h === last) return;
      last = h;
      try {
        window.parent.postMessage({ source: 'metapool', type: 'height', height: h }, '*');
      } catch (_) { /* nowhere to report */ }
    };
    if (typeof ResizeObserver === 'function') new ResizeObserver(report).observe(root);
    window.addEventListener('metapool:rendered', report);
    window.addEventListener('load', report);
    api.reportHeight = report;
  }

  api.ready = start().catch(() => {});
  api.encodeFragment = encodeFragment;
  api.decodeFragment = decodeFragment;
})();
