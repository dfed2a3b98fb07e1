// Shared by the node tests of the WebAssembly module and the browser tests.
'use strict';

const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const modulePath = path.resolve(root, process.env.METAPOOL_WASM || 'build-wasm/metapool.js');
const cliPath = path.resolve(root, process.env.METAPOOL_CLI || 'build/metapool');
const distPath = path.resolve(root, process.env.METAPOOL_DIST || 'dist/metapool.html');
const fixturePath = path.join(root, 'tests', 'fixtures', 'metafor_reference.json');

// The BCG vaccine trials (Colditz et al. 1994), as the page shows them.
const BCG_ROWS = [
  ['Aronson 1948', 4, 123, 11, 139],
  ['Ferguson & Simes 1949', 6, 306, 29, 303],
  ['Rosenthal et al 1960', 3, 231, 11, 220],
  ['Hart & Sutherland 1977', 62, 13598, 248, 12867],
  ['Frimodt-Moller et al 1973', 33, 5069, 47, 5808],
  ['Stein & Aronson 1953', 180, 1541, 372, 1451],
  ['Vandiviere et al 1973', 8, 2545, 10, 629],
  ['TPT Madras 1980', 505, 88391, 499, 88391],
  ['Coetzee & Berjak 1968', 29, 7499, 45, 7277],
  ['Rosenthal et al 1961', 17, 1716, 65, 1665],
  ['Comstock et al 1974', 186, 50634, 141, 27338],
  ['Comstock & Webster 1969', 5, 2498, 3, 2341],
  ['Comstock et al 1976', 27, 16913, 29, 17854],
];
const BCG_CSV = 'Trial, BCG TB, BCG total, Control TB, Control total\n' +
  BCG_ROWS.map((r) => r.join(', ')).join('\n') + '\n';
const BCG_TSV = 'Study\tVaccinated TB\tVaccinated total\tControl TB\tControl total\n' +
  BCG_ROWS.map((r) => r.join('\t')).join('\n') + '\n';

let modulePromise = null;
function loadModule() {
  if (!modulePromise) {
    if (!fs.existsSync(modulePath)) throw new Error(modulePath + ' is missing; run `make wasm`');
    modulePromise = require(modulePath)();
  }
  return modulePromise;
}

function ensureCli() {
  if (!fs.existsSync(cliPath)) execFileSync('make', ['cli'], { cwd: root, stdio: 'inherit' });
  return cliPath;
}

