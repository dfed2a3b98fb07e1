// metapool's command-line tool: reads a pasted table from a file or stdin,
// prints the analysis as a readable report or as JSON (--json), and can write
// the forest plot as SVG (--forest FILE.svg), the funnel plot (--funnel FILE.svg) and the
// leave-one-out and cumulative plots (--leave-one-out-plot, --cumulative-plot FILE.svg). Exit codes: 0 results,
// 2 unusable input or options (the reason on stderr). With --by COLUMN (batch
// mode, core/batch.hpp) it prints one JSON line per analysis as each ends.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "analyze.hpp"
#include "batch.hpp"
#include "input/example_data.hpp"
#include "model/option_registry.hpp"
#include "output/analysis_json.hpp"
#include "output/r_code.hpp"
#include "output/text_report.hpp"
#include "plots/forest_plot.hpp"
#include "plots/funnel_plot.hpp"
#include "plots/sensitivity_plot.hpp"

namespace {

constexpr const char* kUsage =
    "usage: metapool [options] [FILE|-]\n"
    "       metapool --by COLUMN [options] [FILE|-]   (batch: one JSON line per analysis)\n"
    "Pools 2x2 tables (label, events1, total1, events2, total2 per line) read from FILE or stdin.\n"
    "A row may give its effect instead (label, RR 0.54 (0.40 to 0.72); with --method IV), and a header\n"
    "may name a group column (subgroups) and a year column (the cumulative analysis follows it).\n"
    "\n";

// The options of the analysis come from the option registry
// (core/model/option_registry.hpp); these are the CLI's own.
constexpr const char* kCliFlags =
    "  --json                       print the analysis as JSON\n"
    "  --forest FILE.svg            write the forest plot as SVG\n"
    "  --funnel FILE.svg            write the funnel plot as SVG\n"
    "  --leave-one-out-plot FILE.svg\n"
    "                               write the leave-one-out plot as SVG (implies --leave-one-out)\n"
    "  --cumulative-plot FILE.svg   write the cumulative meta-analysis plot as SVG (implies --cumulative)\n"
    "  --r-code                     print metafor (R) code that reproduces the analysis\n"
    "  --example                    analyse the built-in example (BCG trials)\n"
    "  --by COLUMN                  batch mode: COLUMN (header name or number) names the analysis of each row;\n"
    "                               rows of one analysis must be contiguous; prints JSON Lines\n"
    "  --studies yes|no             batch mode: include each analysis's studies array (default yes)\n"
    "  --help, --version\n";

struct CliArgs {
    metapool::Options options;
    bool json = false;
    bool r_code = false;  // print the metafor code instead of the report
    bool example = false;
    std::string input = "-";
    std::string forest_path;
    std::string funnel_path;
    std::string leave_one_out_plot_path;
    std::string cumulative_plot_path;
    std::string by;  // batch mode when set
    bool by_given = false;
    bool studies = true;
};

int usage_error(const std::string& message) {
    std::cerr << "metapool: " << message << "\n(see metapool --help)\n";
    return 2;
}

// Returns -1 to continue, or an exit code.
int parse_args(int argc, char** argv, CliArgs& args) {
    std::vector<std::string> a(argv + 1, argv + argc);
    std::vector<std::pair<std::string, std::string>> options;  // the analysis's, set at the end (a preset first)
    bool have_input = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string& arg = a[i];
        if (arg == "--help" || arg == "-h") {
            std::cout << kUsage << metapool::options_usage() << kCliFlags;
            return 0;
        }
        if (arg == "--version") { std::cout << "metapool " METAPOOL_VERSION "\n"; return 0; }
        if (arg == "--json") { args.json = true; continue; }
        if (arg == "--r-code") { args.r_code = true; continue; }
        if (arg == "--example") { args.example = true; continue; }
        if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
            std::string key = arg.substr(2), value;
            const std::size_t eq = key.find('=');
            const metapool::OptionSpec* spec = metapool::find_option(key);
            if (eq != std::string::npos) {
                value = key.substr(eq + 1);
                key = key.substr(0, eq);
            } else if (spec != nullptr && spec->kind == metapool::OptionKind::YesNo &&
                       (i + 1 >= a.size() || !metapool::read_yes_no(a[i + 1]))) {
                value = "yes";  // a bare flag: --hksj
            } else {
                if (i + 1 >= a.size()) return usage_error("option " + arg + " needs a value");
                value = a[++i];
            }
            if (key == "forest") { args.forest_path = value; continue; }
            if (key == "funnel") { args.funnel_path = value; continue; }
            if (key == "leave-one-out-plot") {
                args.leave_one_out_plot_path = value;
                args.options.leave_one_out = true;
                continue;
            }
            if (key == "cumulative-plot") {
                args.cumulative_plot_path = value;
                args.options.cumulative = true;
                continue;
            }
            if (key == "by") { args.by = value; args.by_given = true; continue; }
            if (key == "studies") {
                if (value != "yes" && value != "no") return usage_error("option --studies: use yes or no");
                args.studies = value == "yes";
                continue;
            }
            if (metapool::find_option(key) == nullptr) {
                // Refused by the registry with the list of known options.
                return usage_error(metapool::set_option(args.options, key, value)->message);
            }
            options.emplace_back(key, value);
            continue;
        }
        if (have_input) return usage_error("more than one input file given");
        args.input = arg;
        have_input = true;
    }
    const std::vector<metapool::Problem> refused = metapool::set_options(args.options, options);
    if (!refused.empty()) return usage_error(refused.front().message);
    return -1;
}

