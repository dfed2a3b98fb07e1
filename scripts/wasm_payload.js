// The two places the wasm travels as text, and the one spelling of each:
// - emcc's SINGLE_FILE module script (build-wasm/metapool.js) carries it as
//   a base64 data: URL, which scripts/reoptimize_wasm.js rewrites and
//   scripts/inline_dist.js takes out;
// - the page (dist/metapool.html) carries it deflated, in base64, in the
//   data block #metapool-wasm, which web/wasm_loader.js reads.
// The build, the bench and the tests all read and write them through here.
'use strict';

const zlib = require('zlib');

const DATA_URL = 'data:application/octet-stream;base64,';
// The data: URL with its payload (the glue also holds the bare prefix, for
// its test whether a URL is one).
const IN_MODULE = /data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/;
const BLOCK_OPEN = '<script type="application/octet-stream" id="metapool-wasm">';
const IN_PAGE = /<script type="application\/octet-stream" id="metapool-wasm">([A-Za-z0-9+/=]*)<\/script>/g;

// The module script's wasm bytes, or null when it does not carry them.
function wasmInModule(script) {
  const found = script.match(IN_MODULE);
  return found ? Buffer.from(found[1], 'base64') : null;
}

// The module script with `bytes` (a Buffer, or null for none) as its wasm.
function withWasmInModule(script, bytes) {
  return script.replace(IN_MODULE, () => DATA_URL + (bytes ? bytes.toString('base64') : ''));
}

// The page's data block for the wasm `bytes`, already deflated (raw).
function pageBlock(deflated) {
  return BLOCK_OPEN + deflated.toString('base64') + '</script>';
}

// Every data block of the page: its text and the wasm it inflates to.
function blocksInPage(html) {
  return [...String(html).matchAll(IN_PAGE)].map((m) => ({ text: m[1], wasm: zlib.inflateRawSync(Buffer.from(m[1], 'base64')) }));
}

module.exports = { DATA_URL, wasmInModule, withWasmInModule, pageBlock, blocksInPage };
