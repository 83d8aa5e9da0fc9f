#pragma once
// Non-owning forms of the packets a client sends, for encoders that must not allocate (the device
// SDK): every string and byte field is a view the caller keeps alive while encoding.
// The owning packets of packets.hpp are encoded through these views, so each layout exists once.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "roost/mqtt/packets.hpp"

namespace roost::mqtt {

struct will_view {
  std::string_view topic;
  byte_view payload;
  std::uint8_t qos = 0;
  bool retain = false;
  const properties* props = nullptr;  // MQTT 5 will properties; nullptr: none
};

struct connect_view {
  std::string_view protocol_name = "MQTT";  // "MQIsdp" with protocol_level 3
  std::uint8_t protocol_level = 4;
  bool clean_session = true;
  std::uint16_t keep_alive = 0;
  std::string_view client_id;
  std::optional<will_view> will;
  std::optional<std::string_view> username;
  std::optional<byte_view> password;
  // MQTT 5 only (protocol_level 5): the Session Expiry Interval property in seconds, written when
  // not 0 and `props` is nullptr.
  std::uint32_t session_expiry = 0;
  // MQTT 5 only: every CONNECT property (then session_expiry above is not used); nullptr: none.
  const properties* props = nullptr;
};

struct subscription_view {
  std::string_view filter;
  std::uint8_t qos = 0;
};

struct subscribe_view {
  std::uint16_t packet_id = 0;
  std::span<const subscription_view> entries;
};

struct unsubscribe_view {
  std::uint16_t packet_id = 0;
  std::span<const std::string_view> filters;
};

// A decoded SUBACK whose return codes are a view into the frame.
struct suback_view {
  std::uint16_t packet_id = 0;
  byte_view return_codes;  // granted QoS 0..2 or suback_failure, one per requested filter
};

// The view of an owning CONNECT; valid while `p` is.
connect_view view_of(const connect& p);

}  // namespace roost::mqtt
