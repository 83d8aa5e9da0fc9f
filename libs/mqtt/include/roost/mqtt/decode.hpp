#pragma once
// Typing one frame into one packet. Total functions: any input yields a packet or an error, never
// undefined behaviour. Each checks the fixed-header flags of its packet type and that the body is
// consumed exactly. String fields are checked as MQTT UTF-8 ([MQTT-1.5.3-1], [MQTT-1.5.3-2]).
// Topic names and filters are checked with valid_topic_name / valid_topic_filter.

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
// [MQTT-3.1.2-14] [MQTT-3.1.2-15] [MQTT-3.1.2-22] with error::bad_connect_flags.
decoded<connect> decode_connect(const frame& f);
decoded<publish> decode_publish(const frame& f, protocol_version v);
decoded<puback> decode_puback(const frame& f, protocol_version v);
decoded<pubrec> decode_pubrec(const frame& f, protocol_version v);
decoded<pubrel> decode_pubrel(const frame& f, protocol_version v);
decoded<pubcomp> decode_pubcomp(const frame& f, protocol_version v);
decoded<subscribe> decode_subscribe(const frame& f, protocol_version v);
decoded<unsubscribe> decode_unsubscribe(const frame& f, protocol_version v);
decoded<pingreq> decode_pingreq(const frame& f);
decoded<disconnect> decode_disconnect(const frame& f, protocol_version v);

// Client side (the SDK, tools and tests).
decoded<connack> decode_connack(const frame& f, protocol_version v);

// MQTT 5 CONNACK properties a client must honour; absent ones keep their defaults.
struct connack_properties {
  std::uint16_t receive_maximum = 65'535;  // QoS 1/2 PUBLISHes the client may have unacknowledged
  std::uint8_t maximum_qos = 2;
};
// The properties of an MQTT 5 CONNACK (its other fields as decode_connack reads them).
decoded<connack_properties> decode_connack_properties(const frame& f);
// The reason code of an MQTT 5 PUBACK, PUBREC, PUBREL or PUBCOMP that decoded; 0 (success) when
// the short form leaves it out. 0x80 and above refuse the message.
std::uint8_t ack_reason_code(const frame& f);
decoded<suback> decode_suback(const frame& f, protocol_version v);
// The same without allocating: the return codes stay a view into the frame.
decoded<suback_view> decode_suback_view(const frame& f, protocol_version v);
decoded<unsuback> decode_unsuback(const frame& f, protocol_version v);
decoded<pingresp> decode_pingresp(const frame& f);

}  // namespace roost::mqtt
