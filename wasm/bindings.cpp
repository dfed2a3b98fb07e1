// Embind bindings over the core: no statistics here.
//
//   analyze(text, options) -> the object that `metapool --json` prints, plus
//                             `forest_svg` and `funnel_svg` (the core's forest
//                             and funnel plots as SVG text), and
//                             `leave_one_out_svg` / `cumulative_svg` (the
//                             sensitivity plots) when those options are on
//   working(text, options) -> "show the working" of the same analysis
//                             (core/output/show_working.hpp: steps of columns and lines)
//   r_code(text, options)  -> metafor code reproducing it (core/output/r_code.hpp)
//   compare_presets(text, options)
//                          -> the object compare_presets_json() writes: the
//                             table under every preset, side by side
//                             (core/compare_presets.hpp)
//   version()              -> the project version
//
// `options` is a plain object whose keys and values are the CLI's spellings
// ({measure: "OR", tau2: "DL", hksj: true, cc: 0.5, "cc-to": "all"}); booleans
// become yes/no and numbers their decimal form. Unknown keys or values are not
// guessed at: the result then has ok = false and `error` naming every rejected
// option, and no analysis is run.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyze.hpp"
#include "compare_presets.hpp"
#include "model/analysis.hpp"
#include "model/option_registry.hpp"
#include "model/options.hpp"
#include "model/problem.hpp"
#include "output/analysis_json.hpp"
#include "output/r_code.hpp"
#include "output/show_working.hpp"
#include "plots/forest_plot.hpp"
#include "plots/funnel_plot.hpp"
#include "plots/sensitivity_plot.hpp"

#ifndef METAPOOL_VERSION
#define METAPOOL_VERSION "unknown"
#endif

// Puts each study's object together from what to_json() handed over apart
// (output/analysis_json.hpp), in place of `studies` of the parsed `result`,
// which holds the studies' texts; `numbers` holds their kStudyNumberFields
// values (`per_study` of them a study, in that order). The objects get to_json()'s keys in its
// order (write_study in output/analysis_json.cpp), with the values
// JSON.parse() gives of its text: null for NaN and infinities, 0 for -0,
// booleans for the flags. tests/wasm compare every key and value with the CLI's.
EM_JS(void, put_study_objects, (emscripten::EM_VAL result_handle, const double* numbers, std::size_t per_study), {
    var result = Emval.toValue(result_handle);
    var texts = result.studies;
    var v = HEAPF64;
    var at = numbers >> 3;
    function num(x) { return x === 0 ? 0 : x - x === 0 ? x : null; }
    var studies = [];
    for (var i = 0; i < texts.length; i++, at += per_study) {
        var t = texts[i];
        var s = {
            label: t.label, line: v[at], e1: num(v[at + 1]), n1: num(v[at + 2]), e2: num(v[at + 3]),
            n2: num(v[at + 4]), y: num(v[at + 5]), v: num(v[at + 6]), se: num(v[at + 7]), estimate: num(v[at + 8]),
            ci_lower: num(v[at + 9]), ci_upper: num(v[at + 10]), weight_common: num(v[at + 11]),
            weight_random: num(v[at + 12]), included: v[at + 13] !== 0, excluded_reason: t.excluded_reason,
            corrected: v[at + 14] !== 0, pasted_label: t.pasted_label, arms_swapped: v[at + 15] !== 0
        };
        if ("group" in t) s.group = t.group;
        if ("year" in t) s.year = t.year;
        if ("reported" in t) s.reported = t.reported;
        s.printed = t.printed;
        s.cells = {a: num(v[at + 16]), b: num(v[at + 17]), c: num(v[at + 18]), d: num(v[at + 19])};
        studies.push(s);
    }
    result.studies = studies;
});

