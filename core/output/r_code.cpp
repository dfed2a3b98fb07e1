// metafor code for an analysis (r_code.hpp). The mapping of metapool's
// options onto metafor 3.8-1 (README, "Methods" and "Presets"):
//   measure, cc, cc-to, drop00  escalc(measure, add = cc, to, drop00)
//   MH                          rma.mh(add = c(cc, 0), to = c(to, "none"),
//                               drop00 = c(x, x)); with cc-mh yes (RevMan 5)
//                               add = c(cc, cc), to = c(to, to)
//   Peto                        rma.peto(add = c(cc, 0), to = c(to, "none"), drop00 = c(x, x))
//   IV                          rma(yi, vi, method = "EE")
//   tau2, HKSJ                  rma(yi, vi, method, test = "z" | "knha" |
//                               "adhoc" (HKSJ with max(1, q)))
//   pi t-k2, t-k1, metafor      predict(pi.type = "riley" | "t" | default)
//   tau2 CI                     confint() (Q-profile); j, bj: confint(type =
//                               "GENQ") of rma(weights = 1/sqrt(vi) | 1/vi,
//                               method = "GENQ") (needs CompQuadForm)
// Written out in R, as metafor has no switch for them: the treatment-arm
// (Sweeting et al. 2004) and events-only (R meta) corrections, DL tau2 from
// the Q around the MH estimate (RevMan 5), the Greenland-Robins MH RD
// variance, Q around the IV estimate with an MH common effect, a z
// prediction interval with HKSJ. metapool leaves studies with zero variance
// out of the inverse-variance and random-effects models, which metafor keeps:
// the code subsets them away when there are any.
#include "output/r_code.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "input/utf8.hpp"
#include "model/presets.hpp"
#include "output/json_writer.hpp"
#include "pooling/tau2_estimators.hpp"

namespace metapool {

namespace {

std::string num(double x) { return format_number(x); }
const char* tf(bool b) { return b ? "TRUE" : "FALSE"; }
std::string quoted(const std::string& s) { return "\"" + s + "\""; }

// Text for an R comment: one line of plain ASCII (the code reads the same in
// any locale): control characters become spaces, dashes and quotes their
// ASCII forms, any other non-ASCII character "?".
std::string comment_text(std::string_view text) {
    const std::string s = sanitize_utf8(text);
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out += c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c);
            ++i;
            continue;
        }
        const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        const std::string_view ch(s.data() + i, std::min(len, s.size() - i));
        if (ch == "\xE2\x80\x93" || ch == "\xE2\x80\x94" || ch == "\xE2\x88\x92") out += '-';
        else if (ch == "\xE2\x80\x98" || ch == "\xE2\x80\x99") out += '\'';
        else if (ch == "\xE2\x80\x9C" || ch == "\xE2\x80\x9D") out += '"';
        else if (ch == "\xC3\x97") out += 'x';
        else out += '?';
        i += len;
    }
    return out;
}

// c(...) wrapped at about 100 columns, continuation lines indented.
std::string r_vector(const std::vector<std::string>& items, std::size_t indent) {
    std::string out = "c(";
    std::size_t col = indent + 2;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string item = items[i] + (i + 1 < items.size() ? ", " : "");
        if (col + item.size() > 100 && i > 0) {
            while (!out.empty() && out.back() == ' ') out.pop_back();
            out += "\n" + std::string(indent + 2, ' ');
            col = indent + 2;
        }
        out += item;
        col += item.size();
    }
    return out + ")";
}

std::string cc_to_name(CcTo t) { return to_string(t); }

struct Plan {
    const Analysis& a;
    const Options& o;
    bool ratio;            // exp() to the reporting scale
    bool drop;             // double zeros left out
    bool generic;          // some study has no counts: yi, vi from metapool
    bool manual_cc;        // the correction is computed in R
    bool mh;               // MH common effect
    bool gr;               // Greenland-Robins RD variance
    bool rd_raw;           // cc-rd variance: RD and MH RD from the raw cells (RevMan 5)
    bool se_manual;        // the MH RD's standard error computed in R
    bool peto;             // Peto per-study log ORs
    bool mh_cells;         // ai_mh ... columns needed (manual MH sums)
    bool zero_variance;    // some study with an effect but v = 0 (left out by metapool)
    bool q_manual;         // Q computed in R
    bool dl_mh;            // DL tau2 from the MH-centred Q
    std::string level;     // "95"
    std::string zcrit;     // "qnorm(0.975)"
};

