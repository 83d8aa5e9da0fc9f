// SUBSCRIBE: a packet id, then one or more (topic filter, requested QoS) pairs.
//
//   82 0a                          SUBSCRIBE, flags 0b0010 [MQTT-3.8.1-1], remaining length 10
//   00 07                          packet id
//   00 05 'a' '/' 'b' '/' 'c'      topic filter
//   01                             requested QoS (MQTT 5 puts more options in this byte)

#include "reader.hpp"
#include "roost/mqtt/topic.hpp"

namespace roost::mqtt {
namespace {

// One (filter, requested QoS) pair. The QoS byte's upper 6 bits are reserved and QoS 3 does not
// exist: both make the packet malformed ([MQTT-3-8.3-4], so spelled in the specification).
subscription_request read_subscription(reader& r) {
  subscription_request s;
  s.filter = r.utf8();
  // [MQTT-4.7.1-2] [MQTT-4.7.1-3]
  r.require(valid_topic_filter(s.filter), error::invalid_topic_filter);
  const std::uint8_t options = r.u8();
  r.require((options & 0xFC) == 0, error::bad_subscribe_options);  // [MQTT-3-8.3-4]
  s.qos = options & 0x03;
  r.require(s.qos != 3, error::invalid_qos);  // [MQTT-3-8.3-4]
  return s;
}

}  // namespace

decoded<subscribe> decode_subscribe(const frame& f, protocol_version v) {
  reader r = open_body(f, packet_type::subscribe, 0b0010);
  r.require(has_v3_layout(v), error::unexpected_packet);
  subscribe p;
  p.packet_id = r.packet_id();                                  // [MQTT-2.3.1-1]
  r.require(!r.at_end(), error::empty_subscription_list);       // [MQTT-3.8.3-3]
  while (r.ok() && !r.at_end()) p.entries.push_back(read_subscription(r));
  return r.finish(std::move(p));
}

}  // namespace roost::mqtt
