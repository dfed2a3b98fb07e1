// Numbers as the page writes them: every view rounds and words the module's
// numbers with these, so that they read alike everywhere. No statistics here.

export const DASH = '—';

// Whole numbers with thousands separators, as en-US writes them ("357,347").
// Not Intl.NumberFormat: its first use loads ICU's locale data, which cost
// some 75 ms of the page's start in Chromium, for a few commas.
export function int(x) {
  const n = Math.sign(x) * Math.round(Math.abs(x));  // halves away from zero, as Intl
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return String(n);
  const digits = String(Math.abs(n));
  let s = digits.slice(0, (digits.length - 1) % 3 + 1);
  for (let i = s.length; i < digits.length; i += 3) s += ',' + digits.slice(i, i + 3);
  return (n < 0 ? '-' : '') + s;
}

export const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
const minus = (s) => s.replace(/^-/, '−');

export function fixed(x, digits) {
  if (!isNum(x)) return DASH;
  let s = x.toFixed(digits);
  if (/^-0\.?0*$/.test(s)) s = s.slice(1);  // no "-0.00"
  return minus(s);
}

// Ratios: two decimals in the usual range, more significant digits when tiny.
export function ratio(x) {
  if (!isNum(x)) return DASH;
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a < 0.01) return minus(x.toPrecision(2));
  if (a >= 1000) return minus(x.toPrecision(3));
  if (a >= 100) return fixed(x, 0);
  return fixed(x, 2);
}

export function estimate(x, measure) {
  return measure === 'RD' ? fixed(x, 3) : ratio(x);
}

export function pValue(p) {
  if (!isNum(p)) return DASH;
  if (p < 0.0001) return '< 0.0001';
  if (p >= 0.9995) return '1.00';
  return p.toPrecision(2);
}

// Non-breaking spaces keep "p < 0.0001" and "95% CI" on one line.
const NB = '\u00a0';
export function pText(p) {
  const s = pValue(p).replace(' ', NB);
  return s.startsWith('<') ? 'p' + NB + s : 'p' + NB + '=' + NB + s;
}

export function percent(x, digits = 0) {
  return isNum(x) ? fixed(x, digits) + '%' : DASH;
}

export function sig(x, digits = 3) {
  if (!isNum(x)) return DASH;
  if (x === 0) return '0';
  return minus(Math.abs(x) < 1e-4 ? x.toExponential(1) : x.toPrecision(digits));
}

export function levelPercent(level) {
  const p = 100 * (isNum(level) ? level : 0.95);
  return String(Math.round(p * 10) / 10);
}

export function interval(lo, hi, measure) {
  if (!isNum(lo) && !isNum(hi)) return DASH;
  return estimate(lo, measure) + ' to ' + estimate(hi, measure);
}

export const MEASURE_NAME = { RR: 'Risk ratio', OR: 'Odds ratio', RD: 'Risk difference' };
export const METHOD_NAME = { MH: 'Mantel–Haenszel', IV: 'inverse variance', PETO: 'Peto' };
