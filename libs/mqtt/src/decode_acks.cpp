// The packets that carry nothing but a packet identifier.
//
//   40 02 00 07     PUBACK for packet id 7 (PUBREC 50, PUBREL 62, PUBCOMP 70, UNSUBACK b0)

#include "reader.hpp"

namespace roost::mqtt {
namespace {

// One decoder for all of them: the type and its required flags differ, the body does not.
// MQTT 5 may append a reason code and then properties to the publish acknowledgements
// (`v5_tail`); both are skipped. UNSUBACK's MQTT 5 form is not read (unexpected_packet).
template <class P>
decoded<P> decode_packet_id_only(const frame& f, packet_type type, std::uint8_t flags,
                                 protocol_version v, bool v5_tail = true) {
  reader r = open_body(f, type, flags);
  r.require(has_v3_layout(v) || (v5_tail && v == protocol_version::v5), error::unexpected_packet);
  P p;
  p.packet_id = r.packet_id();  // [MQTT-2.3.1-1]
  if (v == protocol_version::v5 && !r.at_end()) {
    r.u8();  // reason code
    if (!r.at_end()) r.skip_properties();
  }
  return r.finish(p);
}

}  // namespace

decoded<puback> decode_puback(const frame& f, protocol_version v) {
  return decode_packet_id_only<puback>(f, packet_type::puback, 0b0000, v);
}

decoded<pubrec> decode_pubrec(const frame& f, protocol_version v) {
  return decode_packet_id_only<pubrec>(f, packet_type::pubrec, 0b0000, v);
}

// PUBREL's flags are 0b0010 [MQTT-3.6.1-1].
decoded<pubrel> decode_pubrel(const frame& f, protocol_version v) {
  return decode_packet_id_only<pubrel>(f, packet_type::pubrel, 0b0010, v);
}

decoded<pubcomp> decode_pubcomp(const frame& f, protocol_version v) {
  return decode_packet_id_only<pubcomp>(f, packet_type::pubcomp, 0b0000, v);
}

decoded<unsuback> decode_unsuback(const frame& f, protocol_version v) {
  return decode_packet_id_only<unsuback>(f, packet_type::unsuback, 0b0000, v, false);
}

std::uint8_t ack_reason_code(const frame& f) { return f.body.size() > 2 ? f.body[2] : 0; }

}  // namespace roost::mqtt
