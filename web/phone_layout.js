// Bedside on a phone. On a narrow screen (one column, as the
// style sheet lays out .layout below 900 px) the result comes straight after
// the text area: the summary sentence, the check against the source and the
// forest plot, then the analysis options, closed until opened. The nodes are
// moved, not reordered by CSS, so that the keyboard's order is the order on
// the screen. Wide screens keep the desktop layout: the options open under
// the text area (their summary hidden by the style sheet), the plot below
// the results. Whether the options are open on a phone is remembered in this
// browser, beside the saved table (state.js).

import { $ } from './dom.js';

export function startPhoneLayout() {
  const options = $('options-panel');
  const forest = document.querySelector('section.forest');
  const checks = $('checks');
  if (!options || !forest || !checks || !window.matchMedia) return;

  const NARROW = window.matchMedia('screen and (max-width: 900px)');
  const KEY = 'metapool.options-open.v1';
  // Where each moved node lives on a wide screen.
  const home = [[forest, forest.parentNode, forest.nextSibling], [options, options.parentNode, options.nextSibling]];

  function savedOpen() {
    try {
      return window.localStorage.getItem(KEY) === 'open';
    } catch (_) {
      return false;
    }
  }

  function arrange() {
    if (NARROW.matches) {
      checks.after(forest);
      forest.after(options);
      options.open = savedOpen();
    } else {
      for (const [node, parent, next] of home) parent.insertBefore(node, next);
      options.open = true;
    }
    document.documentElement.classList.toggle('narrow', NARROW.matches);
  }

  // Only the user's toggles on a narrow screen are remembered. arrange()'s own
  // toggles come in the same way (later) and match what is stored, so a page
  // nobody touched stores nothing; closed, the default, is stored as nothing.
  options.addEventListener('toggle', () => {
    if (!NARROW.matches || options.open === savedOpen()) return;
    try {
      if (options.open) window.localStorage.setItem(KEY, 'open');
      else window.localStorage.removeItem(KEY);
    } catch (_) { /* storage refused: the panel just starts closed */ }
  });
  if (NARROW.addEventListener) NARROW.addEventListener('change', arrange);
  else NARROW.addListener(arrange);
  arrange();
}
