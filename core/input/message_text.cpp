// Quoting pasted text inside messages (message_text.hpp).
#include "input/message_text.hpp"

namespace metapool {

namespace {

constexpr std::size_t kShowMax = 40;

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string show(std::string_view value, Cut cut, char quote) {
    std::string out(1, quote);
    if (value.size() <= kShowMax) {
        out.append(value);
    } else {
        std::size_t at = kShowMax;
        const int most = cut == Cut::WithinOneCharacter ? 3 : static_cast<int>(kShowMax);
        for (int k = 0; k < most && at > 0 && continuation(value[at]); ++k) --at;
        out.append(value.substr(0, at));
        out += "...";
    }
    out += quote;
    return out;
}

std::string place(int line, int column) {
    std::string s = "line " + std::to_string(line);
    if (column > 0) s += ", column " + std::to_string(column);
    return s + ": ";
}

Problem problem_at(int line, int column, const std::string& reason, std::string_view text) {
    Problem p;
    p.line = line;
    p.column = column;
    p.message = place(line, column);
    p.message += reason;
    p.text.assign(text);
    return p;
}

}  // namespace metapool
