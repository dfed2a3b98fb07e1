// Subgroups: when the table has a group column, each subgroup's
// pooled results and the tests for subgroup differences, from the JSON's
// "subgroups" and "subgroup_test" (core/subgroups.cpp). The forest plot
// already groups its rows. Subgroup names are user text: textContent only.
import { $, el, headRow, numberCell as cell, tableWrap as wrap, th } from './dom.js';
import * as f from './format.js';
import { page } from './page.js';

const { isNum } = f;
const section = $('subgroups');
const body = $('subgroups-body');

const withCi = (x, m) => (isNum(x.estimate) ? f.estimate(x.estimate, m) + ' (' + f.interval(x.ci_lower, x.ci_upper, m) + ')' : '—');

function groupsTable(r) {
  const m = r.measure;
  const lvl = f.levelPercent(r.options && r.options.level);
  const table = el('table', 'subgroups-table');
  table.id = 'subgroups-table';
  table.append(el('caption', 'visually-hidden', 'Pooled ' + m + ' in each subgroup'),
    headRow(['Subgroup', 'Studies', 'Common ' + m + ' (' + lvl + '% CI)', 'Random ' + m + ' (' + lvl + '% CI)', 'τ²', 'I²', 'Q (df), p']));
  const tbody = el('tbody');
  for (const g of r.subgroups) {
    const tr = el('tr');
    tr.append(th(g.name, 'row', 'label'), cell(g.k === g.rows ? f.int(g.k) : f.int(g.k) + ' of ' + f.int(g.rows), g.k));
    if (!g.ok) {
      const td = el('td', 'reason', g.error || 'not estimable');
      td.colSpan = 5;
      tr.append(td);
    } else {
      const het = g.heterogeneity || {};
      tr.append(cell(withCi(g.common, m), g.common.estimate), cell(withCi(g.random, m), g.random.estimate),
        cell(f.sig(het.tau2, 3), het.tau2), cell(f.percent(het.I2, 1), het.I2),
        cell(f.fixed(het.Q, 2) + ' (' + f.fixed(het.df, 0) + '), ' + f.pText(het.p), het.Q));
    }
    tbody.append(tr);
  }
  table.append(tbody);
  return wrap(table, 'Subgroups table');
}

function testTable(r) {
  const t = r.subgroup_test || {};
  const table = el('table', 'subgroups-test');
  table.id = 'subgroup-test';
  table.append(el('caption', 'visually-hidden', 'Tests for subgroup differences'),
    headRow(['Model', 'Q between', 'df', 'p', 'I²']));
  const tbody = el('tbody');
  for (const [name, key] of [['Common effect', 'common'], ['Random effects (τ² within each subgroup)', 'random']]) {
    const x = t[key] || {};
    const tr = el('tr');
    tr.dataset.model = key;
    tr.append(th(name, 'row'));
    if (!(x.groups >= 2)) {
      const td = el('td', 'reason', 'not computed (fewer than 2 subgroups with an estimate)');
      td.colSpan = 4;
      tr.append(td);
    } else {
      tr.append(cell(f.fixed(x.Q, 2), x.Q), cell(f.fixed(x.df, 0), x.df), cell(f.pValue(x.p), x.p), cell(f.percent(x.I2, 1), x.I2));
    }
    tbody.append(tr);
  }
  table.append(tbody);
  return wrap(table, 'Test for subgroup differences table');
}

function render() {
  const r = page.current && page.current.result;
  const has = Boolean(r && r.ok && Array.isArray(r.subgroups) && r.subgroups.length);
  section.hidden = !has;
  if (!has) { body.replaceChildren(); return; }
  body.replaceChildren(groupsTable(r), el('h3', null, 'Test for subgroup differences'), testTable(r),
    el('p', 'hint', 'Each subgroup analysed on its own rows with the options above; the test treats the subgroup estimates as studies ' +
      '(Q between, df = subgroups − 1), as RevMan reports it.'));
}

export function startSubgroupsView() {
  if (!section || !body) return;
  window.addEventListener('metapool:rendered', render);
}
