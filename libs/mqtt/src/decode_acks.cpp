// The publish acknowledgements and UNSUBACK.
//
//   40 02 00 07     PUBACK for packet id 7 (PUBREC 50, PUBREL 62, PUBCOMP 70, UNSUBACK b0)
//   40 03 00 07 10  MQTT 5: with reason code 0x10 (no matching subscribers), no properties
//   40 04 00 07 10 00                    the same with an empty property block
//   b0 04 00 07 00 11                    MQTT 5 UNSUBACK: no properties, one reason code 0x11

#include "reason_tail.hpp"
#include "wire.hpp"

namespace roost::mqtt {
namespace {

// One decoder for PUBACK, PUBREC, PUBREL and PUBCOMP: the type and its required flags differ, the
// body does not. MQTT 5 may append a reason code and then properties; either may be left out when
// the rest is default (sections 3.4.2.1, 3.4.2.2.1).
template <class P>
decoded<P> decode_ack(const frame& f, packet_type type, protocol_version v) {
  reader r = open_body(f, type, wire::ack_flags(type));
  r.require(is_known_version(v), error::unexpected_packet);
  P p{};
  if constexpr (requires { p.type; }) p.type = type;
  p.packet_id = r.packet_id();  // [MQTT-2.3.1-1]
  if (v == protocol_version::v5) read_reason_and_properties(r, type, property_place::ack, p);
  return r.finish(std::move(p));
}

}  // namespace

decoded<puback> decode_puback(const frame& f, protocol_version v) {
  return decode_ack<puback>(f, packet_type::puback, v);
}

decoded<pubrec> decode_pubrec(const frame& f, protocol_version v) {
  return decode_ack<pubrec>(f, packet_type::pubrec, v);
}

decoded<pubrel> decode_pubrel(const frame& f, protocol_version v) {
  return decode_ack<pubrel>(f, packet_type::pubrel, v);
}

decoded<pubcomp> decode_pubcomp(const frame& f, protocol_version v) {
  return decode_ack<pubcomp>(f, packet_type::pubcomp, v);
}

decoded<ack_header> decode_ack_header(const frame& f, protocol_version v) {
  switch (const packet_type type = f.type()) {
    case packet_type::puback:
    case packet_type::pubrec:
    case packet_type::pubrel:
    case packet_type::pubcomp:
      return decode_ack<ack_header>(f, type, v);
    default:
      return fail(error::unexpected_packet);
  }
}

// MQTT 5 adds properties and one reason code per filter of the UNSUBSCRIBE (section 3.11.3).
decoded<unsuback> decode_unsuback(const frame& f, protocol_version v) {
  reader r = open_body(f, packet_type::unsuback, 0b0000);
  r.require(is_known_version(v), error::unexpected_packet);
  unsuback p;
  p.packet_id = r.packet_id();  // [MQTT-2.3.1-1]
  if (v == protocol_version::v5) {
    read_properties(r, property_place::unsuback, p.props);
    r.require(!r.at_end(), error::empty_subscription_list);
    while (r.ok() && !r.at_end()) {
      const std::uint8_t code = r.u8();
      r.require(valid_reason_code(packet_type::unsuback, code), error::invalid_reason_code);
      p.reason_codes.push_back(code);
    }
  }
  return r.finish(std::move(p));
}

std::uint8_t ack_reason_code(const frame& f) { return f.body.size() > 2 ? f.body[2] : 0; }

}  // namespace roost::mqtt
