// Sensitivity analyses: the leave-one-out and cumulative
// meta-analyses (core/sensitivity.cpp), turned on by the options
// leave-one-out and cumulative (the check boxes in the panel), shown while
// the panel is open as tables from the JSON's "leave_one_out" and
// "cumulative" steps, and as the core's plots (leave_one_out_svg,
// cumulative_svg; escaped there, parsed and checked by dom.js) when the module
// returns them. Study labels are user text: textContent only.
import { $, el, headRow, numberCell as cell, svgFigure as figure, tableWrap, th } from './dom.js';
import * as f from './format.js';
import { page } from './page.js';

const { isNum } = f;
const panel = $('sensitivity-panel');
const body = $('sensitivity-body');

const svgFigure = (svgText, label) => figure(svgText, label, 'forest-plot sensitivity-plot');

const withCi = (x, lo, hi, m) => (isNum(x) ? f.estimate(x, m) + ' (' + f.interval(lo, hi, m) + ')' : 'not estimable');

function stepsTable(id, r, steps, kind) {
  const m = r.measure;
  const lvl = f.levelPercent(r.options && r.options.level);
  const years = steps.some((s) => s.year !== undefined);
  const table = el('table', 'sensitivity-table');
  table.id = id;
  table.append(el('caption', 'visually-hidden', kind === 'loo' ? 'Leave-one-out meta-analysis' : 'Cumulative meta-analysis'));
  const titles = [kind === 'loo' ? 'Omitted study' : 'Study added', ...(years ? ['Year'] : []), 'k',
    'Random ' + m + ' (' + lvl + '% CI)', 'p', 'τ²', 'I²', 'Common ' + m + ' (' + lvl + '% CI)'];
  const thead = headRow(titles);
  const tbody = el('tbody');
  for (const s of steps) {
    const tr = el('tr');
    tr.append(th(s.label, 'row', 'label'));
    if (years) tr.append(cell(s.year === undefined || s.year === null ? '—' : String(s.year), null));
    tr.append(cell(f.int(s.k), s.k),
      cell(withCi(s.random_estimate, s.random_ci_lower, s.random_ci_upper, m), s.random_estimate),
      cell(f.pValue(s.random_p), s.random_p), cell(f.sig(s.tau2, 3), s.tau2), cell(f.percent(s.I2, 1), s.I2),
      cell(withCi(s.common_estimate, s.common_ci_lower, s.common_ci_upper, m), s.common_estimate));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  return tableWrap(table, (kind === 'loo' ? 'Leave-one-out' : 'Cumulative') + ' table');
}

let lastResult = null;
function render() {
  const r = page.current && page.current.result;
  // The boxes were ticked in a saved or linked state: show what they asked for.
  if (!panel.open && r && !lastResult && (Array.isArray(r.leave_one_out) || Array.isArray(r.cumulative))) panel.open = true;
  if (!panel.open || !r || r === lastResult) return;
  lastResult = r;
  if (!r.ok) {
    body.replaceChildren(el('p', 'hint', 'Shown once the table can be analysed.'));
    return;
  }
  const parts = [];
  if (Array.isArray(r.leave_one_out)) {
    parts.push(el('h3', null, 'Leave one out'));
    parts.push(el('p', 'hint', 'Each included study left out in turn; the rest re-analysed with the same options.'));
    if (r.leave_one_out_svg) parts.push(svgFigure(r.leave_one_out_svg, 'Leave-one-out plot figure'));
    parts.push(stepsTable('leave-one-out-table', r, r.leave_one_out, 'loo'));
  }
  if (Array.isArray(r.cumulative)) {
    const byYear = r.cumulative.some((s) => s.year !== undefined);
    parts.push(el('h3', null, byYear ? 'Cumulative, by year' : 'Cumulative, in pasted order'));
    parts.push(el('p', 'hint', 'Studies added one at a time' + (byYear ? ' in year order (ties in pasted order)' : ' in the order pasted') +
      '; each row pools the studies up to it.'));
    if (r.cumulative_svg) parts.push(svgFigure(r.cumulative_svg, 'Cumulative meta-analysis plot figure'));
    parts.push(stepsTable('cumulative-table', r, r.cumulative, 'cumulative'));
  }
  if (!parts.length) parts.push(el('p', 'hint', 'Tick one of the boxes above to run it.'));
  body.replaceChildren(...parts);
}

export function startSensitivityView() {
  if (!panel || !body) return;
  window.addEventListener('metapool:rendered', render);
  panel.addEventListener('toggle', render);
}
