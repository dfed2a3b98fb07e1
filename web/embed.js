// A page framed by another (an embedded worked example, state.js's
// readonly=1): it reports its height to its parent whenever it changes, as
// {source: 'metapool', type: 'height', height}, so that the frame can fit it.
const root = document.documentElement;
const framed = (() => { try { return window.parent !== window; } catch (_) { return true; } })();

export function startEmbed() {
  if (!framed) return;
  root.classList.add('framed');
  let last = -1;
  const report = () => {
    const h = Math.ceil(root.getBoundingClientRect().height);
    if (h === last) return;
    last = h;
    try {
      window.parent.postMessage({ source: 'metapool', type: 'height', height: h }, '*');
    } catch (_) { /* nowhere to report */ }
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(report).observe(root);
  window.addEventListener('metapool:rendered', report);
  window.addEventListener('load', report);
}
