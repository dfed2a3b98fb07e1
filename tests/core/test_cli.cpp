// The CLI contract: options, --json output, exit codes (0 results, 2 unusable
// input or options with the reason on stderr). Runs build/metapool.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "analyze.hpp"
#include "input/example_data.hpp"
#include "model/option_registry.hpp"
#include "output/analysis_json.hpp"

namespace {

struct Run {
    int exit_code;
    std::string out;
};

// A file name in the system's temporary directory, one per process (ctest
// runs test cases in parallel processes).
std::string temp_path(const char* what) {
    return (std::filesystem::temp_directory_path() /
            ("metapool_cli_test_" + std::string(what) + "_" + std::to_string(getpid()) + ".txt"))
        .string();
}

// Runs the CLI with `args`, feeding `input` on stdin; stderr goes to a file.
Run run_cli(const std::string& args, const std::string& input, const std::string& err_path = "/dev/null") {
    const std::string in_path = temp_path("input");
    std::ofstream(in_path, std::ios::binary) << input;
    const std::string cmd = std::string(METAPOOL_CLI_PATH) + " " + args + " < " + in_path + " 2> " + err_path;
    FILE* pipe = popen(cmd.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    const int status = pclose(pipe);
    std::remove(in_path.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("cli: json output is the analysis object of the core") {
    const std::string table(metapool::example_table());
    const Run r = run_cli("--json --measure OR --method IV --tau2 DL --hksj", table);
    REQUIRE(r.exit_code == 0);
    metapool::Options o;
    o.measure = metapool::Measure::OR;
    o.method = metapool::CommonMethod::IV;
    o.tau2_method = metapool::Tau2Method::DL;
    o.hksj = true;
    CHECK(r.out == metapool::to_json(metapool::analyze_text(table, o)) + "\n");
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["measure"] == "OR");
    CHECK(j["k"] == 13);
    CHECK(j["common"]["method"] == "IV");
    CHECK(j["random"]["tau2_method"] == "DL");
    CHECK(j["random"]["hksj"] == true);
    CHECK(j["studies"].size() == 13);
    CHECK(j["errors"].empty());
}

TEST_CASE("the example gives the BCG random-effects RR of metafor") {
    const Run r = run_cli("--example --json", "");
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    // metafor: rma(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg): -0.7145, tau2 0.3132
    CHECK(j["random"]["y"].get<double>() == Approx(-0.7145323421581394).epsilon(1e-9));
    CHECK(j["heterogeneity"]["tau2"].get<double>() == Approx(0.31324325813648074).epsilon(1e-9));
    CHECK(j["total_participants"] == 357347);
}

TEST_CASE("rejected rows are listed and the valid rows still analysed") {
    const Run r = run_cli("--json", "A,12,100,20,98\nB,x,100,20,98\nC,5,50,9,51\n");
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["k"] == 2);
    REQUIRE(j["errors"].size() == 1);
    CHECK(j["errors"][0]["line"] == 2);
    CHECK(j["errors"][0]["column"] == 2);
}

TEST_CASE("no valid rows and bad options exit with 2 and a reason") {
    const std::string err = temp_path("stderr");
    Run r = run_cli("", "", err);
    CHECK(r.exit_code == 2);
    CHECK(slurp(err).find("no valid study rows") != std::string::npos);
    // Each message once, on stderr only.
    r = run_cli("", "A,1,x,2,10\nB,1,10,2\n", err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    const std::string messages = slurp(err);
    const std::string bad_count = "line 1, column 3:";
    REQUIRE(messages.find(bad_count) != std::string::npos);
    CHECK(messages.find(bad_count, messages.find(bad_count) + 1) == std::string::npos);
    CHECK(messages.find("line 2:") != std::string::npos);
    CHECK(messages.find("no valid study rows") != std::string::npos);
    r = run_cli("--measure XX", "A,1,10,2,10\n", err);
    CHECK(r.exit_code == 2);
    CHECK(slurp(err).find("RR, OR or RD") != std::string::npos);
    r = run_cli("--tau2", "", err);
    CHECK(r.exit_code == 2);
    r = run_cli("--method PETO", "A,1,10,2,10\n", err);
    CHECK(r.exit_code == 2);
    CHECK(slurp(err).find("odds ratios only") != std::string::npos);
    r = run_cli("no-such-file.txt", "", err);
    CHECK(r.exit_code == 2);
}

TEST_CASE("cli: --version prints the project's version (CMakeLists.txt), as the module's version() does") {
    const Run r = run_cli("--version", "");
    CHECK(r.exit_code == 0);
    CHECK(r.out == std::string("metapool ") + METAPOOL_VERSION + "\n");
}

TEST_CASE("cli: help documents every option of the contract") {
    const Run r = run_cli("--help", "");
    CHECK(r.exit_code == 0);
    CHECK(r.out.find(metapool::options_usage()) != std::string::npos);  // every registry option, with its help
    for (const metapool::OptionSpec& spec : metapool::option_registry()) {
        CHECK(r.out.find("  --" + std::string(spec.key) + " ") != std::string::npos);
    }
    for (const char* opt : {"--json", "--forest", "--funnel", "--r-code", "--by", "--studies"}) {
        CHECK(r.out.find(opt) != std::string::npos);
    }
}

TEST_CASE("cli: a yes-no option may be bare or take yes|no; a preset goes first") {
    const std::string table(metapool::example_table());
    const auto options_of = [&](const std::string& args) {
        const Run r = run_cli("--json " + args, table);
        REQUIRE(r.exit_code == 0);
        return nlohmann::json::parse(r.out);
    };
    CHECK(options_of("--hksj")["options"]["hksj"] == true);
    CHECK(options_of("--hksj yes")["options"]["hksj"] == true);
    CHECK(options_of("--hksj no")["options"]["hksj"] == false);
    CHECK(options_of("--hksj=off")["options"]["hksj"] == false);
    CHECK(options_of("--cc-mh")["conventions"]["cc_in_mh"] == true);  // a bare flag before another option
    CHECK(options_of("--cc-mh --measure OR")["options"]["measure"] == "OR");
    const nlohmann::json both = options_of("--tau2 PM --preset revman5");
    CHECK(both["options"]["tau2"] == "PM");
    CHECK(both["preset"] == "revman5");
    CHECK(both["conventions"]["dl_q"] == "mh");
    const Run bad = run_cli("--hksj maybe", table);
    CHECK(bad.exit_code == 2);  // "maybe" is read as the input file's name, which does not exist
}

TEST_CASE("the readable report names the pooled estimates") {
    const Run r = run_cli("--example", "");
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Common effect (Mantel-Haenszel): RR 0.635 [0.588, 0.686]") != std::string::npos);
    CHECK(r.out.find("Random effects (REML): RR 0.489 [0.344, 0.696]") != std::string::npos);
}
