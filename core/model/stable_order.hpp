// The order of a stable sort, as indices: stable_order(n, less) is what
// std::stable_sort of 0, 1, ..., n - 1 by `less` gives (items that compare
// equal stay in their order), and it is that very call.
//
// Why not std::stable_sort at each place: every comparator type makes its
// own copy of libc++'s merge sort (1.5-6 kB of WebAssembly each, 6 kB for a
// list of problems, whose strings make every move long). Here one copy takes
// the comparator through a function pointer. The places that use it sort a
// study's rows or problems, not what an analysis spends its time on.
#pragma once

#include <cstddef>
#include <vector>

namespace metapool {

// is item a before item b? `context` is what the caller's comparator needs.
using IndexLess = bool (*)(const void* context, std::size_t a, std::size_t b);

std::vector<std::size_t> stable_order(std::size_t count, const void* context, IndexLess less);

// `less(a, b)` on indices, e.g. a lambda.
template <class Less>
std::vector<std::size_t> stable_order(std::size_t count, const Less& less) {
    return stable_order(count, &less, [](const void* context, std::size_t a, std::size_t b) {
        return (*static_cast<const Less*>(context))(a, b);
    });
}

}  // namespace metapool
