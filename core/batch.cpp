// Batch mode (README, "Batch mode"). The rules:
//
//   * The analysis column is named by its header (matched without regard to
//     ASCII case or surrounding spaces; the first non-blank, non-comment line
//     is then the header and must hold exactly one such column) or given by
//     its 1-based number (the first line is then a header when parse_table()
//     would read the rest of it as one).
//   * Lines are split as parse_table() splits them (split_line()); the
//     analysis column is cut out of each line with one separator, and the
//     rest of the line goes to the analysis named in the column, exactly as
//     if that analysis's rows had been pasted on their own under the header
//     (the header, without the column, goes first to every analysis).
//     Line numbers stay those of the file; a column a problem is reported
//     under counts the analysis column too, and `text` is the line as it is
//     in the file.
//   * Blank and comment lines are ignored. The rows of one analysis must be
//     contiguous: an analysis ends at the first row of another one and is
//     then analysed and emitted at once. A row naming an analysis that has
//     already ended is emitted as an error (and not analysed), and so is a
//     row without a name (empty or missing column, a quote never closed);
//     neither ends the analysis in progress.
//   * Memory: the rows of the analysis in progress, plus one 64-bit hash per
//     ended analysis (to recognise names that come back).
#include "batch.hpp"

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "analyze.hpp"
#include "input/message_text.hpp"
#include "input/parse_table.hpp"
#include "output/analysis_json.hpp"
#include "output/json_writer.hpp"

namespace metapool {

namespace {

using std::size_t;
using std::string;
using std::string_view;

// ------------------------------------------------------------- line reader

struct StreamReader {
    std::istream* in = nullptr;
    string block;
    size_t pos = 0;
    bool started = false;     // the BOM check has been made
    bool eof = false;
    bool skip_lf = false;     // the last block ended in CR: a following LF belongs to it

    bool fill() {
        block.resize(65536);
        in->read(&block[0], static_cast<std::streamsize>(block.size()));
        block.resize(static_cast<size_t>(in->gcount()));
        pos = 0;
        if (block.empty()) {
            eof = true;
            return false;
        }
        if (!started) {
            started = true;
            while (block.size() < 3 && *in) {  // a BOM cut by a tiny first read
                char c;
                if (!in->get(c)) break;
                block += c;
            }
            if (block.size() >= 3 && static_cast<unsigned char>(block[0]) == 0xEF &&
                static_cast<unsigned char>(block[1]) == 0xBB && static_cast<unsigned char>(block[2]) == 0xBF) {
                pos = 3;
            }
        }
        if (skip_lf && pos < block.size() && block[pos] == '\n') ++pos;
        skip_lf = false;
        return true;
    }

    bool next(string& line) {
        line.clear();
        bool any = false;  // something of this line was read
        for (;;) {
            if (pos >= block.size() && (eof || !fill())) return any;
            if (pos >= block.size()) continue;
            size_t e = pos;
            while (e < block.size() && block[e] != '\n' && block[e] != '\r') ++e;
            line.append(block, pos, e - pos);
            any = true;
            if (e == block.size()) {
                pos = e;
                continue;
            }
            if (block[e] == '\r') {
                if (e + 1 < block.size()) {
                    pos = e + (block[e + 1] == '\n' ? 2 : 1);
                } else {
                    pos = e + 1;
                    skip_lf = true;
                }
            } else {
                pos = e + 1;
            }
            return true;
        }
    }
};

// ------------------------------------------------------------- names seen

// The analyses that have ended, as 64-bit hashes of their names in a flat
// open-addressing table.
class EndedNames {
public:
    static std::uint64_t hash(string_view s) {
        std::uint64_t h = 14695981039346656037ULL;  // FNV-1a, then a mix of the bits
        for (char c : s) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ULL;
        }
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        return h == 0 ? 1 : h;
    }

