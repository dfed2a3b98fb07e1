// A minimal streaming JSON writer: objects, arrays, strings, numbers, bools.
// Strings are emitted as valid UTF-8 (invalid bytes become U+FFFD) with
// <, >, &, U+2028 and U+2029 escaped, so the output is safe to embed in HTML
// and to evaluate as JavaScript. Numbers use the shortest of %.15g/%.17g that
// round-trips; NaN and infinities are written as null.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace metapool {

class JsonWriter {
public:
    // `expected_size`: room kept for that many bytes of output from the
    // start, so that a long document is not copied as it grows.
    explicit JsonWriter(std::size_t expected_size = 0) { out_.reserve(expected_size); }
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);
    JsonWriter& value(double x);
    JsonWriter& value(int x);
    JsonWriter& value(bool x);
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    template <typename T>
    JsonWriter& field(std::string_view name, const T& x) { return key(name).value(x); }
    const std::string& str() const { return out_; }
    // The document, moved out (the writer is empty afterwards).
    std::string take() { return std::move(out_); }

private:
    void separate();
    std::string out_;
    std::vector<char> first_;  // per open container: no element written yet (a char flag, not vector<bool>'s bits)
    bool after_key_ = false;
};

// Appends `s` as a JSON string literal (with quotes) to `out`.
void append_json_string(std::string& out, std::string_view s);

// Formats a finite double as the shortest of %.15g / %.17g that reads back
// exactly ("null" for NaN and infinities).
std::string format_number(double x);

}  // namespace metapool
