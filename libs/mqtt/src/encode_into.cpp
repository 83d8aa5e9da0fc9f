// Packets to bytes in a caller's buffer, without allocating: the layouts of layouts.hpp with a
// span emitter (and a measuring one for encoded_size).

#include "roost/mqtt/encode_into.hpp"

#include "layouts.hpp"

namespace roost::mqtt {
namespace {

// The emitter that writes a whole frame at the start of `out` (or nothing, returning 0).
struct write_into {
  byte_span out;
  template <class Body>
  std::size_t operator()(std::uint8_t first, const Body& body) const {
    return encode_frame_into(first, body, out);
  }
};

// The emitter that returns the frame's size.
struct measure {
  template <class Body>
  std::size_t operator()(std::uint8_t, const Body& body) const {
    return frame_size(body);
  }
};

}  // namespace

std::size_t encode_into(const connect_view& p, byte_span out) {
  return layout::connect_frame(p, write_into{out});
}

std::size_t encode_into(const publish& p, byte_span out) {
  return layout::publish_frame(p, write_into{out});
}

std::size_t encode_into(const puback& p, byte_span out) {
  return layout::ack_frame(packet_type::puback, p, write_into{out});
}

std::size_t encode_into(const pubrec& p, byte_span out) {
  return layout::ack_frame(packet_type::pubrec, p, write_into{out});
}

std::size_t encode_into(const pubrel& p, byte_span out) {
  return layout::ack_frame(packet_type::pubrel, p, write_into{out});
}

std::size_t encode_into(const pubcomp& p, byte_span out) {
  return layout::ack_frame(packet_type::pubcomp, p, write_into{out});
}

std::size_t encode_into(const subscribe_view& p, byte_span out) {
  return layout::subscribe_frame(p.packet_id, p.entries, write_into{out});
}

std::size_t encode_into(const unsubscribe_view& p, byte_span out) {
  return layout::unsubscribe_frame(p.packet_id, p.filters, write_into{out});
}

std::size_t encode_into(const pingreq&, byte_span out) {
  return layout::empty_frame(packet_type::pingreq, write_into{out});
}

std::size_t encode_into(const disconnect& p, byte_span out) {
  return layout::reason_frame(packet_type::disconnect, p, write_into{out}, false);
}

std::size_t encoded_size(const connect_view& p) { return layout::connect_frame(p, measure{}); }

std::size_t encoded_size(const publish& p) { return layout::publish_frame(p, measure{}); }

std::size_t encoded_size(const subscribe_view& p) {
  return layout::subscribe_frame(p.packet_id, p.entries, measure{});
}

std::size_t encoded_size(const unsubscribe_view& p) {
  return layout::unsubscribe_frame(p.packet_id, p.filters, measure{});
}

std::size_t encode_into(const publish& p, protocol_version v, byte_span out) {
  return layout::publish_frame(p, write_into{out}, is_v5(v));
}

std::size_t encode_into(const subscribe_view& p, protocol_version v, byte_span out) {
  return layout::subscribe_frame(p.packet_id, p.entries, write_into{out}, is_v5(v));
}

std::size_t encoded_size(const publish& p, protocol_version v) {
  return layout::publish_frame(p, measure{}, is_v5(v));
}

std::size_t encoded_size(const subscribe_view& p, protocol_version v) {
  return layout::subscribe_frame(p.packet_id, p.entries, measure{}, is_v5(v));
}

}  // namespace roost::mqtt
