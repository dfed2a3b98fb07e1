// The built-in example: the BCG vaccine trials (Colditz et al. 1994, JAMA
// 271:698-702), as distributed in metafor's dat.bcg: tuberculosis cases among
// vaccinated (experimental) and unvaccinated (control) participants.
#pragma once

#include <string_view>

namespace metapool {

std::string_view example_table();

}  // namespace metapool
