#pragma once
// Every way a byte stream can fail to be MQTT. The broker maps these to a reason (and, in MQTT 5,
// to a reason code) in exactly one place.

#include <cstdint>
#include <string_view>

#include "roost/mqtt/reason_code.hpp"

namespace roost::mqtt {

enum class error : std::uint8_t {
  malformed_remaining_length,  // more than 4 length bytes [MQTT-2.2.3]
  packet_too_large,            // header announces more than the configured maximum
  reserved_packet_type,        // type 0 [MQTT-2.1.2]
  bad_fixed_header_flags,      // reserved flag bits not as the spec requires [MQTT-2.2.2-2]
  truncated,                   // body shorter than its fields need
  trailing_bytes,              // body longer than its fields
  invalid_utf8,                // ill-formed UTF-8 or U+0000 [MQTT-1.5.3-1] [MQTT-1.5.3-2]
  invalid_qos,                 // QoS 3 [MQTT-3.3.1-4]
  zero_packet_id,              // packet identifier 0 where one is required [MQTT-2.3.1-1]
  bad_connect_flags,           // reserved flag set or will/user/password flags inconsistent
  bad_subscribe_options,       // reserved bits of a requested QoS byte set [MQTT-3.8.3-4]
  empty_subscription_list,     // SUBSCRIBE/UNSUBSCRIBE without a filter [MQTT-3.8.3-3] [MQTT-3.10.3-2]
  invalid_topic_name,          // empty, wildcards, or too long [MQTT-3.3.2-2] [MQTT-4.7.3-1]
  invalid_topic_filter,        // misplaced wildcard [MQTT-4.7.1-2] [MQTT-4.7.1-3]
  unexpected_packet,           // a packet the receiver's role, state or version does not allow
  // MQTT 5
  malformed_property,          // unknown identifier or one not valid for the packet, truncated value,
                               // bad variable byte integer (section 2.2.2.2)
  protocol_error_property,     // a single-valued property given twice, a value out of range
  invalid_reason_code,         // a reason code the specification does not define for the packet
  protocol_error,              // another rule the specification calls a Protocol Error: retain
                               // handling 3, no local on a shared subscription [MQTT-3.8.3-4],
                               // an empty topic without a topic alias [MQTT-3.3.2-8]
};

// A short, stable, human readable name for logs ("truncated", "invalid_utf8", ...).
std::string_view to_string(error e);

// The MQTT 5 reason code a server sends in DISCONNECT (or CONNACK) for a decoding error:
// 0x81 malformed packet, 0x82 protocol error, 0x95 packet too large, 0x90 topic name invalid,
// 0x8F topic filter invalid.
reason_code reason_for(error e);

}  // namespace roost::mqtt
