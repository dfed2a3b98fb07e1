// The body is hidden in index.html until the page's own script runs (this
// module comes first in it), so that the browser does not lay out and paint
// the page once without results and then again with them: its first frame
// comes after main.js has run, which on the built-in example has shown the
// results shipped with the page (a frame cannot come in the middle of a
// script). Hidden, the body costs the browser nothing to lay out. (With
// scripts off, a <noscript> style in the head shows it, and says why
// nothing is computed.)
document.body.hidden = false;

// Until the first results are on screen, <html class="opening"> lays the
// forest plot and the studies table out with the rest of the page
// (style.css): their content-visibility: auto made Chromium lay the first
// frame out twice, once without them and again once it found them near the
// screen. After that frame, they are skipped while off screen, as before.
const root = document.documentElement;
window.addEventListener('metapool:rendered', () => {
  requestAnimationFrame(() => setTimeout(() => root.classList.remove('opening'), 0));
}, { once: true });
