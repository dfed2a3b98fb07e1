// Option spellings shared by the CLI and the WebAssembly binding.
#include "model/options.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "model/presets.hpp"

namespace metapool {

namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& ch : out) {
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    }
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& ch : out) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    return out;
}

// Parses a finite decimal number; false for anything else.
bool parse_number(std::string_view text, double& out) {
    std::string s(text);
    if (s.empty()) return false;
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || errno != 0 || !std::isfinite(v)) return false;
    out = v;
    return true;
}

bool parse_yes_no(std::string_view text, bool& out) {
    std::string v = lower(text);
    if (v == "yes" || v == "true" || v == "1" || v == "on") { out = true; return true; }
    if (v == "no" || v == "false" || v == "0" || v == "off") { out = false; return true; }
    return false;
}

std::string invalid(std::string_view key, std::string_view value, const char* accepted) {
    return "option " + std::string(key) + ": '" + std::string(value) + "' is not accepted; use " + accepted;
}

}  // namespace

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

std::string set_option(Options& o, std::string_view key, std::string_view value) {
    const std::string v = upper(value);
    if (key == "measure") {
        if (v == "RR") o.measure = Measure::RR;
        else if (v == "OR") o.measure = Measure::OR;
        else if (v == "RD") o.measure = Measure::RD;
        else return invalid(key, value, "RR, OR or RD");
    } else if (key == "method") {
        if (v == "MH") o.method = CommonMethod::MH;
        else if (v == "IV") o.method = CommonMethod::IV;
        else if (v == "PETO") o.method = CommonMethod::PETO;
        else return invalid(key, value, "MH, IV or PETO");
    } else if (key == "tau2") {
        if (v == "DL") o.tau2_method = Tau2Method::DL;
        else if (v == "REML") o.tau2_method = Tau2Method::REML;
        else if (v == "PM") o.tau2_method = Tau2Method::PM;
        else if (v == "ML") o.tau2_method = Tau2Method::ML;
        else if (v == "HE") o.tau2_method = Tau2Method::HE;
        else if (v == "SJ") o.tau2_method = Tau2Method::SJ;
        else if (v == "HS") o.tau2_method = Tau2Method::HS;
        else if (v == "EB") o.tau2_method = Tau2Method::EB;
        else return invalid(key, value, "DL, REML, PM, ML, HE, SJ, HS or EB");
    } else if (key == "hksj") {
        if (!parse_yes_no(value, o.hksj)) return invalid(key, value, "yes or no");
    } else if (key == "cc") {
        double x = 0;
        if (!parse_number(value, x) || x < 0) return invalid(key, value, "a number of 0 or more (e.g. 0.5)");
        o.cc = x;
    } else if (key == "cc-to") {
        const std::string t = lower(value);
        if (t == "only0") o.cc_to = CcTo::Only0;
        else if (t == "all") o.cc_to = CcTo::All;
        else if (t == "if0all") o.cc_to = CcTo::If0All;
        else if (t == "none") o.cc_to = CcTo::None;
        else return invalid(key, value, "only0, all, if0all or none");
    } else if (key == "cc-type") {
        const std::string t = lower(value);
        if (t == "constant") o.cc_treatment_arm = false;
        else if (t == "treatment-arm") o.cc_treatment_arm = true;
        else return invalid(key, value, "constant or treatment-arm");
    } else if (key == "drop00") {
        const std::string t = lower(value);
        bool yes = false;
        if (t == "auto") o.drop00 = Drop00::Auto;
        else if (parse_yes_no(value, yes)) o.drop00 = yes ? Drop00::Yes : Drop00::No;
        else return invalid(key, value, "auto, yes or no");
    } else if (key == "level") {
        double x = 0;
        if (!parse_number(value, x)) return invalid(key, value, "a confidence level such as 95 or 0.95");
        if (x > 1 && x < 100) x /= 100;  // 95 means 95%
        if (!(x > 0 && x < 1)) return invalid(key, value, "a confidence level between 0 and 1 (or 1 and 100 percent)");
        o.level = x;
    } else if (key == "control-risk") {
        double x = 0;
        if (lower(value) == "pooled") {
            o.control_risk = std::numeric_limits<double>::quiet_NaN();
            return {};
        }
        if (!parse_number(value, x) || !(x > 0 && x < 1)) {
            return invalid(key, value, "a risk between 0 and 1 (e.g. 0.12 for 120 per 1,000), or pooled");
        }
        o.control_risk = x;
    } else if (key == "leave-one-out") {
        if (!parse_yes_no(value, o.leave_one_out)) return invalid(key, value, "yes or no");
    } else if (key == "cumulative") {
        if (!parse_yes_no(value, o.cumulative)) return invalid(key, value, "yes or no");
    } else if (key == "small-study") {
        if (!parse_yes_no(value, o.small_study)) return invalid(key, value, "yes or no");
    } else {
        bool handled = false;
        const std::string err = set_convention(o, key, value, handled);
        if (handled) return err;
        return "unknown option '" + std::string(key) +
               "'; known: measure, method, tau2, hksj, cc, cc-to, cc-type, drop00, level, control-risk, "
               "leave-one-out, cumulative, small-study, preset, cc-mh, cc-rr, dl-q, q, i2, pi, hksj-truncate, tau2-ci, mh-rd-var, cc-rd";
    }
    return {};
}

std::string to_string(Measure m) {
    switch (m) {
        case Measure::RR: return "RR";
        case Measure::OR: return "OR";
        case Measure::RD: return "RD";
    }
    return "?";
}

std::string to_string(CommonMethod m) {
    switch (m) {
        case CommonMethod::MH: return "MH";
        case CommonMethod::IV: return "IV";
        case CommonMethod::PETO: return "PETO";
    }
    return "?";
}

std::string to_string(Tau2Method m) {
    switch (m) {
        case Tau2Method::DL: return "DL";
        case Tau2Method::REML: return "REML";
        case Tau2Method::PM: return "PM";
        case Tau2Method::ML: return "ML";
        case Tau2Method::HE: return "HE";
        case Tau2Method::SJ: return "SJ";
        case Tau2Method::HS: return "HS";
        case Tau2Method::EB: return "EB";
    }
    return "?";
}

std::string to_string(CcTo t) {
    switch (t) {
        case CcTo::Only0: return "only0";
        case CcTo::All: return "all";
        case CcTo::If0All: return "if0all";
        case CcTo::None: return "none";
    }
    return "?";
}

}  // namespace metapool
