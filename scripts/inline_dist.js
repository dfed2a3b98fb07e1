#!/usr/bin/env node
// Builds dist/metapool.html: web/index.html with web/style.css, the
// WebAssembly module (emscripten's SINGLE_FILE output, wasm inside as base64)
// and each ES module of index.html (<script type="module" src="main.js">,
// ...) bundled with what it imports into one classic script
// (scripts/bundle_modules.js), all inlined, so that the one file works from
// file:// with no request of any kind.
//
//   node scripts/inline_dist.js [--module build-wasm/metapool.js] [--out dist/metapool.html] [--no-minify]
//
// Scripts and the style sheet are minified (scripts/minify_text.js) unless
// --no-minify is given (for reading the built page while debugging).
//
// The Content-Security-Policy's script-src 'unsafe-inline' is replaced by the
// SHA-256 hashes of the inlined scripts, so that nothing but these scripts
// (no inline event handler, no injected script) can run.
//
// The built-in example (the text area's text in web/index.html) is analysed
// here by the module itself (scripts/analyse_example.js), and the answer goes
// into the data block #metapool-example before the page's own script, which
// shows it while the module is still compiling (web/built_in_example.js).
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { bundle, BundleError } = require('./bundle_modules');
const { minifyScript, minifyCss } = require('./minify_text');
const { pageBlock, wasmInModule, withWasmInModule } = require('./wasm_payload');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
function arg(name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}
const modulePath = path.resolve(root, arg('--module', 'build-wasm/metapool.js'));
const outPath = path.resolve(root, arg('--out', 'dist/metapool.html'));
const webDir = path.join(root, 'web');
const minify = !args.includes('--no-minify');

function fail(message) {
  console.error('inline_dist: ' + message);
  process.exit(1);
}

function read(p) {
  if (!fs.existsSync(p)) fail('missing ' + path.relative(root, p) + (p === modulePath ? ' (run `make wasm`)' : ''));
  return fs.readFileSync(p, 'utf8');
}

// Text that goes inside <script> or <style> must not close the element early.
function checkRaw(text, tag, what) {
  const re = new RegExp('</' + tag, 'i');
  if (re.test(text)) fail(what + ' contains "</' + tag + '"; cannot inline it safely');
  if (/<!--/.test(text) && tag === 'script') fail(what + ' contains "<!--"; cannot inline it safely');
  return text;
}

// The built page is ASCII only: every other character is written as an
// escape of the language it stands in. Chromium decodes a page (and V8 reads
// a script) that holds no character above U+00FF as one byte a character; a
// single dash or Greek letter anywhere made it decode the whole 413 kB file
// into two-byte text: reading and decoding took 30 ms of main-thread time
// before the first frame on a loaded machine, 15 ms as ASCII.
const NON_ASCII = /[^\x00-\x7f]/g;     // UTF-16 units: a character above U+FFFF is two
const NON_ASCII_CHARS = /[^\x00-\x7f]/gu; // code points: such a character is one
const hex = (n, digits) => n.toString(16).padStart(digits, '0');
function asciiText(text, what, pattern, escape) {
  if (/\\[^\x00-\x7f]/.test(text)) fail(what + ' has a backslash before a non-ASCII character; cannot escape it safely');
  return text.replace(pattern, escape);
}
// JavaScript and JSON: \uXXXX (a UTF-16 unit each) means the same in a
// string, a template, a regular expression, a comment or a name.
const asciiScript = (text, what) => asciiText(text, what, NON_ASCII, (c) => '\\u' + hex(c.charCodeAt(0), 4));
// CSS: \XXXXXX, a code point in six hex digits, so that no space is needed
// after it (CSS has no escape for half of a UTF-16 pair).
const asciiCss = (text) => asciiText(text, 'style.css', NON_ASCII_CHARS, (c) => '\\' + hex(c.codePointAt(0), 6));
// Markup: a character reference, which the browser decodes in text, in
// attributes and in <title> and <textarea> alike.
const asciiMarkup = (text) => text.replace(NON_ASCII_CHARS, (c) => '&#x' + hex(c.codePointAt(0), 1) + ';');

