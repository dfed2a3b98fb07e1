#!/usr/bin/env node
// The analysis of the page's built-in example that dist/metapool.html ships
// (web/built_in_example.js), made by the module itself, in node:
//
//   node scripts/analyse_example.js build-wasm/metapool.js < example.txt
//
// prints { text, options, version, result } as JSON: the example text as
// read (the text area's content), the options the page sends with every
// control at its default (worked out from the module's options_registry()),
// the module's version() and what analyze(text, options) returned. The page
// shows that result before its own copy of the module is compiled, and only
// when its text area holds exactly this text (web/app.js); the controls are
// built from the registry once the module is ready, and a control changed
// before that means a new analysis. The registry itself is not shipped: it
// would cost the page some 3 kB gzipped, and the page's size is a target.
// tests/browser/built_in_example.test.js checks that the page renders the
// shipped result exactly as the module's own answer, and that its options
// are the ones the built controls give.
'use strict';

const fs = require('fs');
const path = require('path');

// The options web/options.js's readOptions() gives with every control at
// its registry default: the controls of web/index.html (preset, measure,
// method, tau2, hksj, cc, cc-to, control-risk, leave-one-out, cumulative),
// a preset only when one is the default, the control risk only when typed
// (never by default), and no small-study tests while their panel is closed,
// as it is when the page opens.
function defaultPageOptions(registry) {
  const def = (key) => {
    const entry = registry.find((o) => o.key === key);
    if (!entry) throw new Error('the option registry has no ' + key);
    return entry.default;
  };
  return {
    ...(def('preset') ? { preset: def('preset') } : {}),
    measure: def('measure'),
    method: def('method'),
    tau2: def('tau2'),
    hksj: def('hksj') === 'yes',
    cc: def('cc'),
    'cc-to': def('cc-to'),
    'leave-one-out': def('leave-one-out') === 'yes',
    cumulative: def('cumulative') === 'yes',
    'small-study': false,
  };
}

async function main() {
  const modulePath = path.resolve(process.argv[2] || 'build-wasm/metapool.js');
  const text = fs.readFileSync(0, 'utf8');
  const m = await require(modulePath)();
  const registry = m.options_registry();
  const options = defaultPageOptions(registry);
  const result = m.analyze(text, options);
  if (!result.ok) throw new Error('the built-in example does not analyse: ' + result.error);
  const shipped = { text, options, version: m.version(), result };
  // The page reads it back with JSON.parse: it must come back the same
  // (no NaN, Infinity or undefined in the result).
  const json = JSON.stringify(shipped);
  require('assert').deepStrictEqual(JSON.parse(json), shipped);
  process.stdout.write(json);
}

main().catch((err) => {
  console.error('analyse_example: ' + (err && err.message ? err.message : err));
  process.exit(1);
});
