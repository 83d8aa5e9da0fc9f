#pragma once
// The MQTT 3.1 / 3.1.1 / 5.0 control packets as plain structs, one field per wire field, in wire
// order. Decoded packets own their strings, except `publish`, whose topic, payload and MQTT 5
// properties are views into the frame they were decoded from (a publish is forwarded far more often
// than it is kept). Fields marked MQTT 5 are neither read nor written for 3.1 / 3.1.1.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "roost/mqtt/reason_code.hpp"

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

struct user_property {
  std::string name;
  std::string value;
  bool operator==(const user_property&) const = default;
};

// MQTT 5 properties (section 2.2.2.2) of every packet but PUBLISH; absent = nullopt / empty.
// Which of them a packet may carry is checked by the decoders (a property not allowed in that
// packet, or a single-valued one given twice, is error::protocol_error_property [MQTT-2.2.2-2]).
// The encoders write every property that is set, in identifier order, whatever the packet.
struct properties {
  std::optional<std::uint8_t> payload_format_indicator;           // 0x01 (will properties)
  std::optional<std::uint32_t> message_expiry_interval;           // 0x02 (will properties)
  std::optional<std::string> content_type;                        // 0x03 (will properties)
  std::optional<std::string> response_topic;                      // 0x08 (will properties)
  std::optional<bytes> correlation_data;                          // 0x09 (will properties)
  std::optional<std::uint32_t> subscription_identifier;           // 0x0B SUBSCRIBE (1..268,435,455)
  std::optional<std::uint32_t> session_expiry_interval;           // 0x11 CONNECT, CONNACK, DISCONNECT
  std::optional<std::string> assigned_client_identifier;          // 0x12 CONNACK
  std::optional<std::uint16_t> server_keep_alive;                 // 0x13 CONNACK
  std::optional<std::string> authentication_method;               // 0x15 CONNECT, CONNACK, AUTH
  std::optional<bytes> authentication_data;                       // 0x16 CONNECT, CONNACK, AUTH
  std::optional<std::uint8_t> request_problem_information;        // 0x17 CONNECT
  std::optional<std::uint32_t> will_delay_interval;               // 0x18 will properties
  std::optional<std::uint8_t> request_response_information;       // 0x19 CONNECT
  std::optional<std::string> response_information;                // 0x1A CONNACK
  std::optional<std::string> server_reference;                    // 0x1C CONNACK, DISCONNECT
  std::optional<std::string> reason_string;                       // 0x1F acks, CONNACK, DISCONNECT, AUTH
  std::optional<std::uint16_t> receive_maximum;                   // 0x21 CONNECT, CONNACK (0 is a protocol error)
  std::optional<std::uint16_t> topic_alias_maximum;               // 0x22 CONNECT, CONNACK
  std::optional<std::uint8_t> maximum_qos;                        // 0x24 CONNACK
  std::optional<std::uint8_t> retain_available;                   // 0x25 CONNACK
  std::vector<user_property> user_properties;                     // 0x26 any packet, order kept
  std::optional<std::uint32_t> maximum_packet_size;               // 0x27 CONNECT, CONNACK (0 is a protocol error)
  std::optional<std::uint8_t> wildcard_subscription_available;    // 0x28 CONNACK
  std::optional<std::uint8_t> subscription_identifier_available;  // 0x29 CONNACK
  std::optional<std::uint8_t> shared_subscription_available;      // 0x2A CONNACK

  // True when no property is set.
  bool empty() const;
  bool operator==(const properties&) const = default;
};

struct will_message {
  std::string topic;
  bytes payload;
  std::uint8_t qos = 0;
  bool retain = false;
  properties props{};  // MQTT 5 will properties
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
  properties props{};             // MQTT 5 (protocol_level 5) only
};

