#include "checks/checks_json.hpp"

#include <cmath>

#include "checks/precision.hpp"

namespace metapool {

namespace {

void null(JsonWriter& j, const char* name) { j.field(name, std::nan("")); }

// A printed number: {"value", "decimals", "relation", "text"}, or null.
void printed_number(JsonWriter& j, const char* name, const PrintedNumber& p) {
    if (!p.present()) return null(j, name);
    j.key(name).begin_object()
        .field("value", p.value).field("decimals", p.decimals)
        .field("relation", std::string(1, p.relation)).field("text", printed_text(p))
        .end_object();
}

void checked_numbers(JsonWriter& j, const std::vector<CheckedNumber>& numbers) {
    j.key("numbers").begin_array();
    for (const CheckedNumber& c : numbers) {
        j.begin_object()
            .field("name", c.name).field("printed", c.printed).field("computed", c.computed)
            .field("computed_text", c.computed_text).field("agrees", c.agrees)
            .end_object();
    }
    j.end_array();
}

void configuration(JsonWriter& j, const Configuration& c) {
    j.begin_object().field("preset", c.preset).field("options", c.options).field("description", c.description).end_object();
}

void printed_pooled(JsonWriter& j, const PrintedPooled& b) {
    j.begin_object().field("line", b.line).field("label", b.label).field("group", b.group);
    printed_number(j, "n1", b.n1);
    printed_number(j, "n2", b.n2);
    printed_number(j, "events1", b.events1);
    printed_number(j, "events2", b.events2);
    printed_number(j, "weight", b.weight);
    printed_number(j, "estimate", b.estimate);
    printed_number(j, "ci_lower", b.lower);
    printed_number(j, "ci_upper", b.upper);
    printed_number(j, "tau2", b.tau2);
    j.field("tau2_method", b.tau2_method);
    printed_number(j, "Q", b.Q);
    printed_number(j, "df", b.df);
    printed_number(j, "Q_p", b.Q_p);
    printed_number(j, "I2", b.I2);
    printed_number(j, "z", b.z);
    printed_number(j, "p", b.p);
    printed_number(j, "pi_lower", b.pi_lower);
    printed_number(j, "pi_upper", b.pi_upper);
    j.key("lines").begin_array();
    for (int line : b.lines) j.value(line);
    j.end_array().end_object();
}

}  // namespace

void write_printed_study(JsonWriter& j, const PrintedStudy& p) {
    if (!p.any()) return null(j, "printed");
    j.key("printed").begin_object();
    printed_number(j, "weight", p.weight);
    printed_number(j, "estimate", p.estimate);
    printed_number(j, "ci_lower", p.lower);
    printed_number(j, "ci_upper", p.upper);
    printed_number(j, "percent1", p.percent1);
    printed_number(j, "percent2", p.percent2);
    j.end_object();
}

void write_source(JsonWriter& j, const SourceChecks& c) {
    const PrintedSource& s = c.source;
    if (!s.any()) return null(j, "source");
    j.key("source").begin_object();
    if (s.analysis.present) {
        j.key("analysis").begin_object()
            .field("line", s.analysis.line).field("text", s.analysis.text).field("measure", s.analysis.measure)
            .field("method", s.analysis.method).field("model", s.analysis.model).field("level", s.analysis.level)
            .end_object();
    } else {
        null(j, "analysis");
    }
    j.key("pooled").begin_array();
    for (const PrintedPooled& b : s.pooled) printed_pooled(j, b);
    j.end_array();
    if (s.subgroup_test.line > 0) {
        j.key("subgroup_test").begin_object().field("line", s.subgroup_test.line);
        printed_number(j, "Q", s.subgroup_test.Q);
        printed_number(j, "df", s.subgroup_test.df);
        printed_number(j, "p", s.subgroup_test.p);
        printed_number(j, "I2", s.subgroup_test.I2);
        j.end_object();
    } else {
        null(j, "subgroup_test");
    }
    j.end_object();
}

void write_checks(JsonWriter& j, const SourceChecks& c) {
    if (!c.present) return null(j, "checks");
    j.key("checks").begin_object()
        .field("present", c.present).field("studies_checked", c.studies_checked)
        .field("studies_flagged", c.studies_flagged).field("summary", c.summary);
    j.key("studies").begin_array();
    for (const StudyCheck& s : c.studies) {
        j.begin_object().field("line", s.line).field("label", s.label).field("agrees", s.agrees).field("message", s.message);
        checked_numbers(j, s.numbers);
        j.end_object();
    }
    j.end_array();
    j.key("pooled").begin_array();
    for (const PooledCheck& p : c.pooled) {
        j.begin_object().field("line", p.line).field("label", p.label).field("group", p.group).field("reproduced", p.reproduced);
        j.key("matches").begin_array();
        for (const Configuration& m : p.matches) configuration(j, m);
        j.end_array();
        j.key("closest");
        configuration(j, p.closest);
        checked_numbers(j, p.numbers);
        j.field("message", p.message).end_object();
    }
    j.end_array().end_object();
}

}  // namespace metapool
