#pragma once
// run_bench: one whole run (connect, warm up, measure, drain, disconnect) and its report.

#include "roost/bench/options.hpp"

namespace roost::bench {

// Exit status for options or limits that do not allow the run.
inline constexpr int exit_usage = 2;

// Runs the scenario of `o`, prints the summary and the JSON line on stdout, and returns the exit
// status (0 clean, 1 errors or losses, exit_usage when the run cannot start).
int run_bench(const options& o);

}  // namespace roost::bench
