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

constexpr bool is_v5(protocol_version v) { return v == protocol_version::v5; }

// PUBACK, PUBREC, PUBREL, PUBCOMP: the 3.1.1 layout is MQTT 5's short form.
template <class Ack>
void encode_ack(packet_type type, const Ack& p, protocol_version v, bytes& out) {
  if (is_v5(v)) {
    layout::ack_frame_v5(type, p, append_to{out});
  } else {
    layout::packet_id_only_frame(type, layout::ack_flags(type), p.packet_id, append_to{out});
  }
}

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

std::size_t encode_publish_header(std::string_view topic, std::uint8_t qos, bool retain, bool dup,
                                  std::uint16_t packet_id, std::size_t payload_size, bytes& out) {
  size_counter header;
  layout::publish_variable_header(topic, qos, packet_id, header);
  const std::size_t remaining = header.size() + payload_size;
  const std::size_t at = out.size();
  out.resize(at + 1 + wire::remaining_length_size(remaining) + header.size());
  span_writer w{std::span<std::uint8_t>{out}.subspan(at)};
  w.u8(layout::publish_first_byte(qos, retain, dup));
  write_remaining_length(remaining, w);
  const std::size_t packet_id_at = layout::publish_variable_header(topic, qos, packet_id, w);
  return qos == 0 ? 0 : at + packet_id_at;
}

void encode(const publish& p, bytes& out, protocol_version v) {
  layout::publish_frame(p, append_to{out}, is_v5(v));
}

void encode(const puback& p, bytes& out, protocol_version v) {
  encode_ack(packet_type::puback, p, v, out);
}

void encode(const pubrec& p, bytes& out, protocol_version v) {
  encode_ack(packet_type::pubrec, p, v, out);
}

void encode(const pubrel& p, bytes& out, protocol_version v) {
  encode_ack(packet_type::pubrel, p, v, out);
}

void encode(const pubcomp& p, bytes& out, protocol_version v) {
  encode_ack(packet_type::pubcomp, p, v, out);
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
  if (!is_v5(v)) {
    layout::packet_id_only_frame(packet_type::unsuback, 0, p.packet_id, append_to{out});
    return;
  }
  layout::codes_frame(packet_type::unsuback, p.packet_id, p.reason_codes, append_to{out}, true,
                      p.props);
}

void encode(const pingreq&, bytes& out, protocol_version) {
  layout::empty_frame(packet_type::pingreq, append_to{out});
}

void encode(const pingresp&, bytes& out, protocol_version) {
  layout::empty_frame(packet_type::pingresp, append_to{out});
}

void encode(const disconnect& p, bytes& out, protocol_version v) {
  if (!is_v5(v)) return layout::empty_frame(packet_type::disconnect, append_to{out});
  encode_frame(
      layout::first_byte(packet_type::disconnect),
      [&](auto& s) { layout::reason_and_properties(p.reason, p.props, s); }, out);
}

void encode(const auth& p, bytes& out) {
  encode_frame(
      layout::first_byte(packet_type::auth),
      [&](auto& s) { layout::reason_and_properties(p.reason, p.props, s); }, out);
}

}  // namespace roost::mqtt
