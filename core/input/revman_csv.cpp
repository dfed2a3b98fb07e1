#include "input/revman_csv.hpp"

#include "input/field_splitter.hpp"
#include "input/printed_text.hpp"

namespace metapool {
namespace {

namespace pt = printed_text;

// A number of the export at field `c` (1-based; 0: no such column).
PrintedNumber number_at(const LineFields& lf, int c) {
    PrintedNumber n;
    if (c <= 0 || static_cast<std::size_t>(c) > lf.fields.size()) return n;
    if (pt::whole_number(lf.fields[static_cast<std::size_t>(c) - 1].value, n, false)) n.column = c;
    return n;
}

std::string value_at(const LineFields& lf, int c) {
    if (c <= 0 || static_cast<std::size_t>(c) > lf.fields.size()) return std::string();
    return lf.fields[static_cast<std::size_t>(c) - 1].value;
}

}  // namespace

int RevManCsv::col(const char* name) const {
    const std::string key = pt::statistic_key(name);
    for (std::size_t i = 0; i < names_.size(); ++i) {
        if (pt::statistic_key(names_[i]) == key) return static_cast<int>(i) + 1;
    }
    return 0;
}

bool RevManCsv::header(std::string_view text) {
    const LineFields lf = split_line(text);
    if (lf.separator != ',' || lf.fields.size() < 8) return false;
    std::vector<std::string> names;
    for (const LineField& f : lf.fields) names.push_back(f.value);
    // A BOM or stray spaces may precede the first name (read.rm5 allows for it).
    const std::string first = pt::statistic_key(names[0]);
    const std::string want = "comparisonnumber";
    if (first.size() < want.size() || first.compare(first.size() - want.size(), want.size(), want) != 0) return false;
    names[0] = "Comparison Number";
    names_ = names;
    if (col("Outcome Number") == 0 || col("Subgroup Number") == 0 || col("Name") == 0 || col("Events 1") == 0 ||
        col("Total 1") == 0 || col("Events 2") == 0 || col("Total 2") == 0 || col("Data Type") == 0) {
        names_.clear();
        return false;
    }
    active_ = true;
    return true;
}

// The pooled results an outcome's or a subgroup's row holds.
void RevManCsv::read_pooled(const LineFields& lf, int number, PrintedPooled& p) const {
    p.lines.push_back(number);
    p.n1 = number_at(lf, col("Total 1"));
    p.n2 = number_at(lf, col("Total 2"));
    p.events1 = number_at(lf, col("Events 1"));
    p.events2 = number_at(lf, col("Events 2"));
    p.estimate = number_at(lf, col("Effect Estimate"));
    p.lower = number_at(lf, col("CI Start"));
    p.upper = number_at(lf, col("CI End"));
    p.weight = number_at(lf, col("Weight"));
    p.Q = number_at(lf, col("Q"));
    p.Q_p = number_at(lf, col("P(Q)"));
    p.I2 = number_at(lf, col("I²(Q)"));
    p.tau2 = number_at(lf, col("Tau²"));
    p.z = number_at(lf, col("Z"));
    p.p = number_at(lf, col("P(Z)"));
    p.df = number_at(lf, col("df"));
}

RevManCsv::Line RevManCsv::read(std::string_view text, int number, ParsedTable& table) {
    Line out;
    const LineFields lf = split_line(text);
    if (lf.skip) return out;
    const std::string outcome = value_at(lf, col("Comparison Number")) + "." + value_at(lf, col("Outcome Number"));
    const std::string type = value_at(lf, col("Data Type"));
    const std::string name = value_at(lf, col("Name"));
    if (value_at(lf, col("Outcome Number")) == "0") return out;  // a comparison's title
    if (!type.empty() && outcome != outcome_) {
        // An outcome's row: the first dichotomous one is read.
        if (!outcome_.empty() || type != "DIC") {
            if (!outcome_.empty()) outcome_done_ = true;
            if (outcome_.empty() && type != "DIC") return out;  // a continuous outcome before it
            return out;
        }
        outcome_ = outcome;
        outcome_name_ = name;
        PrintedAnalysis& a = table.printed.analysis;
        a.present = true;
        a.line = number;
        const std::string method = value_at(lf, col("Statistical Method"));
        const std::string measure = value_at(lf, col("Effect Measure"));
        const std::string model = value_at(lf, col("Analysis Model"));
        a.text = method + ", " + measure + ", " + model;
        a.method = method == "MH" ? "MH" : method == "IV" ? "IV" : (method == "PETO" || measure == "PETO_OR") ? "PETO" : "";
        a.measure = measure == "RR" ? "RR" : (measure == "OR" || measure == "PETO_OR") ? "OR" : measure == "RD" ? "RD" : "";
        a.model = model == "Fixed" ? "common" : model == "Random" ? "random" : "";
        PrintedPooled p;
        p.line = number;
        p.label = name;
        read_pooled(lf, number, p);
        qint_.line = number;
        qint_.Q = number_at(lf, col("Qint"));
        qint_.p = number_at(lf, col("P(Qint)"));
        qint_.I2 = number_at(lf, col("I²(Qint)"));
        table.printed.pooled.push_back(p);
        total_block_ = static_cast<int>(table.printed.pooled.size()) - 1;
        return out;
    }
    if (outcome != outcome_ || outcome_done_ || outcome_.empty()) {
        if (!type.empty()) return out;  // another outcome's subgroup
        out.kind = Kind::Refused;
        out.problem = Problem{0, col("Outcome Number"),
                              "this row belongs to outcome " + outcome + ", but outcome " +
                                  (outcome_.empty() ? std::string("(none yet)") : outcome_ + " (\"" + outcome_name_ + "\")") +
                                  " is being read: RevMan's export holds every outcome of the review; paste the rows "
                                  "of one dichotomous outcome at a time",
                              {}};
        return out;
    }
    const std::string subgroup = value_at(lf, col("Subgroup Number"));
    if (!type.empty()) {
        // A subgroup's row: its heading and pooled results.
        subgroup_ = subgroup;
        group_ = name;
        table.group_headings = true;
        if (table.printed.subgroup_test.line == 0) table.printed.subgroup_test = qint_;
        PrintedPooled p;
        p.line = number;
        p.label = name;
        p.group = name;
        read_pooled(lf, number, p);
        table.printed.pooled.push_back(p);
        return out;
    }
    // A study: its counts go to the ordinary reader.
    out.kind = Kind::Study;
    std::string label = name;
    for (char& c : label) c = c == '\t' ? ' ' : c;
    out.counts = label;
    const char* fields[] = {"Events 1", "Total 1", "Events 2", "Total 2"};
    out.columns.push_back(col("Name"));
    for (const char* f : fields) {
        out.counts += '\t';
        out.counts += value_at(lf, col(f));
        out.columns.push_back(col(f));
    }
    out.printed.estimate = number_at(lf, col("Effect Estimate"));
    out.printed.lower = number_at(lf, col("CI Start"));
    out.printed.upper = number_at(lf, col("CI End"));
    out.printed.weight = number_at(lf, col("Weight"));
    out.group = subgroup == subgroup_ ? group_ : "";
    ++studies;
    return out;
}

}  // namespace metapool
