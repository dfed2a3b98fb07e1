#include "input/paper_cells.hpp"

#include <cmath>
#include <cstdio>

namespace metapool {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim_ascii(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// "3.6", "12", "3,6" (a decimal comma): value and decimals.
bool read_percent(std::string_view s, PrintedNumber& out) {
    std::size_t i = 0;
    double value = 0;
    while (i < s.size() && digit(s[i])) value = value * 10 + (s[i++] - '0');
    if (i == 0) return false;
    int decimals = 0;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        double scale = 0.1;
        while (i < s.size() && digit(s[i])) {
            value += (s[i++] - '0') * scale;
            scale /= 10;
            ++decimals;
        }
        if (decimals == 0) return false;
    }
    if (i != s.size() || decimals > 6 || value > 100) return false;  // a share of the arm: at most 100%
    out.value = value;
    out.decimals = decimals;
    return true;
}

}  // namespace

PaperCell split_paper_cell(std::string_view v) {
    PaperCell cell;
    if (v.size() < 4 || v.back() != ')') return cell;
    const std::size_t open = v.rfind('(');
    if (open == std::string_view::npos || open == 0) return cell;
    const std::string_view counts = trim_ascii(v.substr(0, open));
    if (counts.empty() || !digit(counts.back()) || !digit(counts.front())) return cell;
    for (char c : counts) {
        if (!digit(c) && c != '/' && c != ' ') return cell;  // only counts and a slash before it
    }
    std::string_view inside = trim_ascii(v.substr(open + 1, v.size() - open - 2));
    if (!inside.empty() && inside.back() == '%') inside = trim_ascii(inside.substr(0, inside.size() - 1));
    if (!read_percent(inside, cell.percent)) return cell;
    cell.counts = counts;
    cell.matched = true;
    return cell;
}

bool percent_agrees(double events, double total, const PrintedNumber& percent) {
    if (!(total > 0) || !percent.present()) return false;
    const double exact = 100.0 * events / total;
    const double half = 0.5 * std::pow(10.0, -percent.decimals);
    return std::fabs(exact - percent.value) <= half * (1 + 1e-9);
}

std::string percent_of(double events, double total, int printed_decimals) {
    char buf[64];
    const int d = printed_decimals + 1 < 1 ? 1 : printed_decimals + 1;
    std::snprintf(buf, sizeof buf, "%.*f%%", d, 100.0 * events / total);
    return buf;
}

std::string printed_percent(const PrintedNumber& percent) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f%%", percent.decimals, percent.value);
    return buf;
}

std::string cell_percent_mismatch(std::uint64_t events, std::uint64_t total, const PrintedNumber& percent) {
    const std::string cell = std::to_string(events) + "/" + std::to_string(total);
    return "the percentage printed beside " + cell + " is " + printed_percent(percent) + ", but " + cell + " = " +
           percent_of(static_cast<double>(events), static_cast<double>(total), percent.decimals) +
           "; the counts " + cell + " are read: check them and the percentage against the source";
}

std::string count_percent_mismatch(const std::string& shown, std::uint64_t events, std::uint64_t total,
                                   const PrintedNumber& percent, const std::string& where) {
    return shown + " holds more than a count, and its " + printed_percent(percent) + " is not " +
           std::to_string(events) + " of the total " + std::to_string(total) + " " + where + " (" +
           percent_of(static_cast<double>(events), static_cast<double>(total), percent.decimals) +
           "); check the count, its percentage and the total against the source, then type only the count (" +
           std::to_string(events) + ") in this cell";
}

std::string counts_without_totals(const std::string& what, const std::string& split) {
    return "expected 4 " + what + ", found 2 counts with their percentages and no totals: give each arm's total "
           "in the header, e.g. Dupilumab (N=55) and Placebo (N=54), or type events/total cells such as 12/55 (" +
           split + ")";
}

}  // namespace metapool
