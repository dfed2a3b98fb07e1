// Every choice an analysis depends on, with the defaults written down here
// and in the README, and how each value of each choice is spelled. Plain
// data; the option registry (model/option_registry.hpp) reads options from
// text with these spellings, so that the CLI, the module and the JSON spell
// every value the same way.
#pragma once

#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace metapool {

enum class Measure { RR, OR, RD };
enum class CommonMethod { MH, IV, PETO };
enum class Tau2Method { DL, REML, PM, ML, HE, SJ, HS, EB };
// Which studies get the continuity correction (metafor's `to` argument).
enum class CcTo { Only0, All, If0All, None };
enum class Drop00 { Auto, Yes, No };  // Auto: yes for RR and OR, no for RD

// Conventions in which the tools differ (README, "Presets"; each is
// implemented, with its source, in the file of the method it changes).
// Continuity correction of the per-study risk ratio: all four cells
// (metafor, RevMan 5), or the events only, i.e. a + cc of n1 + cc (R meta's
// RR.Cochrane = FALSE).
enum class RrCorrection { AllCells, Events };
// Centre of the Q from which DerSimonian-Laird tau2 is computed when the
// common effect is Mantel-Haenszel: the inverse-variance estimate (metafor's
// rma.uni) or the MH estimate (RevMan 5, meta's Q.Cochrane).
enum class DlQCentre { IV, MH };
// Centre of the reported Q (and I2 from Q) when the common effect is MH: the
// MH estimate (metafor's rma.mh, RevMan 5), the IV estimate, or as R meta:
// the MH estimate with DL tau2 and the IV estimate otherwise.
enum class QCentre { Common, IV, MhIfDl };
// I2 (and H2) from Q, or from tau2 with the typical within-study variance.
enum class I2Source { Q, Tau2 };
// Prediction interval: t(k-2) (Higgins et al. 2009), t(k-1), normal, as
// metafor's predict() (normal, or t(k-1) with HKSJ), or none.
enum class PredictionInterval { TK2, TK1, Z, Metafor, None };
// Confidence interval for tau2: Q-profile (Viechtbauer 2007), Jackson's
// (2013) generalised Q with weights 1/se, Biggerstaff & Jackson's (2008)
// with weights 1/v, none, or Auto: Jackson with the DL estimator and
// Q-profile otherwise (R meta's default).
enum class Tau2Ci { QProfile, None, Jackson, BiggerstaffJackson, Auto };
// Variance of the Mantel-Haenszel risk difference.
enum class MhRdVariance { SatoGreenlandRobins, GreenlandRobins };
// Continuity correction of a risk difference: into all cells, so that it
// moves the study's RD and the MH weights (metafor's escalc), or into the
// variances only, the RD and the MH RD from the tables as pasted (RevMan 5,
// Deeks & Higgins 2010; R meta's metabin).
enum class RdCorrection { AllCells, Variance };

struct Options {
    Measure measure = Measure::RR;
    CommonMethod method = CommonMethod::MH;
    Tau2Method tau2_method = Tau2Method::REML;
    bool hksj = false;          // Hartung-Knapp-Sidik-Jonkman interval
    double cc = 0.5;            // continuity correction value (metafor's `add`)
    CcTo cc_to = CcTo::Only0;
    bool cc_treatment_arm = false;  // Sweeting, Sutton & Lambert (2004)
    Drop00 drop00 = Drop00::Auto;
    double level = 0.95;        // confidence level of every interval
    // Assumed control risk for absolute effects; NaN: the pooled risk of the
    // control arms of the included studies.
    double control_risk = std::numeric_limits<double>::quiet_NaN();
    bool leave_one_out = false;  // compute the leave-one-out table
    bool cumulative = false;     // compute the cumulative meta-analysis (by year if the table has a year column, else pasted order)
    bool small_study = true;     // tests for funnel asymmetry and trim-and-fill (off in sensitivity steps)
    // Conventions (defaults: metafor's, see presets.hpp).
    bool cc_in_mh = false;       // continuity correction inside the MH sums
    RrCorrection cc_rr = RrCorrection::AllCells;
    DlQCentre dl_q = DlQCentre::IV;
    QCentre q_centre = QCentre::Common;
    I2Source i2 = I2Source::Q;
    PredictionInterval pi = PredictionInterval::TK2;
    bool hksj_truncate = false;  // HKSJ scale max(1, q) (Knapp & Hartung 2003)
    Tau2Ci tau2_ci = Tau2Ci::QProfile;
    MhRdVariance mh_rd_variance = MhRdVariance::SatoGreenlandRobins;
    RdCorrection cc_rd = RdCorrection::AllCells;
    std::string preset;          // the preset applied last ("" for none)
};

// The tau2 interval computed under these options (Auto resolved).
Tau2Ci resolved_tau2_ci(const Options& options);

// The options of an analysis made inside another one (a subgroup, a step of
// the leave-one-out or cumulative analysis): the same statistics, without
// the extra analyses that belong to the outer analysis only.
Options inner_analysis_options(Options options);

// True when double-zero studies are left out under these options.
bool drops_double_zero(const Options& options);

// How the values of a choice are spelled (matched without regard to case),
// in the order they are listed to the user. The first spelling of a value is
// the one written out (to_string, the JSON, the R code). A value the page
// offers has its words here too: the label of its entry in the control's
// list ("REML — restricted maximum likelihood"; the part before " — " is
// what the page shows in bold above the explanation) and one sentence that
// explains it, shown under the control when it is chosen.
template <class E>
struct Spelling {
    std::string_view text;
    E value;
    std::string_view label = {};
    std::string_view explain = {};
};

const std::vector<Spelling<Measure>>& spellings(Measure);
const std::vector<Spelling<CommonMethod>>& spellings(CommonMethod);
const std::vector<Spelling<Tau2Method>>& spellings(Tau2Method);
const std::vector<Spelling<CcTo>>& spellings(CcTo);
const std::vector<Spelling<Drop00>>& spellings(Drop00);
const std::vector<Spelling<RrCorrection>>& spellings(RrCorrection);
const std::vector<Spelling<DlQCentre>>& spellings(DlQCentre);
const std::vector<Spelling<QCentre>>& spellings(QCentre);
const std::vector<Spelling<I2Source>>& spellings(I2Source);
const std::vector<Spelling<PredictionInterval>>& spellings(PredictionInterval);
const std::vector<Spelling<Tau2Ci>>& spellings(Tau2Ci);
const std::vector<Spelling<MhRdVariance>>& spellings(MhRdVariance);
const std::vector<Spelling<RdCorrection>>& spellings(RdCorrection);

// The continuity correction's type (`cc_treatment_arm`): constant or treatment-arm.
const std::vector<Spelling<bool>>& cc_type_spellings();
std::string cc_type_name(bool treatment_arm);

// The written spelling of `value`: its first in `table`.
template <class T>
std::string spelling_of(const std::vector<Spelling<T>>& table, T value) {
    for (const Spelling<T>& s : table) {
        if (s.value == value) return std::string(s.text);
    }
    return "?";
}

// The written spelling of a value (its first in spellings()).
template <class E, class = std::enable_if_t<std::is_enum_v<E>>>
std::string to_string(E value) {
    return spelling_of(spellings(E{}), value);
}

}  // namespace metapool
