#pragma once
// The MQTT 3.1 / 3.1.1 control packets as plain structs, one field per wire field, in wire order.
// Decoded packets own their strings, except `publish`, whose topic and payload are views into the
// frame they were decoded from (a publish is forwarded far more often than it is kept).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace roost::mqtt {

enum class packet_type : std::uint8_t {
  connect = 1,
  connack = 2,
  publish = 3,
  puback = 4,
  pubrec = 5,
  pubrel = 6,
  pubcomp = 7,
  subscribe = 8,
  suback = 9,
  unsubscribe = 10,
  unsuback = 11,
  pingreq = 12,
  pingresp = 13,
  disconnect = 14,
  auth = 15,
};

// Protocol level byte of CONNECT: 3 = MQTT 3.1 ("MQIsdp"), 4 = MQTT 3.1.1 ("MQTT"), 5 = MQTT 5.0.
enum class protocol_version : std::uint8_t { v3_1 = 3, v3_1_1 = 4, v5 = 5 };

using bytes = std::vector<std::uint8_t>;
using byte_view = std::span<const std::uint8_t>;

// CONNACK return codes of MQTT 3.1 / 3.1.1 [MQTT-3.2.2-4..6].
enum class connack_code : std::uint8_t {
  accepted = 0x00,
  unacceptable_protocol_version = 0x01,
  identifier_rejected = 0x02,
  server_unavailable = 0x03,
  bad_username_or_password = 0x04,
  not_authorized = 0x05,
};

inline constexpr std::uint8_t suback_failure = 0x80;

struct will_message {
  std::string topic;
  bytes payload;
  std::uint8_t qos = 0;
  bool retain = false;
};

struct connect {
  std::string protocol_name = "MQTT";
  std::uint8_t protocol_level = 4;
  bool clean_session = true;
  std::uint16_t keep_alive = 0;
  std::string client_id;
  std::optional<will_message> will;
  std::optional<std::string> username;
  std::optional<bytes> password;  // binary data, not necessarily UTF-8
};

struct connack {
  bool session_present = false;
  connack_code code = connack_code::accepted;
};

struct publish {
  bool dup = false;
  std::uint8_t qos = 0;
  bool retain = false;
  std::string_view topic;
  std::uint16_t packet_id = 0;  // present on the wire only when qos > 0
  byte_view payload;
};

struct puback {
  std::uint16_t packet_id = 0;
};
struct pubrec {
  std::uint16_t packet_id = 0;
};
struct pubrel {
  std::uint16_t packet_id = 0;
};
struct pubcomp {
  std::uint16_t packet_id = 0;
};

struct subscription_request {
  std::string filter;
  std::uint8_t qos = 0;
};

struct subscribe {
  std::uint16_t packet_id = 0;
  std::vector<subscription_request> entries;
};

struct suback {
  std::uint16_t packet_id = 0;
  std::vector<std::uint8_t> return_codes;  // granted QoS 0..2 or suback_failure
};

struct unsubscribe {
  std::uint16_t packet_id = 0;
  std::vector<std::string> filters;
};

struct unsuback {
  std::uint16_t packet_id = 0;
};

struct pingreq {};
struct pingresp {};
struct disconnect {};

}  // namespace roost::mqtt