namespace {

using emscripten::val;

// Text the core wrote (UTF-8) as a JavaScript string, decoded by
// TextDecoder straight from the module's memory in pieces. Embind's own
// conversion of a std::string copies it, scans it byte by byte in JavaScript
// twice (for NULs) and decodes it whole. The pieces: runs of ASCII of at most
// kDecodePiece bytes, and between them the bytes from a non-ASCII byte up to
// the next run of at least kAsciiRun ASCII bytes (or kDecodePiece bytes, then
// up to the next ASCII byte). In Chromium, TextDecoder turns a piece that
// holds any non-ASCII byte into a two-byte string, and inside analyze() that
// took milliseconds for each such piece of 80 kB (a forest plot of 1,000
// trials, 650 kB with an en dash, a tau and two superscripts in it: 5 ms for
// its first piece, 3 ms for its last; a fifth of the module's time in the
// page), against microseconds for the same piece as ASCII; one large buffer
// with any non-ASCII byte in it took a hundred times longer still. ASCII
// runs come out as one-byte strings, and only the few bytes around the
// non-ASCII characters as two-byte ones. Every piece ends just before an
// ASCII byte, which no UTF-8 sequence (valid or not) continues into, so the
// pieces decode to exactly the text decoded whole. Text of up to one piece
// (the plot and JSON of 100 trials) that is all ASCII stays one string.
constexpr std::size_t kDecodePiece = 80 * 1024;
constexpr std::size_t kAsciiRun = 1024;

bool is_ascii(char c) { return (static_cast<unsigned char>(c) & 0x80) == 0; }

// The end of the ASCII run that starts at `at`, at most kDecodePiece long.
std::size_t ascii_piece_end(std::string_view s, std::size_t at) {
    const std::size_t limit = std::min(s.size(), at + kDecodePiece);
    std::size_t end = at;
    while (end < limit && is_ascii(s[end])) ++end;
    return end;
}

// The end of the piece that starts at the non-ASCII byte at `at`: before the
// next run of kAsciiRun ASCII bytes, or before the first ASCII byte after
// kDecodePiece bytes, or the end of the text.
std::size_t mixed_piece_end(std::string_view s, std::size_t at) {
    std::size_t end = at;
    std::size_t ascii_run = 0;  // ASCII bytes just before `end`
    while (end < s.size() && ascii_run < kAsciiRun && !(end - at >= kDecodePiece && is_ascii(s[end]))) {
        ascii_run = is_ascii(s[end]) ? ascii_run + 1 : 0;
        ++end;
    }
    return end - ascii_run;
}

val js_string(std::string_view s) {
    static const val decoder = val::global("TextDecoder").new_();
    val text = val("");
    for (std::size_t at = 0; at < s.size();) {
        const std::size_t end = is_ascii(s[at]) ? ascii_piece_end(s, at) : mixed_piece_end(s, at);
        const auto* bytes = reinterpret_cast<const unsigned char*>(s.data() + at);
        const val piece = decoder.call<val>("decode", val(emscripten::typed_memory_view(end - at, bytes)));
        text = at == 0 ? piece : text.call<val>("concat", piece);
        at = end;
    }
    return text;
}

// JSON text the core wrote, as the JavaScript value it stands for.
val parse_json(const std::string& json) { return val::global("JSON").call<val>("parse", js_string(json)); }

// The analysis as the JavaScript object JSON.parse() makes of to_json().
val analysis_object(const metapool::Analysis& analysis) {
    std::vector<double> numbers;
    val result = parse_json(metapool::to_json(analysis, numbers));
    put_study_objects(result.as_handle(), numbers.data(), std::size(metapool::kStudyNumberFields));
    return result;
}

// The option value as the CLI would spell it; false for values that cannot
// stand for an option at all (objects, functions, ...).
bool option_text(const val& v, std::string& out) {
    if (v.isString()) {
        out = v.as<std::string>();
        return true;
    }
    if (v.isTrue()) {
        out = "yes";
        return true;
    }
    if (v.isFalse()) {
        out = "no";
        return true;
    }
    if (v.isNumber()) {
        out = val::global("String")(v).as<std::string>();
        return true;
    }
    return false;
}

// Reads `options` into `opts` (a preset first, whatever its place among the
// keys); refused, with every rejected option's message joined by "; ", when
// any option is rejected.
std::optional<metapool::Problem> read_options(const val& options, metapool::Options& opts) {
    std::vector<std::string> messages;
    std::vector<std::pair<std::string, std::string>> pairs;
    if (!options.isUndefined() && !options.isNull()) {
        const val keys = val::global("Object").call<val>("keys", options);
        const unsigned n = keys["length"].as<unsigned>();
        for (unsigned i = 0; i < n; ++i) {
            const std::string key = keys[i].as<std::string>();
            const val v = options[key];
            if (v.isUndefined() || v.isNull()) continue;  // "use the default"
            std::string value;
            if (option_text(v, value)) pairs.emplace_back(key, value);
            else messages.push_back("option " + key + ": the value must be a string, number or boolean");
        }
    }
    for (const metapool::Problem& p : metapool::set_options(opts, pairs)) messages.push_back(p.message);
    if (messages.empty()) return std::nullopt;
    std::string joined;
    for (const std::string& m : messages) joined += (joined.empty() ? "" : "; ") + m;
    return metapool::problem(joined);
}

// The analysis of `text` under `options`, or refused (`problem`) naming
// every rejected option. `small_study` false skips the funnel tests
// (working and r_code need none of them).
metapool::Analysis run(const std::string& text, const val& options, bool small_study = true) {
    metapool::Options opts;
    std::optional<metapool::Problem> rejected = read_options(options, opts);
    metapool::Analysis analysis;
    if (!small_study) opts.small_study = false;
    if (!rejected) {
        analysis = metapool::analyze_text(text, opts);
    } else {
        analysis.options = opts;
        analysis.problem = std::move(rejected);
    }
    return analysis;
}

val analyze(const std::string& text, const val& options) {
    const metapool::Analysis analysis = run(text, options);
    val result = analysis_object(analysis);
    result.set("forest_svg", js_string(metapool::forest_plot_svg(analysis)));
    // The funnel plot belongs with the small-study tests: the page asks for
    // neither while their panel is closed (option small-study no).
    if (analysis.options.small_study) result.set("funnel_svg", js_string(metapool::funnel_plot_svg(analysis)));
    if (analysis.options.leave_one_out) {
        result.set("leave_one_out_svg",
                   js_string(metapool::sensitivity_plot_svg(analysis, metapool::SensitivityKind::leave_one_out)));
    }
    if (analysis.options.cumulative) {
        result.set("cumulative_svg",
                   js_string(metapool::sensitivity_plot_svg(analysis, metapool::SensitivityKind::cumulative)));
    }
    return result;
}

// The "show the working" object (core/output/show_working.hpp) of the same analysis.
val working(const std::string& text, const val& options) {
    return parse_json(metapool::working_json(metapool::show_working(run(text, options, false))));
}

// The metafor code that reproduces the same analysis (core/output/r_code.hpp).
std::string r_code(const std::string& text, const val& options) {
    return metapool::metafor_code(run(text, options, false), text);
}

// The table under every preset (core/compare_presets.hpp), or ok = false
// naming every rejected option (and no presets).
val compare_presets(const std::string& text, const val& options) {
    metapool::Options opts;
    if (const std::optional<metapool::Problem> rejected = read_options(options, opts)) {
        val result = val::object();
        result.set("ok", false);
        result.set("error", rejected->message);
        result.set("presets", val::array());
        return result;
    }
    opts.small_study = false;  // the comparison shows pooled results only
    val result = parse_json(metapool::compare_presets_json(text, opts));
    result.set("ok", true);
    result.set("error", std::string());
    return result;
}

std::string version() { return METAPOOL_VERSION; }

// Every option the core takes (core/model/option_registry.hpp), for the page's controls.
val options_registry() { return parse_json(metapool::option_registry_json()); }

}  // namespace

EMSCRIPTEN_BINDINGS(metapool) {
    emscripten::function("analyze", &analyze);
    emscripten::function("working", &working);
    emscripten::function("r_code", &r_code);
    emscripten::function("compare_presets", &compare_presets);
    emscripten::function("version", &version);
    emscripten::function("options_registry", &options_registry);
}
