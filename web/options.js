// The analysis option controls (every element with data-option="<option>"):
// the options they send to the module, the line of help under each, and
// reading, setting and defaulting a control. The one place in the page that
// knows the options' names and help texts.
import { $, el, defaultOf } from './dom.js';

const EXPLAIN = {
  measure: {
    RR: 'Risk ratio: the risk of an event with the experimental treatment divided by the risk with control.',
    OR: 'Odds ratio: the odds of an event with the experimental treatment divided by the odds with control.',
    RD: 'Risk difference: the risk of an event with the experimental treatment minus the risk with control.',
  },
  method: {
    MH: 'Mantel–Haenszel: pools the 2×2 tables directly; dependable when events are few.',
    IV: 'Inverse variance: weights each trial’s estimate by one over its variance.',
    PETO: 'Peto’s one-step odds ratio: for rare events in arms of similar size.',
  },
  tau2: {
    REML: 'Restricted maximum likelihood: the usual choice for the between-trial variance τ².',
    DL: 'DerSimonian–Laird: the classic moment estimator of τ²; can underestimate it.',
    PM: 'Paule–Mandel: the moment estimator that makes the generalised Q equal its degrees of freedom.',
    ML: 'Maximum likelihood: tends to underestimate τ² when there are few trials.',
    HE: 'Hedges: an unweighted moment estimator of τ².',
    SJ: 'Sidik–Jonkman: starts from a crude estimate; never exactly zero.',
    HS: 'Hunter–Schmidt: from psychometrics; tends to underestimate τ².',
    EB: 'Empirical Bayes (Morris): an iterative estimator close to Paule–Mandel.',
  },
  hksj: {
    yes: 'the random-effects interval uses a t distribution with k − 1 df and an adjusted variance (wider; better coverage with few trials).',
    no: 'the random-effects interval uses the normal distribution; tick for the t-based interval recommended with few trials.',
  },
  ccTo: {
    only0: 'only to trials with a zero cell',
    all: 'to every trial',
    if0all: 'to every trial when any trial has a zero cell',
    none: 'to no trial (trials with a zero cell may then drop out)',
  },
};

// Every option control of the page, in document order.
export const optionControls = () => Array.from(document.querySelectorAll('[data-option]'));

export function valueOf(c) {
  return c.type === 'checkbox' ? c.checked : c.value;
}

// Sets a control to a value and tells the page (a 'change' event).
function setControl(id, value) {
  const c = $(id);
  if (!c) return;
  if (c.type === 'checkbox') c.checked = Boolean(value);
  else c.value = String(value);
  c.dispatchEvent(new Event('change', { bubbles: true }));
}

// The controls a preset sets (presets_view.js), from the core's
// "conventions" of that preset, or back to their defaults (null).
export function showPresetConventions(c) {
  if (!c) {
    for (const id of ['opt-tau2', 'opt-hksj', 'opt-cc', 'opt-cc-to']) if ($(id)) setControl(id, defaultOf($(id)));
    return;
  }
  setControl('opt-tau2', c.tau2);
  setControl('opt-hksj', c.hksj);
  setControl('opt-cc', c.cc);
  setControl('opt-cc-to', c.cc_to);
}

// "Compute as the source" (checks_view.js): a configuration's options
// ({ preset, measure, method, tau2, hksj } as text) put into the controls.
// The preset goes first, as the user would choose it (presets_view.js sets
// its conventions on 'input'), then the measure, method, τ² estimator and
// HKSJ. A value a control does not offer leaves it as it is.
export function chooseOptions(o) {
  const set = (id, value, events) => {
    const c = $(id);
    if (!c || value === undefined) return;
    if (c.type === 'checkbox') c.checked = value === 'yes' || value === 'true';
    else if (c.tagName === 'SELECT' && !Array.from(c.options).some((x) => x.value === value)) return;
    else c.value = value;
    for (const type of events) c.dispatchEvent(new Event(type, { bubbles: true }));
  };
  set('opt-preset', o.preset || '', ['input', 'change']);
  set('opt-measure', o.measure, ['change']);
  set('opt-method', o.method, ['change']);
  set('opt-tau2', o.tau2, ['change']);
  set('opt-hksj', o.hksj, ['change']);
}

// The options of the next analysis. The preset goes first: the controls
// after it (which show its values once chosen, presets_view.js) override it
// only where the user changed them. A control risk is sent only when it is a
// proportion; absolute_view.js says when a typed value is not one.
export function readOptions() {
  const cc = $('opt-cc').value.trim();
  const preset = $('opt-preset') ? $('opt-preset').value : '';
  const risk = $('opt-control-risk') ? $('opt-control-risk').value.trim() : '';
  const checked = (id) => Boolean($(id) && $(id).checked);
  return {
    ...(preset ? { preset } : {}),
    measure: $('opt-measure').value,
    method: $('opt-method').value,
    tau2: $('opt-tau2').value,
    hksj: $('opt-hksj').checked,
    cc: cc === '' ? '0.5' : cc,
    'cc-to': $('opt-cc-to').value,
    ...(/^(0?\.\d+)$/.test(risk) && Number(risk) > 0 ? { 'control-risk': risk } : {}),
    'leave-one-out': checked('opt-leave-one-out'),
    cumulative: checked('opt-cumulative'),
    // The funnel tests, trim-and-fill and the funnel plot only while their
    // panel is open (small_study_view.js asks again when it opens): at
    // 1,000 trials they are a fifth of the module's time.
    ...(smallStudyShown() ? {} : { 'small-study': false }),
  };
}

function smallStudyShown() {
  const panel = $('small-study-panel');
  return !panel || panel.open;
}

// The line of help under each control, for the options `o` (readOptions()).
export function explainControls(o) {
  const line = (id, value, text) => {
    const p = $(id);
    const b = el('strong', null, value);
    p.replaceChildren(b, document.createTextNode(' — ' + text));
  };
  line('explain-measure', o.measure, EXPLAIN.measure[o.measure]);
  line('explain-method', o.method === 'PETO' ? 'Peto' : o.method, EXPLAIN.method[o.method]);
  line('explain-tau2', o.tau2, EXPLAIN.tau2[o.tau2]);
  const hk = o.hksj ? 'yes' : 'no';
  line('explain-hksj', o.hksj ? 'on' : 'off', EXPLAIN.hksj[hk]);
  line('explain-cc', o.cc, 'added to each cell of the 2×2 table, ' + EXPLAIN.ccTo[o['cc-to']] +
    ', so that its ratio and variance exist.');
}

// The options the controls show, by option name.
export function controlValues() {
  const options = {};
  for (const c of optionControls()) options[c.dataset.option] = valueOf(c);
  return options;
}

// The page's default for every option, by option name.
export function defaultValues() {
  const o = {};
  for (const c of optionControls()) o[c.dataset.option] = defaultOf(c);
  return o;
}

// The options that differ from the page's defaults (keeps links short).
export function changedOptions(options) {
  const out = {};
  for (const c of optionControls()) {
    const k = c.dataset.option;
    if (Object.prototype.hasOwnProperty.call(options, k) && options[k] !== defaultOf(c)) out[k] = options[k];
  }
  return out;
}

// Sets every control to `options` (missing ones: their defaults) and returns
// the options that could not be set, as "name=value" strings. Events are
// the caller's to send.
export function setControls(options) {
  const unknown = [];
  const names = new Set(optionControls().map((c) => c.dataset.option));
  for (const k of Object.keys(options)) {
    if (!names.has(k)) unknown.push(k + '=' + String(options[k]));
  }
  for (const c of optionControls()) {
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
  return unknown;
}