Plan make_plan(const Analysis& a) {
    const Options& o = a.options;
    Plan p{a, o, o.measure != Measure::RD, drops_double_zero(o), false, false, false, false, false, false, false,
           false, false, false, false, num(100 * o.level), "qnorm(" + num(1 - (1 - o.level) / 2) + ")"};
    for (const StudyResult& s : a.studies) {
        if (std::isnan(s.e1)) p.generic = true;
    }
    const bool corrects = o.cc > 0 && o.cc_to != CcTo::None;
    p.manual_cc = !p.generic && corrects &&
                  (o.cc_treatment_arm || (o.measure == Measure::RR && o.cc_rr == RrCorrection::Events));
    p.mh = o.method == CommonMethod::MH && !p.generic;
    p.gr = p.mh && o.measure == Measure::RD && o.mh_rd_variance == MhRdVariance::GreenlandRobins;
    p.rd_raw = !p.generic && o.measure == Measure::RD && o.cc_rd == RdCorrection::Variance && corrects;
    p.se_manual = p.gr || (p.mh && p.rd_raw && o.cc_in_mh);
    p.peto = o.method == CommonMethod::PETO && !p.generic;
    p.mh_cells = p.mh && o.cc_in_mh && corrects && (p.manual_cc || p.gr || p.rd_raw);
    // metapool leaves a risk difference with zero variance (no events, or
    // only events, in both arms, uncorrected) out of the inverse-variance
    // and random-effects models; metafor keeps it (vi = 0).
    for (const StudyResult& s : a.studies) {
        if (p.generic || o.measure != Measure::RD || !std::isnan(s.y)) continue;
        if (s.excluded_reason.find("double zero") == std::string::npos) p.zero_variance = true;
    }
    p.q_manual = p.mh && (p.manual_cc || p.zero_variance || p.rd_raw || o.q_centre != QCentre::Common);
    p.dl_mh = !p.generic && o.tau2_method == Tau2Method::DL && dl_q_around_mh(o);
    return p;
}

std::string correction_comment(const Plan& p) {
    const Options& o = p.o;
    if (!(o.cc > 0) || o.cc_to == CcTo::None) return "no continuity correction";
    std::string which;
    switch (o.cc_to) {
        case CcTo::Only0: which = "the studies with a zero cell"; break;
        case CcTo::All: which = "every study"; break;
        case CcTo::If0All: which = "every study if any has a zero cell"; break;
        case CcTo::None: break;
    }
    const bool events = o.measure == Measure::RR && o.cc_rr == RrCorrection::Events;
    std::string how = o.cc_treatment_arm ? "the treatment-arm correction (Sweeting et al. 2004) for " + num(o.cc)
                                         : num(o.cc) + " added";
    return how + (events ? " to the events and totals" : " to each cell") + " of " + which;
}

void data_frame(std::string& r, const Plan& p) {
    std::vector<std::string> labels, e1, n1, e2, n2, yi, vi;
    for (const StudyResult& s : p.a.studies) {
        if (p.generic) {
            if (std::isnan(s.y)) continue;
            labels.push_back(r_string(s.label));
            yi.push_back(num(s.y));
            vi.push_back(num(s.v));
            continue;
        }
        labels.push_back(r_string(s.label));
        e1.push_back(num(s.e1));
        n1.push_back(num(s.n1));
        e2.push_back(num(s.e2));
        n2.push_back(num(s.n2));
    }
    r += "dat <- data.frame(\n";
    r += "  study = " + r_vector(labels, 10) + ",\n";
    if (p.generic) {
        r += "  yi  = " + r_vector(yi, 8) + ",   # effects and variances as metapool computed them\n";
        r += "  vi  = " + r_vector(vi, 8) + ")\n";
        return;
    }
    r += "  ai  = " + r_vector(e1, 8) + ",  # events, experimental arm\n";
    r += "  n1i = " + r_vector(n1, 8) + ",  # total, experimental arm\n";
    r += "  ci  = " + r_vector(e2, 8) + ",  # events, control arm\n";
    r += "  n2i = " + r_vector(n2, 8) + ")  # total, control arm\n";
}

