// Smaller text for dist/metapool.html (scripts/inline_dist.js): the page's
// scripts through terser (an npm devDependency; compress and rename local
// names, never properties: the scripts share only the global self.metapool,
// web/shared.js, and each bundle's modules live inside one function), its
// style sheet by removing comments and the white space
// that carries no meaning. The sources in web/ stay readable; the built page
// is what people download, and its gzipped size is one of BENCHMARKS.md's targets.
'use strict';

const { minify_sync: terserMinify } = require('terser');

function minifyScript(code, name) {
  const out = terserMinify(code, {
    ecma: 2020,
    compress: { passes: 3 },  // the page 60 B smaller gzipped than with two; a fourth changes nothing
    mangle: true,
    format: { comments: false },
  });
  if (!out || typeof out.code !== 'string') throw new Error('terser gave nothing for ' + name);
  return out.code;
}

// Only white space next to { } ; , and after : goes: white space before "("
// ("and (max-width: 600px)") or around a selector's ":" (".a :focus") means
// something. Strings are font names, untouched by these rules; a string
// with one of those characters, or a url(), is refused rather than guessed at.
function minifyCss(css) {
  const bare = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const strings = bare.match(/"[^"]*"|'[^']*'/g) || [];
  if (/url\(/.test(bare) || strings.some((s) => /[{};,:]|\s\s|\n/.test(s))) {
    throw new Error('style.css has a url() or a string with {};,: or line breaks; minifyCss does not handle them');
  }
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

module.exports = { minifyScript, minifyCss };
