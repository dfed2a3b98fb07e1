// The option types' spellings and the small rules about options that
// several steps share.
#include "model/options.hpp"

namespace metapool {

Tau2Ci resolved_tau2_ci(const Options& options) {
    if (options.tau2_ci != Tau2Ci::Auto) return options.tau2_ci;
    return options.tau2_method == Tau2Method::DL ? Tau2Ci::Jackson : Tau2Ci::QProfile;
}

Options inner_analysis_options(Options o) {
    o.leave_one_out = false;
    o.cumulative = false;
    o.small_study = false;
    return o;
}

bool drops_double_zero(const Options& options) {
    switch (options.drop00) {
        case Drop00::Yes: return true;
        case Drop00::No: return false;
        case Drop00::Auto: return options.measure != Measure::RD;
    }
    return true;
}

std::string cc_type_name(bool treatment_arm) { return spelling_of(cc_type_spellings(), treatment_arm); }

// Each table lists a choice's values in the order the user sees them.
const std::vector<Spelling<Measure>>& spellings(Measure) {
    static const std::vector<Spelling<Measure>> s{
        {"RR", Measure::RR,
         "RR — risk ratio",
         "Risk ratio: the risk of an event with the experimental treatment divided by the risk with control."},
        {"OR", Measure::OR,
         "OR — odds ratio",
         "Odds ratio: the odds of an event with the experimental treatment divided by the odds with control."},
        {"RD", Measure::RD,
         "RD — risk difference",
         "Risk difference: the risk of an event with the experimental treatment minus the risk with control."}};
    return s;
}
const std::vector<Spelling<CommonMethod>>& spellings(CommonMethod) {
    static const std::vector<Spelling<CommonMethod>> s{
        {"MH", CommonMethod::MH, "MH — Mantel–Haenszel",
         "Mantel–Haenszel: pools the 2×2 tables directly; dependable when events are few."},
        {"IV", CommonMethod::IV, "IV — inverse variance",
         "Inverse variance: weights each trial’s estimate by one over its variance."},
        {"PETO", CommonMethod::PETO, "Peto", "Peto’s one-step odds ratio: for rare events in arms of similar size."}};
    return s;
}
const std::vector<Spelling<Tau2Method>>& spellings(Tau2Method) {
    static const std::vector<Spelling<Tau2Method>> s{
        {"DL", Tau2Method::DL, "DL — DerSimonian–Laird",
         "DerSimonian–Laird: the classic moment estimator of τ²; can underestimate it."},
        {"REML", Tau2Method::REML, "REML — restricted maximum likelihood",
         "Restricted maximum likelihood: the usual choice for the between-trial variance τ²."},
        {"PM", Tau2Method::PM, "PM — Paule–Mandel",
         "Paule–Mandel: the moment estimator that makes the generalised Q equal its degrees of freedom."},
        {"ML", Tau2Method::ML, "ML — maximum likelihood",
         "Maximum likelihood: tends to underestimate τ² when there are few trials."},
        {"HE", Tau2Method::HE, "HE — Hedges", "Hedges: an unweighted moment estimator of τ²."},
        {"SJ", Tau2Method::SJ, "SJ — Sidik–Jonkman", "Sidik–Jonkman: starts from a crude estimate; never exactly zero."},
        {"HS", Tau2Method::HS, "HS — Hunter–Schmidt", "Hunter–Schmidt: from psychometrics; tends to underestimate τ²."},
        {"EB", Tau2Method::EB, "EB — empirical Bayes",
         "Empirical Bayes (Morris): an iterative estimator close to Paule–Mandel."}};
    return s;
}
const std::vector<Spelling<CcTo>>& spellings(CcTo) {
    // The explanation completes the sentence of the --cc option's own
    // (model/option_registry.cpp): "added to each cell ..., <explain>, so that ...".
    static const std::vector<Spelling<CcTo>> s{
        {"only0", CcTo::Only0, "only studies with a zero cell", "only to trials with a zero cell"},
        {"all", CcTo::All, "all studies", "to every trial"},
        {"if0all", CcTo::If0All, "all studies, if any has a zero cell", "to every trial when any trial has a zero cell"},
        {"none", CcTo::None, "no study", "to no trial (trials with a zero cell may then drop out)"}};
    return s;
}
// yes and no are read as yes/no words (model/option_registry.cpp) too.
const std::vector<Spelling<Drop00>>& spellings(Drop00) {
    static const std::vector<Spelling<Drop00>> s{{"auto", Drop00::Auto}, {"yes", Drop00::Yes}, {"no", Drop00::No}};
    return s;
}
const std::vector<Spelling<RrCorrection>>& spellings(RrCorrection) {
    static const std::vector<Spelling<RrCorrection>> s{{"all-cells", RrCorrection::AllCells}, {"events", RrCorrection::Events}};
    return s;
}
const std::vector<Spelling<DlQCentre>>& spellings(DlQCentre) {
    static const std::vector<Spelling<DlQCentre>> s{{"iv", DlQCentre::IV}, {"mh", DlQCentre::MH}};
    return s;
}
const std::vector<Spelling<QCentre>>& spellings(QCentre) {
    static const std::vector<Spelling<QCentre>> s{
        {"common", QCentre::Common}, {"iv", QCentre::IV}, {"mh-if-dl", QCentre::MhIfDl}};
    return s;
}
const std::vector<Spelling<I2Source>>& spellings(I2Source) {
    static const std::vector<Spelling<I2Source>> s{{"q", I2Source::Q}, {"tau2", I2Source::Tau2}};
    return s;
}
const std::vector<Spelling<PredictionInterval>>& spellings(PredictionInterval) {
    static const std::vector<Spelling<PredictionInterval>> s{{"t-k2", PredictionInterval::TK2},
                                                             {"t-k1", PredictionInterval::TK1},
                                                             {"z", PredictionInterval::Z},
                                                             {"metafor", PredictionInterval::Metafor},
                                                             {"none", PredictionInterval::None}};
    return s;
}
const std::vector<Spelling<Tau2Ci>>& spellings(Tau2Ci) {
    static const std::vector<Spelling<Tau2Ci>> s{{"qp", Tau2Ci::QProfile},
                                                 {"j", Tau2Ci::Jackson},
                                                 {"bj", Tau2Ci::BiggerstaffJackson},
                                                 {"auto", Tau2Ci::Auto},
                                                 {"none", Tau2Ci::None}};
    return s;
}
const std::vector<Spelling<MhRdVariance>>& spellings(MhRdVariance) {
    static const std::vector<Spelling<MhRdVariance>> s{
        {"sgr", MhRdVariance::SatoGreenlandRobins}, {"gr", MhRdVariance::GreenlandRobins}};
    return s;
}
// cc_treatment_arm is a yes/no field, spelled as the choice --cc-type.
const std::vector<Spelling<bool>>& cc_type_spellings() {
    static const std::vector<Spelling<bool>> s{{"constant", false}, {"treatment-arm", true}};
    return s;
}
const std::vector<Spelling<RdCorrection>>& spellings(RdCorrection) {
    static const std::vector<Spelling<RdCorrection>> s{{"all-cells", RdCorrection::AllCells}, {"variance", RdCorrection::Variance}};
    return s;
}

}  // namespace metapool
