// Native speed of the core: one analysis (MH common effect + REML random
// effects + heterogeneity + Q-profile tau2 interval) at several k, and a
// batch of 100,000 analyses of k = 10. Reports medians; asserts nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "analyze.hpp"
#include "parse_table.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::string random_table(std::mt19937_64& rng, int k) {
    std::uniform_int_distribution<int> size(50, 500);
    std::normal_distribution<double> log_rr(-0.3, 0.4);
    std::uniform_real_distribution<double> base(0.05, 0.3);
    std::string text;
    text.reserve(static_cast<std::size_t>(k) * 24);
    for (int i = 0; i < k; ++i) {
        const int n1 = size(rng), n2 = size(rng);
        const double p2 = base(rng);
        const double p1 = std::min(0.95, p2 * std::exp(log_rr(rng)));
        std::binomial_distribution<int> b1(n1, p1), b2(n2, p2);
        text += "S" + std::to_string(i + 1) + "," + std::to_string(b1(rng)) + "," + std::to_string(n1) + "," +
                std::to_string(b2(rng)) + "," + std::to_string(n2) + "\n";
    }
    return text;
}

double median(std::vector<double> xs) {
    std::sort(xs.begin(), xs.end());
    return xs[xs.size() / 2];
}

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

void bench_one(int k, int repeats) {
    std::mt19937_64 rng(static_cast<unsigned>(k));
    const std::string text = random_table(rng, k);
    const metapool::ParsedTable table = metapool::parse_table(text);
    metapool::Options options;  // MH + REML, Q-profile CI always computed
    std::vector<double> parse_t, analyze_t;
    double sink = 0;
    for (int r = 0; r < repeats; ++r) {
        auto t0 = Clock::now();
        const metapool::ParsedTable parsed = metapool::parse_table(text);
        parse_t.push_back(seconds_since(t0));
        t0 = Clock::now();
        const metapool::Analysis a = metapool::analyze(table, options);
        analyze_t.push_back(seconds_since(t0));
        sink += a.random.y + static_cast<double>(parsed.rows.size());
    }
    const double per_study_ns = median(analyze_t) / k * 1e9;
    std::printf("| one analysis | %d | %.1f | %.1f | %.1f |\n", k, median(parse_t) * 1e6,
                median(analyze_t) * 1e6, per_study_ns);
    if (sink == 12345.678) std::printf("\n");  // keeps the work observable
}

void bench_batch(int analyses, int k) {
    std::mt19937_64 rng(2026);
    std::vector<metapool::ParsedTable> tables;
    tables.reserve(1000);
    for (int i = 0; i < 1000; ++i) tables.push_back(metapool::parse_table(random_table(rng, k)));
    metapool::Options options;
    double sink = 0;
    const auto t0 = Clock::now();
    for (int i = 0; i < analyses; ++i) sink += metapool::analyze(tables[static_cast<std::size_t>(i) % tables.size()], options).random.y;
    const double total = seconds_since(t0);
    std::printf("| batch of %d analyses (%.3f s in all) | %d | - | %.2f each | %.1f |\n", analyses, total, k,
                total / analyses * 1e6, total / analyses / k * 1e9);
    if (sink == 12345.678) std::printf("\n");
}

}  // namespace

int main() {
    std::printf("metapool native core benchmark (medians; MH + REML + Q-profile CI)\n\n");
    std::printf("| what | k | parse (us) | analyse (us) | ns per study |\n|---|---|---|---|---|\n");
    bench_one(10, 2001);
    bench_one(100, 501);
    bench_one(1000, 101);
    bench_one(10000, 21);
    bench_one(100000, 5);
    bench_batch(100000, 10);
    return 0;
}
