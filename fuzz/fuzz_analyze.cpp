// libFuzzer harness over the whole core: parse + analyse + JSON + text report
// + forest, leave-one-out and cumulative plot SVGs, under every option combination. The first two bytes of
// the input choose the options; the rest is the pasted text. Any crash, hang,
// sanitizer report or broken invariant below is a bug.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "analyze.hpp"
#include "output/analysis_json.hpp"
#include "output/r_code.hpp"
#include "output/show_working.hpp"
#include "output/text_report.hpp"
#include "plots/forest_plot.hpp"
#include "plots/sensitivity_plot.hpp"

namespace {

metapool::Options options_from(std::uint8_t x, std::uint8_t y) {
    using namespace metapool;
    Options o;
    o.measure = static_cast<Measure>(x % 3);
    o.method = static_cast<CommonMethod>((x / 3) % 3);
    o.tau2_method = static_cast<Tau2Method>((x / 9) % 8);
    o.hksj = (x / 72) % 2;
    o.cc_to = static_cast<CcTo>(y % 4);
    o.drop00 = static_cast<Drop00>((y / 4) % 3);
    o.cc_treatment_arm = (y / 12) % 2;
    o.cc = (y / 24) % 3 == 0 ? 0.5 : (y / 24) % 3 == 1 ? 0.0 : 1.0;
    // The high values of both bytes switch the tool conventions (presets.hpp).
    const bool alt = x >= 144;
    o.cc_in_mh = alt;
    o.hksj_truncate = alt;
    o.i2 = alt ? I2Source::Tau2 : I2Source::Q;
    // tau2 interval: Q-profile, Jackson's and Biggerstaff-Jackson's generalised
    // Q (numerical integration and root finding, both bounded), meta's auto.
    static constexpr Tau2Ci kGeneralised[] = {Tau2Ci::Auto, Tau2Ci::BiggerstaffJackson, Tau2Ci::Jackson};
    if (y % 2) o.tau2_ci = alt ? Tau2Ci::None : Tau2Ci::Jackson;
    else o.tau2_ci = alt ? kGeneralised[(x / 9) % 3] : Tau2Ci::QProfile;
    o.cc_rr = alt ? RrCorrection::Events : RrCorrection::AllCells;
    const int b = y / 72;  // 0..3
    o.pi = static_cast<PredictionInterval>(b + (alt && b == 3 ? 1 : 0));
    o.dl_q = b % 2 ? DlQCentre::MH : DlQCentre::IV;
    o.q_centre = static_cast<QCentre>(b % 3);
    o.mh_rd_variance = b >= 2 ? MhRdVariance::GreenlandRobins : MhRdVariance::SatoGreenlandRobins;
    return o;
}

void require(bool ok) {
    if (!ok) std::abort();
}

void check_invariants(const metapool::Analysis& a) {
    double wc = 0;
    for (const auto& s : a.studies) {
        if (s.included && std::isfinite(s.weight_common)) wc += s.weight_common;
        if (std::isfinite(s.ci_lower) && std::isfinite(s.ci_upper)) require(s.ci_lower <= s.ci_upper);
    }
    if (a.ok() && std::isfinite(a.common.y)) require(std::fabs(wc - 100) < 1e-6 || wc == 0);
    const double tau2 = a.heterogeneity.tau2;
    require(!(tau2 < 0));
    if (std::isfinite(a.random.ci_lower) && std::isfinite(a.random.ci_upper)) {
        require(a.random.ci_lower <= a.random.ci_upper);
    }
}

void check_no_markup(const std::string& svg) {
    require(svg.find("<script") == std::string::npos);
    require(svg.find("onerror=") == std::string::npos || svg.find("<img") == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    metapool::Options options = options_from(data[0], data[1]);
    const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
    // Leave-one-out and cumulative analyses (k re-analyses each) on short
    // inputs of odd length, so that a run stays well inside the timeout.
    options.leave_one_out = options.cumulative = text.size() <= 512 && size % 2 == 1;
    const metapool::Analysis a = metapool::analyze_text(text, options);
    check_invariants(a);
    const std::string json = metapool::to_json(a);
    require(!json.empty() && json.front() == '{' && json.back() == '}');
    require(json.find('<') == std::string::npos);  // escaped as \u003c
    (void)metapool::text_report(a);
    if (a.ok()) check_no_markup(metapool::forest_plot_svg(a));
    check_no_markup(metapool::sensitivity_plot_svg(a, metapool::SensitivityKind::leave_one_out));
    check_no_markup(metapool::sensitivity_plot_svg(a, metapool::SensitivityKind::cumulative));
    // The working and the R code (issue 6): JSON with every label escaped,
    // R code in plain ASCII (labels as escaped literals).
    const std::string working = metapool::working_json(metapool::show_working(a));
    require(!working.empty() && working.front() == '{' && working.find('<') == std::string::npos);
    for (const char c : metapool::metafor_code(a, text)) {
        require((c >= 0x20 && c < 0x7f) || c == '\n');
    }
    return 0;
}