// dz, z, sel, add1, add2 (and the corrected columns) for the corrections
// written out in R.
void correction_block(std::string& r, const Plan& p) {
    const Options& o = p.o;
    r += p.drop ? "dz <- with(dat, (ai == 0 & ci == 0) | (ai == n1i & ci == n2i))   # double zeros: left out\n"
                : "dz <- rep(FALSE, nrow(dat))   # double zeros are kept\n";
    if (!(p.manual_cc || p.mh_cells)) return;
    r += "z <- with(dat, ai == 0 | ai == n1i | ci == 0 | ci == n2i) & !dz   # a zero cell\n";
    switch (o.cc_to) {
        case CcTo::Only0: r += "sel <- z   # the studies that get the correction\n"; break;
        case CcTo::All: r += "sel <- !dz   # the studies that get the correction\n"; break;
        case CcTo::If0All: r += "sel <- rep(any(z), nrow(dat)) & !dz   # the studies that get the correction\n"; break;
        case CcTo::None: r += "sel <- rep(FALSE, nrow(dat))\n"; break;
    }
    if (o.cc_treatment_arm) {
        r += "add1 <- ifelse(sel, 2 * " + num(o.cc) + " * dat$n1i / (dat$n1i + dat$n2i), 0)   # experimental arm\n";
        r += "add2 <- ifelse(sel, 2 * " + num(o.cc) + " * dat$n2i / (dat$n1i + dat$n2i), 0)   # control arm\n";
    } else {
        r += "add1 <- ifelse(sel, " + num(o.cc) + ", 0)\n";
        r += "add2 <- add1\n";
    }
    if (p.manual_cc) {
        const bool events = o.measure == Measure::RR && o.cc_rr == RrCorrection::Events;
        r += "dat$ai_cc <- dat$ai + add1\n";
        r += std::string("dat$bi_cc <- dat$n1i - dat$ai") + (events ? "   # events only: the non-events stay\n" : " + add1\n");
        r += "dat$ci_cc <- dat$ci + add2\n";
        r += std::string("dat$di_cc <- dat$n2i - dat$ci") + (events ? "\n" : " + add2\n");
    }
    if (p.mh_cells) {
        r += "# the tables in the Mantel-Haenszel sums: all four cells corrected (option cc-mh yes)\n";
        r += "dat$ai_mh <- dat$ai + add1\n";
        r += "dat$bi_mh <- dat$n1i - dat$ai + add1\n";
        r += "dat$ci_mh <- dat$ci + add2\n";
        r += "dat$di_mh <- dat$n2i - dat$ci + add2\n";
    }
}

// RevMan 5 (cc-rd variance): the correction enters the variances only.
void raw_rd(std::string& r, const Plan& p) {
    if (!p.rd_raw) return;
    r += "# the risk differences from the cells as pasted; the correction stays in vi only (option cc-rd\n"
         "# variance, RevMan 5: Deeks & Higgins 2010)\n";
    r += "dat$yi <- ifelse(is.na(dat$yi), NA, dat$ai / dat$n1i - dat$ci / dat$n2i)\n";
}

void effects(std::string& r, const Plan& p) {
    const Options& o = p.o;
    const std::string m = quoted(to_string(o.measure));
    const std::string what = o.measure == Measure::RR   ? "log risk ratios"
                             : o.measure == Measure::OR ? "log odds ratios"
                                                        : "risk differences";
    if (p.peto) {
        r += "\n# Per-study Peto log odds ratios (O - E)/V (yi) and their variances 1/V (vi), from the tables as\n"
             "# pasted: Peto's method needs no continuity correction (Yusuf et al. 1985; as RevMan 5)\n";
        r += "dat <- escalc(measure = \"PETO\", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat,\n"
             "              add = 0, to = \"none\", drop00 = " + std::string(tf(p.drop)) + ", slab = study)\n";
        return;
    }
    r += "\n# Per-study " + what + " (yi) and their variances (vi): " + correction_comment(p) +
         (p.drop ? "; studies with no events (or only events) in both arms left out" : "") + "\n";
    if (p.manual_cc) {
        r += "# (escalc has no switch for this correction: the cells are corrected here)\n";
        correction_block(r, p);
        r += "dat <- escalc(measure = " + m + ", ai = ai_cc, bi = bi_cc, ci = ci_cc, di = di_cc, data = dat,\n"
             "              add = 0, to = \"none\", slab = study)\n";
        if (p.drop) r += "dat$yi[dz] <- NA\ndat$vi[dz] <- NA\n";
        raw_rd(r, p);
        return;
    }
    r += "dat <- escalc(measure = " + m + ", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat,\n"
         "              add = " + num(o.cc) + ", to = " + quoted(cc_to_name(o.cc_to)) +
         ", drop00 = " + tf(p.drop) + ", slab = study)\n";
    if (p.gr || p.mh_cells) correction_block(r, p);
    raw_rd(r, p);
}

