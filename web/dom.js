// The DOM helpers every part of the page builds with. Text from the paste
// (labels, messages) goes in as textContent only, never as markup; the plots
// are the core's SVG, parsed in an inert document and checked (parseSvg).
import { isNum } from './format.js';

export const $ = (id) => document.getElementById(id);

export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

// Unchanged texts are left alone: a new text node, even with the same text,
// has the browser lay out and paint its line again.
export function setText(id, text) {
  const e = $(id);
  if (e.textContent !== text) e.textContent = text;
}

// Gives `parent` the children `nodes` (new nodes), as replaceChildren would,
// but keeps each child that is the same as its new counterpart: the browser
// styles, lays out and paints again only what changed (what the page
// rebuilds on every analysis mostly comes out the same). `deep`: a kept
// element may also be one with the same tag and attributes, whose children
// are then brought up to date in turn (text nodes get the new text); only
// for content without listeners, as a kept element keeps its own.
export function updateChildren(parent, nodes, deep) {
  const old = parent.childNodes;
  nodes.forEach((n, i) => {
    const o = old[i];
    if (!o) parent.append(n);
    else if (deep && o.nodeType === 3 && n.nodeType === 3) { if (o.data !== n.data) o.data = n.data; }
    else if (deep && o.nodeType === 1 && o.cloneNode().isEqualNode(n.cloneNode())) updateChildren(o, [...n.childNodes], deep);
    else if (!o.isEqualNode(n)) o.replaceWith(n);
  });
  while (old.length > nodes.length) parent.lastChild.remove();
}

// A heading cell of a table, for a column or a row (scope 'col' or 'row').
export function th(text, scope, className) {
  const e = el('th', className, text);
  e.scope = scope;
  return e;
}

// A table's head: one row of column headings. Columns of numbers (all but
// the first, unless `isNumber(title, index)` says otherwise) are 'num'.
export function headRow(titles, isNumber = (t, i) => i > 0) {
  const tr = el('tr');
  titles.forEach((t, i) => tr.append(th(t, 'col', isNumber(t, i) ? 'num' : null)));
  const thead = el('thead');
  thead.append(tr);
  return thead;
}

// A table cell with a number's text, and the number itself in data-value
// (what the tests and the CSV read back).
export function numberCell(text, value, className) {
  const td = el('td', className || 'num', text);
  if (isNum(value)) td.dataset.value = String(value);
  return td;
}

// A table in its box: wide tables scroll sideways inside it, and the
// keyboard can reach and scroll them (a focusable, named region).
export function tableWrap(table, label) {
  const wrap = el('div', 'table-wrap');
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', label);
  wrap.append(table);
  return wrap;
}

// The value a form control had when the page was loaded.
export function defaultOf(c) {
  if (c.type === 'checkbox') return c.defaultChecked;
  if (c.tagName === 'SELECT') {
    const d = Array.from(c.options).find((o) => o.defaultSelected) || c.options[0];
    return d ? d.value : '';
  }
  return c.defaultValue;
}

// The core's SVG text as an <svg> element of this document, or null if it is
// not one. Parsed by the HTML parser into a <template> of an inert document
// (no browsing context: nothing in it runs or loads, and a template's content
// is inert besides): four times faster than the XML parser on the same markup
// (16 -> 4 ms for a forest plot of 100 trials in Chromium), and one document
// for every parse, not a new one each time as DOMParser makes (which was most
// of the cost of parsing a few elements). The core escapes every label
// (core/plots/svg_text.cpp); as a second line, the plot is refused if the
// parser made anything beside one <svg> (an HTML element breaks out of it) or
// anything a plot never holds.
const SVG_NS = 'http://www.w3.org/2000/svg';
const NOT_IN_A_PLOT = 'script, style, a, image, use, foreignObject, iframe, object, embed, img, animate, set';
let parser = null;  // the <template> the markup is parsed into
export function parseSvg(svgText) {
  if (!parser) parser = document.implementation.createHTMLDocument('').createElement('template');
  parser.innerHTML = svgText;
  const parsed = parser.content;
  const root = parsed.firstElementChild;
  const ok = root && root.namespaceURI === SVG_NS && root.localName === 'svg' && parsed.childElementCount === 1 &&
    !root.querySelector(NOT_IN_A_PLOT);
  const adopted = ok ? document.adoptNode(root) : null;  // moved, not copied
  parser.innerHTML = '';
  return adopted;
}

// Elements of a plot's markup without its root (rows to add, changed
// leaves), parsed and checked as parseSvg() does, inside an <svg> of their own.
export function parseSvgPart(markup) {
  return parseSvg('<svg xmlns="http://www.w3.org/2000/svg">' + markup + '</svg>');
}

// A panel's plot: a keyboard-reachable, named region holding the SVG.
export function svgFigure(svgText, label, className) {
  const box = el('div', className);
  box.tabIndex = 0;
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', label);
  const root = parseSvg(svgText);
  box.append(root || el('p', 'error', 'The plot could not be drawn.'));
  return box;
}
