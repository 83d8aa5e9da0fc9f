#pragma once
// Everything the broker core can be told. Defaults are the documented defaults of `roost serve`
// (docs/configuration.md); the app fills this from the TOML file and command-line flags.

#include <cstddef>
#include <cstdint>
#include <string>

#include "roost/base/clock.hpp"

namespace roost::broker {

struct settings {
  // Largest packet accepted, fixed header included. A larger one closes the connection before its
  // body is read.
  std::size_t max_packet_size = 1024 * 1024;
  // Live connections at most (0 = no limit). CONNECTs beyond it get CONNACK 0x03.
  std::size_t max_connections = 0;
  // Unacknowledged outgoing QoS 1/2 messages per session.
  std::uint16_t max_inflight = 32;
  // Per-session queue of messages waiting for an offline client (count and bytes) or for the
  // socket and in-flight window of an online one (bytes). What overflows is dropped, counted in
  // $SYS/broker/messages/dropped and logged.
  std::size_t max_queued_messages = 1000;
  std::size_t max_queued_bytes = 64 * 1024 * 1024;
  // Whether QoS 0 messages are queued for persistent sessions while their client is offline.
  bool queue_qos0_offline = false;
  // Highest QoS granted to a subscription.
  std::uint8_t max_qos = 2;
  // Topics and filters with more levels are refused (0 = no limit).
  std::size_t max_topic_levels = 128;
  // A socket that has not completed CONNECT by then is closed.
  duration connect_timeout = seconds(10);
  // Period of the $SYS/broker/... topics (0 = never).
  duration sys_interval = seconds(10);
  // Shown in $SYS/broker/version.
  std::string version = "roost";
};

}  // namespace roost::broker
