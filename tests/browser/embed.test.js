// examples/embed.html: metapool in two iframes of a course page.
// The frames open straight into the analyses their links carry, the
// read-only one without editing controls, and each reports its height so
// that the page sizes it and it never shows a scroll bar.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const s = require('./support');

let b;
let exampleUrl;

before(async () => {
  b = await s.launch();
  let file = s.examplePath;
  const html = fs.readFileSync(file, 'utf8');
  assert.match(html, /src="\.\.\/dist\/metapool\.html#d=/, 'the example embeds ../dist/metapool.html');
  if (path.resolve(s.h.distPath) !== path.resolve(s.h.root, 'dist', 'metapool.html')) {
    // METAPOOL_DIST points elsewhere: the same example, framing that page.
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'metapool-embed-')), 'embed.html');
    fs.writeFileSync(file, html.replace(/\.\.\/dist\/metapool\.html/g, s.fileUrl(s.h.distPath)));
  }
  exampleUrl = s.fileUrl(file);
});

after(async () => {
  if (b) await b.browser.close();
});

// Heights as the parent page received them, from each frame.
async function heights(page) {
  return page.evaluate(() => window.__heights || []);
}

test('the embedded page opens the linked analyses, reports its height and shows no scroll bar', async () => {
  const context = await b.newContext({ viewport: { width: 1100, height: 800 } });
  await context.addInitScript(() => {
    if (window.parent !== window) return;
    window.__heights = [];
    window.addEventListener('message', (e) => {
      const frame = Array.from(document.querySelectorAll('iframe')).find((f) => f.contentWindow === e.source);
      window.__heights.push({ id: frame ? frame.id : null, data: e.data });
    });
  });
  const page = b.watch(await context.newPage());
  await page.goto(exampleUrl);
  const frames = {};
  for (const id of ['worked-example', 'exercise']) {
    const handle = await page.waitForSelector('#' + id);
    // Chromium does not render frames from another origin (file: pages are
    // each their own) while they are out of view; a reader scrolls to them.
    await handle.scrollIntoViewIfNeeded();
    frames[id] = await handle.contentFrame();
    await frames[id].waitForSelector('html[data-renders][data-state="link"]', { timeout: 15000 });
  }

  // The read-only worked example: BCG, RR, no editing controls.
  const worked = frames['worked-example'];
  assert.equal(await worked.evaluate(() => document.documentElement.classList.contains('readonly')), true);
  assert.equal(await worked.evaluate(() => document.documentElement.classList.contains('framed')), true);
  for (const sel of ['#data', '#controls', '#share', '#reset-example']) {
    assert.equal(await worked.locator(sel).isVisible(), false, sel + ' hidden');
  }
  assert.equal((await worked.locator('#summary').innerText()).replace(/\u00a0/g, ' '),
    'RR 0.49 (95% CI 0.34 to 0.70); 13 trials, 357,347 participants; I² = 92%');

  // The exercise: editable, odds ratio.
  const exercise = frames.exercise;
  assert.equal(await exercise.locator('#data').isVisible(), true);
  assert.equal(await exercise.locator('#opt-measure').inputValue(), 'OR');
  assert.match(await exercise.locator('#summary').innerText(), /^OR .*3 trials/);

  // Each frame reported its height, and the page gave it that height: no scroll bar.
  const fits = async (id) => {
    const frame = frames[id];
    const inner = await frame.evaluate(() => ({
      height: Math.ceil(document.documentElement.getBoundingClientRect().height),
      scrollHeight: document.documentElement.scrollHeight,
      clientHeight: document.documentElement.clientHeight,
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    const outer = await page.evaluate((i) => document.getElementById(i).clientHeight, id);
    return { inner, outer };
  };
  for (const id of ['worked-example', 'exercise']) {
    await page.waitForFunction((i) => {
      const f = document.getElementById(i);
      return f.style.height && f.style.height !== '480px';
    }, id);
    await page.waitForTimeout(300);  // let the height settle
    const got = (await heights(page)).filter((h) => h.id === id);
    assert.ok(got.length >= 1, 'a height message from ' + id);
    for (const h of got) {
      assert.deepEqual(Object.keys(h.data).sort(), ['height', 'source', 'type']);
      assert.equal(h.data.source, 'metapool');
      assert.equal(h.data.type, 'height');
      assert.ok(Number.isInteger(h.data.height) && h.data.height > 300, JSON.stringify(h.data));
    }
    const { inner, outer } = await fits(id);
    assert.equal(outer, inner.height, id + ': the frame is as tall as its page');
    assert.ok(inner.scrollHeight <= inner.clientHeight, id + ': no vertical scroll bar ' + JSON.stringify(inner));
    assert.ok(inner.scrollWidth <= inner.clientWidth, id + ': no horizontal scroll bar ' + JSON.stringify(inner));
  }
  assert.ok((await fits('worked-example')).outer > 900, 'the worked example is shown whole');

  // Adding trials in the exercise makes its frame grow with it.
  const before = (await fits('exercise')).outer;
  const rows = Array.from({ length: 12 }, (_, i) => `Trial ${String.fromCharCode(68 + i)}, ${10 + i}, 200, ${14 + i}, 205`);
  const count = (await heights(page)).length;
  await exercise.locator('#data').press('Control+End');
  await exercise.locator('#data').pressSequentially(rows.join('\n') + '\n');
  await page.waitForFunction((n) => window.__heights.length > n, count);
  await page.waitForTimeout(500);
  const grown = await fits('exercise');
  assert.ok(grown.outer > before + 200, `grew from ${before} to ${grown.outer}`);
  assert.equal(grown.outer, grown.inner.height);
  assert.ok(grown.inner.scrollHeight <= grown.inner.clientHeight);

  // The read-only frame saved nothing; the edited exercise did.
  const saved = await exercise.evaluate(() => JSON.parse(localStorage.getItem('metapool.state.v1') || 'null'));
  assert.ok(saved && saved.text.includes('Trial O, 21, 200, 25, 205'), 'the exercise saved its edits');
  fs.mkdirSync(path.join(s.h.root, 'build'), { recursive: true });
  await page.locator('#worked-example').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.locator('#worked-example').screenshot({ path: path.join(s.h.root, 'build', 'screenshot-embed.png') });
  for (const f of Object.values(frames)) b.record.csp.push(...await f.evaluate(() => window.__cspViolations || []));
  await context.close();
});

test('no dialog, no request, no error, no CSP violation', () => {
  b.assertClean();
});
