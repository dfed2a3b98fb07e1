// The WebAssembly module in node: it must give exactly what the native core
// gives (the same C++; only the compiler and libm differ), never abort, and
// agree with metafor on the reference fixtures.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./helpers');

const REL_NATIVE = 1e-12;   // same core, different compiler and libm
const REL_METAFOR = 1e-6;

function assertSame(wasm, native, what) {
  const { forest_svg, funnel_svg, leave_one_out_svg, cumulative_svg, ...rest } = wasm;
  const diffs = h.jsonDiff(rest, native, REL_NATIVE);
  assert.deepEqual(diffs, [], what + ': the module differs from the native CLI:\n' + diffs.slice(0, 20).join('\n'));
  assert.equal(typeof forest_svg, 'string', what + ': forest_svg is a string');
  assert.equal(typeof funnel_svg, 'string', what + ': funnel_svg is a string');
  assert.equal(typeof leave_one_out_svg, 'leave_one_out' in wasm ? 'string' : 'undefined',
    what + ': leave_one_out_svg only with the option');
  assert.equal(typeof cumulative_svg, 'cumulative' in wasm ? 'string' : 'undefined',
    what + ': cumulative_svg only with the option');
}

test('version() is the project version', async () => {
  const m = await h.loadModule();
  assert.match(m.version(), /^\d+\.\d+\.\d+/);
});

// The registry (core/model/option_registry.hpp) the page builds its controls from:
// the options the native CLI's --help lists, in its order, each value accepted
// by analyze() and written back under its JSON name, with the page's words.
test("options_registry(): the CLI's options, and every listed choice is accepted", async () => {
  const m = await h.loadModule();
  const registry = m.options_registry();
  const { execFileSync } = require('child_process');
  const help = execFileSync(h.ensureCli(), ['--help'], { encoding: 'utf8' });
  const cliKeys = [...help.matchAll(/^  --([a-z0-9-]+) /gm)].map((x) => x[1]);
  assert.deepEqual(registry.map((o) => o.key), cliKeys.slice(0, registry.length));
  assert.equal(registry.find((o) => o.key === 'tau2').values.join(' '), 'DL REML PM ML HE SJ HS EB');
  for (const option of registry.filter((o) => o.kind === 'choice' && o.json_name)) {
    for (const value of option.values) {
      const r = m.analyze(h.BCG_CSV, { [option.key]: value });
      const written = option.json_name in r.options ? r.options[option.json_name] : r.conventions[option.json_name];
      assert.equal(written, value, option.key + ' ' + value);
    }
  }
  // The page's words for each value (tests/core/test_options.cpp has them all):
  // one per accepted value, in the same order; a preset's list starts with none.
  for (const option of registry.filter((o) => o.choices.length)) {
    const expected = option.kind === 'name' ? ['', ...option.values] : option.values;
    assert.deepEqual(option.choices.map((c) => c.value), expected, option.key);
  }
  const tau2 = registry.find((o) => o.key === 'tau2');
  assert.equal(tau2.label, 'τ² estimator');
  assert.deepEqual(tau2.choices[1], { value: 'REML', label: 'REML — restricted maximum likelihood',
    explain: 'Restricted maximum likelihood: the usual choice for the between-trial variance τ².', title: '' });
  assert.deepEqual(registry.find((o) => o.key === 'preset').choices[3], { value: 'revman-web',
    label: 'RevMan Web (2025 methods)', title: 'RevMan Web',
    explain: 'as RevMan Web computes it since 2025: REML, Hartung–Knapp–Sidik–Jonkman, I² from τ², prediction interval.' });
  assert.equal(registry.find((o) => o.key === 'cc').explain,
    'added to each cell of the 2×2 table, {cc-to}, so that its ratio and variance exist.');
  // A preset goes first whatever the order of the keys.
  const r = m.analyze(h.BCG_CSV, { tau2: 'PM', preset: 'revman5' });
  assert.equal(r.options.tau2, 'PM');
  assert.equal(r.preset, 'revman5');
});

