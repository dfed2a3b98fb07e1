// The page's built-in example analysed when the page was built: `make dist`
// (scripts/inline_dist.js) runs the module in node on the example text of
// the text area with the page's default options and puts what it gives into
// the data block #metapool-example:
//   { text, options, version, result }
// (options: what options.js's readOptions() gives with the controls at their
// defaults; result: what analyze(text, options) returned). app.js shows that
// result while the module is still compiling, and only when the page opens
// on the example (opening.js) and the text is exactly that.
export function builtInExample() {
  const block = document.getElementById('metapool-example');
  if (!block) return null;
  try {
    return JSON.parse(block.textContent);
  } catch (_) {
    return null;
  }
}

// The same options, whatever the order of their keys.
export function sameOptions(a, b) {
  const canonical = (o) => JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));
  return canonical(a) === canonical(b);
}
