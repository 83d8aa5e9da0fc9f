#pragma once
// Everything the broker core can be told. Defaults are the documented defaults of `roost serve`
// (docs/configuration.md); the app fills this from the TOML file and command-line flags.

#include <cstddef>
#include <cstdint>
#include <string>

#include "roost/base/clock.hpp"

namespace roost::broker {

// How a shared subscription's group picks the member that receives a message (MQTT 5.0 section
// 4.8.2; docs/mqtt5.md): the members in turn, or the member the hash of the publisher's client id
// picks (one publisher's messages then keep their order on one member while the group is stable).
enum class share_strategy : std::uint8_t { round_robin, hash_client_id };

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
  // MQTT 5 Receive Maximum the server advertises: unacknowledged QoS 1/2 PUBLISHes a client may
  // send; more is DISCONNECT 0x93 [MQTT-3.3.4-7..8].
  std::uint16_t receive_maximum = 1024;
  // MQTT 5 Topic Alias Maximum the server advertises (0: no inbound aliases) [MQTT-3.3.2-7..10].
  std::uint16_t topic_alias_maximum = 64;
  // Whether the server assigns topic aliases on outgoing MQTT 5 PUBLISHes to clients that allow
  // them (the first Topic Alias Maximum distinct topics of a connection) [MQTT-3.3.2-11].
  bool outgoing_topic_aliases = true;
  // Whether retained messages are supported (MQTT 5 Retain Available; a retained PUBLISH while
  // false is DISCONNECT 0x9A for MQTT 5 and published without RETAIN for 3.1 / 3.1.1).
  bool retain_available = true;
  // Keepalive at most, in seconds (0: no limit). An MQTT 5 client asking for more, or for 0, is
  // told this value as Server Keep Alive and held to it [MQTT-3.2.2-21]; a 3.1 / 3.1.1 client
  // cannot be told and keeps its own value.
  std::uint16_t max_keepalive = 0;
  // Session Expiry Interval at most, in seconds (0: no limit); a larger request is capped and the
  // cap sent in CONNACK. 3.1 / 3.1.1 persistent sessions never expire.
  std::uint32_t max_session_expiry = 0;
  // Another server for MQTT 5 clients (Server Reference): sent with DISCONNECT 0x9C (Use another
  // server) at shutdown; empty: none.
  std::string server_reference;
  // The server has moved to server_reference for good: MQTT 5 CONNECTs are refused with CONNACK
  // 0x9D (Server moved), 3.1 / 3.1.1 ones with 0x03, and shutdown sends 0x9D.
  bool server_moved = false;
  // Distribution of messages among the members of a shared subscription ("$share/group/filter").
  share_strategy shared_strategy = share_strategy::round_robin;
  // Shown in $SYS/broker/version.
  std::string version = "roost";
};

}  // namespace roost::broker
