#pragma once
// fleet_options: what `roost sim` was asked to run.

#include <cstdint>
#include <optional>
#include <string>

#include "roost/tools/sim/device_kind.hpp"
#include "roost/tools/sim/server_address.hpp"

namespace roost::tools::sim {

struct fleet_options {
  device_kind kind = device_kind::light;
  server_address server;            // host and port of the MQTT (Bemfa) or line listener
  std::string key;                  // the tenant's private key: MQTT client id or line uid
  bool line = false;                // the line protocol instead of MQTT
  std::uint32_t count = 1;          // devices
  std::string topic_pattern;        // typed kinds: with {n}; never empty once checked
  std::optional<double> duration_s; // ends the run; none: until SIGINT/SIGTERM
  double interval_s = 10;           // sensor reports
  std::uint32_t connect_rate = 300; // connection attempts per second, the whole fleet
  std::uint32_t threads = 1;        // I/O threads
  std::uint16_t keep_alive_s = 60;  // MQTT keep-alive; line heartbeat interval
};

}  // namespace roost::tools::sim
