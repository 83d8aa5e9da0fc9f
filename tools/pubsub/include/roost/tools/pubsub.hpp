#pragma once
// `roost pub` and `roost sub`: MQTT command-line clients with mosquitto_pub/mosquitto_sub flags.

namespace CLI {
class App;
}

namespace roost::tools {

// Adds the `pub` subcommand to `app`.
void add_pub_command(CLI::App& app);
// Adds the `sub` subcommand to `app`.
void add_sub_command(CLI::App& app);

}  // namespace roost::tools
