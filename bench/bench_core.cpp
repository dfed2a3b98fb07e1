// The core's speed, for `make bench` (bench/run_benchmarks.js collects the
// output; the same file is built natively and, by `make bench`, for wasm in
// node, so both run exactly this code). Asserts nothing.
//
//   metapool_bench DIR [--quick]
//
// Reads the tables bench/run_benchmarks.js wrote to DIR: one_k{10,...}.csv
// (one analysis) and batch_k10_n100000.csv (an analysis column first).
// Prints one JSON object per line:
//   {"case":"one","k":K,"part":P,"repeats":N,"median_s":T,"min_s":T}
// for the parts parse, analyse (MH + REML + heterogeneity + Q-profile tau2
// interval: the work of metafor's rma.mh + rma + confint), analyse_default
// (the CLI's and page's default analysis, which adds the small-study tests
// and trim-and-fill), json and forest (the SVG); and
//   {"case":"batch",...}
// for 100,000 analyses of k = 10 from parsed tables (analyse,
// analyse_default) and through run_batch() from the file's text to JSON
// lines in memory (batch_core: the CLI's work without its I/O).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analyze.hpp"
#include "batch.hpp"
#include "input/parse_table.hpp"
#include "output/analysis_json.hpp"
#include "plots/forest_plot.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

bool read_file(const std::string& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream buf;
    buf << in.rdbuf();
    text = buf.str();
    return true;
}

double sink = 0;  // keeps the work observable

struct Timing {
    std::vector<double> runs;
    double median() const {
        std::vector<double> s = runs;
        std::sort(s.begin(), s.end());
        return s.empty() ? 0 : s[s.size() / 2];
    }
    double min() const { return runs.empty() ? 0 : *std::min_element(runs.begin(), runs.end()); }
};

// Runs f until `budget` seconds are spent and at least `min_runs` runs are
// done, at most `max_runs`.
template <typename F>
Timing repeat(F f, double budget, int min_runs, int max_runs) {
    // Untimed warm-up, a tenth of the budget: V8 runs the first few thousand
    // calls of a wasm function in its baseline compiler (at k = 10 some
    // 5,000 analyses, 1.7x as slow) before its optimised code takes over.
    for (double warm = 0; warm < budget / 10;) {
        const auto t0 = Clock::now();
        f();
        warm += seconds_since(t0);
    }
    Timing t;
    double spent = 0;
    while (static_cast<int>(t.runs.size()) < max_runs &&
           (static_cast<int>(t.runs.size()) < min_runs || spent < budget)) {
        const auto t0 = Clock::now();
        f();
        const double s = seconds_since(t0);
        t.runs.push_back(s);
        spent += s;
    }
    return t;
}

void print(const char* c, int k, const char* part, const Timing& t, const char* extra = "") {
    std::printf("{\"case\":\"%s\",\"k\":%d,\"part\":\"%s\",\"repeats\":%zu,\"median_s\":%.9g,\"min_s\":%.9g%s}\n", c, k,
                part, t.runs.size(), t.median(), t.min(), extra);
    std::fflush(stdout);
}

