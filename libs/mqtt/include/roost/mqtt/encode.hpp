#pragma once
// Packets to bytes. Every function appends one complete frame to `out` (never clears it), so a
// caller can batch many packets in one buffer and write them with one system call.
//
// `v` picks the layout: 3.1 / 3.1.1 (the default), or MQTT 5 with properties (an empty property
// length byte when there are none) and reason codes, in the short forms the specification allows
// (PUBACK..PUBCOMP with reason 0 and no properties: 2-byte body; DISCONNECT and AUTH with reason
// 0 and no properties: empty body). CONNECT follows its own protocol_level.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "roost/mqtt/packets.hpp"

namespace roost::mqtt {

inline constexpr protocol_version default_version = protocol_version::v3_1_1;

void encode(const connect& p, bytes& out);
void encode(const connack& p, bytes& out, protocol_version v = default_version);
// MQTT 5: `p.properties` is written as the property block (the fields read out of it are not).
void encode(const publish& p, bytes& out, protocol_version v = default_version);
void encode(const puback& p, bytes& out, protocol_version v = default_version);
void encode(const pubrec& p, bytes& out, protocol_version v = default_version);
void encode(const pubrel& p, bytes& out, protocol_version v = default_version);
void encode(const pubcomp& p, bytes& out, protocol_version v = default_version);
// The acknowledgement of type p.type: packet id, and for MQTT 5 a reason code other than 0.
void encode(const ack_header& p, bytes& out, protocol_version v = default_version);
// MQTT 5: each entry's options byte carries no_local, retain_as_published and retain_handling.
void encode(const subscribe& p, bytes& out, protocol_version v = default_version);
void encode(const suback& p, bytes& out, protocol_version v = default_version);
void encode(const unsubscribe& p, bytes& out, protocol_version v = default_version);
// MQTT 5: properties and `reason_codes` (3.1.1: the packet id alone).
void encode(const unsuback& p, bytes& out, protocol_version v = default_version);
void encode(const pingreq& p, bytes& out, protocol_version v = default_version);
void encode(const pingresp& p, bytes& out, protocol_version v = default_version);
void encode(const disconnect& p, bytes& out, protocol_version v = default_version);
// MQTT 5 only.
void encode(const auth& p, bytes& out);

// Everything of a PUBLISH frame except its payload: fixed header (with a remaining length that
// counts payload_size), topic and, for qos > 0, the packet id. The broker writes this header and
// then the shared payload buffer in one gather write, so a payload is never copied per subscriber.
// Returns the offset in `out` of the two packet-id bytes (0 when qos == 0), so a header encoded
// once can be copied and patched per subscriber.
std::size_t encode_publish_header(std::string_view topic, std::uint8_t qos, bool retain, bool dup,
                                  std::uint16_t packet_id, std::size_t payload_size, bytes& out);

// The properties a server adds to an outgoing MQTT 5 PUBLISH, in front of the forwarded ones.
struct publish_header_properties {
  std::optional<std::uint32_t> message_expiry{};     // remaining interval (seconds)
  std::uint16_t topic_alias = 0;                     // 0: none
  std::span<const std::uint32_t> subscription_ids{};  // one 0x0B property each
  byte_view forwarded{};                             // already-encoded properties passed through unchanged
};
// MQTT 5 form of encode_publish_header: as the v3 one, plus the property block (message expiry,
// topic alias, subscription ids, then `forwarded`); `topic` may be empty when topic_alias is set
// (an alias already known to the client). Returns the packet-id offset (0 when qos == 0).
std::size_t encode_publish_header(std::string_view topic, std::uint8_t qos, bool retain, bool dup,
                                  std::uint16_t packet_id, std::size_t payload_size,
                                  const publish_header_properties& props, bytes& out);
// Size of the whole frame encode_publish_header(…props…) plus the payload would take (for
// Maximum Packet Size checks before encoding).
std::size_t publish_frame_size(std::string_view topic, std::uint8_t qos, std::size_t payload_size,
                               const publish_header_properties& props);

// Appends the MQTT 5 properties of `p` that are set, in identifier order, without the property
// length: a property list in the form of publish::properties.
void encode_properties(const properties& p, bytes& out);

// From a v5 property list that is well formed (a PUBLISH's publish::properties as decode_publish
// checked it, or one encode_properties wrote), the bytes of the properties a server forwards
// unchanged [MQTT-3.3.2-17..20] [MQTT-3.3.2-12..13]: payload format indicator, content type,
// response topic, correlation data, user properties (in order). The others (topic alias, message
// expiry, subscription ids, a will's delay interval) are left out. Appends to `out`.
void forwarded_properties(byte_view list, bytes& out);

// Appends the variable-length "remaining length" encoding of n (n < 268,435,456).
void encode_remaining_length(std::size_t n, bytes& out);

}  // namespace roost::mqtt
