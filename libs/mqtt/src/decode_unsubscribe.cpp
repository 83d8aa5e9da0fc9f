// UNSUBSCRIBE: a packet id, then one or more topic filters.
//
//   a2 07                  UNSUBSCRIBE, flags 0b0010 [MQTT-3.10.1-1], remaining length 7
//   00 07                  packet id
//   [00]                   MQTT 5: properties (user properties only)
//   00 03 'a' '/' '#'      topic filter

#include "property_scan.hpp"
#include "reader.hpp"
#include "roost/mqtt/topic.hpp"

namespace roost::mqtt {

decoded<unsubscribe> decode_unsubscribe(const frame& f, protocol_version v) {
  reader r = open_body(f, packet_type::unsubscribe, 0b0010);
  r.require(is_known_version(v), error::unexpected_packet);
  unsubscribe p;
  p.packet_id = r.packet_id();                                  // [MQTT-2.3.1-1]
  if (v == protocol_version::v5) read_properties(r, property_place::unsubscribe, p.props);
  r.require(!r.at_end(), error::empty_subscription_list);       // [MQTT-3.10.3-2]
  while (r.ok() && !r.at_end()) {
    std::string_view filter = r.utf8();
    // [MQTT-4.7.1-2] [MQTT-4.7.1-3]
    r.require(valid_topic_filter(filter), error::invalid_topic_filter);
    p.filters.emplace_back(filter);
  }
  return r.finish(std::move(p));
}

}  // namespace roost::mqtt
