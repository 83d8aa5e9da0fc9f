#pragma once
// `roost bench`: an MQTT load generator (fanin, fanout, pairs, idle connections).

namespace CLI {
class App;
}

namespace roost::tools {

// Adds the `bench` subcommand to `app`.
void add_bench_command(CLI::App& app);

}  // namespace roost::tools
