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

// Runs `work` once the first frame is painted: in an animation-frame
// callback a timer's task comes after that frame's rendering.
export function afterFirstFrame(work) {
  requestAnimationFrame(() => setTimeout(work, 0));
}
