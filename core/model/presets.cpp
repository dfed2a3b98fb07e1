// Presets: each tool's documented defaults for 2x2 tables, convention by
// convention. Where a value could not be confirmed in the tool's own
// documentation or source it is marked "unconfirmed" here and in the README.
//
// metafor 3.8-1: rma.mh() and rma.uni() defaults (read from its source):
//   no correction inside the MH sums (add = c(1/2, 0)), Q of rma.mh centred
//   on the MH estimate, I2 from Q in rma.mh, DL tau2 from the IV-centred Q,
//   REML, Wald tests, Sato-Greenland-Robins RD variance, Q-profile tau2 CI
//   (confint), prediction interval of predict(): normal, t(k-1) with knha.
// RevMan 5: Deeks & Higgins, "Statistical algorithms in Review Manager 5"
//   (2010); Cochrane Handbook 5.1 section 9.4.4 (0.5 added to every cell of
//   a study with a zero cell); R meta's settings.meta("RevMan5") (DL only,
//   I2 from Q, MH.exact = FALSE, RR.Cochrane = TRUE, Q.Cochrane = TRUE, no
//   prediction interval); the MH RD variance of Greenland & Robins (1985)
//   that the RevMan document gives. No tau2 CI is reported. Zero cells and
//   the RD (cc-rd variance): the study's RD and the MH RD come from the
//   tables as pasted, double zeros kept; 0.5 enters only the variances.
//   meta's metabin.R does the same (TE <- n11/n1. - n21/n2., seTE from the
//   corrected cells; MH: weights n1. n2. / n.., the Greenland-Robins
//   numerator from the corrected cells), so the meta preset follows it;
//   RevMan Web's zero-cell handling is taken as RevMan 5's (unconfirmed).
// RevMan Web: Cochrane Methods, "Random-effects meta-analysis methods for
//   Intervention Reviews" (2022, addenda May 2024; implemented January 2025):
//   REML, HKSJ, Q-profile tau2 CI, I2 from tau2, prediction interval. The
//   prediction interval's distribution, the HKSJ variant and the zero-cell
//   handling are unconfirmed (taken as t(k-1), untruncated, RevMan 5's).
// meta (R package, 8.x; settings.meta.R, metabin.R, hetcalc.R): REML,
//   incr = 0.5 to studies with a zero cell (method.incr = "only0"),
//   MH.exact = FALSE (correction inside the MH sums), RR.Cochrane = FALSE
//   (events only), Q.Cochrane = TRUE (MH-centred Q for DL; hetcalc.R centres
//   the reported Q on the IV estimate otherwise), method.I2 = "Q",
//   method.predict = "V" (t(k-1)), method.random.ci = "classic",
//   adhoc.hakn.ci = "" (untruncated), method.tau.ci: "J" (Jackson 2013,
//   weights 1/seTE in hetcalc.R) with DL, "QP" otherwise (metagen.R,
//   meta-package.R: "By default, the Jackson method is used for the
//   DerSimonian-Laird estimator ... and the Q-profile method for all other
//   estimators"), i.e. tau2-ci auto; MH RD variance of Greenland-Robins /
//   RevMan (Deeks 1999).
// Stata (meta esize / meta summarize, Stata 16+): REML (confirmed), I2 from
//   tau2 (confirmed by output with Q < df and I2 > 0); unconfirmed: 0.5 to
//   all cells of studies with a zero cell (zerocells(0.5, only0)), no
//   correction inside MH, IV-centred Q, prediction interval t(k-2),
//   Greenland-Robins RD variance, no tau2 CI, double zeros left out.
#include "model/presets.hpp"

#include <array>

#include "input/ascii_case.hpp"