let html = asciiMarkup(read(path.join(webDir, 'index.html')));
const css = checkRaw(read(path.join(webDir, 'style.css')), 'style', 'style.css');
let wasm = read(modulePath);
const wasmBytes = wasmInModule(wasm);
if (!wasmBytes) fail(path.relative(root, modulePath) + ' does not carry the wasm inline; build it with -s SINGLE_FILE=1');
// Emscripten 3.1.6 first tries fetch() on the wasm's data: URL in browsers;
// the CSP (connect-src 'none') blocks that. Hiding fetch from the module's
// code (and giving it the wasm through instantiateWasm below) means the page
// attempts no connection at all.
//
// The wasm itself leaves the module's script: it goes, deflated and in
// base64, into a data block (<script type="application/octet-stream"
// id="metapool-wasm">) first in the head, before web/wasm_loader.js, which
// starts compiling it at once and keeps the Promise of the compiled module in
// self.metapool.wasm (the page's one global, web/shared.js). The module's
// instantiateWasm hook waits for that Promise. The module's factory is
// self.metapool.create (createMetapool stays local to the wrapper below),
// and the script's own text (the JavaScript glue only) self.metapool.source,
// from which web/analysis_worker.js starts the same module in a Worker (made
// from a Blob, so written with `self`, which is the window in the page); the
// worker is handed the compiled module.
//
// Raw deflate of the wasm by zopfli (Debian's zopfli, installed by `make
// deps`): some 5% smaller than zlib's best for the same decoder, at a few
// seconds of build time. Without zopfli, zlib's level 9 (and a warning).
function deflateRaw(bytes) {
  // zopfli reads files only (it measures them first), not a pipe.
  const tmp = path.join(require('os').tmpdir(), 'metapool-wasm-' + process.pid + '.bin');
  fs.writeFileSync(tmp, bytes);
  const run = require('child_process').spawnSync('zopfli', ['--deflate', '-c', tmp], { maxBuffer: 64 << 20 });
  fs.rmSync(tmp, { force: true });
  if (run.status === 0 && run.stdout.length > 0 && zlib.inflateRawSync(run.stdout).equals(bytes)) return run.stdout;
  console.warn('inline_dist: zopfli ' + (run.error ? 'is missing' : 'failed') + '; the wasm is deflated by zlib instead (a larger page)');
  return zlib.deflateRawSync(bytes, { level: 9 });
}

// Two of the glue's paths the page never takes, cut so that the minifier
// drops the code only they reach (some 1.1 kB gzipped): the page and its
// Worker are not node (emscripten's test for node, typeof process, is false
// there), and every start of the module goes through shared.create below,
// which passes instantiateWasm, so the glue's own fetching and compiling of
// the wasm after it never runs. build-wasm/metapool.js itself keeps both:
// node's tests and scripts/analyse_example.js load it. Each cut must find
// its text, or the build stops (a newer emscripten writes it differently).
const pageOnlyCuts = [
  ['var ENVIRONMENT_IS_NODE=typeof process=="object"&&typeof process.versions=="object"&&typeof process.versions.node=="string";',
    'var ENVIRONMENT_IS_NODE=false;'],
  ['instantiateAsync().catch(readyPromiseReject);return{}', 'return{}'],
];
for (const [text, cut] of pageOnlyCuts) {
  if (wasm.split(text).length !== 2) fail(path.relative(root, modulePath) + ' does not hold "' + text + '" once; scripts/inline_dist.js cannot cut it');
  wasm = wasm.replace(text, () => cut);
}

const deflated = deflateRaw(wasmBytes);
wasm = withWasmInModule(wasm, null);
wasm = '(function (fetch) {\n' + wasm.replace(/\s+$/, '') + '\n' +
  `var shared = self.metapool || (self.metapool = {});
function instantiateWasm(imports, receive) {
  shared.wasm.then(function (module) {
    return WebAssembly.instantiate(module, imports).then(function (instance) { receive(instance, module); });
  }).catch(function (e) { fail(e); });
  return {};
}
var fail = function () {};
shared.create = function (options) {
  if (!shared.wasm) return Promise.reject(new Error('the calculator is missing from this page; rebuild it with \`make dist\`'));
  return new Promise(function (resolve, reject) {
    fail = reject;
    shared.wasm.then(function () {
      return createMetapool(Object.assign({ instantiateWasm: instantiateWasm }, options));
    }).then(resolve, reject);
  });
};
if (typeof document !== 'undefined' && document.currentScript) shared.source = document.currentScript.textContent;
})(undefined);
`;
checkRaw(wasm, 'script', path.relative(root, modulePath));

const scripts = [];
// Replaces the <script> tag `tag` of index.html by an inline script holding `body`.
// `id`: the tag's id attribute, kept (web/index.html's head expects the
// page's script by its id).
function inlineScript(tag, name, body, before = '', id = '') {
  if (!html.includes(tag)) fail('web/index.html has no ' + tag);
  const content = '\n' + asciiScript(minify ? minifyScript(body, name) : body, name).replace(/\s+$/, '') + '\n';
  scripts.push(content);
  html = html.replace(tag, () => before + '<script' + id + '>' + content + '</script>');
}

