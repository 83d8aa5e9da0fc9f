#pragma once
// What the network side of `roost serve` is told: which listeners to open and how many I/O threads
// to run. Plain data; the app fills it from the TOML file and flags (docs/configuration.md).

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace roost::server {

// How a listener talks to its peers. Each profile has its own connection adapter; only `mqtt`
// exists so far (later: bemfa, line, http).
enum class listener_profile {
  mqtt,  // standard MQTT 3.1 / 3.1.1 over TCP
};

struct listener_config {
  std::string name;                             // for logs and errors: "mqtt"
  listener_profile profile = listener_profile::mqtt;
  std::string host;                             // address or name to bind: "0.0.0.0", "::", "localhost"
  std::uint16_t port = 0;                       // 0 = any free port (the bound one is logged)
  bool enabled = true;
};

struct server_config {
  std::vector<listener_config> listeners;
  // I/O threads, one io_context ("shard") each; 0 = one per CPU core.
  unsigned threads = 0;
  bool tcp_nodelay = true;
  // How long a graceful shutdown waits for connections to flush and close.
  std::chrono::milliseconds shutdown_grace{5000};
};

}  // namespace roost::server