void mh_rd_se(std::string& r, const Plan& p);

std::string subset_arg(const Plan& p) { return p.zero_variance ? ", subset = which(vi > 0)" : ""; }

void common(std::string& r, const Plan& p) {
    const Options& o = p.o;
    const std::string m = quoted(to_string(o.measure));
    const std::string d = tf(p.drop);
    const std::string cc = num(o.cc), to = quoted(cc_to_name(o.cc_to));
    if (o.method == CommonMethod::IV || p.generic) {
        r += "\n# Common effect: inverse variance\n";
        r += "common <- rma(yi, vi, data = dat, method = \"EE\", level = " + p.level + subset_arg(p) + ")\n";
        return;
    }
    if (o.method == CommonMethod::PETO) {
        r += "\n# Common effect: Peto's one-step odds ratio (from the tables as pasted)\n";
        r += "common <- rma.peto(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat, add = c(" + cc + ", 0),\n"
             "                   to = c(" + to + ", \"none\"), drop00 = c(" + d + ", " + d + "), level = " +
             p.level + ", slab = study)\n";
        return;
    }
    if (p.rd_raw) {
        r += "\n# Common effect: Mantel-Haenszel RD from the tables as pasted (option cc-rd variance)\n";
        r += "common <- rma.mh(measure = " + m + ", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat,\n"
             "                 add = c(" + cc + ", 0), to = c(" + to + ", \"none\"), drop00 = c(" + d + ", " + d + "),\n"
             "                 level = " + p.level + ", slab = study)\n";
    } else if (p.mh_cells) {
        r += "\n# Common effect: Mantel-Haenszel, the corrected tables in the sums\n";
        r += "common <- rma.mh(measure = " + m + ", ai = ai_mh, bi = bi_mh, ci = ci_mh, di = di_mh, data = dat,\n"
             "                 subset = !dz, add = c(0, 0), to = c(\"none\", \"none\"), drop00 = c(FALSE, FALSE),\n"
             "                 level = " + p.level + ", slab = study)\n";
    } else if (p.manual_cc) {
        r += "\n# Common effect: Mantel-Haenszel, the tables as pasted in the sums\n";
        r += "common <- rma.mh(measure = " + m + ", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat,\n"
             "                 add = c(0, 0), to = c(\"none\", \"none\"), drop00 = c(" + d + ", " + d + "),\n"
             "                 level = " + p.level + ", slab = study)\n";
    } else {
        r += std::string("\n# Common effect: Mantel-Haenszel, ") +
             (o.cc_in_mh ? "the corrected tables in the sums (RevMan 5)" : "the tables as pasted in the sums") + "\n";
        r += "common <- rma.mh(measure = " + m + ", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat,\n"
             "                 add = c(" + cc + ", " + (o.cc_in_mh ? cc : std::string("0")) + "), to = c(" + to + ", " +
             (o.cc_in_mh ? to : std::string("\"none\"")) + "), drop00 = c(" + d + ", " + d + "),\n"
             "                 level = " + p.level + ", slab = study)\n";
    }
    if (p.se_manual) mh_rd_se(r, p);
}

