// "Show the working": the panel under the studies table. While it is open it
// asks the WebAssembly module for the working of the current analysis
// (metapool.working(text, options), computed by core/output/show_working.cpp) and
// lays it out: one table per step, the formula under each column heading,
// the sums in a Σ row, then the lines that carry the sums to the result.
// No number is computed here; everything from the pasted text (labels,
// notes) is written with textContent.
import { $, el, tableWrap, th as headCell } from './dom.js';
import { DASH, int } from './format.js';
import { page } from './page.js';
import { shared } from './shared.js';

const panel = $('working-panel');
const body = $('working-body');

// Numbers as a student would copy them: whole numbers exactly, others to
// six significant digits, very small or large ones in e-notation.
function num(x) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return DASH;
  if (x === 0) return '0';
  const a = Math.abs(x);
  let s;
  if (Number.isInteger(x) && a < 1e15) s = int(x);
  else if (a >= 1e-4 && a < 1e7) s = String(Number(x.toPrecision(6)));
  else s = x.toExponential(4).replace(/\.?0+e/, 'e');
  return s.replace(/^-/, '−');
}

// "ln OR_MH" -> ln OR<sub>MH</sub>, built as nodes (never as markup).
function symbol(text, className) {
  const span = el('span', className);
  const parts = String(text).split(/_([A-Za-z0-9]+)/);
  parts.forEach((p, i) => {
    if (!p) return;
    if (i % 2) span.append(el('sub', null, p));
    else span.append(document.createTextNode(p));
  });
  return span;
}

function stepTable(step, index) {
  const table = el('table', 'working-table');
  const caption = el('caption', 'visually-hidden', step.title + ': one row per study');
  table.append(caption);
  const head = el('thead');
  const hr = el('tr');
  hr.append(headCell('Study', 'col'));
  for (const c of step.columns) {
    const th = headCell(undefined, 'col', 'num');
    th.append(symbol(c.symbol, 'sym'));
    if (c.formula) {
      th.append(el('br'));
      th.append(symbol(c.formula, 'formula'));
    }
    hr.append(th);
  }
  const notes = step.rows.some((r) => r.note);
  if (notes) hr.append(headCell('Note', 'col'));
  head.append(hr);
  const tbody = el('tbody');
  for (const r of step.rows) {
    const tr = el('tr', /^left out/.test(r.note) ? 'excluded' : null);
    tr.append(headCell(r.label, 'row', 'label'));
    r.values.forEach((v) => tr.append(el('td', 'num', num(v))));
    if (notes) tr.append(el('td', 'note', r.note));
    tbody.append(tr);
  }
  table.append(head, tbody);
  if (step.columns.some((c) => c.summed)) {
    const foot = el('tfoot');
    const tr = el('tr');
    tr.append(headCell('Σ', 'row'));
    for (const c of step.columns) tr.append(el('td', 'num', c.summed ? num(c.sum) : ''));
    if (notes) tr.append(el('td'));
    foot.append(tr);
    table.append(foot);
  }
  const wrap = tableWrap(table, step.title + ', table');
  wrap.id = 'working-table-' + index;
  return wrap;
}

function stepLines(step) {
  const list = el('ul', 'working-lines');
  for (const l of step.lines) {
    const li = el('li');
    li.dataset.key = l.key;
    li.append(symbol(l.symbol, 'sym'));
    if (l.formula) li.append(' = ', symbol(l.formula, 'formula'));
    if (typeof l.value === 'number') li.append(' = ', el('strong', 'value', num(l.value)));
    if (l.text) li.append(el('span', 'remark', (typeof l.value === 'number' || l.formula ? ' — ' : ': ') + l.text));
    list.append(li);
  }
  return list;
}

function render(w) {
  const frag = document.createDocumentFragment();
  if (!w || !w.ok) {
    frag.append(el('p', 'hint', w && w.note ? 'No working to show: ' + w.note : 'No working to show yet.'));
    body.replaceChildren(frag);
    return;
  }
  w.steps.forEach((step, i) => {
    const sec = el('section', 'working-step');
    sec.id = 'working-' + step.id;
    sec.setAttribute('aria-labelledby', 'working-' + step.id + '-title');
    const h = el('h3', null, (i + 1) + '. ' + step.title);
    h.id = 'working-' + step.id + '-title';
    sec.append(h);
    for (const n of step.notes) sec.append(el('p', 'working-note', n));
    if (step.rows.length && step.columns.length) sec.append(stepTable(step, i));
    if (step.lines.length) sec.append(stepLines(step));
    frag.append(sec);
  });
  body.replaceChildren(frag);
}

let shownFor = null;
function update() {
  if (!panel.open) return;
  const m = shared.module;
  const cur = page.current;
  if (!m || !cur || typeof m.working !== 'function') return;
  if (shownFor === cur) return;
  shownFor = cur;
  let w;
  try {
    w = m.working(cur.text, cur.options);
  } catch (err) {
    w = { ok: false, note: 'the calculator stopped (' + (err && err.message ? err.message : String(err)) + ')' };
  }
  render(w);
  document.documentElement.dataset.working = String(Date.now());
  window.dispatchEvent(new CustomEvent('metapool:working', { detail: w }));
}

export function startWorking() {
  if (!panel || !body) return;
  panel.addEventListener('toggle', update);
  window.addEventListener('metapool:rendered', update);
  window.addEventListener('metapool:module', update);  // opened before the module was ready
}
