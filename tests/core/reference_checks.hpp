// Checks of one analysis against a reference fixture's records (metafor's
// escalc studies and its common-effect fits), shared by the fixture tests.
#pragma once

#include <cmath>
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "fixture_support.hpp"
#include "model/analysis.hpp"

namespace metapool::test {

// metapool leaves a study with zero sampling variance (RD without continuity
// correction and no events, or only events, in both arms) out of every
// inverse-variance computation, where metafor keeps it with weight 1/tau2 and
// cannot compute Q. Such cases are compared on the Mantel-Haenszel part only;
// test_statistics.cpp checks that the study is left out with its reason.
inline bool has_zero_variance(const nlohmann::json& c) {
    for (const nlohmann::json& s : c["studies"]) {
        if (s["vi"].is_number() && s["vi"].get<double>() == 0) return true;
    }
    return false;
}

// Each study's yi and vi (analysis scale); a study the reference holds with
// vi = 0 must be left out (y NaN).
inline void check_studies(const std::string& context, const nlohmann::json& studies, const Analysis& a) {
    REQUIRE(studies.size() == a.studies.size());
    for (std::size_t i = 0; i < studies.size(); ++i) {
        if (studies[i]["vi"].is_number() && studies[i]["vi"].get<double>() == 0) {
            CHECK(std::isnan(a.studies[i].y));
            continue;
        }
        CHECK_AGREES("study " << i << " yi", a.studies[i].y, number(studies[i], "yi"));
        CHECK_AGREES("study " << i << " vi", a.studies[i].v, number(studies[i], "vi"));
    }
}

// Each study's weight (percent) against the reference's; null: left out.
inline void check_weights(const std::string& context, const char* what, const nlohmann::json& weights,
                          const Analysis& a, double StudyResult::*field) {
    REQUIRE(weights.size() == a.studies.size());
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const double theirs = weights[i].is_null() ? std::nan("") : weights[i].get<double>();
        CHECK_AGREES(what << " weight " << i, a.studies[i].*field, theirs);
    }
}

// A pooled estimate (a.common or a.random, named `model`): y, se, z, p and
// the CI on the analysis scale.
template <class Pooled>
void check_pooled(const std::string& context, const char* model, const nlohmann::json& ref, const Pooled& e,
                  Measure m) {
    CHECK_AGREES(model << " y", e.y, number(ref, "y"));
    CHECK_AGREES(model << " se", e.se, number(ref, "se"));
    CHECK_AGREES(model << " z", e.z, number(ref, "z"));
    CHECK_AGREES(model << " p", e.p, number(ref, "p"));
    CHECK_AGREES(model << " ci_lower", analysis_scale(e.ci_lower, m), number(ref, "ci_lower"));
    CHECK_AGREES(model << " ci_upper", analysis_scale(e.ci_upper, m), number(ref, "ci_upper"));
}

// A common-effect record: check_pooled, the weights where the record holds
// them, and with_q its Q, df, p, I2 and H2.
inline void check_common(const std::string& context, const nlohmann::json& ref, const Analysis& a, bool with_q) {
    check_pooled(context, "common", ref, a.common, a.options.measure);
    if (ref.contains("weights")) check_weights(context, "common", ref["weights"], a, &StudyResult::weight_common);
    if (!with_q) return;
    CHECK_AGREES("Q", a.heterogeneity.Q, number(ref, "Q"));
    CHECK_AGREES("Q df", a.heterogeneity.df, number(ref, "Q_df"));
    CHECK_AGREES("Q p", a.heterogeneity.p, number(ref, "Q_p"));
    // For the IV model the fixture holds metafor's own I2/H2 as I2_metafor
    // (0 and 1 when k = 1, the convention metapool follows).
    CHECK_AGREES("I2", a.heterogeneity.I2, number(ref, ref.contains("I2_metafor") ? "I2_metafor" : "I2"));
    CHECK_AGREES("H2", a.heterogeneity.H2, number(ref, ref.contains("H2_metafor") ? "H2_metafor" : "H2"));
}

}  // namespace metapool::test
