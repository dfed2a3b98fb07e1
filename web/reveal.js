// The body is hidden in index.html until the page's own script runs (this
// module comes first in it), so that the browser does not lay out and paint
// the page once without results and then again with them: its first frame
// comes after main.js has run, which on the built-in example has shown the
// results shipped with the page (a frame cannot come in the middle of a
// script). Hidden, the body costs the browser nothing to lay out. (With
// scripts off, a <noscript> style in the head shows it, and says why
// nothing is computed.)
document.body.hidden = false;
