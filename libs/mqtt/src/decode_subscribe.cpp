// SUBSCRIBE: a packet id, then one or more (topic filter, subscription options) pairs.
//
//   82 0a                          SUBSCRIBE, flags 0b0010 [MQTT-3.8.1-1], remaining length 10
//   00 07                          packet id
//   [02 0b 05]                     MQTT 5: properties (here Subscription Identifier 5)
//   00 05 'a' '/' 'b' '/' 'c'      topic filter
//   01                             requested QoS; MQTT 5: subscription options, section 3.8.3.1
//                                  (bit 2 no local, bit 3 retain as published, bits 4-5 retain
//                                  handling)

#include "property_scan.hpp"
#include "reader.hpp"
#include "roost/mqtt/topic.hpp"

namespace roost::mqtt {
namespace {

constexpr std::string_view shared_prefix = "$share/";

// One (filter, options) pair. In 3.1.1 the options byte's upper 6 bits are reserved, in MQTT 5
// its upper 2 ([MQTT-3-8.3-4], [MQTT-3.8.3-5]): set, the packet is malformed. QoS 3 does not exist.
subscription_request read_subscription(reader& r, bool v5) {
  subscription_request s;
  s.filter = r.utf8();
  // [MQTT-4.7.1-2] [MQTT-4.7.1-3]
  r.require(valid_topic_filter(s.filter), error::invalid_topic_filter);
  const std::uint8_t options = r.u8();
  r.require((options & (v5 ? 0xC0 : 0xFC)) == 0, error::bad_subscribe_options);
  s.qos = options & 0x03;
  r.require(s.qos != 3, error::invalid_qos);  // [MQTT-3-8.3-4]
  if (v5) {
    s.no_local = (options & 0x04) != 0;
    s.retain_as_published = (options & 0x08) != 0;
    s.retain_handling = (options >> 4) & 0x03;
    r.require(s.retain_handling != 3, error::protocol_error);  // section 3.8.3.1
    r.require(!s.no_local || !s.filter.starts_with(shared_prefix),
              error::protocol_error);  // [MQTT-3.8.3-4]
  }
  return s;
}

}  // namespace

decoded<subscribe> decode_subscribe(const frame& f, protocol_version v) {
  reader r = open_body(f, packet_type::subscribe, 0b0010);
  r.require(is_known_version(v), error::unexpected_packet);
  const bool v5 = v == protocol_version::v5;
  subscribe p;
  p.packet_id = r.packet_id();                             // [MQTT-2.3.1-1]
  if (v5) read_properties(r, property_place::subscribe, p.props);
  r.require(!r.at_end(), error::empty_subscription_list);  // [MQTT-3.8.3-3]
  while (r.ok() && !r.at_end()) p.entries.push_back(read_subscription(r, v5));
  return r.finish(std::move(p));
}

}  // namespace roost::mqtt
