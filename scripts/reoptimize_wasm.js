#!/usr/bin/env node
// Runs Binaryen's -Oz passes once more over the wasm inside emscripten's
// SINGLE_FILE output (wasm/CMakeLists.txt runs it after each link):
//
//   node scripts/reoptimize_wasm.js build-wasm/metapool.js wasm-opt
//
// emcc runs its passes (-O2, then -Oz) in one wasm-opt process. A second
// process reads the binary written by the first (whose last step, on
// writing, already rearranged the code) and finds more to shrink: the wasm
// some 1.8 kB smaller, the page some 900 B gzipped. The passes do not touch
// the arithmetic (no fast-math, no assumption that traps never happen), so
// the module computes the same bits; tests/wasm compares it with the native
// CLI.
//
// The features are emcc's for this build (the MVP and SIMD, which
// inverse_variance.cpp and tau2_estimators.cpp use): with fewer, wasm-opt
// refuses the module; with more, it could use instructions the link did not
// ask for.
'use strict';

const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { wasmInModule, withWasmInModule } = require('./wasm_payload');

const [modulePath, wasmOpt] = process.argv.slice(2);
if (!modulePath || !wasmOpt) {
  console.error('usage: node scripts/reoptimize_wasm.js MODULE.js WASM-OPT');
  process.exit(2);
}

const script = fs.readFileSync(modulePath, 'utf8');
const found = wasmInModule(script);
if (!found) {
  console.error('reoptimize_wasm: ' + modulePath + ' does not carry the wasm inline (SINGLE_FILE)');
  process.exit(1);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'metapool-wasm-'));
const input = path.join(dir, 'in.wasm');
const output = path.join(dir, 'out.wasm');
fs.writeFileSync(input, found);
const run = childProcess.spawnSync(wasmOpt, ['--mvp-features', '--enable-simd', '-Oz', input, '-o', output],
  { stdio: 'inherit' });
if (run.status !== 0) {
  fs.rmSync(dir, { recursive: true, force: true });
  console.error('reoptimize_wasm: ' + wasmOpt + (run.error ? ' could not run: ' + run.error.message : ' failed'));
  process.exit(1);
}
const wasm = fs.readFileSync(output);
fs.rmSync(dir, { recursive: true, force: true });
const tmp = modulePath + '.tmp';
fs.writeFileSync(tmp, withWasmInModule(script, wasm));
fs.renameSync(tmp, modulePath);
