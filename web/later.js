// Work put off until the frame that shows a new result has been painted:
// the rows of a long forest plot or studies table beyond the first screen,
// and a forest plot outside the viewport (forest_view.js).
// The one place for it, so that every such job keeps the same rules:
// - each job runs one step per frame, from the frame after that one, so
//   that no step delays a frame with work of its own;
// - a later job of the same key replaces the earlier (a new result's rows
//   replace the last one's still to come);
// - a long list goes in parts sized by time (eachFrameInParts), each step
//   ending with the style and layout it causes, so that no step keeps the
//   page from reading input for long;
// - while any job has steps left, <html data-filling="1"> says so (for the
//   tests, which wait for the page to be complete);
// - finishAll() runs every job to its end at once (before printing).
const jobs = new Map();  // key -> the job's step(), which returns true while it has more to do
const root = document.documentElement;

function mark() {
  if (jobs.size) root.dataset.filling = '1';
  else delete root.dataset.filling;
}

// Runs `step` once a frame until it returns false; a later job of the same
// `key` replaces this one.
function eachFrame(key, step) {
  const job = { step };
  jobs.set(key, job);
  mark();
  const next = () => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
    if (jobs.get(key) !== job) return;  // replaced, cancelled or finished at once
    if (step()) next();
    else finish(key, job);
  }, 0)));
  next();
}

// Runs `run` once, in the next step (as one of eachFrame's); a later job of
// the same `key` replaces this one.
export function inNextStep(key, run) {
  eachFrame(key, () => {
    run();
    return false;
  });
}

// The time one part of a list may take, with the style and layout it causes,
// and the size of the first part. Each next part is sized from the time the
// last one took (at most twice the last size): the browser's work per item
// grows with what is already in (a table sizes its columns from every row),
// and with the machine's load.
const PART_MS = 20;
const FIRST_PART = 50;
const MIN_PART = 10;

// Adds items [from, to) of a list by `addPart(start, end)`, one part a frame
// (eachFrame), each as large as fits in PART_MS; in order, or from the end of
// the list backwards with `backwards` (each part then goes before the parts
// already in). `addPart` may return false to end the job there. Each step
// ends by asking for the layout, so that the browser does it inside the step,
// where it is timed, rather than in the frame after (where it would fall to
// a paste or an edit made meanwhile, delaying the frame with its results).
export function eachFrameInParts(key, from, to, addPart, backwards = false) {
  if (to <= from) return;
  let left = to - from;  // items still to add
  let size = FIRST_PART;
  eachFrame(key, () => {
    const n = Math.min(size, left);
    const start = backwards ? from + left - n : to - left;
    const t0 = performance.now();
    const more = addPart(start, start + n) !== false;
    void root.offsetHeight;  // style and layout now
    const spent = Math.max(performance.now() - t0, 1);
    size = Math.max(MIN_PART, Math.min(2 * size, Math.floor(n * PART_MS / spent)));
    left -= n;
    return more && left > 0;
  });
}

function finish(key, job) {
  if (jobs.get(key) === job) jobs.delete(key);
  mark();
}

export function cancel(key) {
  jobs.delete(key);
  mark();
}

// Every job to its end now (before printing).
export function finishAll() {
  for (const [key, job] of jobs) {
    while (job.step()) { /* the next step */ }
    finish(key, job);
  }
}
