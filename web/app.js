// metapool's page: reads the controls and the pasted text, asks the
// WebAssembly module for the analysis and shows it. Every number comes from
// the module; this file only formats. Everything derived from what the user
// pasted is written with textContent; the forest plot is the core's SVG
// (escaped there) parsed in an inert document and checked (parseSvg).
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const textarea = $('data');
  const gutter = $('gutter');

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

  const MEASURE_NAME = { RR: 'Risk ratio', OR: 'Odds ratio', RD: 'Risk difference' };
  const METHOD_NAME = { MH: 'Mantel–Haenszel', IV: 'inverse variance', PETO: 'Peto' };

  // ---- number formatting (no statistics here) ----------------------------

  const DASH = '—';
  // Whole numbers with thousands separators, as en-US writes them ("357,347").
  // Not Intl.NumberFormat: its first use loads ICU's locale data, which cost
  // some 75 ms of the page's start in Chromium, for a few commas.
  function groupThousands(x) {
    const n = Math.sign(x) * Math.round(Math.abs(x));  // halves away from zero, as Intl
    if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return String(n);
    const digits = String(Math.abs(n));
    let s = digits.slice(0, (digits.length - 1) % 3 + 1);
    for (let i = s.length; i < digits.length; i += 3) s += ',' + digits.slice(i, i + 3);
    return (n < 0 ? '-' : '') + s;
  }
  const intFormat = { format: groupThousands };
  const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
  const minus = (s) => s.replace(/^-/, '−');

  function fixed(x, digits) {
    if (!isNum(x)) return DASH;
    let s = x.toFixed(digits);
    if (/^-0\.?0*$/.test(s)) s = s.slice(1);  // no "-0.00"
    return minus(s);
  }

  // Ratios: two decimals in the usual range, more significant digits when tiny.
  function ratio(x) {
    if (!isNum(x)) return DASH;
    const a = Math.abs(x);
    if (a === 0) return '0';
    if (a < 0.01) return minus(x.toPrecision(2));
    if (a >= 1000) return minus(x.toPrecision(3));
    if (a >= 100) return fixed(x, 0);
    return fixed(x, 2);
  }

  function estimate(x, measure) {
    return measure === 'RD' ? fixed(x, 3) : ratio(x);
  }

  function pValue(p) {
    if (!isNum(p)) return DASH;
    if (p < 0.0001) return '< 0.0001';
    if (p >= 0.9995) return '1.00';
    return p.toPrecision(2);
  }

  // Non-breaking spaces keep "p < 0.0001" and "95% CI" on one line.
  const NB = '\u00a0';
  function pText(p) {
    const s = pValue(p).replace(' ', NB);
    return s.startsWith('<') ? 'p' + NB + s : 'p' + NB + '=' + NB + s;
  }

  function percent(x, digits = 0) {
    return isNum(x) ? fixed(x, digits) + '%' : DASH;
  }

  function sig(x, digits = 3) {
    if (!isNum(x)) return DASH;
    if (x === 0) return '0';
    return minus(Math.abs(x) < 1e-4 ? x.toExponential(1) : x.toPrecision(digits));
  }

  function levelPercent(level) {
    const p = 100 * (isNum(level) ? level : 0.95);
    return String(Math.round(p * 10) / 10);
  }

  function interval(lo, hi, measure) {
    if (!isNum(lo) && !isNum(hi)) return DASH;
    return estimate(lo, measure) + ' to ' + estimate(hi, measure);
  }

  // ---- small DOM helpers --------------------------------------------------

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The core's SVG text as an <svg> element of this document, or null if it is
  // not one. Parsed by the HTML parser into an inert document (nothing in it
  // runs or loads there): four times faster than the XML parser on the same
  // markup (16 -> 4 ms for a forest plot of 100 trials in Chromium). The core
  // escapes every label (core/svg_text.cpp); as a second line, the plot is
  // refused if the parser made anything beside one <svg> (an HTML element
  // breaks out of it) or anything a plot never holds.
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const NOT_IN_A_PLOT = 'script, style, a, image, use, foreignObject, iframe, object, embed, img, animate, set';
  function parseSvg(svgText) {
    const doc = new DOMParser().parseFromString(svgText, 'text/html');
    const root = doc.body.firstElementChild;
    if (!root || root.namespaceURI !== SVG_NS || root.localName !== 'svg' || doc.body.childElementCount !== 1 ||
      doc.head.childElementCount || root.querySelector(NOT_IN_A_PLOT)) return null;
    return document.adoptNode(root);  // moved, not copied
  }

  // A panel's plot: a keyboard-reachable, named region holding the SVG.
  function svgFigure(svgText, label, className) {
    const box = el('div', className);
    box.tabIndex = 0;
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', label);
    const root = parseSvg(svgText);
    box.append(root || el('p', 'error', 'The plot could not be drawn.'));
    return box;
  }

  // A table cell with a number's text, and the number itself in data-value
  // (what the tests and the CSV read back).
  function numberCell(text, value, className) {
    const td = el('td', className || 'num', text);
    if (isNum(value)) td.dataset.value = String(value);
    return td;
  }

  function setText(id, text) {
    $(id).textContent = text;
  }

  // ---- options -----------------------------------------------------------

  // The preset goes first: the controls after it (which show its values once
  // chosen, presets_view.js) override it only where the user changed them.
  // A control risk is sent only when it is a proportion; absolute_view.js
  // says when a typed value is not one.
  function readOptions() {
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

  function explainControls(o) {
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

  // ---- rendering ---------------------------------------------------------

  let lastSvg = null;
  let svgUrl = null;
  let svgToSave = null;  // the plot's text, made into a Blob URL only when the link is used

  // Beyond this many trials the plot (some 20 px a trial) is not drawn in the
  // page, whose main thread would spend seconds on it; it can still be saved.
  const FOREST_MAX_STUDIES = 2000;
  // Beyond this many trials the table shows the first ones and says so; the
  // "Studies as CSV" export has them all.
  const TABLE_MAX_ROWS = 1000;

  function setSvgUrl(blob) {
    if (svgUrl) URL.revokeObjectURL(svgUrl);
    svgUrl = blob ? URL.createObjectURL(blob) : null;
    const link = $('save-svg');
    link.href = svgUrl || '#';  // '#' keeps it a link (focusable) until prepareSvgLink()
  }

  // The "Save as SVG" link gets its Blob when it is about to be used (a
  // pointer on it, focus, a click): making one on every keystroke cost some
  // 5 ms at 1,000 trials.
  function prepareSvgLink() {
    if (svgToSave === null) return;
    setSvgUrl(new Blob([svgToSave], { type: 'image/svg+xml' }));
    svgToSave = null;
  }

  // `svgBlob`: the plot of a large table, made into a Blob by the worker.
  function renderForest(svgText, studies, svgBlob) {
    const box = $('forest');
    const link = $('save-svg');
    if (svgText === lastSvg && !svgBlob) return;
    lastSvg = svgText;
    svgToSave = null;
    if (!svgText && !svgBlob) {
      setSvgUrl(null);
      box.replaceChildren();
      link.hidden = true;
      return;
    }
    if (studies > FOREST_MAX_STUDIES || svgBlob) {
      box.replaceChildren(el('p', 'hint', 'The plot of ' + intFormat.format(studies) + ' trials is too tall to show here (over ' +
        intFormat.format(FOREST_MAX_STUDIES) + '); save it as SVG below.'));
      setSvgUrl(svgBlob || new Blob([svgText], { type: 'image/svg+xml' }));
      link.hidden = false;
      return;
    }
    const root = parseSvg(svgText);
    if (!root) {
      setSvgUrl(null);
      box.replaceChildren(el('p', 'error', 'The forest plot could not be drawn.'));
      link.hidden = true;
      return;
    }
    box.replaceChildren(root);
    setSvgUrl(null);
    svgToSave = svgText;
    link.hidden = false;
  }

  // Line-number gutter beside the text area, marking the lines with problems.
  // Up to GUTTER_ALL lines every number is in the DOM; beyond, only those
  // around the visible part of the text area, between two spacers.
  const GUTTER_ALL = 1000;
  const GUTTER_LINE_PX = 20;  // .gutter div's height in style.css
  const GUTTER_MARGIN = 200;  // lines drawn above and below the visible ones
  let gutterKey = '';
  let gutterLines = 0;
  let gutterMarks = new Map();
  let gutterRange = [0, 0];

  function renderGutter(lineCount, marks) {
    const key = lineCount + '|' + Array.from(marks, ([n, m]) => n + m.kind).join(',');
    if (key === gutterKey) return;
    gutterKey = key;
    gutterLines = lineCount;
    gutterMarks = marks;
    gutterRange = [0, 0];
    if (lineCount <= GUTTER_ALL) drawGutter(1, lineCount);
    // After the next frame: reading or setting scrollTop before it would
    // force a layout of the whole page before the table and the plot are in.
    requestAnimationFrame(() => setTimeout(syncGutter, 0));
  }

  function drawGutter(from, to) {
    gutterRange = [from, to];
    const frag = document.createDocumentFragment();
    const spacer = (lines) => {
      const d = el('div', 'spacer');
      d.style.height = lines * GUTTER_LINE_PX + 'px';
      return d;
    };
    if (from > 1) frag.appendChild(spacer(from - 1));
    for (let n = from; n <= to; n++) {
      const d = el('div', null, String(n));
      const m = gutterMarks.get(n);
      if (m) {
        d.className = m.kind;
        d.title = m.message;
      }
      frag.appendChild(d);
    }
    if (to < gutterLines) frag.appendChild(spacer(gutterLines - to));
    gutter.replaceChildren(frag);
  }

  function syncGutter() {
    const top = textarea.scrollTop;
    if (gutterLines > GUTTER_ALL) {
      const first = Math.floor(top / GUTTER_LINE_PX) + 1;
      const last = first + Math.ceil(textarea.clientHeight / GUTTER_LINE_PX);
      if (first < gutterRange[0] || last > gutterRange[1]) {
        drawGutter(Math.max(1, first - GUTTER_MARGIN), Math.min(gutterLines, last + GUTTER_MARGIN));
      }
    }
    gutter.scrollTop = top;
  }

  function selectLine(line) {
    const text = textarea.value;
    let start = 0;
    for (let n = 1; n < line; n++) {
      const i = text.indexOf('\n', start);
      if (i < 0) break;
      start = i + 1;
    }
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    textarea.focus();
    textarea.setSelectionRange(start, end);
    const lh = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
    textarea.scrollTop = Math.max(0, (line - 3) * lh);
  }

  function problemItem(line, where, message, text) {
    const li = el('li');
    const b = el('button', 'goto', where);
    b.type = 'button';
    b.title = 'Select line ' + line + ' in the text';
    b.addEventListener('click', () => selectLine(line));
    li.append(b, document.createTextNode(': ' + message));
    if (text) {
      li.append(el('code', 'source', text));
    }
    return li;
  }

  function renderProblems(r, lineCount) {
    const list = $('problems');
    const items = [];
    const marks = new Map();
    for (const e of r.errors || []) {
      const where = 'line ' + e.line + (e.column > 0 ? ', column ' + e.column : '');
      // The core's message may already start with its location; say it once.
      const message = String(e.message).replace(/^line \d+(, column \d+)?: /, '');
      items.push([e.line, problemItem(e.line, where, message, e.text)]);
      if (e.line > 0) marks.set(e.line, { kind: 'error', message: e.message });
    }
    // Notes: read, but the user must know (a repeated label kept as 'X (2)',
    // arms put in RevMan's order, a printed percentage the counts do not give).
    // Their own list beside the problems, styled as information.
    const notes = [];
    for (const n of r.notes || []) {
      const where = 'line ' + n.line + (n.column > 0 ? ', column ' + n.column : '');
      const message = String(n.message).replace(/^line \d+(, column \d+)?: /, '');
      notes.push([n.line, problemItem(n.line, where, message, n.text)]);
      if (n.line > 0 && !marks.has(n.line)) marks.set(n.line, { kind: 'note', message: n.message });
    }
    for (const s of r.studies || []) {
      if (s.included || !s.excluded_reason) continue;
      const msg = s.label + ' is left out: ' + s.excluded_reason;
      items.push([s.line, problemItem(s.line, 'line ' + s.line, msg, null)]);
      if (!marks.has(s.line)) marks.set(s.line, { kind: 'excluded', message: msg });
    }
    items.sort((a, b) => a[0] - b[0]);
    list.replaceChildren(...items.map((x) => x[1]));
    $('problems-box').hidden = items.length === 0;
    notes.sort((a, b) => a[0] - b[0]);
    $('notes').replaceChildren(...notes.map((x) => x[1]));
    $('notes-box').hidden = notes.length === 0;
    renderGutter(lineCount, marks);
  }

  function renderStudies(r) {
    const measure = r.measure;
    setText('th-estimate', measure);
    setText('th-ci', levelPercent(r.options && r.options.level) + '% CI');
    const body = document.createElement('tbody');
    const studies = r.studies || [];
    for (const s of studies.length > TABLE_MAX_ROWS ? studies.slice(0, TABLE_MAX_ROWS) : studies) {
      const tr = el('tr', s.included ? null : 'excluded');
      tr.append(el('td', 'num', String(s.line)), el('td', 'label', s.label));
      if (typeof s.reported === 'string') {
        // A reported effect (generic inverse variance): no counts, the effect as typed.
        const td = el('td', 'reported', 'reported: ' + s.reported);
        td.colSpan = 2;
        tr.append(td);
      } else {
        tr.append(el('td', 'num', intFormat.format(s.e1) + '/' + intFormat.format(s.n1)),
          el('td', 'num', intFormat.format(s.e2) + '/' + intFormat.format(s.n2)));
      }
      tr.append(
        el('td', 'num', estimate(s.estimate, measure)),
        el('td', 'num', interval(s.ci_lower, s.ci_upper, measure)),
      );
      if (s.included) {
        tr.append(el('td', 'num', percent(s.weight_common, 1)), el('td', 'num', percent(s.weight_random, 1)));
      } else {
        const td = el('td', 'reason', 'left out: ' + (s.excluded_reason || 'not included'));
        td.colSpan = 2;
        tr.append(td);
      }
      body.appendChild(tr);
    }
    if (studies.length > TABLE_MAX_ROWS) {
      const td = el('td', 'more', 'The first ' + intFormat.format(TABLE_MAX_ROWS) + ' of ' + intFormat.format(studies.length) +
        ' trials; “Studies as CSV” exports them all.');
      td.colSpan = 8;
      body.appendChild(el('tr')).appendChild(td);
    }
    $('studies').tBodies[0].replaceWith(body);
  }

  function summaryLine(r) {
    const lvl = levelPercent(r.options && r.options.level);
    const re = r.random || {};
    const ce = r.common || {};
    const pooled = isNum(re.estimate) ? re : ce;
    const trials = r.k === 1 ? '1 trial' : intFormat.format(r.k) + ' trials';
    let s = r.measure + ' ' + estimate(pooled.estimate, r.measure) +
      ' (' + lvl + '% CI ' + interval(pooled.ci_lower, pooled.ci_upper, r.measure) + '); ' +
      trials + ', ' + intFormat.format(r.total_participants) + ' participants';
    const i2 = r.heterogeneity && r.heterogeneity.I2;
    if (isNum(i2) && r.k > 1) s += '; I² = ' + fixed(i2, 0) + '%';
    return s;
  }

  function renderPooled(r) {
    const m = r.measure;
    const lvl = levelPercent(r.options && r.options.level);
    const ce = r.common || {};
    const re = r.random || {};
    const h = r.heterogeneity || {};

    setText('common-title', 'Common effect (' + (METHOD_NAME[ce.method] || ce.method) + ')');
    setText('common-estimate', MEASURE_NAME[m] + ' ' + estimate(ce.estimate, m));
    setText('common-ci', lvl + '% CI ' + interval(ce.ci_lower, ce.ci_upper, m));
    setText('common-p', 'z = ' + fixed(ce.z, 2) + ', ' + pText(ce.p));

    setText('random-title', 'Random effects (' + re.tau2_method + (re.hksj ? ', HKSJ' : '') + ')');
    setText('random-estimate', MEASURE_NAME[m] + ' ' + estimate(re.estimate, m));
    setText('random-ci', lvl + '% CI ' + interval(re.ci_lower, re.ci_upper, m));
    // The JSON names the statistic t under HKSJ and z otherwise.
    setText('random-p', (re.hksj ? 't' : 'z') + ' = ' + fixed(re.hksj ? re.t : re.z, 2) +
      (re.hksj && isNum(re.df) ? ' (df ' + fixed(re.df, 0) + ')' : '') + ', ' + pText(re.p));
    setText('random-pi', 'Prediction interval ' + interval(re.pi_lower, re.pi_upper, m) +
      (isNum(re.pi_lower) ? '' : ' (needs 3 or more trials)'));

    setText('het-i2', 'I² = ' + percent(h.I2));
    setText('het-i2-ci', lvl + '% CI ' + (isNum(h.I2_ci_lower) ? percent(h.I2_ci_lower) + ' to ' + percent(h.I2_ci_upper) : DASH));
    setText('het-tau2', 'τ² = ' + sig(h.tau2) + ' (CI ' + (isNum(h.tau2_ci_lower) ? sig(h.tau2_ci_lower) + ' to ' + sig(h.tau2_ci_upper) : DASH) +
      '), τ = ' + sig(h.tau));
    setText('het-q', 'Q = ' + fixed(h.Q, 2) + ', df = ' + fixed(h.df, 0) + ', ' + pText(h.p));
  }

  // Screen readers hear the result once typing pauses (the live region #announce).
  let announceTimer = 0;
  function announce(text) {
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      const a = $('announce');
      if (a && a.textContent !== text) a.textContent = text;
    }, 600);
  }

  function render(r, lineCount) {
    announce(r.ok ? 'Results: ' + summaryLine(r) + '.' : (r.error || 'Nothing to analyse yet.'));
    renderProblems(r, lineCount);
    const status = $('status');
    if (r.ok) {
      status.textContent = '';
      status.hidden = true;
      $('summary-box').hidden = false;
      $('cards').hidden = false;
      setText('summary', summaryLine(r));
      renderPooled(r);
      const excluded = (r.studies || []).filter((s) => !s.included).length;
      setText('counts', 'k = ' + intFormat.format(r.k) + (r.k === 1 ? ' trial' : ' trials') + ' analysed, ' +
        intFormat.format(r.total_participants) + ' participants' +
        (excluded ? '; ' + excluded + ' left out' : '') +
        ((r.errors || []).length ? '; ' + r.errors.length + ' line' + (r.errors.length === 1 ? '' : 's') + ' not read' : '') + '.');
    } else {
      status.hidden = false;
      status.className = 'status error';
      status.textContent = r.error || 'Nothing to analyse yet.';
      $('summary-box').hidden = true;
      $('cards').hidden = true;
      setText('counts', '');
    }
    const warnings = $('warnings');
    warnings.replaceChildren(...(r.warnings || []).map((w) => el('li', null, w)));
    renderStudies(r);
    renderForest(r.ok ? r.forest_svg : '', (r.studies || []).length, r.ok ? r.forest_svg_blob : null);
  }

  // ---- the update loop: input -> next animation frame -> analyze -> render --

  let metapool = null;
  let scheduled = false;
  let inputAt = null;  // performance.now() of the first input not yet shown
  let renders = 0;

  function schedule() {
    if (inputAt === null) inputAt = performance.now();
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(update);
  }

  // Typing and pasting in the text area: when the last update fitted in a
  // frame (16 ms), the analysis runs at once, in the input event, so that its
  // results are in the very frame that shows the new text (waiting for the
  // next animation frame cost 5-8 ms). Keys come further apart than that
  // (auto-repeat: some 30 ms); slower updates keep to one per frame.
  const IMMEDIATE_WORK_MS = 16;
  let lastWork = Infinity;  // analysis + rendering of the last update, ms
  let pasting = false;  // a paste the page puts in itself: one event, nothing to wait for
  function scheduleInput() {
    if (scheduled || !metapool || !(pasting || lastWork < IMMEDIATE_WORK_MS)) {
      schedule();
      return;
    }
    inputAt = performance.now();
    update();
  }

  // Tables longer than this are analysed in a Worker (web/analysis_worker.js)
  // so that typing stays responsive; shorter ones here, with no round trip.
  const BACKGROUND_LINES = 2000;
  let generation = 0;  // the newest update; older answers from the worker are dropped

  function update() {
    scheduled = false;
    if (!metapool) return;
    const options = readOptions();
    explainControls(options);
    const text = textarea.value;
    const t0 = performance.now();
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    const mine = ++generation;
    const background = window.metapoolBackground;
    if (lines > BACKGROUND_LINES && background && background.available()) {
      showComputing(lines);
      background.analyze(text, options).then((answer) => {
        if (mine !== generation || answer.stale) return;  // the user has typed since
        finish(text, options, lines, t0, answer.error ? analyzeHere(text, options) : answer.result);
      });
      return;
    }
    finish(text, options, lines, t0, analyzeHere(text, options));
  }

  function analyzeHere(text, options) {
    try {
      return metapool.analyze(text, options);
    } catch (err) {
      return { ok: false, error: 'The calculator stopped (' + (err && err.message ? err.message : String(err)) +
        '). Reload the page; your text is still in the box above if you copy it first.', studies: [], errors: [], warnings: [] };
    }
  }

  function showComputing(lines) {
    const status = $('status');
    status.hidden = false;
    status.className = 'status busy';
    status.textContent = 'Computing… (' + intFormat.format(lines) + ' lines)';
    document.documentElement.dataset.computing = '1';
  }

  function finish(text, options, lines, t0, result) {
    const t1 = performance.now();
    delete document.documentElement.dataset.computing;
    render(result, lines);
    const t2 = performance.now();
    const since = inputAt === null ? t0 : inputAt;
    inputAt = null;
    renders++;
    const detail = { total: t2 - since, analyze: t1 - t0, render: t2 - t1, k: result.k, renders };
    lastWork = t2 - t0;
    page.current = { text, options, result };
    setText('timing', 'analysed in ' + fixed(detail.analyze, 1) + ' ms');
    document.documentElement.dataset.renders = String(renders);
    window.dispatchEvent(new CustomEvent('metapool:rendered', { detail }));
  }

  // For working.js and exports.js: the last analysis (text, options, result)
  // and the formatting above, so that every view writes numbers alike.
  const page = {
    current: null,
    // Analyse again (a panel that needs more of the analysis has opened).
    refresh: () => schedule(),
    // Select a line of the pasted text (the "line N" buttons of every list).
    selectLine,
    summaryLine,
    format: { fixed, ratio, estimate, pValue, pText, percent, sig, levelPercent, interval, int: (x) => intFormat.format(x) },
    names: { measure: MEASURE_NAME, method: METHOD_NAME },
    // The DOM helpers every panel uses: text goes in as textContent only.
    dom: { el, isNum, numberCell, svgFigure },
  };
  window.metapoolPage = page;

  // ---- wiring ------------------------------------------------------------

  textarea.addEventListener('input', scheduleInput);
  // Chromium's own paste (its editing command) works line by line: 6 ms for
  // 100 lines, 180 ms for 1,000, many seconds for 50,000, against 1, 8 and
  // 600 ms for setRangeText(). A table (DIRECT_PASTE_LINES lines or more, or
  // DIRECT_PASTE characters) the page puts in itself, and keeps one step of
  // undo and redo for it: Chromium forgets its undo history at such a change.
  const DIRECT_PASTE = 2000;
  const DIRECT_PASTE_LINES = 20;
  const isTable = (text) => text.length >= DIRECT_PASTE || text.split('\n', DIRECT_PASTE_LINES + 1).length > DIRECT_PASTE_LINES;
  let directPaste = null;  // the last direct paste: text before and after, selection before, caret after
  textarea.addEventListener('paste', (e) => {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!isTable(text) || textarea.readOnly) return;
    e.preventDefault();
    const before = textarea.value;
    const start = textarea.selectionStart, end = textarea.selectionEnd;
    textarea.setRangeText(text, start, end, 'end');
    directPaste = { before, after: textarea.value, start, end, caret: textarea.selectionEnd, undone: false };
    pasting = true;
    try {
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    } finally {
      pasting = false;
    }
  });
  function undoDirectPaste(redo) {
    const d = directPaste;
    if (!d || d.undone !== redo || textarea.value !== (redo ? d.before : d.after)) return false;
    textarea.value = redo ? d.after : d.before;
    if (redo) textarea.setSelectionRange(d.caret, d.caret);
    else textarea.setSelectionRange(d.start, d.end);
    d.undone = !redo;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  }
  textarea.addEventListener('keydown', (e) => {
    if (!directPaste || !(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    const redo = (key === 'z' && e.shiftKey) || (key === 'y' && !e.shiftKey);
    if ((key === 'z' || redo) && undoDirectPaste(redo)) e.preventDefault();
  });
  textarea.addEventListener('beforeinput', (e) => {
    if (e.inputType === 'historyUndo' || e.inputType === 'historyRedo') {
      if (undoDirectPaste(e.inputType === 'historyRedo')) e.preventDefault();
    }
  });
  textarea.addEventListener('scroll', syncGutter);
  for (const type of ['pointerdown', 'focus', 'click']) $('save-svg').addEventListener(type, prepareSvgLink);
  for (const c of document.querySelectorAll('[data-option]')) {
    c.addEventListener('input', schedule);
    c.addEventListener('change', schedule);
  }

  $('copy').addEventListener('click', async () => {
    const text = $('summary').textContent;
    const btn = $('copy');
    try {
      await navigator.clipboard.writeText(text);
      btn.textContent = 'Copied';
    } catch (_) {
      const range = document.createRange();
      range.selectNodeContents($('summary'));
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      btn.textContent = document.execCommand && document.execCommand('copy') ? 'Copied' : 'Press Ctrl+C';
    }
    setTimeout(() => { btn.textContent = 'Copy'; }, 1500);
  });

  explainControls(readOptions());

  if (typeof createMetapool !== 'function') {
    $('status').textContent = 'The calculator is missing from this page; rebuild it with `make dist`.';
    $('status').className = 'status error';
    return;
  }
  createMetapool({
    onAbort: (what) => {
      $('status').hidden = false;
      $('status').className = 'status error';
      $('status').textContent = 'The calculator stopped: ' + what + '. Reload the page.';
    },
  }).then((m) => {
    metapool = m;
    setText('version', m.version());
    window.metapool = m;  // for the curious, and for the tests
    // state.js may still be opening a share link: analyse that, not the example.
    // And the scripts after this one (the exports and the panels) listen for
    // metapool:rendered: the module, compiled while the page was parsed
    // (wasm_loader.js), can be ready before they have run.
    const state = window.metapoolState;
    const parsed = document.readyState === 'loading'
      ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
      : null;
    Promise.all([parsed, Promise.resolve(state && state.ready).catch(() => {})]).then(schedule);
  }, (err) => {
    $('status').className = 'status error';
    $('status').textContent = 'The calculator could not start: ' + (err && err.message ? err.message : String(err));
  });
})();
