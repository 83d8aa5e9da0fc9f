// `roost bench`: the CLI11 subcommand around run_bench.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "roost/bench/parse_options.hpp"
#include "roost/tools/bench.hpp"
#include "run_bench.hpp"

namespace roost::tools {

void add_bench_command(CLI::App& app) {
  auto raw = std::make_shared<bench::raw_options>();
  CLI::App* cmd = app.add_subcommand("bench", "Load-test an MQTT broker (throughput, latency, connections)");
  bench::define_bench_options(*cmd, *raw);
  cmd->footer(
      "Examples:\n"
      "  roost bench pairs -q 1                          8 pairs, QoS 1, as fast as the broker goes\n"
      "  roost bench fanout --subscribers 8 -r 10000     open loop at 10,000 msg/s\n"
      "  roost bench conn --connections 10000 --pid PID  idle connections, broker memory each\n"
      "Exit status: 0 clean; 1 errors, losses at QoS 1/2 or duplicates at QoS 2; 2 options or limits.\n"
      "The last line of output is JSON. See docs/performance.md.");
  cmd->callback([raw] {
    bench::options o;
    if (const std::string problem = bench::check_bench_options(*raw, o); !problem.empty()) {
      std::fprintf(stderr, "roost bench: %s\n", problem.c_str());
      throw CLI::RuntimeError(bench::exit_usage);
    }
    const int status = bench::run_bench(o);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace roost::tools
