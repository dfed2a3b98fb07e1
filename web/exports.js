// "Take the result away": one click each for the forest plot as SVG and as
// PNG at print resolution (300 dpi), the studies and the pooled results as
// CSV, a summary as plain text and as Markdown, and the metafor code that
// reproduces the analysis (metapool.r_code(), written by core/output/r_code.cpp).
// Every number comes from the last analysis (page.current);
// this file only formats and packs it. Files are made in the page (Blob and
// a download link); the PNG is the core's SVG drawn on a canvas through an
// <img> with a data: URL, which the page's CSP allows (img-src data:) from
// file:// too. Nothing leaves the page.
import { $ } from './dom.js';
import * as f from './format.js';
import { page } from './page.js';
import { shared } from './shared.js';

const box = $('exports');
const statusEl = $('export-status');

const DPI = 300;                // the PNG's resolution when printed at the plot's size
const MAX_PIXELS = 40e6;        // canvas area cap for very tall plots
const NBSP = /\u00a0/g;

const current = () => page.current;

function say(text) {
  if (statusEl) statusEl.textContent = text;
}

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  say('Saved ' + name + '.');
}

// ---- the forest plot -------------------------------------------------------

function svgSize(svgText) {
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const svg = doc.documentElement;
  if (!svg || svg.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length) return null;
  let w = parseFloat(svg.getAttribute('width'));
  let h = parseFloat(svg.getAttribute('height'));
  const vb = (svg.getAttribute('viewBox') || '').split(/[\s,]+/).map(Number);
  if (!(w > 0) && vb.length === 4) w = vb[2];
  if (!(h > 0) && vb.length === 4) h = vb[3];
  return w > 0 && h > 0 ? { w, h } : null;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// Adds a pHYs chunk (pixels per metre) after IHDR, so that the PNG prints
// at the plot's size: 300 dpi.
function withResolution(bytes, dpi) {
  const has = (name) => {
    for (let i = 8; i + 8 <= bytes.length;) {
      const len = new DataView(bytes.buffer, bytes.byteOffset + i, 4).getUint32(0);
      const type = String.fromCharCode(...bytes.subarray(i + 4, i + 8));
      if (type === name) return true;
      if (type === 'IDAT') return false;
      i += 12 + len;
    }
    return false;
  };
  if (has('pHYs')) return bytes;
  const ppm = Math.round(dpi / 0.0254);
  const chunk = new Uint8Array(21);
  const dv = new DataView(chunk.buffer);
  dv.setUint32(0, 9);
  chunk.set([0x70, 0x48, 0x59, 0x73], 4);  // "pHYs"
  dv.setUint32(8, ppm);
  dv.setUint32(12, ppm);
  chunk[16] = 1;                            // unit: metre
  dv.setUint32(17, crc32(chunk.subarray(4, 17)));
  const at = 8 + 25;                        // signature + IHDR
  const out = new Uint8Array(bytes.length + chunk.length);
  out.set(bytes.subarray(0, at));
  out.set(chunk, at);
  out.set(bytes.subarray(at), at + chunk.length);
  return out;
}

async function pngOf(svgText) {
  const size = svgSize(svgText);
  if (!size) throw new Error('the plot could not be read');
  let scale = DPI / 96;
  if (size.w * size.h * scale * scale > MAX_PIXELS) scale = Math.sqrt(MAX_PIXELS / (size.w * size.h));
  const img = new Image();
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgText);
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(size.w * scale);
  canvas.height = Math.round(size.h * scale);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not make the PNG'))), 'image/png'));
  const bytes = withResolution(new Uint8Array(await blob.arrayBuffer()), scale * 96);
  return { blob: new Blob([bytes], { type: 'image/png' }), width: canvas.width, height: canvas.height };
}

// ---- tables as CSV -----------------------------------------------------------

// One CSV field: numbers in full precision, text quoted when needed; text
// that a spreadsheet would take for a formula (=, +, -, @ first) gets a
// leading apostrophe.
function cell(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) || s !== s.trim() ? '"' + s.replace(/"/g, '""') + '"' : s;
}
const csv = (rows) => '\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

function scaleName(m) {
  return m === 'RD' ? 'RD' : 'log_' + m;
}

function studiesCsv(r) {
  const m = r.measure;
  const rows = [['line', 'study', 'events_experimental', 'total_experimental', 'events_control', 'total_control',
    'included', 'left_out_reason', 'corrected', 'a', 'b', 'c', 'd', scaleName(m), 'se', m, m + '_ci_lower',
    m + '_ci_upper', 'weight_common_percent', 'weight_random_percent', 'reported_effect']];
  for (const s of r.studies || []) {
    const c = s.cells || {};
    rows.push([s.line, s.label, s.e1, s.n1, s.e2, s.n2, s.included, s.excluded_reason, s.corrected, c.a, c.b, c.c,
      c.d, s.y, s.se, s.estimate, s.ci_lower, s.ci_upper, s.weight_common, s.weight_random, s.reported]);
  }
  return csv(rows);
}