// h.FLEISS_FOREST: a forest plot pasted as RevMan 5 prints it, one CI limit mistyped.
test('a pasted RevMan forest plot: the same source, checks and analysis as the native CLI', async () => {
  const m = await h.loadModule();
  const r = m.analyze(h.FLEISS_FOREST, {});
  assert.equal(r.ok, true, r.error);
  assert.equal(r.k, 7);
  assert.deepEqual(r.errors, []);
  assert.equal(r.source.analysis.measure, 'OR');
  assert.equal(r.checks.studies_flagged, 1);
  assert.equal(r.checks.studies.find((s) => !s.agrees).line, 4);
  assert.equal(r.checks.pooled[0].reproduced, true);
  assert.equal(r.checks.pooled[0].matches[0].preset, 'revman5');
  assertSame(r, h.nativeAnalysis(h.FLEISS_FOREST, {}), 'forest plot');
});

test('BCG with the default options: the same analysis as the native CLI', async () => {
  const m = await h.loadModule();
  for (const text of [h.BCG_CSV, h.BCG_TSV]) {
    const r = m.analyze(text, {});
    assert.equal(r.ok, true, r.error);
    assert.equal(r.k, 13);
    assert.equal(r.total_participants, 357347);
    assert.equal(r.measure, 'RR');
    assert.equal(r.common.method, 'MH');
    assert.equal(r.random.tau2_method, 'REML');
    assert.equal(r.studies.length, 13);
    assert.deepEqual(r.errors, []);
    assertSame(r, h.nativeAnalysis(text, {}), 'BCG');
    // The summary line the page shows: RR 0.49 (95% CI 0.34 to 0.70), I2 = 92%.
    assert.equal(r.random.estimate.toFixed(2), '0.49');
    assert.equal(r.random.ci_lower.toFixed(2), '0.34');
    assert.equal(r.random.ci_upper.toFixed(2), '0.70');
    assert.equal(r.heterogeneity.I2.toFixed(0), '92');
  }
});

test('analyze() with no options object uses the defaults', async () => {
  const m = await h.loadModule();
  const a = m.analyze(h.BCG_CSV, {});
  for (const b of [m.analyze(h.BCG_CSV, undefined), m.analyze(h.BCG_CSV, null)]) {
    assert.deepEqual(h.jsonDiff(a, b, 0), []);
  }
});

test('small-study no: no funnel tests, trim-and-fill or funnel plot, everything else as the default (CLI --small-study no alike)', async () => {
  const m = await h.loadModule();
  const all = m.analyze(h.BCG_CSV, {});
  const off = m.analyze(h.BCG_CSV, { 'small-study': false });
  assert.equal(off.ok, true, off.error);
  assert.equal(typeof all.small_study, 'object');
  assert.equal(typeof all.funnel_svg, 'string');
  assert.equal(off.small_study, undefined);
  assert.equal(off.funnel_svg, undefined);
  const { small_study: _s, funnel_svg: _f, warnings: wAll, ...restAll } = all;
  const { warnings: wOff, ...restOff } = off;
  assert.deepEqual(h.jsonDiff(restOff, restAll, 0), [], 'the pooled results do not change');
  assert.deepEqual(wOff, wAll.filter((w) => !/funnel asymmetry/.test(w)), 'only the funnel warning goes');
  const native = h.nativeAnalysis(h.BCG_CSV, { 'small-study': false });
  assert.equal(native.small_study, undefined);
  const { forest_svg: _g, ...offCore } = off;
  assert.deepEqual(h.jsonDiff(offCore, native, REL_NATIVE), [], 'the module and the CLI agree with small-study no');
  assert.equal(m.analyze(h.BCG_CSV, { 'small-study': 'maybe' }).ok, false);
});

