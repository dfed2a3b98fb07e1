// "Compute as tool X": the preset selector's behaviour, the line
// that says which conventions produced the result, and the "Compare with
// other tools" panel. Choosing a preset asks the core for its conventions
// (analyze of an empty table under that preset) and sets the controls to
// them; the analysis then sends the preset first and the controls after it,
// so a control changed later overrides the preset and the core reports it
// (preset_unchanged). While the panel is open, every analysis is followed by
// metapool.compare_presets(text, options) (core/compare_presets.cpp): the
// same table under every preset, side by side, with the conventions in which
// they differ. No number is computed here; labels are written with textContent.
import { $, el, numberCell, tableWrap, th } from './dom.js';
import * as f from './format.js';
import { choiceWords, controlsFilled, showPresetConventions } from './options.js';
import { page } from './page.js';
import { shared } from './shared.js';

const select = $('opt-preset');
const panel = $('compare-panel');
const body = $('compare-body');

// A preset's name in the page's lines ("Computed as RevMan Web"), from the
// core's preset table (core/model/presets.cpp) through the option registry.
const presetTitle = (name) => choiceWords('preset', name).title || name;

// Each convention of the JSON's "conventions" object in words.
const CONVENTIONS = [
  ['tau2', 'τ² estimator', (v) => String(v)],
  ['hksj', 'Random-effects interval', (v) => (v ? 'HKSJ (t, k − 1 df)' : 'Wald (normal)')],
  ['hksj_truncate', 'HKSJ variance factor', (v) => (v ? 'at least 1' : 'untruncated')],
  ['cc', 'Continuity correction', (v) => f.fixed(v, 2).replace(/0$/, '')],
  ['cc_to', 'Corrected studies', (v) => ({ only0: 'with a zero cell', all: 'all', if0all: 'all, if any has a zero cell', none: 'none' })[v] || String(v)],
  ['cc_rr', 'RR correction on', (v) => (v === 'events' ? 'events and totals only' : 'all four cells')],
  ['cc_in_mh', 'Correction inside the MH sums', (v) => (v ? 'yes' : 'no')],
  ['drop00_applied', 'Double-zero studies', (v) => (v ? 'left out' : 'kept')],
  ['dl_q', 'DL τ² from Q around', (v) => (v === 'mh' ? 'the MH estimate' : 'the IV estimate')],
  ['q', 'Reported Q around', (v) => ({ common: 'the common estimate', iv: 'the IV estimate', 'mh-if-dl': 'MH with DL, else IV' })[v] || String(v)],
  ['i2', 'I² from', (v) => (v === 'tau2' ? 'τ²' : 'Q')],
  ['pi', 'Prediction interval', (v) => ({ 't-k2': 't, k − 2 df', 't-k1': 't, k − 1 df', z: 'normal', metafor: 'normal (t, k − 1 with HKSJ)', none: 'none' })[v] || String(v)],
  ['tau2_ci', 'τ² confidence interval', (v) => ({ qp: 'Q-profile', j: 'Jackson (generalised Q, weights 1/SE)', bj: 'Biggerstaff–Jackson (Cochran’s Q)', auto: 'Jackson with DL, else Q-profile', none: 'none' })[v] || String(v)],
  ['mh_rd_variance', 'MH risk-difference variance', (v) => (v === 'gr' ? 'Greenland–Robins' : 'Sato–Greenland–Robins')],
];

function explainPreset() {
  const p = $('explain-preset');
  if (!p) return;
  p.replaceChildren(el('strong', null, presetTitle(select.value)),
    document.createTextNode(' — ' + choiceWords('preset', select.value).explain));
}

// ---- choosing a preset sets the controls ---------------------------------

function applyPresetToControls(name) {
  if (!name) {
    showPresetConventions(null);
    return;
  }
  const m = shared.module;
  if (!m) {
    // Chosen before the module was ready: set once it is, if still chosen.
    window.addEventListener('metapool:module', () => { if (select.value === name) applyPresetToControls(name); }, { once: true });
    return;
  }
  const r = m.analyze('', { preset: name });
  const c = r && r.conventions;
  if (c) showPresetConventions(c);
}


// ---- the line under the results --------------------------------------------