namespace metapool {

namespace {

struct Conventions {
    const char* name;
    PresetWords words;
    Tau2Method tau2;
    bool hksj;
    bool hksj_truncate;
    bool cc_in_mh;
    RrCorrection cc_rr;
    DlQCentre dl_q;
    QCentre q;
    I2Source i2;
    PredictionInterval pi;
    Tau2Ci tau2_ci;
    MhRdVariance mh_rd_variance;
    RdCorrection cc_rd;
};

// Every preset adds 0.5 to all cells of the studies with a zero cell and
// leaves double-zero studies out of RR and OR (the metapool defaults).
constexpr std::array<Conventions, 5> kPresets{{
    {"metafor", {"metafor (R)", "metafor",
      "as R’s metafor computes it: rma.mh and rma.uni defaults (REML, Wald interval, normal prediction interval)."},
     Tau2Method::REML, false, false, false, RrCorrection::AllCells, DlQCentre::IV, QCentre::Common, I2Source::Q,
     PredictionInterval::Metafor, Tau2Ci::QProfile, MhRdVariance::SatoGreenlandRobins, RdCorrection::AllCells},
    {"revman5", {"RevMan 5", "RevMan 5",
      "as RevMan 5 computes it: DerSimonian–Laird τ² from the Mantel–Haenszel Q, correction inside the MH sums, no prediction interval."},
     Tau2Method::DL, false, false, true, RrCorrection::AllCells, DlQCentre::MH, QCentre::Common, I2Source::Q,
     PredictionInterval::None, Tau2Ci::None, MhRdVariance::GreenlandRobins, RdCorrection::Variance},
    {"revman-web", {"RevMan Web (2025 methods)", "RevMan Web",
      "as RevMan Web computes it since 2025: REML, Hartung–Knapp–Sidik–Jonkman, I² from τ², prediction interval."},
     Tau2Method::REML, true, false, true, RrCorrection::AllCells, DlQCentre::MH, QCentre::Common, I2Source::Tau2,
     PredictionInterval::TK1, Tau2Ci::QProfile, MhRdVariance::GreenlandRobins, RdCorrection::Variance},
    {"meta", {"meta (R)", "meta (R)",
      "as R’s meta computes it (metabin defaults): REML, corrections inside the MH sums and on the events only for RR."},
     Tau2Method::REML, false, false, true, RrCorrection::Events, DlQCentre::MH, QCentre::MhIfDl, I2Source::Q,
     PredictionInterval::TK1, Tau2Ci::Auto, MhRdVariance::GreenlandRobins, RdCorrection::Variance},
    {"stata", {"Stata", "Stata",
      "as Stata’s meta summarize computes it: REML, I² from τ² (some conventions unconfirmed; see the README)."},
     Tau2Method::REML, false, false, false, RrCorrection::AllCells, DlQCentre::IV, QCentre::IV, I2Source::Tau2,
     PredictionInterval::TK2, Tau2Ci::None, MhRdVariance::GreenlandRobins, RdCorrection::AllCells},
}};

const Conventions* find_preset(std::string_view name) {
    for (const Conventions& c : kPresets) {
        if (ascii_iequal(name, c.name)) return &c;
    }
    return nullptr;
}

bool same_conventions(const Options& o, const Conventions& c) {
    return o.tau2_method == c.tau2 && o.hksj == c.hksj && o.hksj_truncate == c.hksj_truncate &&
           o.cc_in_mh == c.cc_in_mh && o.cc_rr == c.cc_rr && o.dl_q == c.dl_q && o.q_centre == c.q && o.i2 == c.i2 && o.pi == c.pi &&
           o.tau2_ci == c.tau2_ci && o.mh_rd_variance == c.mh_rd_variance && o.cc_rd == c.cc_rd && o.cc == 0.5 &&
           o.cc_to == CcTo::Only0 && !o.cc_treatment_arm && o.drop00 == Drop00::Auto;
}

}  // namespace

const std::vector<std::string>& preset_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const Conventions& c : kPresets) out.emplace_back(c.name);
        return out;
    }();
    return names;
}

PresetWords preset_words(std::string_view name) {
    if (name.empty()) {
        return {"metapool defaults", "metapool defaults",
                "metafor’s conventions, with the prediction interval on t(k − 2) (Higgins, Thompson & Spiegelhalter 2009)."};
    }
    const Conventions* c = find_preset(name);
    return c == nullptr ? PresetWords{} : c->words;
}

std::string preset_list() {
    std::string list;
    for (const std::string& name : preset_names()) list += (list.empty() ? "" : ", ") + name;
    return list;
}

std::optional<Problem> apply_preset(Options& o, std::string_view name) {
    const Conventions* c = find_preset(name);
    if (c == nullptr) {
        return problem("option preset: '" + std::string(name) + "' is not accepted; use " + preset_list(), std::string(name));
    }
    o.preset = c->name;
    o.tau2_method = c->tau2;
    o.hksj = c->hksj;
    o.hksj_truncate = c->hksj_truncate;
    o.cc = 0.5;
    o.cc_to = CcTo::Only0;
    o.cc_treatment_arm = false;
    o.drop00 = Drop00::Auto;
    o.cc_in_mh = c->cc_in_mh;
    o.cc_rr = c->cc_rr;
    o.dl_q = c->dl_q;
    o.q_centre = c->q;
    o.i2 = c->i2;
    o.pi = c->pi;
    o.tau2_ci = c->tau2_ci;
    o.mh_rd_variance = c->mh_rd_variance;
    o.cc_rd = c->cc_rd;
    return {};
}

bool preset_unchanged(const Options& o) {
    const Conventions* c = find_preset(o.preset);
    return c == nullptr || same_conventions(o, *c);
}

void write_conventions(JsonWriter& j, const Options& o) {
    j.key("conventions").begin_object()
        .field("tau2", to_string(o.tau2_method))
        .field("hksj", o.hksj)
        .field("hksj_truncate", o.hksj_truncate)
        .field("cc", o.cc)
        .field("cc_to", to_string(o.cc_to))
        .field("cc_type", cc_type_name(o.cc_treatment_arm))
        .field("cc_rr", to_string(o.cc_rr))
        .field("cc_in_mh", o.cc_in_mh)
        .field("drop00_applied", drops_double_zero(o))
        .field("dl_q", to_string(o.dl_q))
        .field("q", to_string(o.q_centre))
        .field("i2", to_string(o.i2))
        .field("pi", to_string(o.pi))
        .field("tau2_ci", to_string(o.tau2_ci))
        .field("mh_rd_variance", to_string(o.mh_rd_variance))
        .field("cc_rd", to_string(o.cc_rd))
        .end_object();
}

}  // namespace metapool
