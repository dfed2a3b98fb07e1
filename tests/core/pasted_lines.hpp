// The physical lines of a paste as the parser numbers them, for tests that
// check the line a message or a row points at.
#pragma once

#include <string>
#include <vector>

namespace metapool::test {

// Split at LF, CRLF and CR (one line each); a UTF-8 BOM at the start is skipped.
inline std::vector<std::string> physical_lines(std::string text) {
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    std::vector<std::string> lines;
    std::string cur;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n' || c == '\r') {
            lines.push_back(cur);
            cur.clear();
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            cur += c;
        }
    }
    lines.push_back(cur);
    return lines;
}

}  // namespace metapool::test