struct connack {
  bool session_present = false;
  connack_code code = connack_code::accepted;  // 3.1 / 3.1.1; MQTT 5 decoding copies `reason` here
  std::uint8_t reason = 0;                     // MQTT 5 reason code (a reason_code value)
  properties props{};                          // MQTT 5
};

struct publish {
  bool dup = false;
  std::uint8_t qos = 0;
  bool retain = false;
  std::string_view topic;
  std::uint16_t packet_id = 0;  // present on the wire only when qos > 0
  byte_view payload;
  // MQTT 5: the property bytes without their length prefix (a view into the frame); empty
  // otherwise. encode() writes exactly these bytes as the property block; the fields below are
  // what decode_publish read out of them and are not written by encode().
  byte_view properties{};
  std::uint16_t topic_alias = 0;                   // 0x23; 0: absent
  std::optional<std::uint32_t> message_expiry{};   // 0x02
  std::optional<std::uint8_t> payload_format{};    // 0x01
  bool has_subscription_identifier = false;        // 0x0B present (a client must not send it [MQTT-3.3.4-6])
};

// MQTT 5 adds a reason code and properties to the publish acknowledgements. Encoded with reason 0
// and no properties they take the short 2-byte form, which is also the 3.1.1 layout.
struct puback {
  std::uint16_t packet_id = 0;
  std::uint8_t reason = 0;  // MQTT 5
  properties props{};       // MQTT 5
};
struct pubrec {
  std::uint16_t packet_id = 0;
  std::uint8_t reason = 0;  // MQTT 5
  properties props{};       // MQTT 5
};
struct pubrel {
  std::uint16_t packet_id = 0;
  std::uint8_t reason = 0;  // MQTT 5
  properties props{};       // MQTT 5
};
struct pubcomp {
  std::uint16_t packet_id = 0;
  std::uint8_t reason = 0;  // MQTT 5
  properties props{};       // MQTT 5
};

// A PUBACK, PUBREC, PUBREL or PUBCOMP without properties: what a server reads of a client's
// acknowledgement and writes in its own. It builds no `properties`, which keeps the per-message
// cost of QoS 1 and 2 what it is without MQTT 5.
struct ack_header {
  packet_type type = packet_type::puback;
  std::uint16_t packet_id = 0;
  std::uint8_t reason = 0;  // MQTT 5
};

struct subscription_request {
  std::string filter;
  std::uint8_t qos = 0;
  // MQTT 5 subscription options (the bits above the QoS in the same byte, section 3.8.3.1).
  bool no_local = false;
  bool retain_as_published = false;
  std::uint8_t retain_handling = 0;  // 0 send retained, 1 only on a new subscription, 2 never
};

struct subscribe {
  std::uint16_t packet_id = 0;
  std::vector<subscription_request> entries;
  properties props{};  // MQTT 5
};

struct suback {
  std::uint16_t packet_id = 0;
  // Granted QoS 0..2 or suback_failure; in MQTT 5 the SUBACK reason codes (section 3.9.3).
  std::vector<std::uint8_t> return_codes;
  properties props{};  // MQTT 5
};

struct unsubscribe {
  std::uint16_t packet_id = 0;
  std::vector<std::string> filters;
  properties props{};  // MQTT 5
};

struct unsuback {
  std::uint16_t packet_id = 0;
  std::vector<std::uint8_t> reason_codes{};  // MQTT 5: one per filter of the UNSUBSCRIBE
  properties props{};                        // MQTT 5
};

struct pingreq {};
struct pingresp {};

// MQTT 5 adds a reason code and properties; reason 0 without properties is the empty body of 3.1.1.
struct disconnect {
  std::uint8_t reason = 0;  // MQTT 5
  properties props{};       // MQTT 5
};

// AUTH (packet type 15, MQTT 5 only): extended authentication exchanges (section 4.12).
struct auth {
  std::uint8_t reason = 0;  // success, continue_authentication or re_authenticate
  properties props{};
};

}  // namespace roost::mqtt
