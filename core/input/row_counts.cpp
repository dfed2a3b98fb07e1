// Reading a row's counts arm by arm (row_counts.hpp has the rules).
#include "input/row_counts.hpp"

#include <string>

#include "input/counts.hpp"
#include "input/message_text.hpp"
#include "input/paper_cells.hpp"

namespace metapool::input {
namespace {

using std::string;
using std::string_view;

Problem at_column(int column, string message) { return Problem{0, column, std::move(message), {}}; }

Problem at_column(int column, const std::optional<Problem>& reason) { return at_column(column, reason->message); }

// One arm as read, before its checks. (Plain numbers: a Count carries room
// for its problem, and zeroing two of them per arm was a tenth of the
// parse of a table of bare counts.)
struct Arm {
    std::uint64_t events = 0, total = 0;
    int events_column = 0, total_column = 0;
    PrintedNumber percent;
};

// `12/100`, or a paper's `2/55 (3.6%)`.
std::optional<Problem> read_cell_arm(const CountField& cell, Arm& arm) {
    const PaperCell paper = split_paper_cell(cell.value);
    Count events, total;
    if (auto p = parse_cell(paper.matched ? paper.counts : cell.value, events, total)) {
        return at_column(cell.column, p);
    }
    arm.events = events.value;
    arm.total = total.value;
    arm.percent = paper.percent;
    arm.events_column = arm.total_column = arm.percent.column = cell.column;
    return std::nullopt;
}

// `12 (21.8%)` under `Dupilumab (N=55)`: the total is the header's.
std::optional<Problem> read_header_cell_arm(const CountField& cell, std::uint64_t total, Arm& arm) {
    const PaperCell paper = split_paper_cell(cell.value);
    const Count events = parse_count(paper.matched ? paper.counts : cell.value);
    if (!events.ok()) return at_column(cell.column, events.problem);
    arm.events = events.value;
    arm.total = total;
    arm.percent = paper.percent;
    arm.events_column = arm.total_column = arm.percent.column = cell.column;
    return std::nullopt;
}

// Events then total in two fields; the events may carry a percentage (`12 (12%)`).
std::optional<Problem> read_count_pair(const CountField* pair, Arm& arm) {
    for (int j = 0; j < 2; ++j) {
        const CountField& c = pair[j];
        if (is_cell_like(c.value)) {
            return at_column(c.column, show(c.value) +
                                           " is an events/total cell, but this line has separate counts; use either "
                                           "12/100, 20/98 or 12, 100, 20, 98");
        }
        const PaperCell paper = j == 0 ? split_paper_cell(c.value) : PaperCell();
        const bool with_percent = paper.matched && paper.counts.find('/') == string_view::npos;
        const Count count = parse_count(with_percent ? paper.counts : c.value);
        if (with_percent) {
            arm.percent = paper.percent;
            arm.percent.column = c.column;
        }
        if (!count.ok()) return at_column(c.column, count.problem);
        (j == 0 ? arm.events : arm.total) = count.value;
    }
    arm.events_column = pair[0].column;
    arm.total_column = pair[1].column;
    return std::nullopt;
}

// A printed percentage the counts do not give: a cell's is noted (the
// counts are what was typed), a count's refuses the row (its total was
// found elsewhere, and the percentage says it may not be this one).
std::optional<Problem> check_percent(const RowLayout& layout, int g, const Arm& arm, RowCounts& out) {
    const std::uint64_t e = arm.events;
    const std::uint64_t n = arm.total;
    if (!arm.percent.present() || e > n || n == 0 ||
        percent_agrees(static_cast<double>(e), static_cast<double>(n), arm.percent)) {
        return std::nullopt;
    }
    const CountField& cell = layout.counts[layout.cells() == 2 ? g : 2 * g];
    if (layout.slash) {
        out.percent_notes.push_back(at_column(cell.column, cell_percent_mismatch(e, n, arm.percent)));
        return std::nullopt;
    }
    return at_column(cell.column,
                     count_percent_mismatch(show(cell.value), e, n, arm.percent,
                                            layout.header_cells ? "printed in the header"
                                                                : "in column " + std::to_string(arm.total_column)));
}

std::optional<Problem> check_arm(const char* name, const Arm& arm) {
    if (arm.events > arm.total) {
        return at_column(arm.events_column, "events larger than total in the " + string(name) + " group (" +
                                                std::to_string(arm.events) + " events, total " +
                                                std::to_string(arm.total) +
                                                "); check the numbers and that events come before totals");
    }
    if (arm.total == 0) {
        return at_column(arm.total_column,
                         "zero total in the " + string(name) + " group; each group needs at least one participant");
    }
    return std::nullopt;
}

std::optional<Problem> read_arm(const RowLayout& layout, const ArmHeader& arms, int g, RowCounts& out) {
    Arm arm;
    std::optional<Problem> p;
    if (layout.slash) {
        p = read_cell_arm(layout.counts[g], arm);
    } else if (layout.header_cells) {
        p = read_header_cell_arm(layout.counts[g], arms.total[g], arm);
    } else {
        p = read_count_pair(&layout.counts[2 * g], arm);
    }
    if (p) return p;
    if ((p = check_percent(layout, g, arm, out))) return p;
    if ((p = check_arm(arm_read_as(arms, g), arm))) return p;
    out.values[2 * g] = arm.events;
    out.values[2 * g + 1] = arm.total;
    out.percents[g] = arm.percent;
    return std::nullopt;
}

}  // namespace

std::optional<Problem> read_row_counts(const RowLayout& layout, const ArmHeader& arms, RowCounts& out) {
    for (int g = 0; g < 2; ++g) {
        if (auto p = read_arm(layout, arms, g, out)) return p;
    }
    return std::nullopt;
}

}  // namespace metapool::input