test('the forest plot is the one the CLI writes', async () => {
  const m = await h.loadModule();
  for (const options of [{}, { measure: 'OR', hksj: true }, { measure: 'RD', tau2: 'DL' }]) {
    const r = m.analyze(h.BCG_CSV, options);
    assert.match(r.forest_svg, /<svg[\s>]/);
    assert.match(r.forest_svg, /Aronson 1948/);
    assert.match(r.forest_svg, /Ferguson &amp; Simes 1949/, 'labels are XML-escaped');
    const native = h.nativeForestSvg(h.BCG_CSV, options);
    assert.equal(r.forest_svg, native, 'SVG of ' + JSON.stringify(options));
  }
});

test('the funnel, leave-one-out and cumulative plots are the ones the CLI writes', async () => {
  const m = await h.loadModule();
  const hostile = 'Study, Year, e1, n1, e2, n2\n' +
    '"</svg><script>alert(1)</script>", 1990, 4, 123, 11, 139\n' +
    '"<img src=x onerror=""alert(1)"">", 1985, 6, 306, 29, 303\n' +
    '"Q \'single\' ]]> &amp;", 1995, 3, 231, 11, 220\n' +
    'Plain, 1980, 62, 13598, 248, 12867\n';
  const cases = [
    [h.BCG_CSV, {}],
    [h.BCG_CSV, { measure: 'OR', hksj: true }],
    [h.BCG_CSV, { measure: 'RD', tau2: 'DL' }],
    [hostile, {}],
    [hostile, { measure: 'RD', hksj: true }],
    ['X, 5, 10, 3, 10\nY, 6, 10, 2, 10\n', { hksj: true }],  // k = 2: steps of one study, t on 0 df
  ];
  for (const [text, options] of cases) {
    const what = JSON.stringify(text.slice(0, 30)) + ' ' + JSON.stringify(options);
    const r = m.analyze(text, { ...options, 'leave-one-out': true, cumulative: true });
    assert.equal(r.ok, true, r.error);
    const native = h.nativePlotSvgs(text, options, {
      funnel: '--funnel', leave_one_out: '--leave-one-out-plot', cumulative: '--cumulative-plot',
    });
    assert.match(r.leave_one_out_svg, /^<svg[\s>]/);
    assert.match(r.cumulative_svg, /^<svg[\s>]/);
    assert.doesNotMatch(r.leave_one_out_svg + r.cumulative_svg + r.funnel_svg, /<script|<img/);
    assert.equal(r.funnel_svg, native.funnel, 'funnel SVG of ' + what);
    assert.equal(r.leave_one_out_svg, native.leave_one_out, 'leave-one-out SVG of ' + what);
    assert.equal(r.cumulative_svg, native.cumulative, 'cumulative SVG of ' + what);
  }
  const plain = m.analyze(h.BCG_CSV, {});
  assert.equal(plain.leave_one_out_svg, undefined, 'no leave-one-out plot unless asked for');
  assert.equal(plain.cumulative_svg, undefined, 'no cumulative plot unless asked for');
});

test('generalised-Q tau2 intervals (j, bj, auto): the same numbers as the native CLI', async () => {
  const m = await h.loadModule();
  for (const measure of ['RR', 'OR', 'RD']) {
    for (const ci of ['j', 'bj', 'auto']) {
      const options = { measure, tau2: 'DL', 'tau2-ci': ci };
      const r = m.analyze(h.BCG_CSV, options);
      assert.equal(r.ok, true, r.error);
      assert.equal(r.heterogeneity.tau2_ci_method, ci === 'bj' ? 'BJ' : 'J');
      assert.ok(r.heterogeneity.tau2_ci_lower < r.heterogeneity.tau2_ci_upper);
      assertSame(r, h.nativeAnalysis(h.BCG_CSV, options), JSON.stringify(options));
    }
  }
});

