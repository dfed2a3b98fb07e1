// What the page opens on: its built-in example, or a table from elsewhere (a
// share link or embed parameters in the address, or the table saved in this
// browser, which state.js then loads). Decided once, by the first of the
// page's scripts to ask (the WebAssembly loader, the first script of the
// head), and kept in self.metapool.opening (shared.js) for the others: each
// of the page's scripts is bundled with its own copy of this file, and the
// first read of localStorage is a synchronous round trip to the browser
// that took 5 to 380 ms on a loaded machine. On the example the page shows
// the results shipped with it first (built_in_example.js) and starts the
// calculator (wasm_loader.js, analysis_worker.js) after the first frame,
// otherwise at once.
import { shared } from './shared.js';

export const STATE_KEY = 'metapool.state.v1';  // state.js: the user's table and options

function savedTable() {
  try {
    return Boolean(window.localStorage.getItem(STATE_KEY));
  } catch (_) {
    return false;  // no storage: nothing saved (state.js finds nothing either)
  }
}

export function opensWithExample() {
  if (shared.opening === undefined) {
    // A link wins over the saved table; with one, storage is not read here.
    shared.opening = location.hash.length > 1 ? 'link' : savedTable() ? 'saved' : 'example';
  }
  return shared.opening === 'example';
}

// Runs `work` once the page's first frame is painted. The page's own script
// is the last in the body and shows the body (reveal.js): at
// DOMContentLoaded it has run, so the next animation frame is the one that
// shows the page, and a timer set in its callback runs after that frame's
// rendering. (A frame before that shows nothing: the body is hidden.)
export function afterFirstFrame(work) {
  const next = () => requestAnimationFrame(() => setTimeout(work, 0));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', next, { once: true });
  else next();
}
