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

std::string cc_type_name(bool treatment_arm) {
    for (const Spelling<bool>& s : cc_type_spellings()) {
        if (s.value == treatment_arm) return std::string(s.text);
    }
    return "?";
}

// Each table lists a choice's values in the order the user sees them.
const std::vector<Spelling<Measure>>& spellings(Measure) {
    static const std::vector<Spelling<Measure>> s{{"RR", Measure::RR}, {"OR", Measure::OR}, {"RD", Measure::RD}};
    return s;
}
const std::vector<Spelling<CommonMethod>>& spellings(CommonMethod) {
    static const std::vector<Spelling<CommonMethod>> s{
        {"MH", CommonMethod::MH}, {"IV", CommonMethod::IV}, {"PETO", CommonMethod::PETO}};
    return s;
}
const std::vector<Spelling<Tau2Method>>& spellings(Tau2Method) {
    static const std::vector<Spelling<Tau2Method>> s{
        {"DL", Tau2Method::DL}, {"REML", Tau2Method::REML}, {"PM", Tau2Method::PM}, {"ML", Tau2Method::ML},
        {"HE", Tau2Method::HE}, {"SJ", Tau2Method::SJ}, {"HS", Tau2Method::HS}, {"EB", Tau2Method::EB}};
    return s;
}
const std::vector<Spelling<CcTo>>& spellings(CcTo) {
    static const std::vector<Spelling<CcTo>> s{
        {"only0", CcTo::Only0}, {"all", CcTo::All}, {"if0all", CcTo::If0All}, {"none", CcTo::None}};
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
