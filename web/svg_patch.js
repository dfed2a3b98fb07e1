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

// The number of elements markup[from, to) opens: its tags but the closing
// ones (every '<' in the core's markup starts a tag).
export function elementCount(markup, from = 0, to = markup.length) {
  let n = 0;
  for (let i = markup.indexOf('<', from); i >= 0 && i < to; i = markup.indexOf('<', i + 1)) {
    if (markup[i + 1] !== '/') n++;
  }
  return n;
}

function lineCount(text) {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const endOfLine = (text, i) => {
  const end = text.indexOf('\n', i);
  return end < 0 ? text.length : end;
};

// Beyond this share of changed lines a patch is not worth it.
const MOST_CHANGED = 0.5;

// The first index at or after `i` in `b` where b differs from `a` shifted
// by `shift` (a[i + shift]), or b.length where b ends first: compared a
// block at a time (the lines are the same but for a few), not line by line
// (splitting a plot of 1,000 trials into its 10,000 lines cost some 3 ms).
const BLOCK = 4096;
function firstDifference(a, b, i, shift) {
  while (i + shift + BLOCK <= a.length && b.startsWith(a.slice(i + shift, i + shift + BLOCK), i)) i += BLOCK;
  while (i < b.length && b.charCodeAt(i) === a.charCodeAt(i + shift)) i++;
  return i;
}

// The leaf lines of `newText` that differ from the same lines of `oldText`,
// as [index among the elements below the root, tag, line], and the number
// of elements below the root; null when the two differ otherwise (another
// number of lines, a line not a leaf, or of another tag, or the first line).
// Lines are compared in order, the n-th of the new markup with the n-th of
// the old.
export function changedLeaves(oldText, newText) {
  const lines = lineCount(newText);
  if (lineCount(oldText) !== lines || oldText.slice(0, endOfLine(oldText, 0)) !== newText.slice(0, endOfLine(newText, 0))) return null;
  const changed = [];
  let element = -1;  // elements opened before `counted`, the root not counted
  let counted = 0;
  let shift = 0;  // the old markup's line starts where the new one's does, plus shift
  for (let at = firstDifference(oldText, newText, 0, 0); at < newText.length || at + shift < oldText.length;
    at = firstDifference(oldText, newText, at, shift)) {
    const start = newText.lastIndexOf('\n', at - 1) + 1;
    const end = endOfLine(newText, at);
    const oldEnd = endOfLine(oldText, at + shift);
    const line = newText.slice(start, end);
    const tag = leafTag(line);
    if (!tag || leafTag(oldText.slice(start + shift, oldEnd)) !== tag) return null;
    element += elementCount(newText, counted, start);
    counted = start;
    changed.push([element, tag, line]);
    if (changed.length > lines * MOST_CHANGED) return null;  // not worth a patch
    shift = oldEnd - end;
    at = end + 1;
  }
  return { changed, elements: element + elementCount(newText, counted) };
}

// Patches `root` (the plot shown, parsed from the markup `oldText`) to show
// the markup `newText`. `missing`: a run of elements not yet in the DOM
// (rows still to be added, forest_view.js), { after: the element after whose
// subtree they belong, count: how many elements they are }, or null. Returns
// true when `root` now holds the new plot (the missing elements are to be
// made from the new markup); false when the plot must be parsed whole
// (`root` is unchanged).
export function patchSvg(root, oldText, newText, missing) {
  const diff = changedLeaves(oldText, newText);
  if (!diff) return false;
  const { changed, elements } = diff;
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
  if (shown.length + gap !== elements) return false;
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