// The MH RD's standard error written out: Greenland & Robins (1985) (RevMan
// 5's formula; rma.mh uses Sato et al. 1989), or Sato et al. on the corrected
// tables around the raw MH RD (cc-rd variance with cc-mh yes). The summed
// weights W come from the tables as pasted.
void mh_rd_se(std::string& r, const Plan& p) {
    r += p.mh_cells ? "mh <- with(dat[!dz, ], data.frame(a = ai_mh, b = bi_mh, c = ci_mh, d = di_mh))\n"
                    : "mh <- with(dat[!dz, ], data.frame(a = ai, b = n1i - ai, c = ci, d = n2i - ci))\n";
    r += "W <- with(dat[!dz, ], sum(n1i * n2i / (n1i + n2i)))   # summed MH weights, tables as pasted\n";
    if (p.gr) {
        r += "# Greenland & Robins (1985) variance of the MH risk difference (RevMan 5's formula)\n";
        r += "common_se <- with(mh, sqrt(sum((a * b * (c + d)^2 / (a + b) + c * d * (a + b)^2 / (c + d)) /\n"
             "                               (a + b + c + d)^2) / W^2))\n";
    } else {
        r += "# Sato, Greenland & Robins (1989) variance from the corrected tables\n";
        r += "common_se <- with(mh, {n1 <- a + b; n2 <- c + d; N <- n1 + n2\n"
             "  P <- sum(c * n1^2 / N^2 - a * n2^2 / N^2 + n1 * n2 * (n2 - n1) / (2 * N^2))\n"
             "  Q <- sum((a * (n2 - c) + c * (n1 - a)) / N)\n"
             "  sqrt((c(common$beta) * P + Q / 2) / W^2)})\n";
    }
    r += "common_ci <- c(common$beta) + c(-1, 1) * " + p.zcrit + " * common_se\n";
}

void heterogeneity(std::string& r, const Plan& p) {
    const Options& o = p.o;
    if (!p.q_manual) {
        r += "Q <- common$QE   # Cochran's Q around the common effect\n";
        return;
    }
    r += "use <- which(!is.na(dat$yi) & dat$vi > 0)   # the studies with an estimable effect\n";
    const bool iv_centre = o.q_centre == QCentre::IV || (o.q_centre == QCentre::MhIfDl && o.tau2_method != Tau2Method::DL);
    if (iv_centre) {
        r += "# Q around the inverse-variance estimate (option q = " + to_string(o.q_centre) + ")\n";
        r += "Q <- rma(yi, vi, data = dat, method = \"EE\", subset = use)$QE\n";
    } else {
        r += "Q <- sum((dat$yi[use] - c(common$beta))^2 / dat$vi[use])   # around the MH estimate, weights 1/vi\n";
        r += "if (length(use) < 2) Q <- 0\n";
    }
}

std::string test_name(const Plan& p) {
    if (!p.o.hksj || p.a.random.k < 2) return "z";
    return p.o.hksj_truncate ? "adhoc" : "knha";
}

void random(std::string& r, const Plan& p) {
    const Options& o = p.o;
    const std::string method = to_string(o.tau2_method);
    const bool iterative = solved_iteratively(o.tau2_method);
    const std::string test = test_name(p);
    const std::string test_text = test == "z" ? "Wald (z) interval" : test == "knha" ? "Hartung-Knapp-Sidik-Jonkman"
                                                                                     : "HKSJ with max(1, q)";
    if (p.dl_mh) {
        r += "\n# Random effects: DerSimonian-Laird tau^2 from the Q around the MH estimate (RevMan 5), weights 1/vi; " +
             test_text + "\n";
        if (!p.q_manual) r += "use <- which(!is.na(dat$yi) & dat$vi > 0)\n";
        r += "w <- 1 / dat$vi[use]\n";
        r += "Q_dl <- sum(w * (dat$yi[use] - c(common$beta))^2)\n";
        r += "tau2 <- if (length(use) > 1) max(0, (Q_dl - (length(use) - 1)) / (sum(w) - sum(w^2) / sum(w))) else 0\n";
        r += "random <- rma(yi, vi, data = dat, tau2 = tau2, test = \"" + test + "\", level = " + p.level +
             subset_arg(p) + ")\n";
        return;
    }
    r += "\n# Random effects: " + method + " tau^2, " + test_text + "\n";
    r += "random <- rma(yi, vi, data = dat, method = \"" + method + "\", test = \"" + test + "\", level = " + p.level +
         subset_arg(p) + (iterative ? ",\n              control = list(threshold = 1e-12, tol = 1e-12, maxiter = 1000)" : "") +
         ")\n";
}

