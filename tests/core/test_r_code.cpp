// "Copy as R code" (core/output/r_code.cpp): the generated metafor code, run through
// Rscript, gives the numbers metapool reports (common and random effects
// with their intervals, prediction interval, tau2, Q, I2, tau2 interval) for
// every measure, method, tau2 estimator, HKSJ variant, prediction interval,
// the tool presets and the corrections metafor has no switch for; labels
// made of quotes, backslashes, code and non-ASCII text come back unchanged.
// Without R (CI has none) the R check is skipped with a warning; the string
// escaping and the shape of the code are checked everywhere.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "analyze.hpp"
#include "input/example_data.hpp"
#include "input/utf8.hpp"
#include "model/option_registry.hpp"
#include "model/options.hpp"
#include "output/r_code.hpp"

using namespace metapool;

namespace {

const char* const kZeros =
    "A, 0, 10, 3, 10\nB, 2, 10, 3, 10\nC, 0, 10, 0, 10\nD, 10, 10, 10, 10\nE, 1, 10, 2, 10\n"
    "F, 4, 25, 1, 30\nG, 0, 40, 5, 38\nH, 9, 60, 14, 61\n";
const char* const kRare =
    "R1, 0, 150, 2, 75\nR2, 1, 300, 4, 150\nR3, 3, 120, 2, 118\nR4, 0, 40, 1, 41\nR5, 7, 900, 12, 450\n";
const char* const kTwo = "Smith 2001, 12, 100, 20, 98\nJones 2004, 30, 210, 28, 190\n";
const char* const kHostile =
    "\"\"\"quoted\"\" label\", 4, 123, 11, 139\n"
    "\"back\\slash \\n \\\\\", 6, 306, 29, 303\n"
    "\"\"\"); system(\"\"echo pwned\"\"); (\"\"\", 3, 231, 11, 220\n"
    "M\xC3\xBCller 2001 \xE2\x80\x94 \xCE\xB1\xCE\xB2, 62, 13598, 248, 12867\n"
    "\"emoji \xF0\x9F\x98\x80 # not a comment\", 33, 5069, 47, 5808\n"
    "\"$(rm -rf /) `x` ${y}\", 180, 1541, 372, 1451\n";

struct Case {
    std::string text;
    std::vector<std::pair<std::string, std::string>> options;
};

std::vector<Case> cases() {
    const std::string bcg(example_table());
    return {
        {bcg, {}},
        {bcg, {{"measure", "OR"}, {"tau2", "DL"}, {"hksj", "yes"}}},
        {bcg, {{"measure", "RD"}, {"tau2", "PM"}}},
        {bcg, {{"measure", "OR"}, {"method", "PETO"}}},
        {bcg, {{"method", "IV"}, {"tau2", "SJ"}}},
        {bcg, {{"measure", "OR"}, {"method", "IV"}, {"tau2", "HE"}, {"hksj", "yes"}, {"hksj-truncate", "yes"}}},
        {bcg, {{"tau2", "HS"}, {"pi", "t-k1"}}},
        {bcg, {{"tau2", "ML"}, {"pi", "metafor"}, {"hksj", "yes"}}},
        {bcg, {{"tau2", "EB"}, {"level", "90"}}},
        {bcg, {{"measure", "RD"}, {"mh-rd-var", "gr"}}},
        {kZeros, {}},
        {kZeros, {{"measure", "OR"}, {"cc-type", "treatment-arm"}}},
        {kZeros, {{"measure", "OR"}, {"cc-type", "treatment-arm"}, {"cc-mh", "yes"}, {"tau2", "DL"}}},
        {kZeros, {{"preset", "revman5"}}},
        {kZeros, {{"measure", "RD"}, {"preset", "revman5"}}},
        {kZeros, {{"preset", "revman-web"}}},
        {kZeros, {{"preset", "meta"}}},
        {kZeros, {{"measure", "OR"}, {"preset", "stata"}}},
        {kZeros, {{"measure", "OR"}, {"cc-to", "if0all"}}},
        {kZeros, {{"measure", "OR"}, {"drop00", "no"}, {"cc-to", "all"}}},
        {kZeros, {{"measure", "RD"}}},
        {kZeros, {{"measure", "RD"}, {"cc", "0"}}},
        {kZeros, {{"measure", "RD"}, {"preset", "meta"}}},
        {kZeros, {{"measure", "RD"}, {"cc-rd", "variance"}}},
        {kZeros, {{"measure", "RD"}, {"cc-rd", "variance"}, {"cc-mh", "yes"}, {"tau2", "DL"}}},
        {kZeros, {{"measure", "RD"}, {"cc-rd", "variance"}, {"cc-type", "treatment-arm"}, {"mh-rd-var", "gr"}}},
        {kZeros, {{"measure", "RD"}, {"cc-rd", "variance"}, {"method", "IV"}}},
        {kZeros, {{"measure", "OR"}, {"preset", "revman5"}, {"method", "PETO"}}},
        {kZeros, {{"measure", "OR"}, {"method", "PETO"}, {"tau2", "DL"}}},
        {kZeros, {{"cc-rr", "events"}}},
        {kZeros, {{"q", "iv"}}},
        {kZeros, {{"measure", "OR"}, {"q", "mh-if-dl"}}},
        {kRare, {{"measure", "OR"}, {"pi", "z"}, {"hksj", "yes"}}},
        {kTwo, {}},
        {kHostile, {{"measure", "OR"}}},
    };
}

Analysis run(const Case& c) {
    Options o;
    for (const auto& [k, v] : c.options) REQUIRE(!set_option(o, k, v));
    return analyze_text(c.text, o);
}

std::string hex(std::string_view s) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char ch : s) {
        out += digits[ch >> 4];
        out += digits[ch & 15];
    }
    return out;
}

