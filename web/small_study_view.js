// Small-study effects: while the panel is open (and only then does
// the page ask the module for them), the core's funnel
// plot (funnel_svg, core/plots/funnel_plot.cpp; escaped there, parsed and checked by
// dom.js's parseSvg), the tests for funnel asymmetry (Egger, Peters, Harbord for
// OR, Begg) and trim-and-fill with its adjusted estimate, from the JSON's
// "small_study" object (core/small_study/small_study_effects.cpp), and the plain warning
// the core gives when there are fewer than 10 studies. Nothing is computed
// here.
import { refresh } from './app.js';
import { $, el, headRow, numberCell as cell, svgFigure as figure, tableWrap, th } from './dom.js';
import * as f from './format.js';
import { page } from './page.js';

const { isNum } = f;
const panel = $('small-study-panel');
const body = $('small-study-body');

const svgFigure = (svgText, label) => figure(svgText, label, 'forest-plot funnel-plot');

// One row of the tests table: name, statistic, p, what it tests / why not.
function testRow(id, name, test, statistic, about) {
  const tr = el('tr');
  tr.id = 'test-' + id;
  tr.append(th(name, 'row'));
  if (!test || !test.computed) {
    tr.append(cell('—'), cell('—'), cell((test && test.note) || 'not computed', null, 'note'));
    return tr;
  }
  tr.append(cell(statistic, null), cell(f.pValue(test.p), test.p), cell(about, null, 'note'));
  return tr;
}

function regression(t) {
  const name = isNum(t.t) ? 't' : 'z';
  const v = isNum(t.t) ? t.t : t.z;
  return name + ' = ' + f.fixed(v, 2) + (name === 't' && isNum(t.df) ? ' (df ' + f.fixed(t.df, 0) + ')' : '');
}

function testsTable(r) {
  const s = r.small_study;
  const m = r.measure;
  const table = el('table', 'small-study-tests');
  table.id = 'small-study-tests';
  table.append(el('caption', 'visually-hidden', 'Tests for funnel-plot asymmetry'));
  const thead = headRow(['Test', 'Statistic', 'p', 'Note'], (t) => t !== 'Test' && t !== 'Note');
  const tbody = el('tbody');
  const e = s.egger || {};
  tbody.append(testRow('egger', 'Egger’s regression test', e, e.computed ? regression(e) : '',
    e.computed ? 'limit estimate ' + m + ' ' + f.estimate(e.limit_estimate, m) + ' (' + f.interval(e.limit_ci_lower, e.limit_ci_upper, m) + ')' : ''));
  const er = s.egger_rma || {};
  tbody.append(testRow('egger-rma', 'Egger’s test, ' + s.tau2_method + ' meta-regression', er, er.computed ? regression(er) : '',
    er.computed ? 'τ² = ' + f.sig(er.tau2, 3) : ''));
  const p = s.peters || {};
  tbody.append(testRow('peters', 'Peters’ test', p, p.computed ? regression(p) : '', p.computed ? 'regression on 1/n' : ''));
  if (m === 'OR') {
    const h = s.harbord || {};
    tbody.append(testRow('harbord', 'Harbord’s test', h, h.computed ? regression(h) : '', h.computed ? 'score-based, for OR' : ''));
  }
  const b = s.begg || {};
  tbody.append(testRow('begg', 'Begg’s rank correlation', b, b.computed ? 'Kendall’s τ = ' + f.fixed(b.tau, 3) : '',
    b.computed ? (b.exact ? 'exact p' : 'normal approximation') : ''));
  table.append(thead, tbody);
  return tableWrap(table, 'Tests for funnel-plot asymmetry table');
}

function trimAndFill(r) {
  const t = r.small_study.trim_and_fill || {};
  const m = r.measure;
  const lvl = f.levelPercent(r.options && r.options.level);
  const p = el('p', 'trim-and-fill');
  p.id = 'trim-and-fill';
  if (!t.computed) {
    p.textContent = 'Trim-and-fill: not computed (' + (t.note || 'too few studies') + ').';
    return p;
  }
  if (isNum(t.estimate)) p.dataset.value = String(t.estimate);
  const filled = t.k0 === 1 ? '1 study' : f.int(t.k0) + ' studies';
  p.textContent = 'Trim-and-fill (' + t.estimator + '): ' + filled + ' filled' + (t.k0 > 0 ? ' on the ' + t.side : '') +
    '; adjusted ' + m + ' ' + f.estimate(t.estimate, m) + ' (' + lvl + '% CI ' + f.interval(t.ci_lower, t.ci_upper, m) + '), ' +
    f.pText(t.p) + ', from ' + f.int(t.k) + ' studies.';
  return p;
}

let lastResult = null;
function render() {
  const r = page.current && page.current.result;
  if (!panel.open || !r || r === lastResult) return;
  lastResult = r;
  if (!r.ok || !r.small_study) {
    body.replaceChildren(el('p', 'hint', 'Shown once the table can be analysed.'));
    return;
  }
  const parts = [];
  for (const w of (r.warnings || []).filter((x) => /funnel asymmetry/.test(x))) parts.push(el('p', 'warn small-k', w.charAt(0).toUpperCase() + w.slice(1) + '.'));
  if (r.funnel_svg) parts.push(svgFigure(r.funnel_svg, 'Funnel plot figure'));
  parts.push(el('p', 'hint', 'Studies of the random-effects model (k = ' + f.int(r.small_study.k) + '), τ² ' + r.small_study.tau2_method +
    (r.small_study.hksj ? ', HKSJ' : '') + '. Filled studies of trim-and-fill are drawn hollow.'));
  parts.push(testsTable(r), trimAndFill(r));
  body.replaceChildren(...parts);
}

// The page analyses without the small-study tests while the panel is
// closed (app.js, readOptions): opened, it asks for them.
function toggled() {
  const r = page.current && page.current.result;
  if (panel.open && r && r.ok && !r.small_study) {
    body.replaceChildren(el('p', 'hint', 'Computing the tests…'));
    refresh();
    return;
  }
  render();
}

export function startSmallStudyView() {
  if (!panel || !body) return;
  window.addEventListener('metapool:rendered', render);
  panel.addEventListener('toggle', toggled);
}
