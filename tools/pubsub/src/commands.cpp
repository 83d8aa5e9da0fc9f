// `roost pub` and `roost sub`: the CLI11 subcommands around run_pub and run_sub.

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "roost/tools/pubsub.hpp"
#include "run.hpp"

namespace roost::tools {

namespace {

// A non-zero status leaves CLI11's parse as CLI::RuntimeError, which main() turns into the exit
// status without printing anything more.
void exit_with(int status) {
  if (status != 0) throw CLI::RuntimeError(status);
}

// Adds subcommand `name` whose options (shared with its callback) `define` declares and `run`
// carries out; `examples` are the footer's example lines.
template <class Options>
void add_command(CLI::App& app, const char* name, const char* description, const char* examples,
                 void (*define)(CLI::App&, Options&), int (*run)(Options&)) {
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(name, description);
  define(*cmd, *options);
  cmd->footer(std::string("Examples:\n") + examples +
              "See docs/cli.md for every flag and the exit statuses.");
  cmd->callback([options, run] { exit_with(run(*options)); });
}

}  // namespace

void add_pub_command(CLI::App& app) {
  add_command<pub_options>(
      app, "pub", "Publish MQTT messages (the flags of mosquitto_pub)",
      "  roost pub -t demo/hello -m hi                   one message to localhost:1883\n"
      "  roost pub -h broker -q 1 -r -t lamp -m on       QoS 1, retained\n"
      "  roost pub -t fw/blob -f firmware.bin            a file as one message\n"
      "  tail -f log | roost pub -t log/lines -l         one message per line\n",
      define_pub_options, run_pub);
}

void add_sub_command(CLI::App& app) {
  add_command<sub_options>(
      app, "sub", "Subscribe and print MQTT messages (the flags of mosquitto_sub)",
      "  roost sub -t 'demo/#' -v                        print \"topic payload\" lines\n"
      "  roost sub -t sensors/+/temp -C 10 -W 60         ten messages, at most a minute\n"
      "  roost sub -t a -t b -F '%t %q %r %l %x'         a format of your own\n",
      define_sub_options, run_sub);
}

}  // namespace roost::tools
