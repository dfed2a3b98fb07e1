// "Show the working" (show_working.hpp): the hand calculation of one
// analysis. Each step re-derives its numbers with the formulas and in the
// order of the file that computed them, citing it:
//   effects        continuity_correction.cpp, effect_sizes.cpp (escalc)
//   common         mantel_haenszel.cpp (Mantel & Haenszel 1959; variances of
//                  Robins, Breslow & Greenland 1986, Greenland & Robins 1985,
//                  Sato, Greenland & Robins 1989), inverse_variance.cpp,
//                  peto.cpp (Yusuf et al. 1985)
//   heterogeneity  heterogeneity.cpp (Cochran 1954; Higgins & Thompson 2002)
//   tau2           tau2_estimators.cpp (DerSimonian & Laird 1986, Hedges
//                  1983, Hunter & Schmidt 2004, Sidik & Jonkman 2005, Paule &
//                  Mandel 1982, Morris 1983, Viechtbauer 2005)
//   random         random_effects.cpp (Hartung & Knapp 2001, Sidik &
//                  Jonkman 2002, Higgins, Thompson & Spiegelhalter 2009)
// Iterative tau2 estimators are not re-solved: the working shows their
// estimating equation evaluated at the Analysis's tau2 (close to 0 at an
// interior root, not positive at 0 when truncated).
#include "output/show_working.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <utility>

#include "output/json_writer.hpp"
#include "pooling/continuity_correction.hpp"
#include "pooling/distributions.hpp"
#include "pooling/heterogeneity.hpp"
#include "pooling/inverse_variance.hpp"
#include "pooling/peto.hpp"
#include "pooling/random_effects.hpp"
#include "pooling/reporting_scale.hpp"
#include "pooling/tau2_estimators.hpp"
#include "pooling/two_by_two.hpp"

namespace metapool {

const WorkingColumn* WorkingStep::column(std::string_view k) const {
    for (const WorkingColumn& c : columns) {
        if (c.key == k) return &c;
    }
    return nullptr;
}

const WorkingLine* WorkingStep::line(std::string_view k) const {
    for (const WorkingLine& l : lines) {
        if (l.key == k) return &l;
    }
    return nullptr;
}

double WorkingStep::value(std::string_view k) const {
    const WorkingLine* l = line(k);
    return l ? l->value : kNaN;
}

const WorkingStep* ShowWorking::step(std::string_view id) const {
    for (const WorkingStep& s : steps) {
        if (s.id == id) return &s;
    }
    return nullptr;
}

namespace {

std::string num(double x) { return format_number(x); }

// Builds one step: rows first, then columns of one value per row.
struct Builder {
    WorkingStep step;

