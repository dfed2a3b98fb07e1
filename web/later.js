// Work put off until the frame that shows a new result has been painted:
// the rows of a long forest plot or studies table beyond the first screen.
// Each job runs one step per frame, from the frame after that one, so that
// no step delays a frame with work of its own. While any job has steps left,
// <html data-filling="1"> says so (for the tests, which wait for the page
// to be complete).
const jobs = new Map();  // key -> the job's step(), which returns true while it has more to do
const root = document.documentElement;

function mark() {
  if (jobs.size) root.dataset.filling = '1';
  else delete root.dataset.filling;
}

// Runs `step` once a frame until it returns false; a later job of the same
// `key` replaces this one.
export function eachFrame(key, step) {
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