test('every option combination: the same numbers as the native CLI', async () => {
  const m = await h.loadModule();
  let runs = 0;
  for (const measure of ['RR', 'OR', 'RD']) {
    for (const method of ['MH', 'IV', 'PETO']) {
      for (const tau2 of ['DL', 'REML', 'PM', 'ML', 'HE', 'SJ', 'HS', 'EB']) {
        for (const hksj of [false, true]) {
          const options = { measure, method, tau2, hksj };
          assertSame(m.analyze(h.BCG_CSV, options), h.nativeAnalysis(h.BCG_CSV, options), JSON.stringify(options));
          runs++;
        }
      }
    }
  }
  assert.equal(runs, 144);
});

test('zero cells and continuity corrections: the same numbers as the native CLI', async () => {
  const m = await h.loadModule();
  const text = [
    'Study, e1, n1, e2, n2',
    'A, 0, 25, 3, 24',
    'B, 0, 40, 0, 38',
    'C, 2, 30, 5, 31',
    'D, 1, 12, 0, 15',
    'E, 7, 50, 9, 48',
    'F, 3/40, 6/41',
    '',
  ].join('\n');
  for (const measure of ['RR', 'OR', 'RD']) {
    for (const ccTo of ['only0', 'all', 'if0all', 'none']) {
      for (const cc of [0.5, 0.1, 0]) {
        for (const extra of [{}, { 'cc-type': 'treatment-arm' }, { drop00: 'no' }]) {
          const options = { measure, cc, 'cc-to': ccTo, ...extra };
          assertSame(m.analyze(text, options), h.nativeAnalysis(text, options), JSON.stringify(options));
        }
      }
    }
  }
});

test('a bad row is reported with its line and the other rows are analysed', async () => {
  const m = await h.loadModule();
  const lines = h.BCG_CSV.split('\n');
  lines.splice(3, 0, 'Broken trial, 12, five, 3, 20');  // line 4
  const text = lines.join('\n');
  const r = m.analyze(text, {});
  assert.equal(r.ok, true, r.error);
  assert.equal(r.k, 13);
  assert.ok(r.errors.length >= 1, 'the bad row is reported');
  assert.equal(r.errors[0].line, 4);
  assert.equal(r.errors[0].text, 'Broken trial, 12, five, 3, 20');
  assert.ok(r.errors[0].message.length > 0);
  assertSame(r, h.nativeAnalysis(text, {}), 'bad row');
});

test('unknown options and values are reported, not guessed', async () => {
  const m = await h.loadModule();
  const cases = [
    [{ measure: 'HR' }, /measure/],
    [{ method: 'XX' }, /method/],
    [{ tau2: 'foo' }, /tau2/],
    [{ hksj: 'maybe' }, /hksj/],
    [{ cc: -1 }, /cc/],
    [{ 'cc-to': 'some' }, /cc-to/],
    [{ colour: 'blue' }, /colour/],
    [{ measure: { x: 1 } }, /measure/],
  ];
  for (const [options, re] of cases) {
    const r = m.analyze(h.BCG_CSV, options);
    assert.equal(r.ok, false, JSON.stringify(options) + ' is rejected');
    assert.match(r.error, re);
    assert.equal(typeof r.forest_svg, 'string');
  }
  const two = m.analyze(h.BCG_CSV, { measure: 'HR', tau2: 'foo' });
  assert.match(two.error, /measure/);
  assert.match(two.error, /tau2/);
});

test('options may be given as booleans, numbers or strings', async () => {
  const m = await h.loadModule();
  const pairs = [
    [{ hksj: true }, { hksj: 'yes' }],
    [{ hksj: false }, { hksj: 'no' }],
    [{ cc: 0.25 }, { cc: '0.25' }],
    [{ level: 0.9 }, { level: '90' }],
    [{ measure: 'or' }, { measure: 'OR' }],
  ];
  for (const [a, b] of pairs) {
    const ra = m.analyze(h.BCG_CSV, a);
    assert.equal(ra.ok, true, JSON.stringify(a) + ': ' + ra.error);
    assert.deepEqual(h.jsonDiff(ra, m.analyze(h.BCG_CSV, b), 0), [], JSON.stringify(a) + ' = ' + JSON.stringify(b));
  }
  assert.equal(m.analyze(h.BCG_CSV, { hksj: true }).random.hksj, true);
  assert.equal(m.analyze(h.BCG_CSV, { level: 0.9 }).options.level, 0.9);
});

