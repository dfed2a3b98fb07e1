// stable_order(n, less) is the order std::stable_sort gives 0..n-1 by less:
// equal items keep their order, whatever the comparator.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "model/stable_order.hpp"

using metapool::stable_order;

TEST_CASE("stable_order keeps equal items in their order", "[stable_order]") {
    const std::vector<int> year = {2001, 1999, 2001, 1999, 2000, 2001};
    const std::vector<std::size_t> order =
        stable_order(year.size(), [&](std::size_t a, std::size_t b) { return year[a] < year[b]; });
    CHECK(order == std::vector<std::size_t>{1, 3, 4, 0, 2, 5});
    CHECK(stable_order(0, [](std::size_t, std::size_t) { return false; }).empty());
}

TEST_CASE("stable_order is std::stable_sort of the indices, NaN keys included", "[stable_order]") {
    std::mt19937 rng(20261206);
    std::uniform_int_distribution<int> pick(0, 9);
    for (const std::size_t n : {1u, 2u, 7u, 40u, 129u, 300u, 1000u}) {
        std::vector<double> key(n);
        for (double& k : key) {
            const int p = pick(rng);
            k = p == 0 ? std::nan("") : p - 4.5 + (p % 3 == 0 ? 0.25 : 0.0);
        }
        const auto less = [&](std::size_t a, std::size_t b) { return std::fabs(key[a]) < std::fabs(key[b]); };
        std::vector<std::size_t> expected(n);
        std::iota(expected.begin(), expected.end(), std::size_t{0});
        std::stable_sort(expected.begin(), expected.end(), less);
        CHECK(stable_order(n, less) == expected);
    }
}