void prediction(std::string& r, const Plan& p) {
    const Options& o = p.o;
    const std::string tr = p.ratio ? ", transf = exp" : "";
    switch (o.pi) {
        case PredictionInterval::TK2:
            r += "pred <- predict(random, pi.type = \"riley\"" + tr +
                 ")   # prediction interval on t(k - 2) (Higgins et al. 2009)\n";
            break;
        case PredictionInterval::TK1:
            r += "pred <- predict(random, pi.type = \"t\"" + tr + ")   # prediction interval on t(k - 1)\n";
            break;
        case PredictionInterval::Metafor:
            r += "pred <- predict(random" + tr + ")   # prediction interval as metafor's predict()\n";
            break;
        case PredictionInterval::Z:
            if (test_name(p) == "z") {
                r += "pred <- predict(random" + tr + ")   # prediction interval on the normal distribution\n";
            } else {
                r += "pred <- predict(random" + tr + ")\n";
                r += "# prediction interval on the normal distribution with the HKSJ standard error\n";
                r += "pi <- c(random$beta) + c(-1, 1) * " + p.zcrit + " * sqrt(random$tau2 + random$se^2)\n";
                if (p.ratio) r += "pi <- exp(pi)\n";
                r += "pred$pi.lb <- pi[1]\npred$pi.ub <- pi[2]\n";
            }
            break;
        case PredictionInterval::None:
            r += "pred <- predict(random" + tr + ")   # (metapool shows no prediction interval: option pi = none)\n";
            break;
    }
}

void numbers(std::string& r, const Plan& p) {
    const Options& o = p.o;
    const Analysis& a = p.a;
    const auto tr = [&](const std::string& x) { return p.ratio ? "exp(" + x + ")" : x; };
    const bool i2_from_tau2 = o.i2 == I2Source::Tau2;
    if (i2_from_tau2) {
        r += "I2 <- random$I2   # I^2 from tau^2 (option i2 = tau2)\n";
    } else if (p.q_manual) {
        r += "I2 <- if (length(use) > 1) max(0, 100 * (Q - (length(use) - 1)) / Q) else 0\n";
    } else {
        r += "I2 <- common$I2\n";
    }
    const Tau2Ci ci_method = resolved_tau2_ci(o);
    const bool tau2_ci = ci_method != Tau2Ci::None && a.random.k >= 2 && std::isfinite(a.heterogeneity.tau2_ci_lower);
    const bool generalised = ci_method == Tau2Ci::Jackson || ci_method == Tau2Ci::BiggerstaffJackson;
    if (tau2_ci && generalised) {
        const bool jackson = ci_method == Tau2Ci::Jackson;
        r += std::string(jackson ? "# Jackson's (2013) interval: generalised Q with weights 1/se"
                                 : "# Biggerstaff & Jackson's (2008) interval: Cochran's Q (weights 1/v)") +
             ", its exact distribution\n# (metafor needs the CompQuadForm package for it, and its search stops at about 1e-4)\n";
        r += "tau2_ci <- if (requireNamespace(\"CompQuadForm\", quietly = TRUE)) confint(rma(yi, vi, data = dat, weights = " +
             std::string(jackson ? "1 / sqrt(vi)" : "1 / vi") + ", method = \"GENQ\"" + subset_arg(p) +
             "), type = \"GENQ\")$random else NULL\n";
    } else if (tau2_ci) {
        const std::string tol = ", control = list(tol = 1e-10))$random";
        r += p.dl_mh ? "tau2_ci <- confint(rma(yi, vi, data = dat, method = \"DL\"" + subset_arg(p) + ")" + tol +
                           "   # Q-profile interval (the same for any estimator)\n"
                     : "tau2_ci <- confint(random" + tol + "   # Q-profile interval for tau^2\n";
    }
    r += "\n# The numbers metapool shows, side by side";
    r += p.ratio ? " (on the " + to_string(o.measure) + " scale)\n" : "\n";
    r += "numbers <- c(\n";
    if (p.se_manual) {
        r += "  common = as.numeric(common$beta), common.lb = common_ci[1], common.ub = common_ci[2],\n";
    } else {
        r += "  common = " + tr("as.numeric(common$beta)") + ", common.lb = " + tr("common$ci.lb") + ", common.ub = " +
             tr("common$ci.ub") + ",\n";
    }
    r += "  random = pred$pred, random.lb = pred$ci.lb, random.ub = pred$ci.ub,\n";
    if (std::isfinite(a.random.pi_lower)) r += "  pi.lb = pred$pi.lb, pi.ub = pred$pi.ub,\n";
    r += "  tau2 = random$tau2, Q = Q, I2 = I2";
    if (tau2_ci && generalised) {
        r += ",\n  tau2.lb = if (is.null(tau2_ci)) NA else tau2_ci[\"tau^2\", \"ci.lb\"],"
             "\n  tau2.ub = if (is.null(tau2_ci)) NA else tau2_ci[\"tau^2\", \"ci.ub\"]";
    } else if (tau2_ci) {
        r += ",\n  tau2.lb = tau2_ci[\"tau^2\", \"ci.lb\"], tau2.ub = tau2_ci[\"tau^2\", \"ci.ub\"]";
    }
    r += ")\n";
    r += "print(signif(numbers, 4))\n";
}

}  // namespace

