// Bundles one of web/'s ES modules and everything it imports into a single
// classic script, for scripts/inline_dist.js: dist/metapool.html must work
// from file://, where a page cannot import another file, so each
// <script type="module" src="..."> of web/index.html becomes one inline
// script that runs in place, as the browser would run the module's graph.
//
//   const { bundle } = require('./bundle_modules');
//   bundle('web/main.js')  // -> '(function () { "use strict"; ... })();\n'
//
// Deliberately a small subset of ES modules, checked rather than guessed:
// relative imports of named bindings (`import { a, b as c } from './x.js'`,
// `import * as x from './x.js'`, `import './x.js'`), exports of `function`,
// `class` and `const` declarations and `export { a, b as c }`. A default
// export, a re-export, `export let`, an import of a name the other module
// does not export, or an import cycle is refused with the file and name.
// With no `let` exports and no cycles, a module's exports never change after
// it has run, so each module can be a function that runs once, in import
// order (depth first, as the browser links them), and returns its exports.
// Parsing is acorn's (a dependency of terser, and Debian's node-acorn).
'use strict';

const fs = require('fs');
const path = require('path');

function loadAcorn() {
  try {
    return require('acorn');
  } catch (_) {
    return require('/usr/share/nodejs/acorn');  // Debian's node-acorn
  }
}
const acorn = loadAcorn();

class BundleError extends Error {}

function fail(file, node, message) {
  const where = node && node.loc ? ':' + node.loc.start.line : '';
  throw new BundleError(path.relative(process.cwd(), file) + where + ': ' + message);
}

// One parsed module: its imports (resolved), its exports (exported name ->
// local name) and its text with the import and export syntax taken out.
function readModule(file) {
  const source = fs.readFileSync(file, 'utf8');
  let ast;
  try {
    ast = acorn.parse(source, { ecmaVersion: 2022, sourceType: 'module', locations: true });
  } catch (err) {
    fail(file, null, err.message);
  }
  const imports = [];           // { from, names: [[imported, local]] } or { from, namespace }
  const exports = new Map();    // exported name -> local name
  const cuts = [];              // [start, end, replacement] of the source
  for (const node of ast.body) {
    if (node.type === 'ImportDeclaration') {
      imports.push(importOf(file, node));
      cuts.push([node.start, node.end, '']);
    } else if (node.type === 'ExportNamedDeclaration') {
      if (node.source) fail(file, node, 're-exports are not supported; import, then export');
      if (node.declaration) {
        for (const name of declaredNames(file, node.declaration)) addExport(file, node, exports, name, name);
        cuts.push([node.start, node.declaration.start, '']);
      } else {
        for (const s of node.specifiers) addExport(file, node, exports, s.exported.name, s.local.name);
        cuts.push([node.start, node.end, '']);
      }
    } else if (node.type === 'ExportDefaultDeclaration' || node.type === 'ExportAllDeclaration') {
      fail(file, node, 'only named exports are supported');
    }
  }
  let body = source;
  for (const [start, end, text] of cuts.sort((a, b) => b[0] - a[0])) body = body.slice(0, start) + text + body.slice(end);
  return { file, imports, exports, body };
}

function importOf(file, node) {
  const spec = node.source.value;
  if (!/^\.\.?\//.test(spec)) fail(file, node, 'only relative imports ("./x.js") are supported, not "' + spec + '"');
  const from = path.resolve(path.dirname(file), spec);
  if (!fs.existsSync(from)) fail(file, node, 'imports ' + spec + ', which does not exist');
  const names = [];
  let namespace = null;
  for (const s of node.specifiers) {
    if (s.type === 'ImportSpecifier') names.push([s.imported.name, s.local.name, s]);
    else if (s.type === 'ImportNamespaceSpecifier') namespace = s.local.name;
    else fail(file, node, 'default imports are not supported');
  }
  return { from, names, namespace, node };
}

function declaredNames(file, decl) {
  if (decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') return [decl.id.name];
  if (decl.kind !== 'const') fail(file, decl, 'export `const`, not `' + decl.kind + '`: a module\'s exports must not change');
  return decl.declarations.map((d) => {
    if (d.id.type !== 'Identifier') fail(file, d, 'exported declarations name one binding each');
    return d.id.name;
  });
}

function addExport(file, node, exports, exported, local) {
  if (exports.has(exported)) fail(file, node, 'exports ' + exported + ' twice');
  exports.set(exported, local);
}

// The modules reachable from `entry`, dependencies first.
function moduleOrder(entry) {
  const order = [];
  const state = new Map();  // file -> 'visiting' | module
  function visit(file, chain) {
    const seen = state.get(file);
    if (seen === 'visiting') {
      throw new BundleError('import cycle: ' + chain.concat(file).map((f) => path.basename(f)).join(' -> '));
    }
    if (seen) return seen;
    state.set(file, 'visiting');
    const mod = readModule(file);
    for (const imp of mod.imports) visit(imp.from, chain.concat(file));
    state.set(file, mod);
    order.push(mod);
    return mod;
  }
  visit(path.resolve(entry), []);
  return { order, byFile: (file) => state.get(file) };
}

const nsName = (i) => '$module' + i;

// The classic script: every module as a function run once, in order.
function bundle(entry) {
  const { order, byFile } = moduleOrder(entry);
  const index = new Map(order.map((m, i) => [m.file, i]));
  const parts = [];
  order.forEach((mod, i) => {
    const head = [];
    for (const imp of mod.imports) {
      const from = byFile(imp.from);
      const ns = nsName(index.get(imp.from));
      if (imp.namespace) head.push('const ' + imp.namespace + ' = ' + ns + ';');
      if (imp.names.length) {
        for (const [imported, , s] of imp.names) {
          if (!from.exports.has(imported)) fail(mod.file, s, path.basename(imp.from) + ' does not export ' + imported);
        }
        head.push('const { ' + imp.names.map(([imported, local]) => (imported === local ? local : imported + ': ' + local))
          .join(', ') + ' } = ' + ns + ';');
      }
    }
    const returned = Array.from(mod.exports, ([exported, local]) => (exported === local ? local : exported + ': ' + local));
    parts.push('// ---- ' + path.basename(mod.file) + '\nconst ' + nsName(i) + ' = (function () {\n' +
      (head.length ? head.join('\n') + '\n' : '') + mod.body.replace(/\s+$/, '') +
      '\nreturn Object.freeze({ ' + returned.join(', ') + ' });\n})();\n');
  });
  return '(function () {\n\'use strict\';\n' + parts.join('') + '})();\n';
}

module.exports = { bundle, BundleError };
