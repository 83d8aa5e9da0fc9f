#pragma once
// The command line of `roost bench`: defining the flags on a CLI11 command and checking what was
// given are separate steps, so both are tested without a broker.
//
//   raw_options raw;
//   define_bench_options(cmd, raw);
//   ... cmd parses ...
//   options o;
//   if (auto problem = check_bench_options(raw, o); !problem.empty()) usage_error(problem);

#include <string>

#include "roost/bench/options.hpp"

namespace CLI {
class App;
}

namespace roost::bench {

// The flags as given, before checking.
struct raw_options {
  options o;                  // the fields CLI11 fills directly
  std::string scenario;       // SCENARIO
  std::string mqtt = "3.1.1";  // -V
  std::string source;         // --source
  int qos = 0;                // -q
  int pid = 0;                // --pid (0: not given)
};

// Declares SCENARIO and every option on `cmd` (which keeps references into `raw`).
void define_bench_options(CLI::App& cmd, raw_options& raw);

// Checks `raw` and completes `out` (protocol version, sources, client prefix, pid); returns the
// problem in words, or an empty string when the options are usable.
std::string check_bench_options(const raw_options& raw, options& out);

}  // namespace roost::bench