function resultsCsv(r) {
  const c = r.common || {};
  const re = r.random || {};
  const h = r.heterogeneity || {};
  const o = r.options || {};
  const rows = [['quantity', 'value'],
    ['measure', r.measure], ['k', r.k], ['participants', r.total_participants], ['level', o.level],
    ['common_method', c.method], ['common_estimate', c.estimate], ['common_ci_lower', c.ci_lower],
    ['common_ci_upper', c.ci_upper], ['common_' + scaleName(r.measure), c.y], ['common_se', c.se],
    ['common_z', c.z], ['common_p', c.p],
    ['random_tau2_method', re.tau2_method], ['random_hksj', re.hksj], ['random_k', re.k],
    ['random_estimate', re.estimate], ['random_ci_lower', re.ci_lower], ['random_ci_upper', re.ci_upper],
    ['random_' + scaleName(r.measure), re.y], ['random_se', re.se],
    [re.hksj ? 'random_t' : 'random_z', re.hksj ? re.t : re.z], ['random_df', re.df], ['random_p', re.p],
    ['prediction_interval_lower', re.pi_lower], ['prediction_interval_upper', re.pi_upper],
    ['Q', h.Q], ['Q_df', h.df], ['Q_p', h.p], ['I2_percent', h.I2], ['I2_ci_lower', h.I2_ci_lower],
    ['I2_ci_upper', h.I2_ci_upper], ['H2', h.H2], ['tau2', h.tau2], ['tau2_ci_lower', h.tau2_ci_lower],
    ['tau2_ci_upper', h.tau2_ci_upper], ['tau', h.tau],
    ['continuity_correction', o.cc], ['continuity_correction_to', o.cc_to], ['drop_double_zeros', o.drop00_applied],
    ['preset', r.preset || ''], ['metapool_version', shared.module && shared.module.version()]];
  return csv(rows);
}

// ---- summary as text and Markdown ----------------------------------------------

const MEASURE_WORDS = { RR: 'risk ratio', OR: 'odds ratio', RD: 'risk difference' };

function parts(r) {
  const m = r.measure;
  const lvl = f.levelPercent(r.options && r.options.level);
  const ce = r.common || {};
  const re = r.random || {};
  const h = r.heterogeneity || {};
  const est = (x) => f.estimate(x, m);
  const ci = (e) => lvl + '% CI ' + f.interval(e.ci_lower, e.ci_upper, m);
  const p = (x) => f.pText(x).replace(NBSP, ' ');
  const random = Number.isFinite(re.estimate);
  return {
    m, lvl, ce, re, h, est, ci, p, random, f,
    trials: r.k === 1 ? '1 trial' : f.int(r.k) + ' trials',
    people: f.int(r.total_participants) + ' participants',
    word: MEASURE_WORDS[m],
    reModel: 'random effects (' + re.tau2_method + ' τ²' + (re.hksj ? ', Hartung–Knapp–Sidik–Jonkman interval' : '') + ')',
    ceModel: 'common effect (' + (f.METHOD_NAME[ce.method] || ce.method) + ')',
    pi: Number.isFinite(re.pi_lower) ? f.interval(re.pi_lower, re.pi_upper, m) : null,
    het: 'I² = ' + f.percent(h.I2) + ', τ² = ' + f.sig(h.tau2) + ', Q = ' + f.fixed(h.Q, 2) + ' (df ' +
      f.fixed(h.df, 0) + ', ' + p(h.p) + ')',
    version: (shared.module ? 'metapool ' + shared.module.version() : 'metapool') +
      (r.preset ? ' as ' + r.preset + ' computes it (preset' + (r.preset_unchanged ? '' : ', with options changed after it') + ')' : ''),
  };
}

function summaryText(r) {
  const s = parts(r);
  const main = s.random ? s.re : s.ce;
  let t = 'In ' + s.trials + ' (' + s.people + '), the pooled ' + s.word + ' was ' + s.est(main.estimate) + ' (' +
    s.ci(main) + '; ' + s.p(main.p) + ') with ' + (s.random ? s.reModel : s.ceModel) + '.';
  if (s.random) t += ' With a ' + s.ceModel + ' it was ' + s.est(s.ce.estimate) + ' (' + s.ci(s.ce) + ').';
  if (r.k > 1) t += ' Heterogeneity: ' + s.het + '.';
  if (s.pi) t += ' ' + s.lvl + '% prediction interval ' + s.pi + '.';
  return t + ' Computed with ' + s.version + '.\n';
}

