// Sensitivity analyses (issue #4): the leave-one-out and cumulative
// meta-analyses (core/sensitivity.cpp), turned on by the options
// leave-one-out and cumulative (the check boxes in the panel), shown while
// the panel is open as tables from the JSON's "leave_one_out" and
// "cumulative" steps, and as the core's plots (leave_one_out_svg,
// cumulative_svg; escaped there, parsed and checked by app.js) when the module
// returns them. Study labels are user text: textContent only.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const page = window.metapoolPage;
  const panel = $('sensitivity-panel');
  const body = $('sensitivity-body');
  if (!page || !panel || !body) return;
  const f = page.format;

  const { el, isNum } = page.dom;
  const cell = page.dom.numberCell;

  const svgFigure = (svgText, label) => page.dom.svgFigure(svgText, label, 'forest-plot sensitivity-plot');

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
    const head = el('tr');
    titles.forEach((t, i) => {
      const h = el('th', i ? 'num' : null, t);
      h.scope = 'col';
      head.append(h);
    });
    const thead = el('thead');
    thead.append(head);
    const tbody = el('tbody');
    for (const s of steps) {
      const tr = el('tr');
      const h = el('th', 'label', s.label);
      h.scope = 'row';
      tr.append(h);
      if (years) tr.append(cell(s.year === undefined || s.year === null ? '—' : String(s.year), null));
      tr.append(cell(f.int(s.k), s.k),
        cell(withCi(s.random_estimate, s.random_ci_lower, s.random_ci_upper, m), s.random_estimate),
        cell(f.pValue(s.random_p), s.random_p), cell(f.sig(s.tau2, 3), s.tau2), cell(f.percent(s.I2, 1), s.I2),
        cell(withCi(s.common_estimate, s.common_ci_lower, s.common_ci_upper, m), s.common_estimate));
      tbody.append(tr);
    }
    table.append(thead, tbody);
    const wrap = el('div', 'table-wrap');
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', (kind === 'loo' ? 'Leave-one-out' : 'Cumulative') + ' table');
    wrap.append(table);
    return wrap;
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

  window.addEventListener('metapool:rendered', render);
  panel.addEventListener('toggle', render);
  if (page.current) render();  // an analysis shown before this script ran
})();
