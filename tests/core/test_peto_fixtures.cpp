// Peto's method, study by study: each study's y and v are its Peto log OR
// (O - E)/V and 1/V from the table as pasted (Yusuf et al. 1985), as RevMan 5
// shows them, checked against metafor's escalc(measure = "PETO", add = 0) to
// 1e-6 relative (tests/fixtures/peto_reference.json, made by
// generate_peto_fixtures.R); the pooled Peto OR and Q against rma.peto(),
// and the DL random-effects model built on those y and v against rma().
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "analyze.hpp"
#include "fixture_support.hpp"
#include "model/option_registry.hpp"

using nlohmann::json;
using namespace metapool;
using test::agrees;
using test::number;

namespace {

const json& reference() { return test::fixture("peto_reference.json"); }

Analysis run_peto(const json& c, const char* tau2) {
    Options o;
    REQUIRE(!set_option(o, "measure", "OR"));
    REQUIRE(!set_option(o, "method", "PETO"));
    REQUIRE(!set_option(o, "tau2", tau2));
    const Analysis a = analyze_text(c["table"].get<std::string>(), o);
    REQUIRE(a.ok());
    return a;
}

}  // namespace

TEST_CASE("Peto: every study's y, v and CI are the uncorrected Peto ones (metafor escalc PETO, add = 0)", "[peto]") {
    REQUIRE(reference()["cases"].size() == 23);
    int zero_cell_studies = 0;
    for (const json& c : reference()["cases"]) {
        const std::string context = c["name"].get<std::string>();
        const Analysis a = run_peto(c, "DL");
        const json& studies = c["studies"];
        REQUIRE(studies.size() == a.studies.size());
        const double z = 1.959963984540054;
        for (std::size_t i = 0; i < studies.size(); ++i) {
            const StudyResult& s = a.studies[i];
            if (studies[i]["yi"].is_null()) {
                CHECK(std::isnan(s.y));
                continue;
            }
            if (s.e1 == 0 || s.e2 == 0 || s.e1 == s.n1 || s.e2 == s.n2) ++zero_cell_studies;
            CHECK_FALSE(s.corrected);
            CHECK_AGREES("study " << i << " yi", s.y, number(studies[i], "yi"));
            CHECK_AGREES("study " << i << " vi", s.v, number(studies[i], "vi"));
            const double yi = number(studies[i], "yi"), sei = std::sqrt(number(studies[i], "vi"));
            CHECK_AGREES("study " << i << " OR", s.estimate, std::exp(yi));
            CHECK_AGREES("study " << i << " lower", s.ci_lower, std::exp(yi - z * sei));
            CHECK_AGREES("study " << i << " upper", s.ci_upper, std::exp(yi + z * sei));
        }
        const json& p = c["peto"];
        CHECK_AGREES("Peto y", a.common.y, number(p, "y"));
        CHECK_AGREES("Peto se", a.common.se, number(p, "se"));
        CHECK_AGREES("Peto Q", a.heterogeneity.Q, number(p, "Q"));
        CHECK_AGREES("Peto Q df", a.heterogeneity.df, number(p, "Q_df"));
    }
    CHECK(zero_cell_studies == 16);  // the studies with a zero cell in the 23 cases
}

TEST_CASE("Peto: the random-effects model uses the Peto per-study values (as R meta)", "[peto]") {
    int checked = 0;
    for (const json& c : reference()["cases"]) {
        if (!c.contains("random_dl")) continue;
        const std::string context = c["name"].get<std::string>();
        const Analysis a = run_peto(c, "DL");
        const json& r = c["random_dl"];
        CHECK_AGREES("tau2", a.heterogeneity.tau2, number(r, "tau2"));
        CHECK_AGREES("random y", a.random.y, number(r, "y"));
        CHECK_AGREES("random se", a.random.se, number(r, "se"));
        // Peto's own Q equals the inverse-variance Q of the Peto y and v.
        CHECK_AGREES("Q", a.heterogeneity.Q, number(r, "Q"));
        ++checked;
    }
    CHECK(checked == 22);  // every case but the one without a random-effects reference
}
