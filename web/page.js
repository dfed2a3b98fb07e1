// The analysis on screen, which every panel words: page.current is
// { text, options, result } of the last analysis shown (null before the
// first), set by app.js just before it fires the window's metapool:rendered
// event, on which the panels redraw.
export const page = { current: null };
