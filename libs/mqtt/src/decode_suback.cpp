// SUBACK (client side): a packet id, then one return code per requested filter.
//
//   90 04        SUBACK, remaining length 4
//   00 07        packet id
//   01 80        granted QoS 1, then a refusal

#include "reader.hpp"

namespace roost::mqtt {

// Return codes other than 0, 1, 2 and 0x80 are reserved [MQTT-3.9.3-2] (error::invalid_qos).
// MQTT 5 puts properties (skipped) before the reason codes, whose refusals are 0x80 and above.
decoded<suback_view> decode_suback_view(const frame& f, protocol_version v) {
  reader r = open_body(f, packet_type::suback, 0b0000);
  r.require(is_known_version(v), error::unexpected_packet);
  suback_view p;
  p.packet_id = r.packet_id();  // [MQTT-2.3.1-1]
  const bool v5 = v == protocol_version::v5;
  if (v5) r.skip_properties();
  r.require(!r.at_end(), error::empty_subscription_list);  // one per filter [MQTT-3.8.4-5]
  if (!r.ok()) return fail(r.failure());
  p.return_codes = r.rest();
  for (const std::uint8_t code : p.return_codes) {
    r.require(code <= 2 || code == suback_failure || (v5 && code > suback_failure),
              error::invalid_qos);  // [MQTT-3.9.3-2]
  }
  return r.finish(p);
}

decoded<suback> decode_suback(const frame& f, protocol_version v) {
  const decoded<suback_view> view = decode_suback_view(f, v);
  if (!view) return fail(view.error());
  return suback{view->packet_id, {view->return_codes.begin(), view->return_codes.end()}};
}

}  // namespace roost::mqtt
