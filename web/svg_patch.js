// A plot on the page brought up to date by replacing only the elements whose
// markup changed, instead of parsing the whole new SVG. A paste over a table,
// or an edit of one trial, mostly changes a few lines of the core's plot (the
// description, the pooled rows, the trials whose numbers moved); parsing the
// whole plot again and handing it to the browser, which then styles, lays out
// and paints every element anew, was most of a paste's cost.
//
// The core writes a plot a few elements to a line: a group's opening and
// closing tags end their lines, and most leaf elements (<text>, <line>,
// <rect>, <title>, ...) are whole on a line of their own. When the old and
// new markup have the same lines but for such leaf lines of the same tag, the
// two plots have the same tree but for those leaves; the changed leaves are
// parsed together (dom.js's parseSvgPart, with all its checks) and put in place
// of the old ones, which leaves the same DOM as parsing the new markup whole.
// Any other change (a line more or less, a group or the root changed) is not
// a patch, and the caller parses the whole plot.
import { parseSvgPart } from './dom.js';

// A leaf line: one element, its text (if any) and its closing tag, with no
// other markup; its tag, or null. Labels cannot fake one: the core escapes
// every '<' in them.
const LEAF = /^<([a-z][A-Za-z]*)[ >/][^<]*(?:<\/\1>)?$/;
function leafTag(line) {
  const m = LEAF.exec(line);
  if (!m || m[1] === 'g' || m[1] === 'svg') return null;
  const selfClosing = line.endsWith('/>') && !line.includes('</');
  return selfClosing || line.endsWith('</' + m[1] + '>') ? m[1] : null;
}

// The number of elements a part of a plot's markup opens: its tags but the
// closing ones (every '<' in the core's markup starts a tag).
export function elementCount(markup) {
  let n = 0;
  for (let i = markup.indexOf('<'); i >= 0; i = markup.indexOf('<', i + 1)) {
    if (markup[i + 1] !== '/') n++;
  }
  return n;
}

// Beyond this share of changed lines a patch is not worth it.
const MOST_CHANGED = 0.5;

// Patches `root` (the plot shown, parsed from the markup whose lines are
// `oldLines`) to show the markup whose lines are `newLines` (split at '\n').
// `missing`: a run of elements not yet in the DOM (rows still to be added,
// forest_view.js), { after: the element after whose subtree they belong,
// count: how many elements they are }, or null. Returns true when `root` now
// holds the new plot (the missing elements are to be made from the new
// markup); false when the plot must be parsed whole (`root` is unchanged).
export function patchSvg(root, oldLines, newLines, missing) {
  if (oldLines.length !== newLines.length || oldLines[0] !== newLines[0]) return false;
  const changed = [];  // [index among the elements below the root, tag, line]
  let element = -1;  // elements opened before this line, the root not counted
  for (let i = 0; i < newLines.length; i++) {
    const line = newLines[i];
    if (line !== oldLines[i]) {
      const tag = leafTag(line);
      if (!tag || leafTag(oldLines[i]) !== tag) return false;
      changed.push([element, tag, line]);
    }
    element += elementCount(line);
  }
  if (changed.length > newLines.length * MOST_CHANGED) return false;
  if (!changed.length) return true;

  // The elements below the root in document order: the element of the n-th
  // element line after the root's, but for the missing run.
  const shown = Array.from(root.getElementsByTagName('*'));
  let gapAt = shown.length;
  let gap = 0;
  if (missing) {
    const after = shown.indexOf(missing.after);
    if (after < 0) return false;
    gapAt = after + 1 + missing.after.getElementsByTagName('*').length;
    gap = missing.count;
  }
  if (shown.length + gap !== element) return false;
  const targets = [];
  const markup = [];
  for (const [n, tag, line] of changed) {
    if (n >= gapAt && n < gapAt + gap) continue;  // not shown yet: made from the new markup later
    const node = shown[n < gapAt ? n : n - gap];
    if (node.localName !== tag) return false;
    targets.push(node);
    markup.push(line);
  }
  if (!targets.length) return true;
  const part = parseSvgPart(markup.join('\n'));
  if (!part || part.childElementCount !== targets.length) return false;
  const fresh = Array.from(part.children);
  if (fresh.some((node, j) => node.localName !== targets[j].localName || node.childElementCount)) return false;
  targets.forEach((node, j) => node.replaceWith(fresh[j]));
  return true;
}
