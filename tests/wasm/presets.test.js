// The module's compare_presets(): the same table under every
// preset, in core order, each preset's numbers those of the native CLI run
// with --preset NAME (and so of the fixtures: RevMan 5's DL tau2 for BCG RR
// is metafor's DL from the MH-centred Q), and rejected options named.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const h = require('./helpers');

const PRESETS = ['metafor', 'revman5', 'revman-web', 'meta', 'stata'];
const presetFixtures = JSON.parse(fs.readFileSync(path.join(h.root, 'tests', 'fixtures', 'preset_reference.json'), 'utf8'));

test('compare_presets() lists every preset with the CLI --preset numbers (RR, OR, RD; MH and IV)', async () => {
  const m = await h.loadModule();
  for (const measure of ['RR', 'OR', 'RD']) {
    for (const method of ['MH', 'IV']) {
      const options = { measure, method };
      const c = m.compare_presets(h.BCG_CSV, options);
      const what = measure + ' ' + method;
      assert.equal(c.ok, true, what);
      assert.deepEqual(c.presets.map((p) => p.preset), PRESETS, what);
      for (const p of c.presets) {
        const native = h.nativeAnalysis(h.BCG_CSV, { ...options, preset: p.preset });
        assert.equal(p.ok, native.ok, what + ' ' + p.preset);
        assert.equal(p.k, native.k, what + ' ' + p.preset);
        assert.deepEqual(p.conventions, native.conventions, what + ' ' + p.preset + ': conventions');
        for (const part of ['common', 'random', 'heterogeneity']) {
          for (const [key, value] of Object.entries(p[part])) {
            assert.ok(h.relClose(value, native[part][key], 1e-12, 1e-300),
              what + ' ' + p.preset + ' ' + part + '.' + key + ': ' + value + ' vs ' + native[part][key]);
          }
        }
      }
    }
  }
});

test('compare_presets(): RevMan 5 and metafor columns agree with the preset fixtures (1e-6)', async () => {
  const m = await h.loadModule();
  let checked = 0;
  for (const f of presetFixtures.cases) {
    if (!['metafor', 'revman5', 'meta'].includes(f.preset)) continue;
    const c = m.compare_presets(f.table, { measure: f.measure });
    const p = c.presets.find((x) => x.preset === f.preset);
    assert.ok(p && p.ok, f.name);
    const ratio = f.measure !== 'RD';
    const est = (y) => (ratio ? Math.exp(y) : y);
    assert.ok(h.relClose(p.random.estimate, est(f.random.y), 1e-6), f.name + ': random estimate');
    assert.ok(h.relClose(p.common.estimate, est(f.common.y), 1e-6), f.name + ': common estimate');
    assert.ok(h.relClose(p.heterogeneity.tau2, f.random.tau2, 1e-6, 1e-12), f.name + ': tau2 ' + p.heterogeneity.tau2 + ' vs ' + f.random.tau2);
    checked++;
  }
  assert.ok(checked >= 6, 'fixture cases checked: ' + checked);
  // The README's example: RevMan 5's DL tau2 for BCG RR (MH-centred Q).
  const bcg = m.compare_presets(h.BCG_CSV, { measure: 'RR' }).presets.find((x) => x.preset === 'revman5');
  const fixture = presetFixtures.cases.find((x) => x.name === 'dat.bcg RR revman5');
  assert.ok(h.relClose(bcg.heterogeneity.tau2, fixture.random.tau2, 1e-6));
  assert.equal(bcg.heterogeneity.tau2.toFixed(4), '0.3095');
});

test('compare_presets() ignores a preset in the options and the sensitivity options, and names rejected options', async () => {
  const m = await h.loadModule();
  const plain = m.compare_presets(h.BCG_CSV, { measure: 'OR' });
  const withPreset = m.compare_presets(h.BCG_CSV, { measure: 'OR', preset: 'stata', 'leave-one-out': true, cumulative: true });
  assert.deepEqual(withPreset, plain);
  const bad = m.compare_presets(h.BCG_CSV, { measure: 'XX', tau2: 'nope' });
  assert.equal(bad.ok, false);
  assert.match(bad.error, /option measure: 'XX'/);
  assert.match(bad.error, /option tau2: 'nope'/);
  assert.deepEqual(bad.presets, []);
});
