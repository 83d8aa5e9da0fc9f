#include "cmd_serve.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config_keys.hpp"
#include "load_config.hpp"
#include "serve.hpp"

namespace {

using namespace roost::app;

struct flag_slot {
  const config_key* key;
  CLI::Option* option;
  std::string text;
};

struct serve_options {
  std::string config_file;
  CLI::Option* config_option = nullptr;
  std::list<flag_slot> flags;  // a list: CLI11 keeps pointers to each `text`

  std::vector<flag_value> given() const {
    std::vector<flag_value> out;
    for (const auto& f : flags) {
      if (f.option->count() > 0) out.push_back({f.key, f.text});
    }
    return out;
  }
};

[[noreturn]] void stop(const std::string& reason) {
  std::cerr << "roost serve: " << reason << "\n";
  throw CLI::RuntimeError(1);
}

void run(const serve_options& options) {
  std::optional<std::filesystem::path> file;
  if (options.config_option->count() > 0) file = options.config_file;
  auto config = load_serve_config(file, options.given());
  if (!config) stop(config.error());
  if (const int code = run_serve(*config); code != 0) throw CLI::RuntimeError(code);
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("serve", "Run the MQTT broker until SIGINT or SIGTERM");
  auto options = std::make_shared<serve_options>();
  options->config_option =
      cmd->add_option("--config", options->config_file, "TOML configuration file; flags override it")
          ->type_name("FILE");

  const serve_config defaults = default_serve_config();
  for (const auto& key : config_keys()) {
    if (key.flag.empty()) continue;
    auto& slot = options->flags.emplace_back(flag_slot{&key, nullptr, {}});
    const std::string shown = key.show(defaults);
    const std::string help =
        std::string(key.help) + " [default: " + (shown.empty() ? "none" : shown) + "; " + std::string(key.path) + "]";
    slot.option = cmd->add_option(std::string(key.flag), slot.text, help)->type_name(std::string(key.type_name));
    if (key.kind == value_kind::boolean) slot.option->expected(0, 1);
  }
  cmd->callback([options] { run(*options); });
}
