#pragma once
// Typing one frame into one packet. Total functions: any input yields a packet or an error, never
// undefined behaviour. Each checks the fixed-header flags of its packet type and that the body is
// consumed exactly. String fields are checked as MQTT UTF-8 ([MQTT-1.5.3-1], [MQTT-1.5.3-2]).
// Topic names and filters are checked with valid_topic_name / valid_topic_filter.
//
// MQTT 5 (protocol_version::v5): properties are read into `props` (PUBLISH: see decode_publish)
// and checked: a known identifier with a well-formed value (error::malformed_property), allowed in
// this packet, single-valued ones at most once, values in range (error::protocol_error_property)
// [MQTT-2.2.2-2]. Reason codes must be defined for the packet (error::invalid_reason_code). The
// short forms the specification allows (reason code and property length left out) are read.

#include "roost/base/result.hpp"
#include "roost/mqtt/error.hpp"
#include "roost/mqtt/frame_decoder.hpp"
#include "roost/mqtt/packet_views.hpp"
#include "roost/mqtt/packets.hpp"

namespace roost::mqtt {

template <class T>
using decoded = result<T, error>;

// Server side. CONNECT carries its own protocol level; the others take the connection's version.
// decode_connect does not judge the protocol name/level (the broker answers those with CONNACK
// 0x01) but rejects inconsistent flags [MQTT-3.1.2-3] [MQTT-3.1.2-11] [MQTT-3.1.2-13]
// [MQTT-3.1.2-14] [MQTT-3.1.2-15] [MQTT-3.1.2-22] with error::bad_connect_flags. Levels 3 and 4,
// and level 5 with the name "MQTT" (CONNECT and will properties), are decoded in full; for any
// other level only protocol_name and protocol_level are read.
decoded<connect> decode_connect(const frame& f);
// Both sides. MQTT 5: the property block stays a view (`publish::properties`, nothing allocated);
// it is checked whole: identifiers allowed in PUBLISH, no duplicates but of user properties and
// subscription identifiers (a server PUBLISH may carry several), well-formed values (UTF-8
// strings, the response topic a topic name without wildcards [MQTT-3.3.2-14]), topic alias != 0
// and payload format 0 or 1. Topic alias, message expiry, payload format and the presence of a
// subscription identifier are read out. An empty topic is allowed only with a topic alias
// [MQTT-3.3.2-8] (error::protocol_error otherwise); `topic` then stays empty for the caller to
// resolve.
decoded<publish> decode_publish(const frame& f, protocol_version v);
decoded<puback> decode_puback(const frame& f, protocol_version v);
decoded<pubrec> decode_pubrec(const frame& f, protocol_version v);
decoded<pubrel> decode_pubrel(const frame& f, protocol_version v);
decoded<pubcomp> decode_pubcomp(const frame& f, protocol_version v);
// The PUBACK, PUBREC, PUBREL or PUBCOMP in `f` (its type from the frame; any other type is
// error::unexpected_packet) with the checks of the four decoders above; an MQTT 5 one's properties
// are checked and dropped.
decoded<ack_header> decode_ack_header(const frame& f, protocol_version v);
// MQTT 5 reads the subscription options byte: reserved bits 6-7 set is error::bad_subscribe_options
// [MQTT-3.8.3-5]; retain handling 3, and no local on a "$share/" filter [MQTT-3.8.3-4], are
// error::protocol_error. The subscription identifier property must be 1..268,435,455.
decoded<subscribe> decode_subscribe(const frame& f, protocol_version v);
decoded<unsubscribe> decode_unsubscribe(const frame& f, protocol_version v);
decoded<pingreq> decode_pingreq(const frame& f);
// MQTT 5: reason code and properties; an empty body is reason 0 (normal disconnection), a 1-byte
// body a reason code without properties.
decoded<disconnect> decode_disconnect(const frame& f, protocol_version v);
// AUTH, MQTT 5 only (both sides): flags 0; an empty body is reason 0 (success); reason codes
// 0x00, 0x18, 0x19.
decoded<auth> decode_auth(const frame& f);

// Client side (the SDK, tools and tests).
// MQTT 5: reason code (also copied into `code`) and properties.
decoded<connack> decode_connack(const frame& f, protocol_version v);

// MQTT 5 CONNACK properties a client must honour; absent ones keep their defaults.
struct connack_properties {
  std::uint16_t receive_maximum = 65'535;  // QoS 1/2 PUBLISHes the client may have unacknowledged
  std::uint8_t maximum_qos = 2;
};
// The properties of an MQTT 5 CONNACK (decode_connack(f, v5) checks the frame).
decoded<connack_properties> decode_connack_properties(const frame& f);
// The reason code of an MQTT 5 PUBACK, PUBREC, PUBREL or PUBCOMP that decoded; 0 (success) when
// the short form leaves it out. 0x80 and above refuse the message.
std::uint8_t ack_reason_code(const frame& f);
// MQTT 5: properties, then the SUBACK reason codes.
decoded<suback> decode_suback(const frame& f, protocol_version v);
// The same without allocating: the return codes stay a view into the frame and MQTT 5 properties
// are checked but not kept.
decoded<suback_view> decode_suback_view(const frame& f, protocol_version v);
// MQTT 5: properties, then one reason code per filter into `reason_codes`.
decoded<unsuback> decode_unsuback(const frame& f, protocol_version v);
decoded<pingresp> decode_pingresp(const frame& f);

}  // namespace roost::mqtt