test('non-ASCII labels survive the round trip', async () => {
  const m = await h.loadModule();
  const text = 'Størmer 1999, 4, 50, 9, 51\nÉcole « test » 2001, 6, 60, 10, 58\n日本 2010, 3, 33, 8, 35\n';
  const r = m.analyze(text, {});
  assert.equal(r.ok, true, r.error);
  assert.deepEqual(r.studies.map((s) => s.label), ['Størmer 1999', 'École « test » 2001', '日本 2010']);
  assertSame(r, h.nativeAnalysis(text, {}), 'UTF-8');
});

// The module hands its text to JavaScript in pieces (wasm/bindings.cpp,
// js_string): runs of ASCII, and the bytes around non-ASCII characters. Each
// table here makes a forest plot and JSON of several pieces, with non-ASCII
// labels in every row, every 25th row, only the first and last rows, and
// long labels of 2-, 3- and 4-byte characters: the text must be the CLI's,
// byte for byte.
test('large plots and JSON with non-ASCII labels at every density are the CLI\'s text', async () => {
  const m = await h.loadModule();
  const rows = h.syntheticTable(400).split('\n');
  const label = {
    every: (i) => 'Størmer ' + i,
    sparse: (i) => (i % 25 === 0 ? 'École « ' + i + ' »' : 'Trial ' + i),
    ends: (i) => (i === 1 || i === 400 ? '日本 ' + i : 'Trial ' + i),
    long: (i) => (i % 7 === 0 ? 'ß'.repeat(40) + '漢'.repeat(90) + '\u{1F600}'.repeat(30) + ' ' + i : 'Trial ' + i),
  };
  for (const [name, of] of Object.entries(label)) {
    const text = rows.map((r, n) => (n === 0 || r === '' ? r : r.replace(/^Trial (\d+)/, (_, i) => of(Number(i))))).join('\n');
    const r = m.analyze(text, { 'small-study': false });
    assert.equal(r.ok, true, name + ': ' + r.error);
    assert.ok(r.forest_svg.length > 200000, name + ': the plot spans several pieces');
    assert.equal(r.forest_svg, h.nativeForestSvg(text, { 'small-study': false }), name + ': forest SVG');
    const native = h.nativeAnalysis(text, { 'small-study': false });
    assert.deepEqual(r.studies.map((s) => s.label), native.studies.map((s) => s.label), name + ': labels');
    assert.equal(r.studies[6].label, of(7), name + ': the seventh label as pasted');
  }
});