    Builder(std::string id, std::string title) {
        step.id = std::move(id);
        step.title = std::move(title);
    }
    void note(std::string text) { step.notes.push_back(std::move(text)); }
    void rows(const std::vector<std::size_t>& r) {
        step.rows = r;
        step.row_notes.assign(r.size(), "");
    }
    // A column; summed columns add their values up in row order (skipping NaN).
    const WorkingColumn& column(std::string key, std::string symbol, std::string formula, std::vector<double> values,
                                bool summed = false) {
        WorkingColumn c;
        c.key = std::move(key);
        c.symbol = std::move(symbol);
        c.formula = std::move(formula);
        c.values = std::move(values);
        c.summed = summed;
        if (summed) {
            double s = 0;
            for (double x : c.values) {
                if (!std::isnan(x)) s += x;
            }
            c.sum = s;
        }
        step.columns.push_back(std::move(c));
        return step.columns.back();
    }
    double line(std::string key, std::string symbol, std::string formula, double value, std::string text = "") {
        step.lines.push_back(WorkingLine{std::move(key), std::move(symbol), std::move(formula), value, std::move(text)});
        return value;
    }
    void text(std::string key, std::string symbol, std::string text) {
        step.lines.push_back(WorkingLine{std::move(key), std::move(symbol), "", kNaN, std::move(text)});
    }
};

// Percent of each weight in the total (NaN where the weight is NaN).
std::vector<double> percents(const std::vector<double>& w, double total) {
    std::vector<double> out;
    out.reserve(w.size());
    for (double x : w) out.push_back(std::isnan(x) || !(total > 0) ? kNaN : 100 * x / total);
    return out;
}

bool is_ratio(Measure m) { return m != Measure::RD; }

// What the analysis knows about its studies, re-derived from the Analysis
// as analyze.cpp's prepare_studies() derives it from the rows.
struct Studies {
    std::vector<std::size_t> members;    // not left out as double zeros
    std::vector<Cells> raw;              // of members, as pasted
    std::vector<Cells> sums;             // of members, as they enter the MH sums
    std::vector<std::size_t> estimable;  // members with a finite y and v > 0
    std::vector<double> y, v;            // of the estimable studies
};

Studies collect(const Analysis& a) {
    const Options& o = a.options;
    const bool drop00 = drops_double_zero(o);
    std::vector<Cells> tables;
    std::vector<char> in_analysis;
    for (const StudyResult& s : a.studies) {
        const Cells t = cells_from_counts(s.e1, s.n1, s.e2, s.n2);
        tables.push_back(t);
        in_analysis.push_back(!(drop00 && t.double_zero()));
    }
    const std::vector<Cells> mh = mantel_haenszel_cells(tables, in_analysis, o);
    Studies out;
    for (std::size_t i = 0; i < a.studies.size(); ++i) {
        if (!in_analysis[i]) continue;
        out.members.push_back(i);
        out.raw.push_back(tables[i]);
        out.sums.push_back(mh[i]);
        const StudyResult& s = a.studies[i];
        if (std::isnan(s.y)) continue;
        out.estimable.push_back(i);
        out.y.push_back(s.y);
        out.v.push_back(s.v);
    }
    return out;
}

std::string measure_name(Measure m) { return to_string(m); }

// "ln RR", "ln OR", "RD": the analysis scale.
std::string scale_name(Measure m) { return is_ratio(m) ? "ln " + measure_name(m) : measure_name(m); }

std::string level_text(double level) { return num(100 * level) + "%"; }

// The quantile symbol for the two-sided level: "z(0.975)".
std::string quantile_name(const char* dist, double p) { return std::string(dist) + "(" + num(p) + ")"; }

// Lines: the critical value, the interval on the reporting scale, z or t and p.
void interval_lines(Builder& b, const Options& o, double y, double se, const std::string& what, bool t_dist,
                    double df) {
    const double p = 1 - (1 - o.level) / 2;
    const double crit = t_dist ? t_quantile(p, df) : normal_quantile(p);
    b.line("crit", t_dist ? "t" : "z",
           t_dist ? "the " + num(p) + " quantile of t with " + num(df) + " df"
                  : "the " + num(p) + " quantile of the standard normal",
           crit);
    const bool exp = is_ratio(o.measure);
    const std::string lo = what + " − " + (t_dist ? "t" : "z") + "·SE", hi = what + " + " + (t_dist ? "t" : "z") + "·SE";
    b.line("ci_lower", level_text(o.level) + " CI, lower", exp ? "exp(" + lo + ")" : lo,
           to_reporting_scale(y - crit * se, exp));
    b.line("ci_upper", level_text(o.level) + " CI, upper", exp ? "exp(" + hi + ")" : hi,
           to_reporting_scale(y + crit * se, exp));
    const double stat = y / se;
    b.line("stat", t_dist ? "t" : "z", what + " / SE", stat);
    b.line("p", "p", t_dist ? "2·P(T > |t|), T ~ t(" + num(df) + ")" : "2·(1 − Φ(|z|))",
           t_dist ? t_two_sided_p(stat, df) : normal_two_sided_p(stat));
}

// ---- step 1: the studies' cells, effects and variances ----------------------

std::string correction_note(const Analysis& a, const Studies& st) {
    const Options& o = a.options;
    if (!(o.cc > 0) || o.cc_to == CcTo::None) return "No continuity correction: every cell as pasted.";
    if (o.method == CommonMethod::PETO) {
        return "Peto’s method needs no continuity correction (Yusuf et al. 1985): each study’s Peto log OR and "
               "the pooled one use the cells as pasted (as RevMan 5).";
    }
    std::string how;
    const bool events_only = o.measure == Measure::RR && o.cc_rr == RrCorrection::Events;
    if (o.cc_treatment_arm) {
        how = "the treatment-arm correction (Sweeting, Sutton & Lambert 2004) for cc = " + num(o.cc) +
              ": 2·cc·n1/(n1 + n2) added to " + (events_only ? "the events" : "each cell") +
              " of the experimental arm and 2·cc·n2/(n1 + n2) to " + (events_only ? "the events" : "each cell") +
              " of the control arm";
    } else if (events_only) {
        how = num(o.cc) + " added to the events and the totals only (a + " + num(o.cc) + " of n1 + " + num(o.cc) +
              ", c + " + num(o.cc) + " of n2 + " + num(o.cc) + "; R meta's RR.Cochrane = FALSE)";
    } else {
        how = num(o.cc) + " added to each of the four cells";
    }
    std::string which;
    switch (o.cc_to) {
        case CcTo::Only0: which = " of the studies with a zero cell"; break;
        case CcTo::All: which = " of every study"; break;
        case CcTo::If0All: {
            bool any = false;
            for (const Cells& t : st.raw) any = any || t.has_zero();
            which = any ? " of every study (some study has a zero cell)"
                        : " of every study if any had a zero cell (none has, so no study is corrected)";
            break;
        }
        case CcTo::None: break;
    }
    std::string use = o.cc_in_mh ? " The corrected cells give y and v and also enter the Mantel–Haenszel sums."
                                 : " The corrected cells give y and v only; the Mantel–Haenszel and Peto sums use "
                                   "the cells as pasted.";
    if (o.method == CommonMethod::IV) use = " The corrected cells give y and v.";
    if (o.measure == Measure::RD && o.cc_rd == RdCorrection::Variance) {
        use = " The corrected cells give v only: each study’s RD comes from the cells as pasted (option cc-rd "
              "variance, RevMan 5)." + std::string(o.method == CommonMethod::MH ? " The Mantel–Haenszel RD and its "
              "weights also use the cells as pasted; the correction enters its variance." : "");
    }
    std::string out = "Continuity correction: " + how + which + "." + use;
    out[23] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[23])));
    return out;
}

// Peto's per-study log OR (Yusuf et al. 1985) from the cells as pasted.
void peto_effect_columns(Builder& b, const Analysis& a) {
    std::vector<double> oe, V, y, v;
    for (const StudyResult& s : a.studies) {
        const Cells t = cells_from_counts(s.e1, s.n1, s.e2, s.n2);
        oe.push_back(t.a - (t.a + t.c) * t.n1() / t.total());
        V.push_back(hypergeometric_variance(t));
        y.push_back(s.y);
        v.push_back(s.v);
    }
    b.column("OE", "O − E", "a − (a + c)·n1/N", oe);
    b.column("V", "V", "(a + c)(b + d)·n1·n2 / (N²(N − 1))", V);
    b.column("y", "y = ln OR_Peto", "(O − E)/V", y);
    b.column("v", "v", "1/V", v);
}

