// The core's source files form no cycle, so that each can be read (and
// tested) on top of the ones it uses.
//
// A "file" here is a .hpp/.cpp pair of core/ (core/pooling/peto.hpp and
// core/pooling/peto.cpp are the file pooling/peto). File A uses file B when
// A's header or source has `#include "B.hpp"` (includes are written from
// core/). A cycle is a file that uses itself through a chain of such uses:
// A uses B and B uses A, directly or through other files. Forward
// declarations do not count as uses, so they must not be used to hide one.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Graph = std::map<std::string, std::set<std::string>>;

// "pooling/peto" for core/pooling/peto.cpp.
std::string file_name(const fs::path& core, const fs::path& path) {
    fs::path relative = fs::relative(path, core);
    relative.replace_extension();
    return relative.generic_string();
}

// The files a header or source includes with #include "x.hpp".
void add_uses(const fs::path& core, const fs::path& path, Graph& graph) {
    const std::string self = file_name(core, path);
    graph[self];
    std::ifstream in(path);
    std::string line;
    const std::string directive = "#include \"";
    while (std::getline(in, line)) {
        if (line.compare(0, directive.size(), directive) != 0) continue;
        const std::size_t end = line.find('"', directive.size());
        if (end == std::string::npos) continue;
        const fs::path included = fs::path(line.substr(directive.size(), end - directive.size()));
        if (!fs::exists(core / included)) continue;
        const std::string other = file_name(core, core / included);
        if (other != self) graph[self].insert(other);
    }
}

Graph core_graph() {
    const fs::path core = fs::path(METAPOOL_CORE_DIR);
    Graph graph;
    for (const auto& entry : fs::recursive_directory_iterator(core)) {
        const fs::path& p = entry.path();
        if (p.extension() == ".hpp" || p.extension() == ".cpp") add_uses(core, p, graph);
    }
    return graph;
}

// Every file `from` uses directly or through a chain.
std::set<std::string> reachable(const Graph& graph, const std::string& from) {
    std::set<std::string> seen;
    std::vector<std::string> todo{from};
    while (!todo.empty()) {
        const std::string f = todo.back();
        todo.pop_back();
        const auto it = graph.find(f);
        if (it == graph.end()) continue;
        for (const std::string& next : it->second) {
            if (seen.insert(next).second) todo.push_back(next);
        }
    }
    return seen;
}

}  // namespace

TEST_CASE("no file of core/ uses itself through its includes", "[source]") {
    const Graph graph = core_graph();
    // The sources were found, and their includes read.
    REQUIRE(graph.count("analyze") == 1);
    REQUIRE(graph.at("analyze").count("analysis_without_checks") == 1);
    REQUIRE(graph.at("pooling/peto").count("pooling/two_by_two") == 1);
    // Files on a cycle, grouped: the files that use each other.
    std::map<std::string, std::set<std::string>> reach;
    for (const auto& entry : graph) reach[entry.first] = reachable(graph, entry.first);
    std::set<std::string> reported;
    std::vector<std::string> cycles;
    for (const auto& [file, from] : reach) {
        if (!from.count(file) || reported.count(file)) continue;
        std::string group;
        for (const std::string& other : from) {
            if (!reach[other].count(file)) continue;
            reported.insert(other);
            group += (group.empty() ? "" : ", ") + other;
        }
        cycles.push_back(group);
    }
    for (const std::string& c : cycles) UNSCOPED_INFO("files that use each other: " << c);
    CHECK(cycles.empty());
}