void bench_one(const std::string& dir, int k, double budget) {
    std::string text;
    const std::string path = dir + "/one_k" + std::to_string(k) + ".csv";
    if (!read_file(path, text)) {
        std::printf("{\"case\":\"one\",\"k\":%d,\"error\":\"cannot read %s\"}\n", k, path.c_str());
        return;
    }
    const int max_runs = k <= 100 ? 20001 : k <= 1000 ? 2001 : k <= 10000 ? 201 : 21;
    const int min_runs = k >= 100000 ? 3 : 5;
    const metapool::ParsedTable table = metapool::parse_table(text);
    metapool::Options comparable;
    comparable.small_study = false;
    const metapool::Options defaults;
    const metapool::Analysis a = metapool::analyze(table, defaults);

    print("one", k, "parse", repeat([&] { sink += static_cast<double>(metapool::parse_table(text).rows.size()); },
                                    budget, min_runs, max_runs));
    const metapool::Analysis c = metapool::analyze(table, comparable);
    char extra[256];
    std::snprintf(extra, sizeof extra, ",\"mh_y\":%.17g,\"reml_y\":%.17g,\"tau2\":%.17g,\"tau2_lower\":%.17g,\"tau2_upper\":%.17g,\"Q\":%.17g",
                  c.common.y, c.random.y, c.heterogeneity.tau2, c.heterogeneity.tau2_ci_lower,
                  c.heterogeneity.tau2_ci_upper, c.heterogeneity.Q);
    print("one", k, "analyse", repeat([&] { sink += metapool::analyze(table, comparable).random.y; }, budget, min_runs,
                                      max_runs), extra);
    print("one", k, "analyse_default",
          repeat([&] { sink += metapool::analyze(table, defaults).random.y; }, budget, min_runs, max_runs));
    print("one", k, "json", repeat([&] { sink += static_cast<double>(metapool::to_json(a).size()); }, budget, min_runs,
                                   max_runs));
    print("one", k, "forest", repeat([&] { sink += static_cast<double>(metapool::forest_plot_svg(a).size()); }, budget,
                                     min_runs, max_runs));
}

void bench_batch(const std::string& dir, int runs) {
    const std::string path = dir + "/batch_k10_n100000.csv";
    std::string text;
    if (!read_file(path, text)) {
        std::printf("{\"case\":\"batch\",\"error\":\"cannot read %s\"}\n", path.c_str());
        return;
    }
    // The file's analyses as parsed tables (analysis column, then study, ai, n1i, ci, n2i).
    std::vector<metapool::ParsedTable> tables;
    {
        std::istringstream in(text);
        std::string line, name, current, chunk;
        std::getline(in, line);  // header
        const std::string header = line.substr(line.find(',') + 1) + "\n";
        while (std::getline(in, line)) {
            const std::size_t comma = line.find(',');
            if (comma == std::string::npos) continue;
            name.assign(line, 0, comma);
            if (name != current && !chunk.empty()) {
                tables.push_back(metapool::parse_table(chunk));
                chunk.clear();
            }
            if (chunk.empty()) chunk = header;
            current = name;
            chunk.append(line, comma + 1, std::string::npos);
            chunk += '\n';
        }
        if (!chunk.empty()) tables.push_back(metapool::parse_table(chunk));
    }
    const int n = static_cast<int>(tables.size());
    char extra[64];
    std::snprintf(extra, sizeof extra, ",\"analyses\":%d", n);
    metapool::Options comparable;
    comparable.small_study = false;
    const metapool::Options defaults;
    print("batch", 10, "analyse", repeat([&] {
        for (const auto& t : tables) sink += metapool::analyze(t, comparable).random.y;
    }, 0, runs, runs), extra);
    print("batch", 10, "analyse_default", repeat([&] {
        for (const auto& t : tables) sink += metapool::analyze(t, defaults).random.y;
    }, 0, runs, runs), extra);
    print("batch", 10, "batch_core", repeat([&] {
        std::istringstream in(text);
        metapool::BatchSettings s;
        s.column = "analysis";
        std::size_t bytes = 0;
        metapool::run_batch(metapool::stream_lines(in), s, [&](metapool::BatchItem& item) {
            bytes += metapool::batch_json(item).size() + 1;
        });
        sink += static_cast<double>(bytes);
    }, 0, runs, runs), extra);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: metapool_bench DIR [--quick]  (make bench writes DIR = build/bench)\n");
        return 2;
    }
    const std::string dir = argv[1];
    const bool quick = argc > 2 && std::strcmp(argv[2], "--quick") == 0;
    const double budget = quick ? 0.2 : 2.0;  // seconds per measurement
    for (int k : {10, 100, 1000, 10000, 100000}) bench_one(dir, k, budget);
    bench_batch(dir, quick ? 1 : 3);
    if (sink == 12345.678) std::printf("\n");
    return 0;
}