// The native CLI's --json for `text` under `options` (the binding's spelling).
function nativeAnalysis(text, options = {}, extraArgs = []) {
  const args = ['--json'];
  for (const [k, v] of Object.entries(options)) {
    const value = v === true ? 'yes' : v === false ? 'no' : String(v);
    args.push('--' + k + '=' + value);
  }
  args.push(...extraArgs, '-');
  const r = spawnSync(ensureCli(), args, { input: text, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 2) throw new Error('metapool exited with ' + r.status + ': ' + r.stderr);
  return JSON.parse(r.stdout);
}

function nativeForestSvg(text, options = {}) {
  const tmp = path.join(require('os').tmpdir(), 'metapool-forest-' + process.pid + '.svg');
  try {
    nativeAnalysis(text, options, ['--forest=' + tmp]);
    return fs.existsSync(tmp) ? fs.readFileSync(tmp, 'utf8') : null;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

// The SVGs the native CLI writes for `text` under `options`: flags maps a
// name to the CLI flag that writes it ({ funnel: '--funnel' }); null for a
// file the CLI did not write.
function nativePlotSvgs(text, options, flags) {
  const os = require('os');
  const files = {};
  for (const name of Object.keys(flags)) {
    files[name] = path.join(os.tmpdir(), 'metapool-' + name + '-' + process.pid + '.svg');
  }
  try {
    nativeAnalysis(text, options, Object.entries(flags).map(([name, flag]) => flag + '=' + files[name]));
    const out = {};
    for (const [name, file] of Object.entries(files)) out[name] = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    return out;
  } finally {
    for (const file of Object.values(files)) fs.rmSync(file, { force: true });
  }
}

function relClose(a, b, rel, abs = 0) {
  if (a === b) return true;
  if (typeof a !== 'number' || typeof b !== 'number') return false;
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs;
}

// Differences between two JSON values, numbers compared to `rel` relative.
function jsonDiff(a, b, rel, where = '$', out = []) {
  if (typeof a === 'number' && typeof b === 'number') {
    if (!relClose(a, b, rel, 1e-300)) out.push(where + ': ' + a + ' vs ' + b);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(where + ': length ' + a.length + ' vs ' + b.length);
    for (let i = 0; i < Math.min(a.length, b.length); i++) jsonDiff(a[i], b[i], rel, where + '[' + i + ']', out);
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      if (!(k in a)) out.push(where + '.' + k + ': missing on the left');
      else if (!(k in b)) out.push(where + '.' + k + ': missing on the right');
      else jsonDiff(a[k], b[k], rel, where + '.' + k, out);
    }
  } else if (a !== b) {
    out.push(where + ': ' + JSON.stringify(a) + ' vs ' + JSON.stringify(b));
  }
  return out;
}

function loadFixtures() {
  return fs.existsSync(fixturePath) ? JSON.parse(fs.readFileSync(fixturePath, 'utf8')) : null;
}

// A reproducible table of k studies (label, e1, n1, e2, n2).
function syntheticTable(k, seed = 1) {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const lines = ['Study\tEvents exp\tTotal exp\tEvents ctl\tTotal ctl'];
  for (let i = 1; i <= k; i++) {
    const n1 = 20 + Math.floor(rnd() * 480);
    const n2 = 20 + Math.floor(rnd() * 480);
    const p2 = 0.05 + rnd() * 0.4;
    const p1 = Math.min(0.95, p2 * Math.exp((rnd() - 0.6) * 0.8));
    const e1 = Math.max(1, Math.round(n1 * p1));
    const e2 = Math.max(1, Math.round(n2 * p2));
    lines.push(['Trial ' + i, e1, n1, e2, n2].join('\t'));
  }
  return lines.join('\n') + '\n';
}

// Fleiss (1993), aspirin after myocardial infarction, as RevMan 5 prints its
// forest plot (RevMan's stored results, guido-s/meta's Fleiss1993.rm5;
// tests/core/test_forest_plot_pastes.cpp), with CDP's upper limit mistyped
// on line 4 (1.10 for 1.01): the module and the page check it.
const FLEISS_FOREST = '                         Aspirin          Placebo                 Odds Ratio                 Odds Ratio\n' +
  'Study or Subgroup     Events   Total   Events   Total   Weight   M-H, Fixed, 95% CI          M-H, Fixed, 95% CI\n' +
  'MRC-1                     49     615       67     624     3.2%   0.72 [0.49, 1.06]\n' +
  'CDP                       44     758       64     771     3.1%   0.68 [0.46, 1.10]\n' +
  'MRC-2                    102     832      126     850     5.7%   0.80 [0.61, 1.06]\n' +
  'GASP                      32     317       38     309     1.8%   0.80 [0.49, 1.32]\n' +
  'PARIS                     85     810       52     406     3.2%   0.80 [0.55, 1.15]\n' +
  'AMIS                     246    2267      219    2257    10.2%   1.13 [0.93, 1.37]\n' +
  'ISIS-2                  1570    8587     1720    8600    72.9%   0.89 [0.83, 0.97]\n' +
  '\n' +
  'Total (95% CI)                 14186            13817   100.0%   0.90 [0.84, 0.96]\n' +
  'Total events            2128             2286\n' +
  'Heterogeneity: Chi² = 9.95, df = 6 (P = 0.13); I² = 40%\n' +
  'Test for overall effect: Z = 3.29 (P = 0.001)\n' +
  '                                                      0.01     0.1      1      10     100\n' +
  '                                               Favours aspirin   Favours placebo\n';

module.exports = {
  FLEISS_FOREST,
  root, modulePath, cliPath, distPath, fixturePath,
  BCG_ROWS, BCG_CSV, BCG_TSV,
  loadModule, ensureCli, nativeAnalysis, nativeForestSvg, nativePlotSvgs, jsonDiff, relClose, loadFixtures, syntheticTable,
};