std::string describe(const Case& c) {
    std::string out = c.text.substr(0, 30) + "... |";
    for (const auto& [k, v] : c.options) out += " " + k + "=" + v;
    return out;
}

// The numbers the generated code's `numbers` vector must hold.
std::map<std::string, double> expected(const Analysis& a) {
    std::map<std::string, double> m = {
        {"common", a.common.estimate}, {"common.lb", a.common.ci_lower}, {"common.ub", a.common.ci_upper},
        {"random", a.random.estimate}, {"random.lb", a.random.ci_lower}, {"random.ub", a.random.ci_upper},
        {"tau2", a.heterogeneity.tau2}, {"Q", a.heterogeneity.Q}, {"I2", a.heterogeneity.I2},
    };
    if (std::isfinite(a.random.pi_lower)) {
        m["pi.lb"] = a.random.pi_lower;
        m["pi.ub"] = a.random.pi_upper;
    }
    if (std::isfinite(a.heterogeneity.tau2_ci_lower)) {
        m["tau2.lb"] = a.heterogeneity.tau2_ci_lower;
        m["tau2.ub"] = a.heterogeneity.tau2_ci_upper;
    }
    return m;
}

// metafor's iterative fits stop at their own tolerances: 1e-6 relative for
// the estimates (tau2 also 1e-9 absolute near 0); the code asks confint()
// for Q-profile limits to 1e-10.
bool agrees(const std::string& key, double r, double m) {
    const double scale = std::max(std::fabs(r), std::fabs(m));
    if (key == "I2") return std::fabs(r - m) <= 1e-6 * std::max(1.0, scale);
    return std::fabs(r - m) <= 1e-6 * scale + 1e-9;
}

bool have_r() {
    if (std::system("command -v Rscript > /dev/null 2>&1") != 0) return false;
    return std::system("Rscript -e 'suppressPackageStartupMessages(library(metafor))' > /dev/null 2>&1") == 0;
}

}  // namespace

TEST_CASE("R code: strings are escaped so that no label can leave its literal", "[r_code]") {
    CHECK(r_string("Smith 2001") == "\"Smith 2001\"");
    CHECK(r_string("a \"b\" \\ c") == "\"a \\\"b\\\" \\\\ c\"");
    CHECK(r_string("tab\tnew\nline\r") == "\"tab\\tnew\\nline\\r\"");
    CHECK(r_string("\x01") == "\"\\u0001\"");
    CHECK(r_string("M\xC3\xBCller") == "\"M\\u00FCller\"");
    CHECK(r_string("\xF0\x9F\x98\x80") == "\"\\U{1F600}\"");
    CHECK(r_string("bad \xFF byte") == "\"bad \\uFFFD byte\"");
    // Plain ASCII out, whatever went in.
    for (unsigned char ch : r_string(kHostile)) CHECK((ch >= 0x20 && ch < 0x7F));
}

