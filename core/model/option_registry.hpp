// Every option the core takes, in one table: its key (the CLI's --key and the
// key in the module's options object), the values it accepts, its default,
// one line of help, and the name of its field in the JSON. set_option(), the
// CLI's usage text, the README's table of options (tests/core/test_options.cpp
// keeps them equal) and the page's controls (the module's options_registry())
// all read this table.
//
// Adding an option: one entry in kOptions (option_registry.cpp), a field in
// Options (options.hpp) with its spellings if it is a choice, and the
// statistics that use it. Adding a value of a choice (a τ² estimator, say):
// its spelling in options.cpp and its statistics; every list the user sees
// follows.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/options.hpp"
#include "model/problem.hpp"

namespace metapool {

enum class OptionKind {
    Choice,  // one of `values`
    YesNo,   // yes or no (also true/false, on/off, 1/0); a bare CLI flag means yes
    Number,  // a number, checked by the option's own rule
    Name,    // a name from `values` (a preset)
};

// The words the page shows for one value of an option (empty where the page
// shows none): its entry in the control's list, one sentence explaining it,
// and, for a preset, its name in "Computed as ..." lines.
struct ChoiceWords {
    std::string value;
    std::string_view label;
    std::string_view explain;
    std::string_view title;
};

struct OptionSpec {
    std::string_view key;          // "tau2-ci": the CLI's --tau2-ci, the module's "tau2-ci"
    std::string_view json_name;    // its field in the JSON's "options" or "conventions" ("" if none)
    OptionKind kind;
    std::vector<std::string> values;  // the accepted spellings (Choice, YesNo, Name), in the order shown
    std::string_view value_name;   // how the usage names a Number's value ("PERCENT")
    std::string default_value;     // as spelled (the value of a default Options)
    std::string_view help;         // one line (Markdown `code` allowed), without the default
    // Sets the option; on refusal, what to use instead ("" for: one of `values`).
    std::optional<std::string> (*set)(Options& options, std::string_view value);
    // For the page's control, where it shows one: its label, a line under
    // it that does not depend on the value ("{cc-to}" stands for the
    // explanation of that option's value), and the words of its values
    // (a choice's from its spellings in options.cpp, a preset's from
    // presets.cpp, beginning with "": no preset).
    std::string_view label = {};
    std::string_view explain = {};
    std::vector<ChoiceWords> choices = {};
};

// The options, in the order the usage and the README list them.
const std::vector<OptionSpec>& option_registry();

// The option of `key`, or nullptr.
const OptionSpec* find_option(std::string_view key);

// yes/true/on/1 or no/false/off/0 (any case); nullopt for anything else.
std::optional<bool> read_yes_no(std::string_view text);

// Sets one option from its key and spelled value ("measure", "RR"); refused
// with a message naming the accepted values.
std::optional<Problem> set_option(Options& options, std::string_view key, std::string_view value);

// Sets several options; a preset among them is applied first whatever its
// place, so that every other option given with it overrides it. Returns every
// refusal, in the order given.
std::vector<Problem> set_options(Options& options, const std::vector<std::pair<std::string, std::string>>& pairs);

// The CLI's lines for the options: "  --key VALUES   help (default x)".
std::string options_usage();

// The README's rows for the options: "| `--key` | help | `default` |".
std::string options_markdown_rows();

// The registry for the page: [{"key", "json_name", "kind", "values", "default",
// "help", "label", "explain", "choices": [{"value", "label", "explain", "title"}]}].
std::string option_registry_json();

}  // namespace metapool