WorkingStep effects_step(const Analysis& a, const Studies& st) {
    const Options& o = a.options;
    const Measure m = o.measure;
    Builder b("effects", "Each study’s effect and variance");
    b.note(correction_note(a, st));
    if (drops_double_zero(o)) {
        b.note("Studies with no events, or only events, in both arms (double zeros) carry no information on the " +
               measure_name(m) + " and are left out of everything (metafor’s drop00).");
    }
    std::vector<std::size_t> rows(a.studies.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    b.rows(rows);
    std::vector<double> ca, cb, cc, cd, n1, n2, y, v, se, est;
    for (std::size_t i = 0; i < a.studies.size(); ++i) {
        const StudyResult& s = a.studies[i];
        ca.push_back(s.a); cb.push_back(s.b); cc.push_back(s.c); cd.push_back(s.d);
        n1.push_back(s.a + s.b); n2.push_back(s.c + s.d);
        y.push_back(s.y); v.push_back(s.v); se.push_back(s.se); est.push_back(s.estimate);
        if (!s.excluded_reason.empty() && !s.included) {
            b.step.row_notes[i] = "left out: " + s.excluded_reason;
        } else if (!s.excluded_reason.empty()) {
            b.step.row_notes[i] = s.excluded_reason;
        } else if (s.corrected) {
            b.step.row_notes[i] = "corrected";
        } else if (std::isnan(s.a) && !std::isnan(s.y)) {
            b.step.row_notes[i] = "effect as reported (no counts)";
        }
    }
    b.column("a", "a", "events, experimental", ca);
    b.column("b", "b", "non-events, experimental", cb);
    b.column("c", "c", "events, control", cc);
    b.column("d", "d", "non-events, control", cd);
    if (m != Measure::OR) {
        b.column("n1", "n1", "a + b", n1);
        b.column("n2", "n2", "c + d", n2);
    }
    switch (m) {
        case Measure::RR:
            b.column("y", "y = ln RR", "ln[(a/n1) / (c/n2)]", y);
            b.column("v", "v", "1/a − 1/n1 + 1/c − 1/n2", v);
            break;
        case Measure::OR:
            if (o.method == CommonMethod::PETO) {
                peto_effect_columns(b, a);
                break;
            }
            b.column("y", "y = ln OR", "ln[(a·d) / (b·c)]", y);
            b.column("v", "v", "1/a + 1/b + 1/c + 1/d", v);
            break;
        case Measure::RD:
            b.column("y", "y = RD", o.cc_rd == RdCorrection::Variance ? "a/n1 − c/n2 of the cells as pasted (before the correction)"
                                                                      : "a/n1 − c/n2", y);
            b.column("v", "v", "p1(1 − p1)/n1 + p2(1 − p2)/n2, p1 = a/n1, p2 = c/n2", v);
            break;
    }
    b.column("se", "SE", "√v", se);
    if (is_ratio(m)) b.column("estimate", measure_name(m), "exp(y)", est);
    return b.step;
}

// ---- step 2: the common effect ---------------------------------------------

void cell_columns(Builder& b, const std::vector<Cells>& t, bool arms) {
    std::vector<double> a, bb, c, d, n1, n2, N;
    for (const Cells& x : t) {
        a.push_back(x.a); bb.push_back(x.b); c.push_back(x.c); d.push_back(x.d);
        n1.push_back(x.n1()); n2.push_back(x.n2()); N.push_back(x.total());
    }
    b.column("a", "a", "", a);
    if (arms) {
        b.column("n1", "n1", "", n1);
    } else {
        b.column("b", "b", "", bb);
    }
    b.column("c", "c", "", c);
    if (arms) {
        b.column("n2", "n2", "", n2);
    } else {
        b.column("d", "d", "", d);
    }
    b.column("N", "N", "a + b + c + d", N);
}

std::string sums_note(const Options& o) {
    if (o.cc_in_mh) {
        return "The tables enter the sums with the continuity correction (RevMan 5’s convention; metafor: "
               "rma.mh(add = c(" + num(o.cc) + ", " + num(o.cc) + "))).";
    }
    return "The tables enter the sums as pasted, without continuity correction (metafor’s rma.mh).";
}

// The Mantel-Haenszel ratio ΣR/ΣS (Mantel & Haenszel 1959) as the odds
// ratio and the risk ratio show it: its R and S columns and the weights
// (the S), with `r_term` and `s_term` the per-study formulas. Returns ΣR, ΣS.
std::pair<double, double> mh_ratio_columns(Builder& b, const std::string& r_term, const std::string& s_term,
                                           const std::vector<double>& R, const std::vector<double>& S) {
    const double sR = b.column("R", "R", r_term, R, true).sum;
    const double sS = b.column("S", "S = w", s_term + " (the MH weight)", S, true).sum;
    b.column("weight", "weight %", "100·S/ΣS", percents(S, sS));
    return {sR, sS};
}

// The sums, `ratio` = ΣR/ΣS ("OR_MH", "RR_MH") and its log, the y of the
// common effect (NaN when not `defined`). Returns y.
double mh_ratio_lines(Builder& b, const std::string& ratio, const std::string& r_term, const std::string& s_term,
                      double sR, double sS, bool defined) {
    b.line("sum_R", "ΣR", "Σ " + r_term, sR);
    b.line("sum_S", "ΣS", "Σ " + s_term, sS);
    b.line("estimate", ratio, "ΣR / ΣS", sR / sS);
    return b.line("y", "ln " + ratio, "ln(ΣR / ΣS)", defined ? std::log(sR / sS) : kNaN);
}

void mh_odds_ratio(Builder& b, const Analysis& a, const Studies& st) {
    b.note("Mantel–Haenszel odds ratio (Mantel & Haenszel 1959) with the Robins, Breslow & Greenland (1986) "
           "variance. " + sums_note(a.options));
    cell_columns(b, st.sums, false);
    std::vector<double> R, S, P, Qc, PR, PSQR, QS;
    for (const Cells& t : st.sums) {
        const double N = t.total();
        const double p = (t.a + t.d) / N, q = (t.b + t.c) / N;
        const double r = t.a / N * t.d, s = t.b / N * t.c;
        R.push_back(r); S.push_back(s); P.push_back(p); Qc.push_back(q);
        PR.push_back(p * r); PSQR.push_back(p * s + q * r); QS.push_back(q * s);
    }
    const auto [sR, sS] = mh_ratio_columns(b, "a·d/N", "b·c/N", R, S);
    b.column("P", "P", "(a + d)/N", P);
    b.column("Qrbg", "Q", "(b + c)/N", Qc);
    const double sPR = b.column("PR", "P·R", "", PR, true).sum;
    const double sPSQR = b.column("PSQR", "P·S + Q·R", "", PSQR, true).sum;
    const double sQS = b.column("QS", "Q·S", "", QS, true).sum;
    const bool defined = sR != 0 && sS != 0;
    const double y = mh_ratio_lines(b, "OR_MH", "a·d/N", "b·c/N", sR, sS, defined);
    const double var = b.line("var", "Var(ln OR_MH)",
                              "ΣPR / (2(ΣR)²) + Σ(PS + QR) / (2·ΣR·ΣS) + ΣQS / (2(ΣS)²)",
                              defined ? 0.5 * (sPR / (sR * sR) + sPSQR / (sR * sS) + sQS / (sS * sS)) : kNaN);
    const double se = b.line("se", "SE", "√Var", std::sqrt(var));
    if (!defined) b.text("undefined", "OR_MH", "not defined: ΣR or ΣS is 0");
    else interval_lines(b, a.options, y, se, "ln OR_MH", false, 0);
}

void mh_risk_ratio(Builder& b, const Analysis& a, const Studies& st) {
    b.note("Mantel–Haenszel risk ratio (Mantel & Haenszel 1959) with the Greenland & Robins (1985) variance. " +
           sums_note(a.options));
    cell_columns(b, st.sums, true);
    std::vector<double> R, S, V;
    double sum_a = 0, sum_c = 0;
    for (const Cells& t : st.sums) {
        const double N = t.total(), n1 = t.n1(), n2 = t.n2();
        R.push_back(t.a * (n2 / N));
        S.push_back(t.c * (n1 / N));
        V.push_back((n1 / N) * (n2 / N) * (t.a + t.c) - (t.a / N) * t.c);
        sum_a += t.a;
        sum_c += t.c;
    }
    const auto [sR, sS] = mh_ratio_columns(b, "a·n2/N", "c·n1/N", R, S);
    const double sV = b.column("V", "V", "n1·n2·(a + c)/N² − a·c/N", V, true).sum;
    const bool defined = sum_a != 0 && sum_c != 0;
    const double y = mh_ratio_lines(b, "RR_MH", "a·n2/N", "c·n1/N", sR, sS, defined);
    const double var = b.line("var", "Var(ln RR_MH)", "ΣV / (ΣR·ΣS)", defined ? sV / (sR * sS) : kNaN);
    const double se = b.line("se", "SE", "√Var", std::sqrt(var));
    if (!defined) b.text("undefined", "RR_MH", "not defined: no events in one arm of every study");
    else interval_lines(b, a.options, y, se, "ln RR_MH", false, 0);
}

void mh_risk_difference(Builder& b, const Analysis& a, const Studies& st) {
    const bool gr = a.options.mh_rd_variance == MhRdVariance::GreenlandRobins;
    b.note(std::string("Mantel–Haenszel risk difference with the ") +
           (gr ? "Greenland & Robins (1985) variance (RevMan 5’s formula). "
               : "Sato, Greenland & Robins (1989) variance (metafor). ") +
           sums_note(a.options));
    // RevMan 5 (cc-rd variance): D and W from the cells as pasted, the
    // variance terms from the corrected cells (a′ b′ c′ d′).
    const bool raw = a.options.cc_rd == RdCorrection::Variance;
    if (raw) {
        b.note("Option cc-rd variance (RevMan 5, Deeks & Higgins 2010): the risk difference and the weights come "
               "from the cells as pasted; the continuity correction enters the variance only (a′, b′, c′, d′).");
    }
    cell_columns(b, raw ? st.raw : st.sums, true);
    if (raw) {
        std::vector<double> a2, b2, c2, d2;
        for (const Cells& t : st.sums) {
            a2.push_back(t.a); b2.push_back(t.b); c2.push_back(t.c); d2.push_back(t.d);
        }
        b.column("a_var", "a′", "a in the variance", a2);
        b.column("b_var", "b′", "b in the variance", b2);
        b.column("c_var", "c′", "c in the variance", c2);
        b.column("d_var", "d′", "d in the variance", d2);
    }
    std::vector<double> D, W, P, Q, G;
    for (std::size_t i = 0; i < st.sums.size(); ++i) {
        const Cells& r = raw ? st.raw[i] : st.sums[i];
        const Cells& t = st.sums[i];
        D.push_back(r.a * (r.n2() / r.total()) - r.c * (r.n1() / r.total()));
        W.push_back(r.n1() * (r.n2() / r.total()));
        const double N = t.total(), n1 = t.n1(), n2 = t.n2();
        P.push_back(t.c * (n1 / N) * (n1 / N) - t.a * (n2 / N) * (n2 / N) + (n1 / N) * (n2 / N) * (n2 - n1) / 2);
        Q.push_back(t.a * (n2 - t.c) / N + t.c * (n1 - t.a) / N);
        const double p1 = t.a / n1, q1 = t.b / n1, p2 = t.c / n2, q2 = t.d / n2;
        G.push_back(p1 * q1 * n1 * (n2 / N) * (n2 / N) + p2 * q2 * n2 * (n1 / N) * (n1 / N));
    }
    const double sD = b.column("D", "D", "(a·n2 − c·n1)/N", D, true).sum;
    const double sW = b.column("W", "W = w", "n1·n2/N (the MH weight)", W, true).sum;
    b.column("weight", "weight %", "100·W/ΣW", percents(W, sW));
    double sP = 0, sQ = 0, sG = 0;
    if (gr) {
        sG = b.column("G", "G", raw ? "(a′·b′·n2′²/n1′ + c′·d′·n1′²/n2′)/N′²" : "(a·b·n2²/n1 + c·d·n1²/n2)/N²", G,
                      true).sum;
    } else {
        sP = b.column("P", "P", raw ? "(c′·n1′² − a′·n2′² + n1′·n2′·(n2′ − n1′)/2)/N′²"
                                    : "(c·n1² − a·n2² + n1·n2·(n2 − n1)/2)/N²", P, true).sum;
        sQ = b.column("Q", "Q", raw ? "(a′·(n2′ − c′) + c′·(n1′ − a′))/N′" : "(a·(n2 − c) + c·(n1 − a))/N", Q,
                      true).sum;
    }
    b.line("sum_D", "ΣD", "Σ (a·n2 − c·n1)/N", sD);
    b.line("sum_W", "ΣW", "Σ n1·n2/N", sW);
    const bool defined = sW > 0;
    const double y = b.line("y", "RD_MH", "ΣD / ΣW", defined ? sD / sW : kNaN);
    const double var = gr ? b.line("var", "Var(RD_MH)", "ΣG / (ΣW)²", defined ? sG / (sW * sW) : kNaN)
                          : b.line("var", "Var(RD_MH)", "(RD_MH·ΣP + ΣQ/2) / (ΣW)²",
                                   defined ? (y * sP + sQ / 2) / (sW * sW) : kNaN);
    const double se = b.line("se", "SE", "√Var", std::sqrt(var));
    if (!defined) b.text("undefined", "RD_MH", "not defined");
    else interval_lines(b, a.options, y, se, "RD_MH", false, 0);
}

void inverse_variance_common(Builder& b, const Analysis& a, const Studies& st) {
    b.note("Inverse-variance common effect: each study weighted by w = 1/v.");
    b.rows(st.estimable);
    std::vector<double> w, wy;
    for (std::size_t i = 0; i < st.y.size(); ++i) {
        const double wi = 1 / (st.v[i] + 0.0);
        w.push_back(wi);
        wy.push_back(wi * st.y[i]);
    }
    b.column("y", "y", "", st.y);
    b.column("v", "v", "", st.v);
    const double sw = b.column("w", "w", "1/v", w, true).sum;
    b.column("weight", "weight %", "100·w/Σw", percents(w, sw));
    const double swy = b.column("wy", "w·y", "", wy, true).sum;
    b.line("sum_w", "Σw", "", sw);
    b.line("sum_wy", "Σw·y", "", swy);
    const std::string mu = "μ_IV";
    const double y = b.line("y", mu, "Σw·y / Σw", swy / sw);
    if (is_ratio(a.options.measure)) b.line("estimate", measure_name(a.options.measure) + "_IV", "exp(μ_IV)", std::exp(y));
    b.line("var", "Var(μ_IV)", "1 / Σw", 1 / sw);
    const double se = b.line("se", "SE", "√(1/Σw)", std::sqrt(1 / sw));
    interval_lines(b, a.options, y, se, mu, false, 0);
}

void peto_common(Builder& b, const Analysis& a, const Studies& st) {
    b.note("Peto’s one-step odds ratio (Yusuf et al. 1985): observed minus expected events in the experimental "
           "arm and their hypergeometric variance, from the tables as pasted (as metafor’s rma.peto).");
    cell_columns(b, st.raw, false);
    std::vector<double> E, OE, V, OE2V;
    for (std::size_t r = 0; r < st.raw.size(); ++r) {
        const Cells& t = st.raw[r];
        const double e = (t.a + t.c) * t.n1() / t.total();
        const double oe = t.a - (t.a + t.c) * t.n1() / t.total();
        const double v = hypergeometric_variance(t);
        E.push_back(e);
        if (v > 0) {
            OE.push_back(oe); V.push_back(v); OE2V.push_back(oe * oe / v);
        } else {
            OE.push_back(kNaN); V.push_back(0); OE2V.push_back(kNaN);
            b.step.row_notes[r] = "V = 0: no information";
        }
    }
    b.column("E", "E", "(a + c)·n1/N", E);
    const double sOE = b.column("OE", "O − E", "a − E", OE, true).sum;
    const double sV = b.column("V", "V = w", "(a + c)(b + d)·n1·n2 / (N²(N − 1))", V, true).sum;
    b.column("weight", "weight %", "100·V/ΣV", percents(V, sV));
    b.column("OE2V", "(O − E)²/V", "", OE2V, true);
    b.line("sum_OE", "Σ(O − E)", "", sOE);
    b.line("sum_V", "ΣV", "", sV);
    const bool defined = sV > 0;
    const double y = b.line("y", "ln OR_Peto", "Σ(O − E) / ΣV", defined ? sOE / sV : kNaN);
    b.line("estimate", "OR_Peto", "exp(ln OR_Peto)", std::exp(y));
    b.line("var", "Var(ln OR_Peto)", "1 / ΣV", 1 / sV);
    const double se = b.line("se", "SE", "√(1/ΣV)", std::sqrt(1 / sV));
    if (!defined) b.text("undefined", "OR_Peto", "not defined: ΣV = 0");
    else interval_lines(b, a.options, y, se, "ln OR_Peto", false, 0);
}

WorkingStep common_step(const Analysis& a, const Studies& st) {
    const Options& o = a.options;
    const std::string method = o.method == CommonMethod::MH ? "Mantel–Haenszel"
                               : o.method == CommonMethod::IV ? "inverse variance" : "Peto";
    Builder b("common", "Common effect (" + method + ")");
    b.rows(st.members);
    if (o.method == CommonMethod::IV) {
        inverse_variance_common(b, a, st);
    } else if (o.method == CommonMethod::PETO) {
        peto_common(b, a, st);
    } else if (o.measure == Measure::OR) {
        mh_odds_ratio(b, a, st);
    } else if (o.measure == Measure::RR) {
        mh_risk_ratio(b, a, st);
    } else {
        mh_risk_difference(b, a, st);
    }
    return b.step;
}

// ---- step 3: heterogeneity -------------------------------------------------

// The IV estimate of the estimable studies, as inverse_variance() sums it.
struct IvSums { double sw = 0, swy = 0, mu = kNaN; };
IvSums iv_sums(const Studies& st, double tau2) {
    IvSums s;
    for (std::size_t i = 0; i < st.y.size(); ++i) {
        const double w = 1 / (st.v[i] + tau2);
        s.sw += w;
        s.swy += w * st.y[i];
    }
    s.mu = s.swy / s.sw;
    return s;
}

// Columns y, w, y − μ and w (y − μ)² (computed as (y − μ)²/v, as cochran_q);
// returns Q.
double q_columns(Builder& b, const Studies& st, double centre, const std::string& mu, double tau2,
                 const std::string& wname) {
    std::vector<double> w, r, q;
    for (std::size_t i = 0; i < st.y.size(); ++i) {
        const double ri = st.y[i] - centre;
        w.push_back(1 / (st.v[i] + tau2));
        r.push_back(ri);
        q.push_back(ri * ri / (st.v[i] + tau2));
    }
    b.column("y", "y", "", st.y);
    b.column("w", wname, tau2 == 0 ? "1/v" : "1/(v + τ²)", w, true);
    b.column("r", "y − " + mu, "", r);
    return b.column("q", wname + "·(y − " + mu + ")²", "contribution to Q", q, true).sum;
}

WorkingStep heterogeneity_step(const Analysis& a, const Studies& st, const WorkingStep& common) {
    const Options& o = a.options;
    Builder b("heterogeneity", "Heterogeneity: Cochran’s Q and I²");
    const int k_y = static_cast<int>(st.y.size());
    double Q = kNaN;
    int df_count = k_y;
    if (o.method == CommonMethod::PETO) {
        b.note("For Peto’s method Q is Peto’s own statistic: Σ(O − E)²/V − (Σ(O − E))²/ΣV, which is "
               "Σ V·(y_P − μ)² with the study’s Peto log OR y_P = (O − E)/V and μ = ln OR_Peto (tables with V > 0).");
        std::vector<std::size_t> rows;
        std::vector<double> yp, w, q;
        const double mu = common.value("y");
        double sum_oe = 0, sum_v = 0, sum_oe2_v = 0;
        for (std::size_t r = 0; r < st.raw.size(); ++r) {
            const Cells& t = st.raw[r];
            const double oe = t.a - (t.a + t.c) * t.n1() / t.total();
            const double v = hypergeometric_variance(t);
            if (!(v > 0)) continue;
            rows.push_back(st.members[r]);
            yp.push_back(oe / v);
            w.push_back(v);
            q.push_back(v * (oe / v - mu) * (oe / v - mu));
            sum_oe += oe;
            sum_v += v;
            sum_oe2_v += oe * oe / v;
        }
        b.rows(rows);
        b.column("y", "y_P", "(O − E)/V", yp);
        b.column("w", "w = V", "", w, true);
        b.column("q", "V·(y_P − μ)²", "contribution to Q", q, true);
        Q = b.line("Q", "Q", "Σ(O − E)²/V − (Σ(O − E))²/ΣV", std::max(0.0, sum_oe2_v - sum_oe * sum_oe / sum_v));
        // As metafor's rma.peto: df counts the tables whose Peto log OR is
        // defined after continuity correction (analyze.cpp).
        // The studies show their cells as pasted under Peto, so the
        // correction is applied here to count them.
        std::vector<char> corrected;
        const std::vector<Cells> cc = apply_continuity_correction(st.raw, std::vector<char>(st.raw.size(), true), o, corrected);
        df_count = 0;
        for (const Cells& t : cc) {
            if (hypergeometric_variance(t) > 0) ++df_count;
        }
    } else {
        b.rows(st.estimable);
        double centre = common.value("y");
        std::string mu = o.method == CommonMethod::IV ? "μ_IV" : scale_name(o.measure) + "_MH";
        if (o.method == CommonMethod::MH && q_centred_on_iv(o)) {
            const IvSums s = iv_sums(st, 0);
            b.note("Q is centred on the inverse-variance estimate μ_IV = Σw·y/Σw, not on the Mantel–Haenszel "
                   "estimate (option q = " + std::string(o.q_centre == QCentre::IV ? "iv" : "mh-if-dl") + ").");
            b.line("sum_w", "Σw", "Σ 1/v", s.sw);
            b.line("sum_wy", "Σw·y", "", s.swy);
            centre = b.line("mu", "μ_IV", "Σw·y / Σw", s.mu);
            mu = "μ_IV";
        } else {
            b.note("Q adds up each study’s squared distance from the common-effect estimate " + mu +
                   ", weighted by w = 1/v (studies with an estimable effect).");
        }
        const double sum = q_columns(b, st, centre, mu, 0, "w");
        if (k_y > 1) Q = b.line("Q", "Q", "Σ w·(y − " + mu + ")²", std::max(0.0, sum));
    }
    if (df_count <= 1) {
        b.step.lines.erase(std::remove_if(b.step.lines.begin(), b.step.lines.end(),
                                          [](const WorkingLine& l) { return l.key == "Q"; }),
                           b.step.lines.end());
        b.line("Q", "Q", "", 0, "0 with one study (metafor’s convention): df = 0, I² = 0, H² = 1");
        return b.step;
    }
    const double df = b.line("df", "df", o.method == CommonMethod::PETO ? "k − 1 (tables with V > 0 after correction)"
                                                                       : "k − 1",
                             df_count - 1);
    b.line("p", "p", "P(χ²(df) > Q)", chi_squared_upper_p(Q, df));
    if (o.i2 == I2Source::Q) {
        b.line("I2", "I²", "max(0, (Q − df)/Q)·100%", std::max(0.0, 100 * (Q - df) / Q));
        b.line("H2", "H²", "Q / df", Q / df);
    } else {
        b.text("I2", "I²", "from τ² (option i2 = tau2): see the τ² step");
    }
    return b.step;
}

// ---- step 4: tau2 -------------------------------------------------------------

double sum_of(const std::vector<double>& x) {
    double s = 0;
    for (double v : x) s += v;
    return s;
}

WorkingStep tau2_step(const Analysis& a, const Studies& st) {
    const Options& o = a.options;
    const Heterogeneity& h = a.heterogeneity;
    const std::string name = to_string(o.tau2_method);
    Builder b("tau2", "Between-study variance τ² (" + name + ")");
    b.rows(st.estimable);
    const std::size_t n = st.y.size();
    const double k = static_cast<double>(n);
    if (n < 2) {
        b.note("With one study there is no between-study variance to estimate: τ² = 0 (metafor’s convention).");
        b.line("tau2", "τ²", "", 0);
        return b.step;
    }
    if (!a.random.tau2_converged) {
        b.note("The estimating equation could not be solved; no random-effects analysis.");
        b.text("tau2", "τ²", "not estimated");
        return b.step;
    }
    const double tau2 = h.tau2;
    const std::string trunc = "max(0, ";
    switch (o.tau2_method) {
        case Tau2Method::DL: {
            const bool mh_centre = dl_q_around_mh(o);
            double centre;
            std::string mu;
            if (mh_centre) {
                b.note("DerSimonian & Laird (1986) moment estimator, with Q centred on the Mantel–Haenszel estimate "
                       "(RevMan 5; option dl-q = mh), weights w = 1/v.");
                centre = a.common.y;
                mu = scale_name(o.measure) + "_MH";
                b.line("mu", mu, "the common effect", centre);
            } else {
                b.note("DerSimonian & Laird (1986) moment estimator: Q around the inverse-variance estimate, "
                       "weights w = 1/v.");
                const IvSums s = iv_sums(st, 0);
                mu = "μ_IV";
                centre = b.line("mu", mu, "Σw·y / Σw", s.mu);
            }
            const double q = q_columns(b, st, centre, mu, 0, "w");
            std::vector<double> w2;
            for (double v : st.v) w2.push_back(1 / v / v);
            const double sw2 = b.column("w2", "w²", "", w2, true).sum;
            b.line("Q", "Q", "Σ w·(y − " + mu + ")²", q);
            b.line("df", "df", "k − 1", k - 1);
            b.line("sum_w", "Σw", "", sum_of(b.step.column("w")->values));
            b.line("sum_w2", "Σw²", "", sw2);
            const double c = b.line("C", "C", "Σw − Σw²/Σw", weight_spread(st.v));
            b.line("tau2", "τ²", trunc + "(Q − df) / C)", std::max(0.0, (q - (k - 1)) / c));
            break;
        }
        case Tau2Method::HE: {
            b.note("Hedges (1983) moment estimator from the unweighted variance of the effects.");
            const double ybar = b.line("ybar", "ȳ", "Σy / k", sum_of(st.y) / k);
            std::vector<double> d2;
            for (double y : st.y) d2.push_back((y - ybar) * (y - ybar));
            b.column("y", "y", "", st.y);
            const double sv = b.column("v", "v", "", st.v, true).sum;
            const double ss = b.column("d2", "(y − ȳ)²", "", d2, true).sum;
            b.line("ss", "Σ(y − ȳ)²", "", ss);
            b.line("sum_v", "Σv", "", sv);
            b.line("tau2", "τ²", trunc + "(Σ(y − ȳ)² − (Σv − Σv/k)) / (k − 1))",
                   std::max(0.0, (ss - (sv - sv / k)) / (k - 1)));
            break;
        }
        case Tau2Method::HS: {
            b.note("Hunter & Schmidt (2004) estimator: Q around the inverse-variance estimate, weights w = 1/v.");
            const IvSums s = iv_sums(st, 0);
            const double mu = b.line("mu", "μ_IV", "Σw·y / Σw", s.mu);
            const double q = q_columns(b, st, mu, "μ_IV", 0, "w");
            b.line("Q", "Q", "Σ w·(y − μ_IV)²", q);
            double sw = 0;
            for (double v : st.v) sw += 1 / v;
            b.line("sum_w", "Σw", "", sw);
            b.line("k", "k", "", k);
            b.line("tau2", "τ²", trunc + "(Q − k) / Σw)", std::max(0.0, (q - k) / sw));
            break;
        }
        case Tau2Method::SJ: {
            b.note("Sidik & Jonkman (2005) estimator: one step from the crude estimate τ0² = Σ(y − ȳ)²/k.");
            const double ybar = b.line("ybar", "ȳ", "Σy / k", sum_of(st.y) / k);
            double ss = 0;
            for (double y : st.y) ss += (y - ybar) * (y - ybar);
            const double t0 = b.line("tau2_0", "τ0²", "Σ(y − ȳ)² / k", ss / k);
            const IvSums s = iv_sums(st, t0);
            const double mu = b.line("mu", "μ0", "Σw0·y / Σw0, w0 = 1/(v + τ0²)", s.mu);
            const double q = q_columns(b, st, mu, "μ0", t0, "w0");
            b.line("Q0", "Q0", "Σ w0·(y − μ0)²", q);
            b.line("tau2", "τ²", "τ0²·Q0 / (k − 1)", std::max(0.0, t0 * q / (k - 1)));
            break;
        }
        case Tau2Method::PM:
        case Tau2Method::EB: {
            b.note(std::string(o.tau2_method == Tau2Method::PM
                                   ? "Paule & Mandel (1982): the τ² at which the generalised Q equals its degrees "
                                     "of freedom."
                                   : "Empirical Bayes (Morris 1983): for this model its equation Q(τ²)·k/(k − 1) = k "
                                     "is the Paule–Mandel equation.") +
                   " Solved with a bracketing root finder; the columns are at the solution.");
            const IvSums s = iv_sums(st, tau2);
            const double mu = b.line("mu", "μ", "Σw*·y / Σw*, w* = 1/(v + τ²)", s.mu);
            const double q = q_columns(b, st, mu, "μ", tau2, "w*");
            b.line("Qgen", "Q(τ²)", "Σ w*·(y − μ)²", q);
            b.line("df", "k − 1", "", k - 1);
            b.line("equation", "Q(τ²) − (k − 1)", "", q - (k - 1),
                   tau2 == 0 ? "not positive at τ² = 0, so τ² = 0 (truncated)" : "0 at the solution, up to rounding");
            b.line("tau2", "τ²", "the root of Q(τ²) = k − 1", tau2);
            break;
        }
        case Tau2Method::ML:
        case Tau2Method::REML: {
            const bool reml = o.tau2_method == Tau2Method::REML;
            b.note(std::string(reml ? "Restricted maximum likelihood" : "Maximum likelihood") +
                   " (Viechtbauer 2005): τ² is where the score of the " + (reml ? "restricted " : "") +
                   "log-likelihood is 0; solved with a bracketing root finder. The columns are at the solution.");
            const IvSums s = iv_sums(st, tau2);
            const double mu = b.line("mu", "μ", "Σw*·y / Σw*, w* = 1/(v + τ²)", s.mu);
            std::vector<double> w, w2, r, w2r2;
            for (std::size_t i = 0; i < n; ++i) {
                const double wi = 1 / (st.v[i] + tau2);
                const double ri = st.y[i] - mu;
                w.push_back(wi); w2.push_back(wi * wi); r.push_back(ri); w2r2.push_back(wi * wi * ri * ri);
            }
            b.column("y", "y", "", st.y);
            const double sw = b.column("w", "w*", "1/(v + τ²)", w, true).sum;
            const double sw2 = b.column("w2", "w*²", "", w2, true).sum;
            b.column("r", "y − μ", "", r);
            const double sw2r2 = b.column("w2r2", "w*²·(y − μ)²", "", w2r2, true).sum;
            b.line("sum_w", "Σw*", "", sw);
            b.line("sum_w2", "Σw*²", "", sw2);
            b.line("sum_w2r2", "Σw*²(y − μ)²", "", sw2r2);
            const double score = reml ? sw2r2 - sw + sw2 / sw : sw2r2 - sw;
            b.line("equation", reml ? "Σw*²(y − μ)² − Σw* + Σw*²/Σw*" : "Σw*²(y − μ)² − Σw*", "", score,
                   tau2 == 0 ? "not positive at τ² = 0, so τ² = 0 (truncated)" : "0 at the solution, up to rounding");
            b.line("tau2", "τ²", "the root of the score equation", tau2);
            break;
        }
        default:
            // An estimator with no steps written here yet: its value alone,
            // so that adding an estimator needs no change to this file.
            b.note("τ² by the " + name + " estimator; no intermediate steps are shown for it.");
            b.line("tau2", "τ²", name, tau2);
            break;
    }
    if (o.i2 == I2Source::Tau2) {
        const double s2 = b.line("s2", "s²", "(k − 1)·Σw / ((Σw)² − Σw²), w = 1/v (typical within-study variance)",
                                 (k - 1) / weight_spread(st.v));
        b.line("I2", "I²", "100%·τ² / (τ² + s²)", 100 * tau2 / (tau2 + s2));
        b.line("H2", "H²", "1 + τ²/s²", 1 + tau2 / s2);
    }
    b.line("tau", "τ", "√τ²", std::sqrt(tau2));
    return b.step;
}

// ---- step 5: random effects ---------------------------------------------------

// How the working names the quantile that prediction_quantile() (in
// random_effects) returns.
std::string prediction_quantile_name(PredictionInterval pi, double k, bool hksj, double p) {
    switch (pi) {
        case PredictionInterval::TK2:
            return quantile_name("t", p) + " with k − 2 = " + num(k - 2) + " df (Higgins et al. 2009)";
        case PredictionInterval::TK1: return quantile_name("t", p) + " with k − 1 = " + num(k - 1) + " df";
        case PredictionInterval::Z: return quantile_name("z", p);
        case PredictionInterval::Metafor:
            return hksj ? quantile_name("t", p) + " with k − 1 = " + num(k - 1) + " df (metafor’s predict)"
                        : quantile_name("z", p) + " (metafor’s predict)";
        case PredictionInterval::None: return "none";
    }
    return "none";
}

WorkingStep random_step(const Analysis& a, const Studies& st) {
    const Options& o = a.options;
    const RandomEffects& re = a.random;
    Builder b("random", "Random effects");
    b.rows(st.estimable);
    const double tau2 = a.heterogeneity.tau2;
    if (st.y.empty() || !re.tau2_converged || std::isnan(tau2)) {
        b.note("No random-effects estimate for these data.");
        return b.step;
    }
    b.note("Each study weighted by w* = 1/(v + τ²): the between-study variance τ² is added to each study’s own.");
    std::vector<double> vt, w, wy;
    for (std::size_t i = 0; i < st.y.size(); ++i) {
        vt.push_back(st.v[i] + tau2);
        const double wi = 1 / (st.v[i] + tau2);
        w.push_back(wi);
        wy.push_back(wi * st.y[i]);
    }
    b.column("y", "y", "", st.y);
    b.column("vt", "v + τ²", "", vt);
    const double sw = b.column("w", "w*", "1/(v + τ²)", w, true).sum;
    b.column("weight", "weight %", "100·w*/Σw*", percents(w, sw));
    const double swy = b.column("wy", "w*·y", "", wy, true).sum;
    b.line("tau2", "τ²", "from the τ² step", tau2);
    b.line("sum_w", "Σw*", "", sw);
    b.line("sum_wy", "Σw*·y", "", swy);
    const double mu = b.line("y", "μ", "Σw*·y / Σw*", swy / sw);
    if (is_ratio(o.measure)) b.line("estimate", measure_name(o.measure), "exp(μ)", std::exp(mu));
    double se = b.line("se_wald", "SE", "√(1/Σw*)", std::sqrt(1 / sw));
    const double k = static_cast<double>(st.y.size());
    const bool hksj = re.hksj;
    if (hksj) {
        std::vector<double> q;
        for (std::size_t i = 0; i < st.y.size(); ++i) {
            const double r = st.y[i] - mu;
            q.push_back(r * r / (st.v[i] + tau2));
        }
        double Q = b.column("q", "w*·(y − μ)²", "", q, true).sum;
        if (Q <= std::numeric_limits<double>::epsilon()) Q = 0;
        b.note(std::string("Hartung–Knapp–Sidik–Jonkman: the variance of μ is scaled by q = Σw*(y − μ)²/(k − 1)") +
               (o.hksj_truncate ? ", at least 1 (Knapp & Hartung 2003)," : "") +
               " and the interval uses t with k − 1 df.");
        b.line("Qstar", "Σw*(y − μ)²", "", Q);
        const double scale = o.hksj_truncate ? std::max(1.0, Q / (k - 1)) : Q / (k - 1);
        b.line("q", "q", o.hksj_truncate ? "max(1, Σw*(y − μ)² / (k − 1))" : "Σw*(y − μ)² / (k − 1)", scale);
        se = b.line("se", "SE_HKSJ", "√q · √(1/Σw*)", std::sqrt(scale) * std::sqrt(1 / sw));
        interval_lines(b, o, mu, se, "μ", true, k - 1);
    } else {
        b.step.lines.back().key = "se";
        interval_lines(b, o, mu, se, "μ", false, 0);
    }
    const double p = 1 - (1 - o.level) / 2;
    const double crit = prediction_quantile(o.pi, k, hksj, p);
    const std::string qname = prediction_quantile_name(o.pi, k, hksj, p);
    if (std::isnan(crit)) {
        b.text("pi", "prediction interval", o.pi == PredictionInterval::None ? "not computed (option pi = none)"
                                                                             : "needs more studies");
        return b.step;
    }
    b.line("pi_crit", "c", qname, crit);
    const double half = crit * std::sqrt(tau2 + se * se);
    const bool exp = is_ratio(o.measure);
    b.line("pi_lower", "prediction interval, lower", exp ? "exp(μ − c·√(τ² + SE²))" : "μ − c·√(τ² + SE²)",
           to_reporting_scale(mu - half, exp));
    b.line("pi_upper", "prediction interval, upper", exp ? "exp(μ + c·√(τ² + SE²))" : "μ + c·√(τ² + SE²)",
           to_reporting_scale(mu + half, exp));
    return b.step;
}

}  // namespace

ShowWorking show_working(const Analysis& a) {
    ShowWorking out;
    out.measure = to_string(a.options.measure);
    if (!a.ok()) {
        out.problem = a.problem;
        return out;
    }
    for (const StudyResult& s : a.studies) {
        out.labels.push_back(s.label);
        out.source_lines.push_back(s.line);
    }
    const Studies st = collect(a);
    out.steps.push_back(effects_step(a, st));
    out.steps.push_back(common_step(a, st));
    out.steps.push_back(heterogeneity_step(a, st, out.steps.back()));
    out.steps.push_back(tau2_step(a, st));
    out.steps.push_back(random_step(a, st));
    return out;
}

}  // namespace metapool