TEST_CASE("R code: the metafor calls follow the options", "[r_code]") {
    const Analysis bcg = analyze_text(example_table(), Options{});
    const std::string code = metafor_code(bcg, example_table());
    CHECK(code.find("library(metafor)") != std::string::npos);
    CHECK(code.find("escalc(measure = \"RR\"") != std::string::npos);
    CHECK(code.find("add = 0.5, to = \"only0\", drop00 = TRUE") != std::string::npos);
    CHECK(code.find("rma.mh(measure = \"RR\"") != std::string::npos);
    CHECK(code.find("drop00 = c(TRUE, TRUE)") != std::string::npos);
    CHECK(code.find("method = \"REML\", test = \"z\"") != std::string::npos);
    CHECK(code.find("pi.type = \"riley\"") != std::string::npos);
    CHECK(code.find("\"Comstock et al 1976\"") != std::string::npos);

    Options o;
    REQUIRE(!set_option(o, "measure", "OR"));
    REQUIRE(!set_option(o, "method", "PETO"));
    REQUIRE(!set_option(o, "hksj", "yes"));
    const std::string peto = metafor_code(analyze_text(example_table(), o), example_table());
    CHECK(peto.find("rma.peto(") != std::string::npos);
    CHECK(peto.find("test = \"knha\"") != std::string::npos);

    const std::string text = "A, 1, 10, 2, 10\nB, x, 10, 2, 10\nC, 3, 12, 4, 11\n";
    const std::string refused = metafor_code(analyze_text(text, Options{}), text);
    CHECK(refused.find("# not read (line 2): B, x, 10, 2, 10") != std::string::npos);
    // The whole code is plain ASCII, comments included.
    const std::string odd = "\xCE\xB1 \xE2\x80\x94 \x01, x, 1, 2, 3\nA, 1, 10, 2, 10\nB, 3, 12, 4, 11\n";
    const std::string ascii = metafor_code(analyze_text(odd, Options{}), odd);
    CHECK(ascii.find("# not read (line 1): ? -  , x, 1, 2, 3") != std::string::npos);
    for (unsigned char ch : ascii) CHECK(((ch >= 0x20 && ch < 0x7F) || ch == '\n'));
    const std::string none = metafor_code(analyze_text("", Options{}), "");
    CHECK(none.find("could not analyse") != std::string::npos);
    CHECK(none.find("rma") == std::string::npos);
}

TEST_CASE("R code: run through R, it reproduces metapool's numbers", "[r_code][R]") {
    if (!have_r()) {
        WARN("Rscript with metafor not found: the check of the generated R code in R is skipped");
        return;
    }
    const std::vector<Case> all = cases();
    std::ostringstream script;
    std::vector<Analysis> analyses;
    for (std::size_t i = 0; i < all.size(); ++i) {
        analyses.push_back(run(all[i]));
        REQUIRE(analyses.back().ok());
        script << "tryCatch(local({\n" << metafor_code(analyses.back(), all[i].text)
               << "cat(sprintf(\"METAPOOL %d %s %.17g\\n\", " << i << "L, names(numbers), numbers), sep = \"\")\n"
               << "cat(\"METAPOOL_LABELS\", " << i << "L, paste(vapply(as.character(dat$study), function(s) "
                  "paste(as.character(charToRaw(enc2utf8(s))), collapse = \"\"), \"\"), collapse = \",\"), \"\\n\")\n"
               << "}), error = function(e) cat(\"METAPOOL_ERROR\", " << i
               << "L, gsub(\"\\n\", \" \", conditionMessage(e)), \"\\n\"))\n";
    }
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("metapool_r_code_" + std::to_string(getpid()) + ".R");
    {
        std::ofstream f(path);
        f << script.str();
    }
    const std::string cmd = "Rscript --vanilla " + path.string() + " 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) output.append(buf, n);
    pclose(pipe);
    std::filesystem::remove(path);

    std::vector<std::map<std::string, double>> got(all.size());
    std::vector<std::string> labels(all.size());
    std::istringstream lines(output);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream in(line);
        std::string tag;
        std::size_t i;
        in >> tag >> i;
        if (tag == "METAPOOL_ERROR") FAIL("case " << i << " (" << describe(all[i]) << "): R error: " << line);
        if (tag == "METAPOOL_LABELS") in >> labels[i];
        if (tag != "METAPOOL") continue;
        std::string key, value;
        in >> key >> value;
        got[i][key] = value == "NA" || value == "NaN" ? NAN : std::strtod(value.c_str(), nullptr);
    }
    int compared = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        INFO("case " << i << ": " << describe(all[i]));
        const Analysis& a = analyses[i];
        for (const auto& [key, want] : expected(a)) {
            INFO(key);
            REQUIRE(got[i].count(key) == 1);
            const double r = got[i][key];
            CHECK_FALSE(std::isnan(r));
            CHECK(agrees(key, r, want));
            if (!agrees(key, r, want)) WARN(key << ": R " << r << " vs metapool " << want);
            ++compared;
        }
        std::string want_labels;
        for (const StudyResult& s : a.studies) want_labels += (want_labels.empty() ? "" : ",") + hex(sanitize_utf8(s.label));
        CHECK(labels[i] == want_labels);
    }
    CHECK(compared == 439);  // every number expected() lists for every case
}
