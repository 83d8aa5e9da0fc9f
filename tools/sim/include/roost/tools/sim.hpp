#pragma once
// `roost sim`: fleets of simulated devices over MQTT or the line protocol.

namespace CLI {
class App;
}

namespace roost::tools {

// Adds the `sim` subcommand to `app`.
void add_sim_command(CLI::App& app);

}  // namespace roost::tools
