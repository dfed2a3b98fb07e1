// Share links: the pasted table and the options that differ from the
// defaults, in the URL fragment (#...), which browsers never send to a
// server: #d=<base64url of the deflated UTF-8 JSON> (or #j=<base64url of the
// JSON> where CompressionStream is missing), the JSON being
// {"v":1,"t":<text>,"o":{<options that differ from the defaults>}}; option
// names (`measure=OR`) may also be written as plain parameters, and
// `readonly=1` opens the page as an embedded worked example (state.js).
import { changedOptions, optionControls } from './options.js';

const MAX_LINK_JSON = 64 << 20;              // decompressed size limit for links (64 MB)

function toBase64Url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link is damaged (characters that do not belong)');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  let bin;
  try { bin = atob(b64); } catch (_) { throw new Error('the link is damaged (cut short?)'); }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes, stream, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      reader.cancel();
      throw new Error('the link holds more than ' + (limit >> 20) + ' MB of table');
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

const canDeflate = typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

// The fragment, without its '#', that carries `state` ({ text, options }).
export async function encodeFragment(state, extra) {
  const json = JSON.stringify({ v: 1, t: state.text, o: changedOptions(state.options) });
  const bytes = new TextEncoder().encode(json);
  let param = 'j=' + toBase64Url(bytes);
  if (canDeflate) {
    try {
      const packed = 'd=' + toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw'), Infinity));
      if (packed.length < param.length) param = packed;
    } catch (_) { /* keep j= */ }
  }
  return param + (extra || '');
}

// The state a fragment carries, or null when it carries none.
export async function decodeFragment(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  let state = null;
  const d = params.get('d');
  const j = params.get('j');
  if (d !== null || j !== null) {
    let bytes;
    if (d !== null) {
      if (!canDeflate) throw new Error('this browser cannot unpack the link (it lacks DecompressionStream)');
      try {
        bytes = await pipe(fromBase64Url(d), new DecompressionStream('deflate-raw'), MAX_LINK_JSON);
      } catch (err) {
        throw new Error(/MB/.test(err.message) ? err.message : 'the link is damaged (it does not unpack)');
      }
    } else {
      bytes = fromBase64Url(j);
    }
    let data;
    try {
      data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (_) {
      throw new Error('the link is damaged (its content is not readable)');
    }
    if (!data || typeof data !== 'object' || typeof data.t !== 'string') throw new Error('the link holds no table');
    if (data.v !== 1) throw new Error('the link comes from a newer metapool (format ' + String(data.v) + ')');
    state = { text: data.t, options: data.o && typeof data.o === 'object' ? { ...data.o } : {} };
  }
  // Plain option parameters (`#d=...&measure=OR`, or just `#measure=OR`).
  const names = new Set(optionControls().map((c) => c.dataset.option));
  for (const [k, v] of params) {
    if (!names.has(k)) continue;
    if (!state) state = { text: null, options: {} };
    state.options[k] = v;
  }
  return { state, readonly: params.get('readonly') === '1' || params.get('readonly') === 'true' };
}

// This page's address without its fragment.
export function baseUrl() {
  return location.href.replace(/#.*$/, '');
}