function conventionsLine(r) {
  const line = $('conventions-line');
  if (!line) return;
  if (!r.ok) { line.textContent = ''; return; }
  const c = r.conventions || {};
  const words = ['τ² ' + c.tau2, c.hksj ? 'HKSJ' : 'Wald interval', 'I² from ' + (c.i2 === 'tau2' ? 'τ²' : 'Q'),
    'prediction interval ' + CONVENTIONS[11][2](c.pi)];
  if (r.common && r.common.method === 'MH') {
    words.push('correction ' + (c.cc_in_mh ? 'inside' : 'not inside') + ' the MH sums');
    if (c.tau2 === 'DL') words.push('DL Q around the ' + (c.dl_q === 'mh' ? 'MH' : 'IV') + ' estimate');
  }
  let head;
  if (r.preset) {
    head = 'Computed as ' + presetTitle(r.preset) + ' (preset ' + r.preset + ')' +
      (r.preset_unchanged ? '' : ', with options changed after choosing it');
  } else {
    head = 'Computed with metapool’s defaults';
  }
  line.textContent = head + ': ' + words.join(', ') + '.';
}

// ---- the comparison panel ---------------------------------------------------

function est(x, measure) {
  return measure === 'RD' ? f.fixed(x, 4) : f.fixed(x, 3);
}

function withCi(e, lo, hi, measure) {
  if (typeof e !== 'number') return '—';
  return est(e, measure) + ' (' + (typeof lo === 'number' ? est(lo, measure) + ' to ' + est(hi, measure) : '—') + ')';
}

// The rows of the results table: [heading, (analysis-like object) -> [text, value]].
function resultRows(measure) {
  const pi = (x) => (typeof x.random.pi_lower === 'number'
    ? est(x.random.pi_lower, measure) + ' to ' + est(x.random.pi_upper, measure) : 'none');
  return [
    ['Common effect (CI)', (x) => [withCi(x.common.estimate, x.common.ci_lower, x.common.ci_upper, measure), x.common.estimate]],
    ['Random effects (CI)', (x) => [withCi(x.random.estimate, x.random.ci_lower, x.random.ci_upper, measure), x.random.estimate]],
    ['Random-effects p', (x) => [f.pValue(x.random.p), x.random.p]],
    ['Prediction interval', (x) => [pi(x), x.random.pi_lower]],
    ['τ²', (x) => [f.sig(x.heterogeneity.tau2, 4), x.heterogeneity.tau2]],
    ['τ² CI', (x) => [typeof x.heterogeneity.tau2_ci_lower === 'number'
      ? f.sig(x.heterogeneity.tau2_ci_lower, 3) + ' to ' + f.sig(x.heterogeneity.tau2_ci_upper, 3) : 'none', x.heterogeneity.tau2_ci_lower]],
    ['I²', (x) => [f.percent(x.heterogeneity.I2, 1), x.heterogeneity.I2]],
    ['Q', (x) => [f.fixed(x.heterogeneity.Q, 2), x.heterogeneity.Q]],
  ];
}

function headerRow(first, columns, currentPreset) {
  const tr = el('tr');
  tr.append(th(first, 'col'));
  for (const c of columns) {
    const h = th(c.title, 'col', 'num' + (c.preset !== undefined && c.preset === currentPreset ? ' current' : ''));
    if (c.preset !== undefined) h.dataset.preset = c.preset;
    tr.append(h);
  }
  return tr;
}

// Conventions that cannot change this analysis are not listed (the RR
// correction for OR, the MH ones without MH, the RD variance for RR and OR).
function relevant(key, r) {
  const mh = r.common && r.common.method === 'MH';
  if (key === 'cc_rr') return r.measure === 'RR';
  if (key === 'mh_rd_variance') return mh && r.measure === 'RD';
  if (key === 'cc_in_mh' || key === 'q') return mh;
  return true;
}