function summaryMarkdown(r) {
  const s = parts(r);
  const main = s.random ? s.re : s.ce;
  const cap = s.word[0].toUpperCase() + s.word.slice(1);
  const lines = [
    '**' + cap + ' ' + s.est(main.estimate) + '** (' + s.ci(main) + '; ' + s.p(main.p) + '), ' +
      (s.random ? s.reModel : s.ceModel) + '; ' + s.trials + ', ' + s.people + '.',
    '',
    '| Model | ' + s.m + ' | ' + s.lvl + '% CI | p |',
    '|---|---:|---:|---:|',
  ];
  if (s.random) {
    lines.push('| Random effects (' + s.re.tau2_method + (s.re.hksj ? ', HKSJ' : '') + ') | ' + s.est(s.re.estimate) +
      ' | ' + s.f.interval(s.re.ci_lower, s.re.ci_upper, s.m) + ' | ' + s.p(s.re.p).replace(/^p (= )?/, '') + ' |');
  }
  lines.push('| ' + s.ceModel[0].toUpperCase() + s.ceModel.slice(1) + ' | ' + s.est(s.ce.estimate) + ' | ' +
    s.f.interval(s.ce.ci_lower, s.ce.ci_upper, s.m) + ' | ' + s.p(s.ce.p).replace(/^p (= )?/, '') + ' |');
  if (s.pi) lines.push('| Prediction interval | | ' + s.pi + ' | |');
  lines.push('');
  if (r.k > 1) lines.push('Heterogeneity: ' + s.het + '.', '');
  lines.push('_Computed with ' + s.version + '._');
  // Markdown would read "|" inside a cell and "*" or "_" as emphasis; none
  // of the text above comes from the pasted table.
  return lines.join('\n') + '\n';
}

// ---- R code ----------------------------------------------------------------------

async function copyR(cur) {
  // (the built-in example's results are shown before the module is ready)
  if (!shared.module) await new Promise((resolve) => window.addEventListener('metapool:module', resolve, { once: true }));
  const m = shared.module;
  const code = m.r_code(cur.text, cur.options);
  document.documentElement.dataset.rCodeLines = String(code.split('\n').length);
  try {
    await navigator.clipboard.writeText(code);
    say('The R code is on the clipboard (' + code.split('\n').length + ' lines): paste it into R with metafor installed.');
  } catch (_) {
    // No clipboard (some browsers from file://): show it, selected, to copy by hand.
    let area = $('r-code');
    if (!area) {
      area = document.createElement('textarea');
      area.id = 'r-code';
      area.className = 'r-code';
      area.readOnly = true;
      area.rows = 12;
      area.setAttribute('aria-label', 'R code that reproduces this analysis');
      box.append(area);
    }
    area.value = code;
    area.focus();
    area.select();
    say('Press Ctrl+C (⌘C) to copy the selected R code.');
  }
}

// ---- wiring -------------------------------------------------------------------------

async function run(what) {
  const cur = current();
  if (!cur || !cur.result || !cur.result.ok) {
    say('Nothing to export yet.');
    return;
  }
  const r = cur.result;
  try {
    switch (what) {
      case 'svg':
        download('metapool-forest.svg', new Blob([r.forest_svg], { type: 'image/svg+xml' }));
        break;
      case 'png': {
        say('Drawing the PNG…');
        const png = await pngOf(r.forest_svg);
        download('metapool-forest.png', png.blob);
        say('Saved metapool-forest.png (' + png.width + ' × ' + png.height + ' pixels, ' + DPI + ' dpi).');
        break;
      }
      case 'studies': download('metapool-studies.csv', new Blob([studiesCsv(r)], { type: 'text/csv;charset=utf-8' })); break;
      case 'results': download('metapool-results.csv', new Blob([resultsCsv(r)], { type: 'text/csv;charset=utf-8' })); break;
      case 'text': download('metapool-summary.txt', new Blob([summaryText(r)], { type: 'text/plain;charset=utf-8' })); break;
      case 'markdown': download('metapool-summary.md', new Blob([summaryMarkdown(r)], { type: 'text/markdown;charset=utf-8' })); break;
      case 'r': await copyR(cur); break;
      default: break;
    }
  } catch (err) {
    say('Could not export: ' + (err && err.message ? err.message : String(err)) + '.');
  }
}

export function startExports() {
  if (!box) return;
  const buttons = {
    'export-svg': 'svg', 'export-png': 'png', 'export-studies-csv': 'studies', 'export-results-csv': 'results',
    'export-text': 'text', 'export-markdown': 'markdown', 'export-r': 'r',
  };
  for (const [id, what] of Object.entries(buttons)) {
    const b = $(id);
    if (b) b.addEventListener('click', () => run(what));
  }
  const printButton = $('print');
  if (printButton) printButton.addEventListener('click', () => window.print());

  window.addEventListener('metapool:rendered', () => {
    const cur = current();
    const ok = !!(cur && cur.result && cur.result.ok);
    box.hidden = !ok;
    for (const id of ['export-svg', 'export-png']) {
      const b = $(id);
      if (b) b.disabled = !(ok && cur.result.forest_svg);
    }
  });
}