// The text area's text in web/index.html as the browser reads it (its
// first line break dropped), analysed by the module in node, as JSON for a
// data block: every "<" escaped, so that no "</script" can end it early.
function builtInExample() {
  const m = html.match(/<textarea id="data"[^>]*>\n?([\s\S]*?)<\/textarea>/);
  if (!m) fail('web/index.html has no <textarea id="data">');
  const text = m[1];
  // The browser would decode character references; the example has none.
  if (/&[#A-Za-z]/.test(text)) fail('the example in web/index.html holds a character reference; write the character itself');
  const run = require('child_process').spawnSync(process.execPath, [path.join(__dirname, 'analyse_example.js'), modulePath],
    { input: text, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) fail('the built-in example could not be analysed: ' + (run.stderr || run.error));
  return asciiScript(run.stdout, 'the built-in example').replace(/</g, '\\u003c');
}

// An ES module of web/ and everything it imports, as one classic script.
function bundled(src) {
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.js$/.test(src)) fail('web/index.html loads "' + src + '", not a file in web/');
  try {
    return checkRaw(bundle(path.join(webDir, src)), 'script', src + ' and its imports');
  } catch (err) {
    if (err instanceof BundleError) fail(err.message);
    throw err;
  }
}

const cssLink = /<link rel="stylesheet" href="style\.css">/;
if (!cssLink.test(html)) fail('web/index.html has no <link rel="stylesheet" href="style.css">');
html = html.replace(cssLink, () => '<style>\n' + asciiCss(minify ? minifyCss(css) : css).replace(/\s+$/, '') + '\n</style>');
// Every local script of index.html, in its order: <script src="metapool.js">
// is the WebAssembly module, each <script type="module" src="x.js"> an ES
// module of web/ (wasm_loader.js, analysis_worker.js, main.js).
const tags = Array.from(html.matchAll(/<script( type="module")? src="([^"]*)"( id="[^"]*")?><\/script>/g),
  (m) => ({ tag: m[0], module: Boolean(m[1]), src: m[2], id: m[3] || '' }));
for (const { tag, module, src, id } of tags) {
  if (src === 'metapool.js' && !module) {
    inlineScript(tag, src, wasm);
  } else if (!module) {
    fail('web/index.html loads "' + src + '" as a classic script; the page\'s own scripts are ES modules (type="module")');
  } else if (src === 'main.js') {
    // The built-in example's analysis goes just before the page's script,
    // which reads it.
    inlineScript(tag, src, bundled(src), '<script type="application/json" id="metapool-example">' + builtInExample() + '</script>\n', id);
  } else {
    inlineScript(tag, src, bundled(src), '', id);
  }
}
// The packed wasm, as a data block (the browser keeps its text and never
// parses or runs it), goes first in the head, right after the
// Content-Security-Policy, so that web/wasm_loader.js (the head's first
// script) can start compiling it at once. First, not just before the
// loader: gzip refers back at most 32 kB, so 270 kB of base64 between the
// style sheet and the scripts and markup kept them from sharing their
// words (826 B more gzipped). (Last in the body, after the page's own
// script, it saved the first frame on the example a few ms of parsing, but
// a saved table then waited for the module some 400 ms longer on a loaded
// machine: compiling could start only once the page's script had run and
// a frame had been painted.)
const cspMeta = /<meta http-equiv="Content-Security-Policy"[^>]*>\n/;
if (!cspMeta.test(html)) fail('web/index.html has no Content-Security-Policy <meta>');
html = html.replace(cspMeta, (meta) => meta + pageBlock(deflated) + '\n');
const srcs = tags.map((t) => t.src);
if (!srcs.includes('metapool.js')) fail('web/index.html has no <script src="metapool.js">');
if (!srcs.includes('wasm_loader.js')) fail('web/index.html has no <script type="module" src="wasm_loader.js">');

// The source comment about building is for web/index.html only; the
// markup's other comments are for its readers too, and go with the
// minifying (every byte counts against the page's gzipped size). The
// inlined scripts never hold "<!--" (checkRaw), and the data blocks are
// base64 and the module's JSON of the built-in example, whose text has none:
// the comments removed are index.html's own.
html = html.replace(/<!-- Source of dist\/metapool\.html:[\s\S]*?-->\n/, () => '');
if (minify) html = html.replace(/[ \t]*<!--[\s\S]*?-->\n?/g, () => '');

const hashes = scripts.map((s) => "'sha256-" + crypto.createHash('sha256').update(s, 'utf8').digest('base64') + "'");
const cspRe = /(<meta http-equiv="Content-Security-Policy" content="[^"]*script-src )'unsafe-inline'/;
if (!cspRe.test(html)) fail("web/index.html's CSP has no script-src 'unsafe-inline' to replace by hashes");
html = html.replace(cspRe, (_, head) => head + hashes.join(' '));

// (A link to "#id" in the page fetches nothing: the head's rel="expect".)
if (/<script[^>]+src=|<link[^>]+href="(?!data:|#)/i.test(html)) fail('an external script or link is left in the page');

if (/[^\x00-\x7f]/.test(html)) fail('a non-ASCII character is left in the page');
fs.mkdirSync(path.dirname(outPath), { recursive: true });
const tmp = outPath + '.tmp';
fs.writeFileSync(tmp, html);
fs.renameSync(tmp, outPath);
const size = fs.statSync(outPath).size;
const gz = zlib.gzipSync(html, { level: 9 }).length;
console.log('inline_dist: wrote ' + path.relative(root, outPath) + ' (' + size + ' bytes, ' + gz + ' gzipped; wasm ' +
  wasmBytes.length + ' bytes, deflated ' + deflated.length + ')');
