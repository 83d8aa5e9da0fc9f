#pragma once
// Everything `roost serve` is configured with, before it becomes engine settings, server config
// and authenticator options. Defaults here are the documented defaults (docs/configuration.md);
// the TOML file overrides them and command-line flags override the file.

#include <filesystem>
#include <optional>
#include <string>

#include "roost/broker/settings.hpp"
#include "roost/server/config.hpp"
#include "roost/web/settings.hpp"

namespace roost::app {

enum class log_level { trace, debug, info, warn, error };

// What an acknowledgement promises (docs/storage.md, "Durability modes").
enum class durability {
  full,   // sessions, queued messages and retained messages are stored; PUBACK/PUBREC after the synced commit
  batch,  // stored the same way; acknowledgements do not wait, commits are not synced every time
  none,   // messages, sessions and retained messages live in memory only
};

struct serve_config {
  std::filesystem::path data_dir = "./roost-data";
  log_level level = log_level::info;
  server::server_config server;  // listeners, I/O threads
  broker::settings broker;
  std::optional<std::filesystem::path> password_file;
  bool allow_anonymous = true;
  // Messages of history kept per device-cloud topic.
  std::size_t history_limit = 1000;
  durability durable = durability::full;
  // The web application behind the `http` listener (the `[http]` table).
  web::settings web;
};

// The defaults, with the default listeners (mqtt on 0.0.0.0:1883, bemfa on 9501, line on 8344,
// http on 8080).
serve_config default_serve_config();

// The listener called `name`, or null.
server::listener_config* find_listener(serve_config& c, std::string_view name);

}  // namespace roost::app
