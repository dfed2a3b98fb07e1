#!/usr/bin/env node
// The WebAssembly module's speed in node, for `make bench`
// (bench/run_benchmarks.js collects the output):
//
//   node bench/bench_wasm.js DIR [--quick]
//
// Times the module's analyze(text, {}) — what the page calls: parse, the
// default analysis, its JSON, the forest plot's SVG, and the object handed
// to JavaScript — on the tables in DIR (one_k*.csv), and on the 100,000
// analyses of batch_k10_n100000.csv one call each. Prints one JSON object
// per line, as bench_core.cpp does.
'use strict';

const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const modulePath = path.resolve(root, process.env.METAPOOL_WASM || 'build-wasm/metapool.js');
const dir = process.argv[2];
const quick = process.argv.includes('--quick');
if (!dir) {
  console.error('usage: node bench/bench_wasm.js DIR [--quick]');
  process.exit(2);
}

const now = () => Number(process.hrtime.bigint()) / 1e9;

function repeat(f, budget, minRuns, maxRuns) {
  const runs = [];
  let spent = 0;
  while (runs.length < maxRuns && (runs.length < minRuns || spent < budget)) {
    const t0 = now();
    f();
    const s = now() - t0;
    runs.push(s);
    spent += s;
  }
  const sorted = runs.slice().sort((a, b) => a - b);
  return { repeats: runs.length, median_s: sorted[Math.floor(sorted.length / 2)], min_s: sorted[0] };
}

function print(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

async function main() {
  const t0 = now();
  const m = await require(modulePath)();
  print({ case: 'init', seconds: now() - t0 });
  const budget = quick ? 0.2 : 2.0;
  let sink = 0;
  for (const k of [10, 100, 1000, 10000, 100000]) {
    const file = path.join(dir, 'one_k' + k + '.csv');
    if (!fs.existsSync(file)) {
      print({ case: 'one', k, error: 'cannot read ' + file });
      continue;
    }
    const text = fs.readFileSync(file, 'utf8');
    const first = m.analyze(text, {});
    const maxRuns = k <= 100 ? 20001 : k <= 1000 ? 2001 : k <= 10000 ? 201 : 21;
    const t = repeat(() => { sink += m.analyze(text, {}).random.y; }, budget, k >= 100000 ? 3 : 5, maxRuns);
    print({ case: 'one', k, part: 'module_analyze', ...t, ok: first.ok, mh_y: first.common.y, reml_y: first.random.y,
      tau2: first.heterogeneity.tau2, tau2_lower: first.heterogeneity.tau2_ci_lower,
      tau2_upper: first.heterogeneity.tau2_ci_upper, Q: first.heterogeneity.Q });
  }
  const batchFile = path.join(dir, 'batch_k10_n100000.csv');
  if (fs.existsSync(batchFile)) {
    // One text per analysis (header + its rows, the analysis column cut off),
    // prepared before the clock starts.
    const lines = fs.readFileSync(batchFile, 'utf8').split('\n');
    const header = lines[0].slice(lines[0].indexOf(',') + 1);
    const texts = [];
    let current = null;
    let rows = [];
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      const c = line.indexOf(',');
      if (c < 0) continue;
      const name = line.slice(0, c);
      if (name !== current && rows.length) {
        texts.push(header + '\n' + rows.join('\n') + '\n');
        rows = [];
      }
      current = name;
      rows.push(line.slice(c + 1));
    }
    if (rows.length) texts.push(header + '\n' + rows.join('\n') + '\n');
    const start = now();
    for (const text of texts) sink += m.analyze(text, {}).random.y;
    const seconds = now() - start;
    print({ case: 'batch', k: 10, part: 'module_analyze', analyses: texts.length, repeats: 1, median_s: seconds,
      min_s: seconds });
  }
  if (sink === 12345.678) console.log('');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