// analyze() hands each study's y, v, se, estimate, CI and weights over in
// binary, the JSON text holding only the studies' texts (wasm/bindings.cpp,
// put_study_objects). working() sends y, v, se and the estimate of the same
// analysis as JSON text: the two must be the same doubles to the last bit,
// and the numbers must be null (NaN, infinite) exactly where the CLI's are.
test('study numbers handed over in binary are those of the JSON text, nulls included', async () => {
  const m = await h.loadModule();
  const mixed = 'Study, e1, n1, e2, n2\nA, 4, 123, 11, 139\nB, 0, 50, 0, 50\nC, 0, 40, 3, 41\nD, 6, 306, 29, 303\n' +
    'E, 10, 10, 10, 10\nF, 0, 0, 1, 10\nG, 5, 10, 0, 10\n';
  const cases = [[h.BCG_CSV, {}], [h.syntheticTable(300), { measure: 'OR' }], [mixed, { measure: 'RD', 'cc-to': 'all' }],
    [mixed, {}], [mixed, { measure: 'OR', method: 'PETO' }], [h.FLEISS_FOREST, {}]];
  const fields = ['y', 'v', 'se', 'estimate', 'ci_lower', 'ci_upper', 'weight_common', 'weight_random'];
  for (const [text, options] of cases) {
    const what = text.slice(0, 20) + ' ' + JSON.stringify(options);
    const r = m.analyze(text, options);
    const native = h.nativeAnalysis(text, options);
    assert.equal(r.studies.length, native.studies.length, what);
    r.studies.forEach((s, i) => {
      for (const f of fields) assert.equal(s[f] === null, native.studies[i][f] === null, `${what}: study ${i} ${f} null as in the CLI`);
    });
    const effects = m.working(text, options).steps.find((step) => step.id === 'effects');
    const column = (key) => effects.columns.findIndex((c) => c.key === key);
    let compared = 0;
    for (const row of effects.rows) {
      for (const key of ['y', 'v', 'se', 'estimate']) {
        const at = column(key);
        if (at < 0 || row.values[at] === null) continue;
        assert.ok(Object.is(r.studies[row.study][key], row.values[at]), `${what}: study ${row.study} ${key}`);
        compared++;
      }
    }
    assert.ok(compared >= 4 * 3, what + ': numbers compared');
  }
});

// analyze() hands each study's numbers and flags over in binary and puts the
// objects together in JavaScript (wasm/bindings.cpp, put_study_objects):
// every study must have the CLI's keys in the CLI's order (group, year,
// reported, printed and cells included), its texts, flags and counts
// exactly, nulls where the CLI's are, and no -0 (JSON.parse never makes one).
test('studies put together from the binary hand-over: the CLI\'s keys in its order, and its values', async () => {
  const m = await h.loadModule();
  const grouped = 'Study, Year, Subgroup, Control events, Control total, Treatment events, Treatment total\n' +
    'A, 1990, old, 4, 123, 11, 139\nA, 1995, new, 6, 306, 29, 303\nB, 2001, new, 0, 50, 0, 50\n' +
    'C, 1988, old, 3, 231, 11, 220\nD, 1999, new, 5, 100, 9, 98\n';
  const generic = 'A, RR 0.54 (0.40 to 0.72)\nB, RR 0.80 (0.60 to 1.07)\nC, 4, 40, 6, 41\nD, 0, 30, 0, 31\n';
  const cases = [[grouped, {}], [grouped, { measure: 'RD', cumulative: true }], [generic, { method: 'IV' }],
    [h.FLEISS_FOREST, {}], [h.BCG_CSV, { measure: 'OR', 'cc-to': 'all' }], ['X, 0, 0, 1, 10\nY, 5, 10, 0, 10\n', {}]];
  const exact = new Set(['line', 'e1', 'n1', 'e2', 'n2', 'year', 'a', 'b', 'c', 'd']);
  const compare = (got, want, where) => {
    assert.deepEqual(Object.keys(got), Object.keys(want), where + ': keys in the CLI\'s order');
    for (const key of Object.keys(want)) {
      const g = got[key], w = want[key];
      if (w !== null && typeof w === 'object') {
        compare(g, w, where + '.' + key);
      } else if (typeof w === 'number' && !exact.has(key)) {
        assert.equal(typeof g, 'number', where + '.' + key);
        assert.ok(h.relClose(g, w, REL_NATIVE), `${where}.${key}: ${g} vs ${w}`);
      } else {
        assert.ok(Object.is(g, w), `${where}.${key}: ${JSON.stringify(g)} vs ${JSON.stringify(w)}`);
      }
      if (typeof g === 'number') assert.ok(!Object.is(g, -0), `${where}.${key}: no -0`);
    }
  };
  let printed = 0, reported = 0, grouped_rows = 0;
  for (const [text, options] of cases) {
    const what = text.slice(0, 20) + ' ' + JSON.stringify(options);
    const r = m.analyze(text, options);
    const native = h.nativeAnalysis(text, options);
    assert.equal(r.studies.length, native.studies.length, what);
    r.studies.forEach((s, i) => compare(s, native.studies[i], `${what}: study ${i}`));
    printed += native.studies.filter((s) => s.printed !== null).length;
    reported += native.studies.filter((s) => 'reported' in s).length;
    grouped_rows += native.studies.filter((s) => 'group' in s && 'year' in s).length;
  }
  assert.ok(printed > 0 && reported > 0 && grouped_rows > 0, 'printed, reported, group and year all compared');
});

