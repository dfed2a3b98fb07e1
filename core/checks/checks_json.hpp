// The JSON of the checks against the source (README, "JSON"): top-level
// "source" (the printed numbers read) and "checks" (what agrees), each null
// when nothing was printed, and a study's "printed". Field names are a
// stable contract: the page renders exactly these.
#pragma once

#include "model/analysis.hpp"
#include "output/json_writer.hpp"

namespace metapool {

void write_printed_study(JsonWriter& j, const PrintedStudy& p);
void write_source(JsonWriter& j, const SourceChecks& c);
void write_checks(JsonWriter& j, const SourceChecks& c);

}  // namespace metapool
