// Starts unpacking and compiling the WebAssembly module as soon as the page
// begins to load, so that the browser compiles it on its own threads while
// the main thread is still parsing the rest of the page and running its
// scripts. The result, a Promise of a WebAssembly.Module, is
// self.metapool.wasm (shared.js): the module's script (build-wasm/metapool.js,
// wrapped by scripts/inline_dist.js) instantiates it in the page, and
// analysis_worker.js hands the same compiled module to its Worker.
//
// The wasm is in the data block #metapool-wasm, first in the head:
// raw deflate, then base64 (gzip cannot shrink base64 much, so deflating
// first makes the page about a third smaller). It is a data block, not a
// string in a script, so that the browser never parses it as JavaScript.
//
// When the page opens on its built-in example (opening.js), it shows the
// results shipped with it first, and unpacking and compiling the wasm (some
// tens of ms of the main thread: base64, inflating, V8's streaming decoder)
// wait until that first frame is painted; self.metapool.wasm is the same
// Promise either way.
import { afterFirstFrame, opensWithExample } from './opening.js';
import { shared } from './shared.js';

function bytesOf(base64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(base64);
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function compile() {
  const block = document.getElementById('metapool-wasm');
  if (!block) return Promise.reject(new Error('the calculator is missing from this page; rebuild it with `make dist`'));
  if (typeof DecompressionStream !== 'function') {
    return Promise.reject(new Error('this browser cannot unpack it (no DecompressionStream); use a current Chrome, Edge, Firefox or Safari'));
  }
  const packed = bytesOf(block.textContent.trim());
  // A stream of the bytes as they are (a Blob's stream would copy them
  // first: 5 to 15 ms of the main thread, measured).
  const source = new ReadableStream({
    start(controller) {
      controller.enqueue(packed);
      controller.close();
    },
  });
  const inflated = source.pipeThrough(new DecompressionStream('deflate-raw'));
  const wasm = new Response(inflated, { headers: { 'Content-Type': 'application/wasm' } });
  // Streaming compilation starts on the first inflated bytes.
  if (typeof WebAssembly.compileStreaming === 'function') return WebAssembly.compileStreaming(wasm);
  return wasm.arrayBuffer().then((buffer) => WebAssembly.compile(buffer));
}

let begin;
const started = new Promise((resolve) => { begin = resolve; }).then(compile);
started.catch(() => {});  // reported by shared.create(), which waits for it
shared.wasm = started;
if (opensWithExample()) afterFirstFrame(begin);
else begin();