    bool contains(std::uint64_t h) const {
        if (slots_.empty()) return false;
        const size_t mask = slots_.size() - 1;
        for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
            if (slots_[i] == 0) return false;
            if (slots_[i] == h) return true;
        }
    }

    void insert(std::uint64_t h) {
        if (contains(h)) return;
        if ((used_ + 1) * 2 > slots_.size()) grow();
        place(h);
        ++used_;
    }

private:
    void place(std::uint64_t h) {
        const size_t mask = slots_.size() - 1;
        size_t i = static_cast<size_t>(h) & mask;
        while (slots_[i] != 0) i = (i + 1) & mask;
        slots_[i] = h;
    }

    void grow() {
        std::vector<std::uint64_t> old(slots_.empty() ? 64 : slots_.size() * 2, 0);
        old.swap(slots_);
        for (std::uint64_t h : old) {
            if (h != 0) place(h);
        }
    }

    std::vector<std::uint64_t> slots_;
    size_t used_ = 0;
};

// ------------------------------------------------------------- helpers

bool all_digits(string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

string trim_ascii(string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    return string(s.substr(b, e - b));
}

// The line without field i and one separator next to it.
string without_field(string_view line, const LineFields& lf, size_t i) {
    const std::vector<LineField>& f = lf.fields;
    string out;
    if (i + 1 < f.size()) {
        out.reserve(line.size());
        out.append(line.substr(0, f[i].from));
        out.append(line.substr(f[i + 1].from));
    } else if (i > 0) {
        out.reserve(line.size());
        out.append(line.substr(0, f[i - 1].to));
        out.append(line.substr(f[i].to));
    }
    return out;
}

string location(int line, int column) {
    string s = "line " + std::to_string(line);
    if (column > 0) s += ", column " + std::to_string(column);
    return s;
}

// Batch mode's messages cut a long value back to the start of the character
// (input/message_text.hpp: Cut).
string quote_value(string_view s) { return show(s, Cut::ToCharacterStart); }

// ------------------------------------------------------------- the batch

class Batch {
public:
    Batch(const BatchSettings& settings, const std::function<void(BatchItem&)>& emit)
        : settings_(settings), emit_(emit) {}

    BatchOutcome run(const LineSource& lines);

private:
    bool read_header(const string& line, const LineFields& lf, int number);
    bool probe_header(const string& rest, int number);
    void data_line(const string& line, const LineFields& lf, int number);
    void unassigned(const string& name, int number, int column, const string& reason, const string& text);
    void start(const string& name);
    void feed(const string& line, const LineFields& lf, int number);
    void finish();
    string column_words() const;

    const BatchSettings& settings_;
    const std::function<void(BatchItem&)>& emit_;
    BatchOutcome outcome_;

    bool by_number_ = false;
    size_t index_ = 0;      // 0-based index of the analysis column
    string column_name_;    // as given (a name), or as found in the header

    bool have_header_ = false;
    string header_rest_;
    string header_line_;    // the header as in the file
    int header_number_ = 0;

    bool open_ = false;     // an analysis is in progress
    string current_;
    TableReader reader_;
    std::vector<string> problem_text_;  // the file's line for each problem of the analysis in progress
    std::vector<string> note_text_;     // and for each note
    EndedNames ended_;
};

string Batch::column_words() const {
    if (by_number_ && column_name_.empty()) return "column " + std::to_string(index_ + 1);
    return "column " + std::to_string(index_ + 1) + " (" + quote_value(column_name_) + ")";
}

bool Batch::probe_header(const string& rest, int number) {
    TableReader probe;
    probe.line(rest, number);
    return probe.table().header_line == number;
}

// The first non-blank, non-comment line. Returns false when it is data.
bool Batch::read_header(const string& line, const LineFields& lf, int number) {
    if (!by_number_) {
        if (lf.problem) {
            outcome_.problem = Problem{number, lf.problem->column,
                                       location(number, lf.problem->column) +
                                           ": the header row, where the analysis column is looked up by name, cannot "
                                           "be read: " + lf.problem->message,
                                       line};
            return true;
        }
        std::vector<size_t> matches;
        for (size_t i = 0; i < lf.fields.size(); ++i) {
            if (ascii_iequal(lf.fields[i].value, column_name_)) matches.push_back(i);
        }
        if (matches.empty()) {
            string names;
            for (size_t i = 0; i < lf.fields.size() && i < 12; ++i) names += (i ? ", " : "") + quote_value(lf.fields[i].value);
            if (lf.fields.size() > 12) names += ", ...";
            outcome_.problem = Problem{number, 0,
                                       "no column named " + quote_value(column_name_) + " in the header row (line " +
                                           std::to_string(number) + ": " + names +
                                           "); give the analysis column's name as the header has it, or its number",
                                       line};
            return true;
        }
        if (matches.size() > 1) {
            outcome_.problem = Problem{number, 0,
                                       "more than one column is named " + quote_value(column_name_) +
                                           " in the header row (columns " + std::to_string(matches[0] + 1) + " and " +
                                           std::to_string(matches[1] + 1) + "); give the analysis column's number instead",
                                       line};
            return true;
        }
        index_ = matches[0];
        column_name_ = lf.fields[index_].value;
        const string rest = without_field(line, lf, index_);
        if (probe_header(rest, number)) {
            have_header_ = true;
            header_rest_ = rest;
            header_line_ = line;
            header_number_ = number;
        }
        return true;
    }
    if (lf.problem || index_ >= lf.fields.size()) return false;
    const string rest = without_field(line, lf, index_);
    if (!probe_header(rest, number)) return false;
    have_header_ = true;
    header_rest_ = rest;
    header_line_ = line;
    header_number_ = number;
    column_name_ = lf.fields[index_].value;
    return true;
}

void Batch::unassigned(const string& name, int number, int column, const string& reason, const string& text) {
    BatchItem item;
    item.name = name;
    item.problem = Problem{number, column, location(number, column) + ": " + reason, text};
    ++outcome_.unassigned;
    emit_(item);
}

void Batch::start(const string& name) {
    open_ = true;
    current_ = name;
    problem_text_.clear();
    note_text_.clear();
    if (have_header_) reader_.line(header_rest_, header_number_);
    // Problems and notes at the header: the file's header line.
    problem_text_.resize(reader_.table().problems.size(), header_line_);
    note_text_.resize(reader_.table().notes.size(), header_line_);
}

void Batch::feed(const string& line, const LineFields& lf, int number) {
    reader_.line(without_field(line, lf, index_), number);
    while (problem_text_.size() < reader_.table().problems.size()) problem_text_.push_back(line);
    while (note_text_.size() < reader_.table().notes.size()) note_text_.push_back(line);
}

void Batch::finish() {
    if (!open_) return;
    open_ = false;
    ParsedTable table = reader_.finish();
    // Columns and texts as in the file, which has the analysis column too.
    const int cut = static_cast<int>(index_) + 1;
    const auto in_file = [&](std::vector<InputProblem>& list, const std::vector<string>& texts) {
        for (size_t i = 0; i < list.size(); ++i) {
            InputProblem& p = list[i];
            if (i < texts.size()) p.text = texts[i];
            if (p.column < cut) continue;
            const string old_prefix = location(p.line, p.column) + ": ";
            ++p.column;
            if (p.message.compare(0, old_prefix.size(), old_prefix) == 0) {
                p.message = location(p.line, p.column) + ": " + p.message.substr(old_prefix.size());
            }
        }
    };
    in_file(table.problems, problem_text_);
    in_file(table.notes, note_text_);
    for (StudyRow& r : table.rows) {  // the columns of printed percentages too
        for (PrintedNumber* p : {&r.printed.percent1, &r.printed.percent2}) {
            if (p->column >= cut) ++p->column;
        }
    }
    BatchItem item;
    item.name = current_;
    item.analysis = analyze(table, settings_.options);
    if (!settings_.studies) item.analysis.studies.clear();
    ended_.insert(EndedNames::hash(current_));
    ++outcome_.analyses;
    emit_(item);
}

void Batch::data_line(const string& line, const LineFields& lf, int number) {
    if (lf.problem) {
        unassigned("", number, lf.problem->column,
                   lf.problem->message + "; the row's analysis cannot be told, so it is not analysed",
                   line);
        return;
    }
    if (index_ >= lf.fields.size()) {
        unassigned("", number, 0,
                   "no " + column_words() + " on this line (it has " + std::to_string(lf.fields.size()) +
                       (lf.fields.size() == 1 ? " field" : " fields") +
                       "); every row needs the name of its analysis there, so this row is not analysed",
                   line);
        return;
    }
    const string& name = lf.fields[index_].value;
    if (name.empty()) {
        unassigned("", number, static_cast<int>(index_) + 1,
                   "the analysis name is empty; every row needs the name of its analysis in " + column_words() +
                       ", so this row is not analysed",
                   line);
        return;
    }
    if (!(open_ && name == current_)) {
        if (ended_.contains(EndedNames::hash(name))) {
            unassigned(name, number, static_cast<int>(index_) + 1,
                       "analysis " + quote_value(name) +
                           " already ended: other analyses came between its rows, and the rows of one analysis "
                           "must be next to each other (sort the file by " + column_words() +
                           "); this row is not analysed",
                       line);
            return;
        }
        finish();
        start(name);
    }
    feed(line, lf, number);
}

BatchOutcome Batch::run(const LineSource& lines) {
    const string spec = trim_ascii(settings_.column);
    if (spec.empty()) {
        outcome_.problem = problem("the analysis column (--by) is empty: give its name as in the header row, or its number",
                                   settings_.column);
        return outcome_;
    }
    if (all_digits(spec)) {
        by_number_ = true;
        size_t n = 0;
        for (char c : spec) n = spec.size() > 6 ? 0 : n * 10 + static_cast<size_t>(c - '0');
        if (n == 0) {
            outcome_.problem = problem("the analysis column number " + spec + " is out of range: columns count from 1",
                                       spec);
            return outcome_;
        }
        index_ = n - 1;
    } else {
        column_name_ = spec;
    }
    string line;
    LineFields lf;
    int number = 0;
    bool seen_content = false;
    while (lines(line)) {
        ++number;
        lf = split_line(line);
        if (lf.skip) continue;
        if (!seen_content) {
            seen_content = true;
            const bool header = read_header(line, lf, number);
            if (outcome_.problem) return outcome_;
            if (header) continue;
        }
        data_line(line, lf, number);
    }
    finish();
    return outcome_;
}

}  // namespace

LineSource stream_lines(std::istream& in) {
    auto reader = std::make_shared<StreamReader>();
    reader->in = &in;
    return [reader](string& line) { return reader->next(line); };
}

BatchOutcome run_batch(const LineSource& lines, const BatchSettings& settings,
                       const std::function<void(BatchItem&)>& emit) {
    Batch batch(settings, emit);
    return batch.run(lines);
}

std::string batch_json(const BatchItem& item) {
    string out = "{\"analysis\":";
    append_json_string(out, item.name);
    if (item.analysed()) {
        const string j = to_json(item.analysis);
        out += ',';
        out.append(j, 1, string::npos);
        return out;
    }
    JsonWriter j;
    j.begin_object()
        .field("ok", false)
        .field("error", item.problem->message)
        .key("errors").begin_array()
        .begin_object()
        .field("line", item.problem->line)
        .field("column", item.problem->column)
        .field("message", item.problem->message)
        .field("text", item.problem->text)
        .end_object()
        .end_array()
        .end_object();
    out += ',';
    out.append(j.str(), 1, string::npos);
    return out;
}

}  // namespace metapool
