#include "model/stable_order.hpp"

#include <algorithm>
#include <numeric>

namespace metapool {

std::vector<std::size_t> stable_order(std::size_t count, const void* context, IndexLess less) {
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [context, less](std::size_t a, std::size_t b) { return less(context, a, b); });
    return order;
}

}  // namespace metapool
