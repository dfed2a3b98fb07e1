// Absolute effects for the bedside: the GRADE summary-of-findings
// row of the current analysis, from the JSON's "absolute" object
// (core/pooling/absolute_effects.cpp): the assumed risk with control, the risk with
// the intervention per 1,000 with its CI, the difference per 1,000 and the
// number needed to treat (or harm) with Altman's (1998) interval through
// infinity when the difference's CI includes no effect. The control risk is
// the pooled control arms' unless the user enters one (option control-risk).
// Nothing is computed here: values are only rounded and worded.
import { $, el, tableWrap, th, updateChildren } from './dom.js';
import * as f from './format.js';
import { page } from './page.js';

const { isNum } = f;
const body = $('absolute-body');
const input = $('opt-control-risk');
const per1000 = (x) => f.fixed(x, 1);

// "32.9 fewer" / "12.0 more" per 1,000 (the sign in words, as GRADE writes it).
function change(x) {
  if (!isNum(x)) return '—';
  if (Math.abs(x) < 0.05) return '0.0';
  return per1000(Math.abs(x)) + (x < 0 ? ' fewer' : ' more');
}

// A number needed to treat or harm, rounded up to a whole person (Cochrane
// Handbook 15.4.4), as the text report words it; the 1e-9 keeps an exact 10
// (1/0.1 = 10.000000000000002) at 10.
function whole(x) { return f.fixed(Math.ceil(Math.abs(x) - 1e-9), 0); }

// NNT > 0: treating prevents events (benefit); < 0: a number needed to harm.
function nntText(e) {
  if (!isNum(e.nnt)) return '—';
  const name = e.nnt > 0 ? 'NNT' : 'NNH';
  let s = name + ' ' + whole(e.nnt);
  if (!isNum(e.nnt_lower) || !isNum(e.nnt_upper)) return s;
  if (e.nnt_ci_crosses_infinity) {
    // Altman (1998): NNTB b to ∞ to NNTH h.
    const benefit = e.nnt_upper > 0 ? e.nnt_upper : e.nnt_lower;
    const harm = e.nnt_lower < 0 ? e.nnt_lower : e.nnt_upper;
    s += ' (NNTB ' + whole(benefit) + ' to ∞ to NNTH ' + whole(harm) + ')';
  } else {
    const a = Math.abs(e.nnt_lower);
    const b = Math.abs(e.nnt_upper);
    s += ' (' + whole(Math.min(a, b)) + ' to ' + whole(Math.max(a, b)) + ')';
  }
  return s;
}

function cell(text, value, model) {
  const c = el('td', 'num', text);
  c.dataset.model = model;
  if (isNum(value)) c.dataset.value = String(value);
  return c;
}

// One column per model (random, common); one row per quantity, so that the
// table fits the results column and a phone.
const QUANTITIES = [
  ['relative', (m, lvl) => 'Relative effect, ' + m + ' (' + lvl + '% CI)',
    (e, pooled, m) => [f.estimate(pooled.estimate, m) + ' (' + f.interval(pooled.ci_lower, pooled.ci_upper, m) + ')', pooled.estimate]],
  ['risk', () => 'Risk with intervention, per 1,000 (CI)',
    (e) => [per1000(e.risk_per_1000) + ' (' + per1000(e.risk_per_1000_lower) + ' to ' + per1000(e.risk_per_1000_upper) + ')', e.risk_per_1000]],
  ['difference', () => 'Difference, per 1,000 (CI)',
    (e) => [change(e.difference_per_1000) + ' (' + change(e.difference_per_1000_lower) + ' to ' + change(e.difference_per_1000_upper) + ')',
      e.difference_per_1000]],
  ['nnt', () => 'Number needed to treat (CI)', (e) => [nntText(e), e.nnt]],
];

function render() {
  const cur = page.current;
  const r = cur && cur.result;
  const typed = input.value.trim();
  if (!r || !r.ok || !r.absolute || !isNum(r.absolute.control_risk)) {
    updateChildren(body, [el('p', 'hint', r && r.ok
      ? 'No control risk: the control arms have no participants (reported effects only). Enter one above.'
      : 'Shown once the table can be analysed.')]);
    return;
  }
  const a = r.absolute;
  const measure = r.measure;
  const lvl = f.levelPercent(r.options && r.options.level);
  const parts = [];
  const pooledRisk = a.control_risk_source !== 'assumed';
  if (typed && pooledRisk) {
    parts.push(el('p', 'warn', '“' + typed + '” is not a risk between 0 and 1 (e.g. 0.12): the pooled control risk is used.'));
  }
  parts.push(el('p', 'absolute-control', 'Risk with control: ' + per1000(1000 * a.control_risk) + ' per 1,000 (' +
    (pooledRisk ? 'pooled control arms' : 'assumed') + ').'));

  const table = el('table', 'absolute-table');
  table.id = 'absolute-table';
  table.append(el('caption', 'visually-hidden', 'Absolute effects per 1,000 people, as a GRADE summary-of-findings row'));
  const head = el('tr');
  for (const [t, cls] of [['', null], ['Random effects', 'num'], ['Common effect', 'num']]) {
    head.append(t ? th(t, 'col', cls) : el('td', cls, t));
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const [id, title, get] of QUANTITIES) {
    const tr = el('tr');
    tr.dataset.row = id;
    const h = th(title(measure, lvl), 'row');
    const [rt, rv] = get(a.random, r.random, measure);
    const [ct, cv] = get(a.common, r.common, measure);
    tr.append(h, cell(rt, rv, 'random'), cell(ct, cv, 'common'));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  parts.push(tableWrap(table, 'Absolute effects table'));

  // The GRADE sentence for the random-effects model (the common effect when
  // there is no random-effects estimate), as the text report chooses.
  const useRandom = isNum(r.random.estimate);
  const e = useRandom ? a.random : a.common;
  if (isNum(e.risk_per_1000)) {
    parts.push(el('p', 'absolute-sentence', 'Per 1,000 people: ' + per1000(1000 * a.control_risk) + ' with control, ' +
      per1000(e.risk_per_1000) + ' (' + lvl + '% CI ' + per1000(e.risk_per_1000_lower) + ' to ' + per1000(e.risk_per_1000_upper) +
      ') with the intervention — ' + change(e.difference_per_1000) + ' (' + change(e.difference_per_1000_lower) + ' to ' +
      change(e.difference_per_1000_upper) + '); ' + nntText(e) + ' (' + (useRandom ? 'random' : 'common') + ' effects).'));
  }
  // Most of it is the same text after an edit: only what changed is redrawn.
  updateChildren(body, parts, true);
}

export function startAbsoluteView() {
  if (!body || !input) return;
  window.addEventListener('metapool:rendered', render);
}
