// Embind bindings over the core: no statistics here.
//
//   analyze(text, options) -> the object that `metapool --json` prints, plus
//                             `forest_svg` (the core's forest plot as SVG text)
//   version()              -> the project version
//
// `options` is a plain object whose keys and values are the CLI's spellings
// ({measure: "OR", tau2: "DL", hksj: true, cc: 0.5, "cc-to": "all"}); booleans
// become yes/no and numbers their decimal form. Unknown keys or values are not
// guessed at: the result then has ok = false and `error` naming every rejected
// option, and no analysis is run.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "analysis.hpp"
#include "analysis_json.hpp"
#include "analyze.hpp"
#include "forest_plot.hpp"
#include "options.hpp"

#ifndef METAPOOL_VERSION
#define METAPOOL_VERSION "unknown"
#endif

namespace {

using emscripten::val;

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

val analyze(const std::string& text, const val& options) {
    metapool::Options opts;
    std::string option_errors;
    if (!options.isUndefined() && !options.isNull()) {
        const val keys = val::global("Object").call<val>("keys", options);
        const unsigned n = keys["length"].as<unsigned>();
        for (unsigned i = 0; i < n; ++i) {
            const std::string key = keys[i].as<std::string>();
            const val v = options[key];
            if (v.isUndefined() || v.isNull()) continue;  // "use the default"
            std::string value;
            std::string message;
            if (!option_text(v, value)) {
                message = "option " + key + ": the value must be a string, number or boolean";
            } else {
                message = metapool::set_option(opts, key, value);
            }
            if (!message.empty()) {
                if (!option_errors.empty()) option_errors += "; ";
                option_errors += message;
            }
        }
    }

    metapool::Analysis analysis;
    if (option_errors.empty()) {
        analysis = metapool::analyze_text(text, opts);
    } else {
        analysis.options = opts;
        analysis.ok = false;
        analysis.error = option_errors;
    }

    val result = val::global("JSON").call<val>("parse", metapool::to_json(analysis));
    result.set("forest_svg", metapool::forest_plot_svg(analysis));
    return result;
}

std::string version() { return METAPOOL_VERSION; }

}  // namespace

EMSCRIPTEN_BINDINGS(metapool) {
    emscripten::function("analyze", &analyze);
    emscripten::function("version", &version);
}
