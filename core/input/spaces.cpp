// Trimming pasted text of spaces (spaces.hpp says which characters are spaces).
#include "input/spaces.hpp"

namespace metapool::input {

std::string_view trim(std::string_view s) {
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e) {
        const std::size_t l = space_at(s, b);
        if (l == 0 || b + l > e) break;
        b += l;
    }
    while (e > b) {
        const std::size_t l = space_before(s, e);
        if (l == 0 || e - l < b) break;
        e -= l;
    }
    return s.substr(b, e - b);
}

}  // namespace metapool::input
