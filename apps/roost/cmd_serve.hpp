#pragma once
// `roost serve`: run the broker. Every setting is a TOML key and (mostly) a flag; see
// config_keys.cpp for the list and docs/configuration.md for the manual.
//
//   roost serve [--config FILE] [--mqtt HOST:PORT|off] [--data DIR] [--log-level LEVEL] ...

namespace CLI {
class App;
}

// Adds the `serve` subcommand to `app`. It runs during app.parse(); a configuration error is
// printed as "roost serve: <reason>" and, like a failure to start, throws CLI::RuntimeError(1),
// which app.exit() (and so CLI11_PARSE) turns into exit code 1.
void add_serve_command(CLI::App& app);
