#include "input/example_data.hpp"

namespace metapool {

std::string_view example_table() {
    return "Study\tVaccinated TB\tVaccinated total\tControl TB\tControl total\n"
           "Aronson 1948\t4\t123\t11\t139\n"
           "Ferguson & Simes 1949\t6\t306\t29\t303\n"
           "Rosenthal et al 1960\t3\t231\t11\t220\n"
           "Hart & Sutherland 1977\t62\t13598\t248\t12867\n"
           "Frimodt-Moller et al 1973\t33\t5069\t47\t5808\n"
           "Stein & Aronson 1953\t180\t1541\t372\t1451\n"
           "Vandiviere et al 1973\t8\t2545\t10\t629\n"
           "TPT Madras 1980\t505\t88391\t499\t88391\n"
           "Coetzee & Berjak 1968\t29\t7499\t45\t7277\n"
           "Rosenthal et al 1961\t17\t1716\t65\t1665\n"
           "Comstock et al 1974\t186\t50634\t141\t27338\n"
           "Comstock & Webster 1969\t5\t2498\t3\t2341\n"
           "Comstock et al 1976\t27\t16913\t29\t17854\n";
}

}  // namespace metapool
