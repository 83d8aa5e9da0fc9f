// Packets to bytes appended to a vector. The layouts live in layouts.hpp, shared with
// encode_into.cpp. The encoder trusts its input: topics, filters and QoS values are the caller's
// to validate.

#include "roost/mqtt/encode.hpp"

#include "layouts.hpp"

namespace roost::mqtt {
namespace {

// The emitter that appends a whole frame to `out`.
struct append_to {
  bytes& out;
  template <class Body>
  void operator()(std::uint8_t first, const Body& body) const {
    encode_frame(first, body, out);
  }
};

}  // namespace

connect_view view_of(const connect& p) {
  connect_view v;
  v.protocol_name = p.protocol_name;
  v.protocol_level = p.protocol_level;
  v.clean_session = p.clean_session;
  v.keep_alive = p.keep_alive;
  v.client_id = p.client_id;
  if (p.will) {
    v.will = will_view{p.will->topic, p.will->payload, p.will->qos, p.will->retain, &p.will->props};
  }
  if (p.username) v.username = std::string_view{*p.username};
  if (p.password) v.password = byte_view{*p.password};
  v.props = &p.props;
  return v;
}

void encode_remaining_length(std::size_t n, bytes& out) {
  byte_writer w{out};
  write_remaining_length(n, w);
}

void encode_properties(const properties& p, bytes& out) {
  byte_writer w{out};
  write_property_list(p, w);
}

void encode(const connect& p, bytes& out) { layout::connect_frame(view_of(p), append_to{out}); }

void encode(const connack& p, bytes& out, protocol_version v) {
  const bool v5 = is_v5(v);
  encode_frame(
      layout::first_byte(packet_type::connack),
      [&](auto& s) {
        s.u8(p.session_present ? 0x01 : 0x00);
        s.u8(v5 ? p.reason : static_cast<std::uint8_t>(p.code));
        if (v5) write_properties(&p.props, s);
      },
      out);
}

void encode(const publish& p, bytes& out, protocol_version v) {
  layout::publish_frame(p, append_to{out}, is_v5(v));
}

void encode(const puback& p, bytes& out, protocol_version v) {
  layout::ack_frame(packet_type::puback, p, append_to{out}, is_v5(v));
}

void encode(const pubrec& p, bytes& out, protocol_version v) {
  layout::ack_frame(packet_type::pubrec, p, append_to{out}, is_v5(v));
}

void encode(const pubrel& p, bytes& out, protocol_version v) {
  layout::ack_frame(packet_type::pubrel, p, append_to{out}, is_v5(v));
}

void encode(const pubcomp& p, bytes& out, protocol_version v) {
  layout::ack_frame(packet_type::pubcomp, p, append_to{out}, is_v5(v));
}

void encode(const ack_header& p, bytes& out, protocol_version v) {
  layout::ack_frame(p.type, p, append_to{out}, is_v5(v));
}

void encode(const subscribe& p, bytes& out, protocol_version v) {
  layout::subscribe_frame(p.packet_id, p.entries, append_to{out}, is_v5(v), &p.props);
}

void encode(const suback& p, bytes& out, protocol_version v) {
  layout::codes_frame(packet_type::suback, p.packet_id, p.return_codes, append_to{out}, is_v5(v),
                      p.props);
}

void encode(const unsubscribe& p, bytes& out, protocol_version v) {
  layout::unsubscribe_frame(p.packet_id, p.filters, append_to{out}, is_v5(v), &p.props);
}

void encode(const unsuback& p, bytes& out, protocol_version v) {
  const byte_view codes = is_v5(v) ? byte_view{p.reason_codes} : byte_view{};
  layout::codes_frame(packet_type::unsuback, p.packet_id, codes, append_to{out}, is_v5(v), p.props);
}

void encode(const pingreq&, bytes& out, protocol_version) {
  layout::empty_frame(packet_type::pingreq, append_to{out});
}

void encode(const pingresp&, bytes& out, protocol_version) {
  layout::empty_frame(packet_type::pingresp, append_to{out});
}

void encode(const disconnect& p, bytes& out, protocol_version v) {
  layout::reason_frame(packet_type::disconnect, p, append_to{out}, is_v5(v));
}

void encode(const auth& p, bytes& out) {
  layout::reason_frame(packet_type::auth, p, append_to{out}, true);
}

}  // namespace roost::mqtt
