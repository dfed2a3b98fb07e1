// The analysis option controls (every element with data-option="<option>"):
// the options they send to the module, the line of help under each, and
// reading, setting and defaulting a control. Which options the page shows
// and where is index.html's; their labels, the entries of each list, the
// defaults and the help texts are the core's option registry
// (core/model/option_registry.cpp), which fillControls() receives from the
// module before the first analysis.
import { $, el, defaultOf, updateChildren } from './dom.js';

let registry = null;  // option key -> its entry in the module's options_registry()
let filled;
// Settles once fillControls() has built the controls: their words are there
// (presets_view.js) and state.js can set them to a saved table's or a link's
// options.
export const controlsFilled = new Promise((resolve) => { filled = resolve; });

// The words the core gives one value of an option ({ value, label, explain,
// title }), or an empty set of words.
export function choiceWords(key, value) {
  const spec = registry && registry.get(key);
  const c = spec && spec.choices.find((x) => x.value === value);
  return c || { value, label: '', explain: '', title: '' };
}

// A select's entries: the default first, then the others in the registry's
// order.
function fillSelect(select, spec) {
  const choices = [...spec.choices.filter((c) => c.value === spec.default),
    ...spec.choices.filter((c) => c.value !== spec.default)];
  select.replaceChildren(...choices.map((c) => {
    const o = el('option', null, c.label);
    o.value = c.value;
    o.defaultSelected = c.value === spec.default;
    return o;
  }));
}

// The label of a control: its <label for>, where a checkbox sits before
// the words; the aria-label of a control without one.
function labelControl(c, spec) {
  const label = document.querySelector('label[for="' + c.id + '"]');
  if (!label) c.setAttribute('aria-label', spec.label);
  else if (c.type === 'checkbox') label.replaceChildren(c, document.createTextNode(' ' + spec.label));
  else label.textContent = spec.label;
}

// Builds every control from the registry (the module's options_registry()):
// its label, its entries and default, and the hint it is described by; then
// the controls count as filled (controlsFilled).
// Until then the controls are empty: on the built-in example the page shows
// the results shipped with it (app.js) before the module, and so the
// registry, is ready.
export function fillControls(entries) {
  registry = new Map(entries.map((o) => [o.key, o]));
  for (const c of optionControls()) {
    const spec = registry.get(c.dataset.option);
    if (!spec) continue;
    labelControl(c, spec);
    if (c.tagName === 'SELECT') fillSelect(c, spec);
    // (a checkbox or number box the user has not touched follows its default)
    else if (c.type === 'checkbox') c.defaultChecked = spec.default === 'yes';
    else if (c.type === 'number') c.defaultValue = spec.default;
    else c.placeholder = spec.default;  // a text box left empty means the default
    const hint = c.getAttribute('aria-describedby');
    if (hint && $(hint)) $(hint).textContent = spec.explain;
  }
  filled();
}

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
    cc: cc === '' ? defaultOf($('opt-cc')) : cc,
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

// The line of help under each control, for the options `o` (readOptions()):
// the value in bold (a list entry's label up to its " — "), then the core's
// explanation of it.
export function explainControls(o) {
  if (!registry) return;
  const line = (id, value, text) => {
    const p = $(id);
    // Kept when the same (every analysis explains them again): the browser
    // would lay out and paint these visible lines again.
    updateChildren(p, [el('strong', null, value), document.createTextNode(' — ' + text)]);
  };
  const shown = (key) => {
    const w = choiceWords(key, o[key]);
    line('explain-' + key, w.label.split(' — ')[0], w.explain);
  };
  shown('measure');
  shown('method');
  shown('tau2');
  line('explain-hksj', o.hksj ? 'on' : 'off', choiceWords('hksj', o.hksj ? 'yes' : 'no').explain);
  line('explain-cc', o.cc, registry.get('cc').explain.replace('{cc-to}', choiceWords('cc-to', o['cc-to']).explain));
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