function renderComparison(r, compared) {
  const measure = r.measure;
  const presets = compared.presets || [];
  const current = r.preset || '';
  const columns = [{ title: 'This page', data: r }].concat(presets.map((p) => ({
    title: presetTitle(p.preset), preset: p.preset, data: p,
  })));
  const lvl = f.levelPercent(r.options && r.options.level);

  const results = el('table', 'compare-table');
  results.id = 'compare-results';
  results.append(el('caption', 'visually-hidden', 'Pooled ' + measure + ' under each tool’s conventions'));
  const thead = el('thead');
  thead.append(headerRow('Statistic', columns, current));
  const tbody = el('tbody');
  for (const [name, get] of resultRows(measure)) {
    const tr = el('tr');
    tr.append(th(name, 'row'));
    for (const c of columns) {
      const ok = c.data.ok !== false;
      const [text, value] = ok ? get(c.data) : [c.data.error || 'not computed', null];
      tr.append(numberCell(text, value, 'num' + (Boolean(current) && c.preset === current ? ' current' : '')));
    }
    tbody.append(tr);
  }
  results.append(thead, tbody);

  // The conventions that are not the same in every column.
  const differ = el('table', 'compare-table');
  differ.id = 'compare-conventions';
  differ.append(el('caption', 'visually-hidden', 'The conventions in which the tools differ'));
  const dh = el('thead');
  dh.append(headerRow('Convention', columns, current));
  const db = el('tbody');
  for (const [key, name, words] of CONVENTIONS) {
    if (!relevant(key, r)) continue;
    const values = columns.map((c) => (c.data.conventions ? c.data.conventions[key] : undefined));
    if (values.every((v) => v === values[0])) continue;
    const tr = el('tr');
    tr.append(th(name, 'row'));
    values.forEach((v, i) => {
      const td = el('td', 'num' + (i > 0 && v !== values[0] ? ' differs' : ''), v === undefined ? '—' : words(v));
      tr.append(td);
    });
    db.append(tr);
  }
  differ.append(dh, db);

  const intro = el('p', 'hint', 'The ' + measure + ' and ' + lvl + '% intervals of this table under each tool’s conventions ' +
    '(measure, common-effect method and level as chosen above). “This page” is the analysis shown above' +
    (current ? ' (' + presetTitle(current) + ')' : '') + '.');
  const why = el('h3', null, 'Why the numbers differ: the conventions that are not the same');
  const whyNote = el('p', 'hint', 'Highlighted: a tool’s convention that differs from this page’s. The README (“Presets”) gives the source of each.');
  body.replaceChildren(intro, tableWrap(results, 'Results under each tool’s conventions'), why, whyNote,
    tableWrap(differ, 'Conventions that differ between the tools'));
}

let lastKey = '';
function renderPanel() {
  const cur = page.current;
  if (!panel.open || !cur || !shared.module) return;
  const key = JSON.stringify([cur.text, cur.options]);
  if (key === lastKey) return;
  const r = cur.result;
  if (!r.ok) {
    body.replaceChildren(el('p', 'hint', 'Nothing to compare until the table can be analysed.'));
    return;
  }
  const options = { ...cur.options };
  delete options.preset;
  delete options['leave-one-out'];
  delete options.cumulative;
  let compared;
  try {
    compared = shared.module.compare_presets(cur.text, options);
  } catch (err) {
    body.replaceChildren(el('p', 'error', 'The comparison could not be computed.'));
    return;
  }
  if (!compared.ok) {
    body.replaceChildren(el('p', 'error', compared.error));
    return;
  }
  renderComparison(r, compared);
  lastKey = key;  // only once shown: a comparison that failed is tried again on the next analysis
  document.documentElement.dataset.compareRenders = String(Number(document.documentElement.dataset.compareRenders || 0) + 1);
}

export function startPresetsView() {
  if (!select || !panel || !body) return;
  // 'input' comes from the user only: state.js restores a saved or linked
  // state with 'change' events, and must not overwrite the controls saved
  // after the preset.
  select.addEventListener('input', () => {
    explainPreset();
    applyPresetToControls(select.value);
  });
  select.addEventListener('change', explainPreset);
  controlsFilled.then(explainPreset);
  window.addEventListener('metapool:rendered', () => {
    if (page.current) conventionsLine(page.current.result);
    renderPanel();
  });
  panel.addEventListener('toggle', renderPanel);
  // Opened before the module was ready (the built-in example's results come
  // first): compared once it is.
  window.addEventListener('metapool:module', renderPanel);
}
