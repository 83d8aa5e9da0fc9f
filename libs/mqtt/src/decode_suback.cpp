// SUBACK (client side): a packet id, then one return code per requested filter.
//
//   90 04        SUBACK, remaining length 4
//   00 07        packet id
//   [00]         MQTT 5: properties (here none)
//   01 80        granted QoS 1, then a refusal

#include "property_scan.hpp"
#include "reader.hpp"
#include "reason_codes.hpp"

namespace roost::mqtt {
namespace {

// Packet id, MQTT 5 properties (to `read_props(r)`), then the codes, checked. Return codes other
// than 0, 1, 2 and 0x80 are reserved in 3.1.1 [MQTT-3.9.3-2] (error::invalid_qos); MQTT 5 reason
// codes must be SUBACK's (error::invalid_reason_code).
template <class P, class ReadProperties>
decoded<P> decode_suback_as(const frame& f, protocol_version v, ReadProperties&& read_props) {
  reader r = open_body(f, packet_type::suback, 0b0000);
  r.require(is_known_version(v), error::unexpected_packet);
  P p;
  p.packet_id = r.packet_id();  // [MQTT-2.3.1-1]
  const bool v5 = v == protocol_version::v5;
  if (v5) read_props(r, p);
  r.require(!r.at_end(), error::empty_subscription_list);  // one per filter [MQTT-3.8.4-5]
  if (!r.ok()) return fail(r.failure());
  const byte_view codes = r.rest();
  for (const std::uint8_t code : codes) {
    if (v5) {
      r.require(valid_reason_code(packet_type::suback, code), error::invalid_reason_code);
    } else {
      r.require(code <= 2 || code == suback_failure, error::invalid_qos);  // [MQTT-3.9.3-2]
    }
  }
  p.return_codes = {codes.begin(), codes.end()};
  return r.finish(std::move(p));
}

}  // namespace

decoded<suback_view> decode_suback_view(const frame& f, protocol_version v) {
  return decode_suback_as<suback_view>(f, v, [](reader& r, suback_view&) {
    scan_properties(r, property_place::suback, [](std::uint8_t, const property_value&) {});
  });
}

decoded<suback> decode_suback(const frame& f, protocol_version v) {
  return decode_suback_as<suback>(f, v, [](reader& r, suback& p) {
    read_properties(r, property_place::suback, p.props);
  });
}

}  // namespace roost::mqtt
