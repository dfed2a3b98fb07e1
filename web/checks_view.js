// "Check against the source": what the pasted forest plot or paper
// table printed beside its counts, compared by the core with what metapool
// computes (the result's "checks": core/checks/, README "JSON"). This file
// only words what the module returns: the headline (checks.summary), each
// flagged row with a button that selects its line, each Total's message (the
// configurations that reproduce it, or the closest and what differs), and
// the printed and computed numbers in a closed table. A field that is missing
// shows nothing. Everything from the paste goes in as textContent.
import { $, el, tableWrap, th } from './dom.js';
import { lineButton as selectButton } from './editor.js';
import * as f from './format.js';
import { chooseOptions } from './options.js';
import { page } from './page.js';

const box = $('checks');
const body = $('checks-body');

const str = (x) => (typeof x === 'string' ? x : '');
const list = (x) => (Array.isArray(x) ? x : []);
// The core's messages start with their location ("line 4 (C 2005): ..."
// or "line 4: ..."); the button says it.
function withoutLine(message, line, label) {
  const m = str(message);
  for (const prefix of ['line ' + line + ' (' + str(label) + '): ', 'line ' + line + ': ']) {
    if (m.startsWith(prefix)) return m.slice(prefix.length);
  }
  return m;
}

const lineButton = (line) => selectButton(line, 'line ' + line);

function flaggedStudies(checks) {
  const flagged = list(checks.studies).filter((s) => s && s.agrees === false);
  if (!flagged.length) return null;
  const ul = el('ul', 'checks-flagged');
  for (const s of flagged) {
    const li = el('li');
    if (Number.isInteger(s.line) && s.line > 0) li.append(lineButton(s.line), document.createTextNode(': '));
    li.append(document.createTextNode(withoutLine(s.message, s.line, s.label) || str(s.label)));
    ul.append(li);
  }
  return ul;
}

// "Compute as the source": the configuration's options ("preset=revman5;
// measure=OR;method=MH;model=common") put into the controls (options.js).
// The model has no control: the page shows the common and the random effect
// together.
function applyOptions(text) {
  const o = {};
  for (const part of str(text).split(';')) {
    const i = part.indexOf('=');
    if (i > 0) o[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  chooseOptions(o);
}

function describe(c) {
  return c && (str(c.description) || str(c.options));
}

function pooledBlock(p) {
  const div = el('div', 'checks-pooled ' + (p.reproduced ? 'reproduced' : 'not-reproduced'));
  const head = el('p', 'checks-message');
  if (Number.isInteger(p.line) && p.line > 0) head.append(lineButton(p.line), document.createTextNode(': '));
  head.append(document.createTextNode(withoutLine(p.message, p.line, p.label) || str(p.label)));
  div.append(head);
  const matches = list(p.matches).filter((m) => m && describe(m));
  if (matches.length > 1) {
    div.append(el('p', 'checks-matches', 'Reproduced by each of: ' + matches.map(describe).join('; ') + '.'));
  }
  if (!p.reproduced && describe(p.closest) && !str(p.message).includes(describe(p.closest))) {
    div.append(el('p', 'checks-matches', 'Closest: ' + describe(p.closest) + '.'));
  }
  const source = matches.length ? matches[0] : null;
  if (source && str(source.options)) {
    const b = el('button', 'checks-apply', 'Compute as the source');
    b.type = 'button';
    b.title = 'Set the analysis options to ' + describe(source);
    b.addEventListener('click', () => applyOptions(source.options));
    div.append(b);
  }
  return div;
}

// Printed beside computed, the computed value as the core rounded it to the
// printed precision (computed_text).
function numbersTable(checks) {
  const rows = [];
  for (const s of list(checks.studies)) {
    if (s && s.agrees === false) for (const n of list(s.numbers)) rows.push([s, n]);
  }
  for (const p of list(checks.pooled)) for (const n of list(p && p.numbers)) rows.push([p, n]);
  if (!rows.length) return null;
  const details = el('details', 'checks-numbers');
  const what = [];
  if (rows.some(([row]) => list(checks.studies).includes(row))) what.push('flagged rows');
  if (rows.some(([row]) => list(checks.pooled).includes(row))) what.push('totals');
  details.append(el('summary', null, 'Printed and computed numbers (' + what.join(' and ') + ')'));
  const table = el('table', 'checks-table');
  const hr = table.createTHead().insertRow();
  for (const [text, cls] of [['Line', 'num'], ['Row', null], ['Number', null], ['Printed', 'num'], ['Computed', 'num'], ['Agrees', null]]) {
    hr.append(th(text, 'col', cls));
  }
  const tb = table.createTBody();
  for (const [row, n] of rows) {
    const tr = tb.insertRow();
    if (n.agrees === false) tr.className = 'differs';
    const computed = str(n.computed_text) || (typeof n.computed === 'number' ? f.sig(n.computed, 4) : '—');
    tr.append(el('td', 'num', Number.isInteger(row.line) ? String(row.line) : ''), el('td', 'label', str(row.label)),
      el('td', null, str(n.name)), el('td', 'num', str(n.printed)), el('td', 'num', computed),
      el('td', null, n.agrees === false ? 'no' : n.agrees === true ? 'yes' : ''));
  }
  details.append(tableWrap(table, 'Printed and computed numbers'));
  return details;
}

let shown = null;
function render() {
  const current = page.current;
  const r = current && current.result;
  const checks = r && r.ok ? r.checks : null;
  if (checks === shown) return;
  shown = checks;
  if (!checks || typeof checks !== 'object' || checks.present === false) {
    box.hidden = true;
    body.replaceChildren();
    return;
  }
  const flagged = (checks.studies_flagged > 0) || list(checks.pooled).some((p) => p && p.reproduced === false);
  box.classList.toggle('flagged', flagged);
  const parts = [];
  if (str(checks.summary)) parts.push(el('p', 'checks-headline', checks.summary));
  const studies = flaggedStudies(checks);
  if (studies) parts.push(studies);
  for (const p of list(checks.pooled)) if (p) parts.push(pooledBlock(p));
  const table = numbersTable(checks);
  if (table) parts.push(table);
  body.replaceChildren(...parts);
  box.hidden = false;
}

export function startChecksView() {
  if (!box || !body) return;
  window.addEventListener('metapool:rendered', render);
  render();
}
