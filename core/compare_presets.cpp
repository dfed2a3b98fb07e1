// The table is parsed once and analysed under each preset's conventions.
#include "compare_presets.hpp"

#include "analyze.hpp"
#include "input/parse_table.hpp"
#include "model/presets.hpp"
#include "output/json_writer.hpp"

namespace metapool {

namespace {

void write_summary(JsonWriter& j, const PresetAnalysis& p) {
    const Analysis& a = p.analysis;
    j.begin_object().field("preset", p.preset).field("ok", a.ok()).field("error", message_of(a.problem)).field("k", a.k);
    write_conventions(j, a.options);
    j.key("common").begin_object()
        .field("method", to_string(a.common.method))
        .field("estimate", a.common.estimate).field("ci_lower", a.common.ci_lower)
        .field("ci_upper", a.common.ci_upper).field("p", a.common.p)
        .end_object();
    j.key("random").begin_object()
        .field("tau2_method", to_string(a.random.tau2_method)).field("hksj", a.random.hksj)
        .field("estimate", a.random.estimate).field("ci_lower", a.random.ci_lower)
        .field("ci_upper", a.random.ci_upper).field("p", a.random.p)
        .field("pi_lower", a.random.pi_lower).field("pi_upper", a.random.pi_upper)
        .end_object();
    const Heterogeneity& h = a.heterogeneity;
    j.key("heterogeneity").begin_object()
        .field("Q", h.Q).field("df", h.df).field("p", h.p).field("I2", h.I2).field("H2", h.H2)
        .field("tau2", h.tau2).field("tau2_ci_lower", h.tau2_ci_lower).field("tau2_ci_upper", h.tau2_ci_upper)
        .end_object();
    j.end_object();
}

}  // namespace

std::vector<PresetAnalysis> compare_presets(std::string_view text, const Options& options) {
    const ParsedTable table = parse_table(text);
    std::vector<PresetAnalysis> out;
    for (const std::string& name : preset_names()) {
        Options o = options;
        o.leave_one_out = false;
        o.cumulative = false;
        apply_preset(o, name);
        out.push_back({name, analyze(table, o)});
    }
    return out;
}

std::string compare_presets_json(std::string_view text, const Options& options) {
    JsonWriter j;
    j.begin_object().key("presets").begin_array();
    for (const PresetAnalysis& p : compare_presets(text, options)) write_summary(j, p);
    j.end_array().end_object();
    return j.str();
}

}  // namespace metapool