bool read_input(const std::string& path, std::string& text) {
    if (path == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return true;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream buf;
    buf << in.rdbuf();
    text = buf.str();
    return true;
}

int run_batch_mode(const CliArgs& args) {
    if (args.example || !args.forest_path.empty() || !args.funnel_path.empty() ||
        !args.leave_one_out_plot_path.empty() || !args.cumulative_plot_path.empty()) {
        return usage_error("--by cannot be combined with --example or a plot (--forest, --funnel, "
                           "--leave-one-out-plot, --cumulative-plot)");
    }
    std::ifstream file;
    if (args.input != "-") {
        file.open(args.input, std::ios::binary);
        if (!file) return usage_error("cannot read '" + args.input + "'");
    }
    std::istream& in = args.input == "-" ? std::cin : file;
    metapool::BatchSettings settings;
    settings.column = args.by;
    settings.options = args.options;
    settings.studies = args.studies;
    const metapool::BatchOutcome outcome =
        metapool::run_batch(metapool::stream_lines(in), settings, [](metapool::BatchItem& item) {
            const std::string line = metapool::batch_json(item);
            std::fwrite(line.data(), 1, line.size(), stdout);
            std::fputc('\n', stdout);
        });
    std::fflush(stdout);
    if (outcome.problem) return usage_error(outcome.problem->message);
    if (outcome.analyses + outcome.unassigned == 0) return usage_error("no data rows in the input");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    CliArgs args;
    const int parsed = parse_args(argc, argv, args);
    if (parsed >= 0) return parsed;
    if (args.by_given) return run_batch_mode(args);
    if (!args.studies) return usage_error("--studies is for batch mode (--by)");
    std::string text;
    if (args.example) {
        text = std::string(metapool::example_table());
    } else if (!read_input(args.input, text)) {
        return usage_error("cannot read '" + args.input + "'");
    }
    const metapool::Analysis analysis = metapool::analyze_text(text, args.options);
    if (!args.forest_path.empty() && analysis.ok()) {
        std::ofstream svg(args.forest_path, std::ios::binary);
        svg << metapool::forest_plot_svg(analysis);
        if (!svg) return usage_error("cannot write '" + args.forest_path + "'");
    }
    if (!args.funnel_path.empty() && analysis.ok()) {
        std::ofstream svg(args.funnel_path, std::ios::binary);
        svg << metapool::funnel_plot_svg(analysis);
        if (!svg) return usage_error("cannot write '" + args.funnel_path + "'");
    }
    if (!args.leave_one_out_plot_path.empty() && analysis.ok()) {
        std::ofstream svg(args.leave_one_out_plot_path, std::ios::binary);
        svg << metapool::sensitivity_plot_svg(analysis, metapool::SensitivityKind::leave_one_out);
        if (!svg) return usage_error("cannot write '" + args.leave_one_out_plot_path + "'");
    }
    if (!args.cumulative_plot_path.empty() && analysis.ok()) {
        std::ofstream svg(args.cumulative_plot_path, std::ios::binary);
        svg << metapool::sensitivity_plot_svg(analysis, metapool::SensitivityKind::cumulative);
        if (!svg) return usage_error("cannot write '" + args.cumulative_plot_path + "'");
    }
    if (args.r_code) {
        std::cout << metapool::metafor_code(analysis, text);
    } else if (args.json) {
        std::cout << metapool::to_json(analysis) << "\n";  // data, with ok: false and the errors, when it failed
    } else if (analysis.ok()) {
        std::cout << metapool::text_report(analysis);
    }
    // Without results the readable report would only repeat the messages:
    // they go to stderr alone, once each.
    if (!analysis.ok()) {
        for (const auto& p : analysis.errors) {
            std::cerr << "metapool: " << p.message << "\n";  // the message starts with its line and column
        }
        std::cerr << "metapool: " << analysis.problem->message << "\n";
        return 2;
    }
    return 0;
}