test('awkward input never aborts the module and matches the native CLI', async () => {
  const m = await h.loadModule();
  const inputs = [
    '',
    '\n\n\n',
    'just some words',
    'a,b,c,d,e\n1,2,3,4,5',
    'X, 0, 10, 0, 10\nY, 0, 10, 0, 12',            // only double zeros
    'X, 10, 10, 10, 10\nY, 12, 12, 9, 9',          // all events
    'X, 5, 10, 3, 10',                              // k = 1
    'X, 5, 10, 3, 10\nY, 6, 10, 2, 10',             // k = 2
    'X, 1, 1000000000, 2, 1000000000\nY, 3, 2000000000, 1, 2000000000\nZ, 5, 3000000000, 4, 3000000000',
    'X, -1, 10, 3, 10\nY, 11, 10, 3, 10\nZ, 1.5, 10, 3, 10\nW, 1e3, 10, 3, 10',
    'X, 5, 10, 5, 10\nY, 5, 10, 5, 10\nZ, 5, 10, 5, 10',  // identical: tau2 = 0, Q = 0
    '"quoted, label", 4, 40, 6, 41\n"with ""quotes""", 5, 50, 7, 52',
    'x\ty\n1\t2\t3\t4\t5\t6\t7',
    '\u0000\u0001\u0002, 1, 2, 3, 4',
    'A, 1, 2, 3, 4\r\nB, 2, 9, 3, 9\r\n',
    'A;1;20;3;20\nB;2;25;5;26\nC;0;30;4;31',
    'A 1/20 3/20\nB 2/25 5/26',
  ];
  for (const text of inputs) {
    for (const options of [{}, { measure: 'OR', method: 'PETO' }, { measure: 'RD', tau2: 'PM', hksj: true },
      { tau2: 'SJ' }, { tau2: 'EB', 'cc-to': 'none' }, { method: 'IV', tau2: 'ML', cc: 0 }]) {
      const r = m.analyze(text, options);
      assert.equal(typeof r.ok, 'boolean');
      assertSame(r, h.nativeAnalysis(text, options), JSON.stringify(text) + ' ' + JSON.stringify(options));
    }
  }
  // Still alive after all of that.
  assert.equal(m.analyze(h.BCG_CSV, {}).ok, true);
});

test('random tables (fuzz): no abort, same as native', async () => {
  const m = await h.loadModule();
  let s = 12345;
  const rnd = (n) => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s % n; };
  for (let t = 0; t < 60; t++) {
    const k = 1 + rnd(8);
    const rows = [];
    for (let i = 0; i < k; i++) {
      const n1 = rnd(4) === 0 ? 1 + rnd(3) : 1 + rnd(300);
      const n2 = rnd(4) === 0 ? 1 + rnd(3) : 1 + rnd(300);
      const e1 = [0, n1, rnd(n1 + 1)][rnd(3)];
      const e2 = [0, n2, rnd(n2 + 1)][rnd(3)];
      rows.push(`S${i}, ${e1}, ${n1}, ${e2}, ${n2}`);
    }
    const text = rows.join('\n');
    const options = {
      measure: ['RR', 'OR', 'RD'][rnd(3)],
      method: ['MH', 'IV', 'PETO'][rnd(3)],
      tau2: ['DL', 'REML', 'PM', 'ML', 'HE', 'SJ', 'HS', 'EB'][rnd(8)],
      hksj: rnd(2) === 1,
      'cc-to': ['only0', 'all', 'if0all', 'none'][rnd(4)],
    };
    assertSame(m.analyze(text, options), h.nativeAnalysis(text, options), text + ' ' + JSON.stringify(options));
  }
});

