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
  // Access rules (docs/acl.md): this file, or `<data_dir>/acl.conf` when unset (read if it exists;
  // the native API's changes are written to it).
  std::optional<std::filesystem::path> acl_file;
  // The HTTP authentication hook (docs/authentication.md); empty: none. TTLs of its cached
  // verdicts (allowances, refusals) and the time it has to answer.
  std::string auth_http_url;
  duration auth_http_ttl = seconds(30);
  duration auth_http_negative_ttl = seconds(5);
  duration auth_http_timeout = seconds(2);
  // Messages of history kept per device-cloud topic.
  std::size_t history_limit = 1000;
  durability durable = durability::full;
  // The web application behind the `http` listener (the `[http]` table).
  web::settings web;
  // The `[tls]` table: the certificate and key every TLS listener uses unless it has its own
  // (`[tls.mqtts]`, `[tls.bemfa_tls]`, `[tls.https]`), and the client-certificate policy of all.
  server::tls_settings tls;
};

// The defaults, with the default listeners (mqtt on 0.0.0.0:1883, bemfa on 9501, line on 8344,
// http on 8080) and the TLS ones (mqtts on 8883, bemfa_tls on 9503, https on 9504), which start
// only once they have a certificate (resolve_tls).
serve_config default_serve_config();

// The server configuration to run: `c.server` with each TLS listener's settings completed from
// `c.tls` (its own certificate and key, else the shared ones; the shared CA and client-certificate
// policy); a TLS listener without a certificate is turned off.
server::server_config resolve_tls(const serve_config& c);

// The listener called `name`, or null.
server::listener_config* find_listener(serve_config& c, std::string_view name);

}  // namespace roost::app
