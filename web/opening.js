// What the page opens on, decided before anything else runs: its built-in
// example, or a table from elsewhere (a share link or embed parameters in the
// address, or the table saved in this browser, which state.js then loads).
// The WebAssembly loader and the analysis worker (scripts in the head) ask it
// too: on the example the page shows results shipped with it first
// (built_in_example.js) and starts the calculator after the first frame,
// otherwise at once.
export const STATE_KEY = 'metapool.state.v1';  // state.js: the user's table and options

export function opensWithExample() {
  if (location.hash.length > 1) return false;
  try {
    return !window.localStorage.getItem(STATE_KEY);
  } catch (_) {
    return true;  // no storage: nothing saved (state.js finds nothing either)
  }
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