test('k = 1000 studies: same as native', async () => {
  const m = await h.loadModule();
  const text = h.syntheticTable(1000, 7);
  const t0 = performance.now();
  const r = m.analyze(text, {});
  const ms = performance.now() - t0;
  assert.equal(r.ok, true, r.error);
  assert.equal(r.k, 1000);
  assertSame(r, h.nativeAnalysis(text, {}), 'k = 1000');
  console.log(`module in node: analyze() with k = 1000 took ${ms.toFixed(1)} ms`);
});

// A few cases from the metafor reference fixtures (the core's own tests check
// all of them natively); here they show the module agrees with metafor too.
const fixtures = h.loadFixtures();
test('agrees with metafor on the reference fixtures', { skip: fixtures ? false : 'no tests/fixtures/metafor_reference.json' }, async () => {
  const m = await h.loadModule();
  const logScale = (x, measure) => (measure === 'RD' ? x : Math.log(x));
  const wanted = ['dat.bcg RR only0', 'dat.bcg OR only0', 'dat.bcg RD only0',
    'dat.yusuf1985 table 9 OR only0', 'dat.nielweise2007 RR all', 'synthetic k=2 OR only0',
    'synthetic double zero RR only0'];
  const cases = fixtures.cases.filter((c) => wanted.includes(c.name));
  assert.ok(cases.length >= 3, 'the fixtures hold the chosen cases');
  let checked = 0;
  const close = (ours, theirs, what) => {
    if (theirs === null || theirs === undefined) return;
    assert.ok(h.relClose(ours, theirs, REL_METAFOR, 1e-10), `${what}: module ${ours}, metafor ${theirs}`);
    checked++;
  };
  for (const c of cases) {
    const base = { measure: c.options.measure, cc: c.options.cc, 'cc-to': c.options.cc_to, drop00: c.options.drop00 };
    for (const [method, ref] of Object.entries(c.common)) {
      if (!ref || ref.error) continue;
      const r = m.analyze(c.table, { ...base, method });
      assert.equal(r.ok, true, c.name + ': ' + r.error);
      const what = c.name + ' / ' + method;
      close(r.common.y, ref.y, what + ' y');
      close(r.common.se, ref.se, what + ' se');
      close(r.common.p, ref.p, what + ' p');
      close(logScale(r.common.ci_lower, r.measure), ref.ci_lower, what + ' ci_lower');
      close(logScale(r.common.ci_upper, r.measure), ref.ci_upper, what + ' ci_upper');
      close(r.heterogeneity.Q, ref.Q, what + ' Q');
      close(r.heterogeneity.I2, ref.I2, what + ' I2');
    }
    for (const tau2 of ['DL', 'REML', 'PM']) {
      for (const [test, ref] of Object.entries(c.random[tau2] || {})) {
        if (!ref || ref.error) continue;
        const r = m.analyze(c.table, { ...base, method: 'IV', tau2, hksj: test === 'knha' });
        const what = c.name + ' / ' + tau2 + ' / ' + test;
        close(r.heterogeneity.tau2, ref.tau2, what + ' tau2');
        close(r.random.y, ref.y, what + ' y');
        close(r.random.se, ref.se, what + ' se');
        close(r.random.p, ref.p, what + ' p');
        close(logScale(r.random.ci_lower, r.measure), ref.ci_lower, what + ' ci_lower');
        close(logScale(r.random.ci_upper, r.measure), ref.ci_upper, what + ' ci_upper');
        close(logScale(r.random.pi_lower, r.measure), ref.pi_lower, what + ' pi_lower');
        close(logScale(r.random.pi_upper, r.measure), ref.pi_upper, what + ' pi_upper');
      }
    }
  }
  assert.ok(checked > 50);
});
