// The JSON form of the working (show_working.hpp) for the page: the
// WebAssembly binding `working(text, options)` returns it parsed. NaN and
// infinities are written as null; labels and notes are escaped by JsonWriter.
#include "output/json_writer.hpp"
#include "output/show_working.hpp"

namespace metapool {

std::string working_json(const ShowWorking& w) {
    JsonWriter j;
    j.begin_object().field("ok", w.ok()).field("note", message_of(w.problem)).field("measure", w.measure);
    j.key("steps").begin_array();
    for (const WorkingStep& s : w.steps) {
        j.begin_object().field("id", s.id).field("title", s.title);
        j.key("notes").begin_array();
        for (const std::string& n : s.notes) j.value(n);
        j.end_array();
        j.key("columns").begin_array();
        for (const WorkingColumn& c : s.columns) {
            j.begin_object()
                .field("key", c.key).field("symbol", c.symbol).field("formula", c.formula)
                .field("summed", c.summed).field("sum", c.sum)
                .end_object();
        }
        j.end_array();
        j.key("rows").begin_array();
        for (std::size_t r = 0; r < s.rows.size(); ++r) {
            const std::size_t i = s.rows[r];
            j.begin_object().field("study", static_cast<int>(i))
                .field("label", i < w.labels.size() ? w.labels[i] : std::string())
                .field("line", i < w.source_lines.size() ? w.source_lines[i] : 0)
                .field("note", s.row_notes[r]);
            j.key("values").begin_array();
            for (const WorkingColumn& c : s.columns) j.value(r < c.values.size() ? c.values[r] : kNaN);
            j.end_array();
            j.end_object();
        }
        j.end_array();
        j.key("lines").begin_array();
        for (const WorkingLine& l : s.lines) {
            j.begin_object()
                .field("key", l.key).field("symbol", l.symbol).field("formula", l.formula)
                .field("value", l.value).field("text", l.text)
                .end_object();
        }
        j.end_array();
        j.end_object();
    }
    j.end_array();
    j.end_object();
    return j.str();
}

}  // namespace metapool
