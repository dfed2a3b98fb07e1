// The page's one global, self.metapool (self is the window in the page and
// the global scope inside the analysis worker). The page is several inline
// scripts: the WebAssembly loader and the module in the head, the analysis
// worker right after them (so that it warms up while the page is parsed),
// and the page's own bundle at the end of the body. This object is how they
// hand things to each other, and what the browser tests read:
//   wasm        Promise of the compiled WebAssembly.Module (wasm_loader.js)
//   create      the module's factory, createMetapool(options), and
//   source      the module script's text, from which the worker starts the
//               same module (both set by build-wasm/metapool.js as
//               scripts/inline_dist.js wraps it)
//   background  the analysis worker: available(), analyze(text, options),
//               busy() (analysis_worker.js)
//   module      the started module: analyze(), working(), r_code(), ...
//               (app.js, once it is ready; the window's metapool:module
//               event says so)
//   page        the analysis on screen, page.current (page.js)
export const shared = self.metapool || (self.metapool = {});
