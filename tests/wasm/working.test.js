// The module's working() and r_code(): the working of an analysis
// carries the same pooled numbers as analyze() for every measure and method,
// and r_code() is the text the native CLI prints with --r-code.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('child_process');
const h = require('./helpers');

const ZEROS = 'A, 0, 10, 3, 10\nB, 2, 10, 3, 10\nC, 0, 10, 0, 10\nD, 10, 10, 10, 10\nE, 1, 10, 2, 10\nF, 4, 25, 1, 30\n';

const value = (w, step, key) => {
  const s = w.steps.find((x) => x.id === step);
  const l = s && s.lines.find((x) => x.key === key);
  return l ? l.value : undefined;
};
const close = (a, b) => a === b || (typeof a === 'number' && typeof b === 'number' &&
  Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)));

test('working() agrees with analyze() for every measure, method and tau2 estimator', async () => {
  const m = await h.loadModule();
  let n = 0;
  for (const text of [h.BCG_CSV, ZEROS]) {
    for (const measure of ['RR', 'OR', 'RD']) {
      for (const method of ['MH', 'IV', 'PETO']) {
        if (method === 'PETO' && measure !== 'OR') continue;
        for (const tau2 of ['REML', 'DL', 'PM', 'SJ']) {
          for (const hksj of [false, true]) {
            const o = { measure, method, tau2, hksj };
            const r = m.analyze(text, o);
            const w = m.working(text, o);
            const what = JSON.stringify(o) + (text === ZEROS ? ' zeros' : ' BCG');
            assert.equal(w.ok, r.ok, what);
            assert.deepEqual(w.steps.map((s) => s.id), ['effects', 'common', 'heterogeneity', 'tau2', 'random'], what);
            assert.ok(close(value(w, 'common', 'y'), r.common.y), what + ': common y');
            assert.ok(close(value(w, 'common', 'se'), r.common.se), what + ': common se');
            assert.ok(close(value(w, 'heterogeneity', 'Q'), r.heterogeneity.Q), what + ': Q');
            assert.ok(close(value(w, 'tau2', 'tau2'), r.heterogeneity.tau2), what + ': tau2');
            assert.ok(close(value(w, 'random', 'y'), r.random.y), what + ': random y');
            assert.ok(close(value(w, 'random', 'ci_upper'), r.random.ci_upper), what + ': random CI');
            assert.equal(w.steps[0].rows.length, r.studies.length, what);
            for (const s of w.steps) {
              for (const row of s.rows) assert.equal(row.values.length, s.columns.length, what + ' ' + s.id);
            }
            n++;
          }
        }
      }
    }
  }
  assert.ok(n >= 100);
});

test('working() of nothing, and of a rejected option, says why', async () => {
  const m = await h.loadModule();
  const empty = m.working('', {});
  assert.equal(empty.ok, false);
  assert.match(empty.note, /no valid study rows/);
  const bad = m.working(h.BCG_CSV, { measure: 'HR' });
  assert.equal(bad.ok, false);
  assert.match(bad.note, /option measure/);
});

test('r_code() is the R code the native CLI prints with --r-code', async () => {
  const m = await h.loadModule();
  for (const [text, o] of [[h.BCG_CSV, {}], [h.BCG_TSV, { measure: 'OR', method: 'PETO', hksj: true }],
    [ZEROS, { preset: 'revman5', measure: 'RD' }], [ZEROS, { 'cc-type': 'treatment-arm', measure: 'OR' }],
    ['"Müller ""quoted"" \\ 2001", 4, 123, 11, 139\nB, 6, 306, 29, 303\n', {}]]) {
    const args = ['--r-code'];
    for (const [k, v] of Object.entries(o)) args.push('--' + k + '=' + (v === true ? 'yes' : String(v)));
    const r = spawnSync(h.ensureCli(), [...args, '-'], { input: text, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(m.r_code(text, o), r.stdout, JSON.stringify(o));
  }
});