std::string r_string(std::string_view text) {
    const std::string s = sanitize_utf8(text);
    std::string out = "\"";
    char buf[16];
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        unsigned cp;
        std::size_t len;
        if (c < 0x80) { cp = c; len = 1; }
        else if (c >= 0xF0) { cp = c & 0x07; len = 4; }
        else if (c >= 0xE0) { cp = c & 0x0F; len = 3; }
        else { cp = c & 0x1F; len = 2; }
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        i += len;
        if (cp == '"') out += "\\\"";
        else if (cp == '\\') out += "\\\\";
        else if (cp == '\n') out += "\\n";
        else if (cp == '\t') out += "\\t";
        else if (cp == '\r') out += "\\r";
        else if (cp >= 0x20 && cp < 0x7F) out += static_cast<char>(cp);
        else {
            // R forbids mixing \x and \u escapes in one string: \u for all.
            if (cp <= 0xFFFF) std::snprintf(buf, sizeof buf, "\\u%04X", cp);
            else std::snprintf(buf, sizeof buf, "\\U{%X}", cp);
            out += buf;
        }
    }
    return out + "\"";
}

std::string metafor_code(const Analysis& a, std::string_view table_text) {
    const Plan p = make_plan(a);
    const Options& o = a.options;
    std::string r;
    r += "# metafor code for the analysis metapool made: the same studies, options and conventions.\n";
    r += "# metapool: " + to_string(o.measure) + ", " + to_string(o.method) + " common effect, " +
         to_string(o.tau2_method) + " tau^2" + (o.hksj ? ", HKSJ" : "") + ", " + p.level + "% level" +
         (o.preset.empty() ? "" : ", preset " + o.preset) + ".\n";
    r += "# Run it in R with metafor installed: install.packages(\"metafor\")\n";
    // The rows the parser refused, quoted from the pasted text.
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start <= table_text.size();) {
        std::size_t end = table_text.find('\n', start);
        if (end == std::string_view::npos) end = table_text.size();
        lines.push_back(table_text.substr(start, end - start));
        start = end + 1;
    }
    for (const InputProblem& e : a.errors) {
        const std::string_view text = e.line >= 1 && static_cast<std::size_t>(e.line) <= lines.size()
                                          ? lines[e.line - 1] : std::string_view(e.text);
        r += "# not read (line " + std::to_string(e.line) + "): " + comment_text(text.substr(0, 200)) + "\n";
    }
    if (!a.ok()) {
        r += "# metapool could not analyse this table: " + comment_text(a.problem->message) + "\n";
        return r;
    }
    r += "library(metafor)\n\n";
    data_frame(r, p);
    if (!p.generic) effects(r, p);
    common(r, p);
    heterogeneity(r, p);
    random(r, p);
    prediction(r, p);
    numbers(r, p);
    r += "\ncommon\nrandom\npred\n";
    return r;
}

}  // namespace metapool
