// The PUBLISH header a server sends (everything but the payload), 3.1 / 3.1.1 and MQTT 5. The
// MQTT 5 one is the v3 header plus a property block built from what the server adds (message
// expiry, topic alias, subscription ids) and what it forwards unchanged:
//
//   32 <n>                  PUBLISH qos 1, remaining length n
//   00 03 'a' '/' 'b'       topic (may be empty when a topic alias is sent)
//   00 07                   packet id
//   0c                      property length 12
//   02 00 00 00 3c          message expiry 60 s
//   23 00 01                topic alias 1
//   0b 05                   subscription identifier 5
//   01 01                   forwarded: payload format indicator 1
//   payload

#include "roost/mqtt/encode.hpp"

#include "layouts.hpp"

namespace roost::mqtt {
namespace {

// The remaining length of a PUBLISH: topic and packet id, `tail_size` bytes of properties (MQTT 5),
// then the payload.
std::size_t publish_remaining_length(std::string_view topic, std::uint8_t qos,
                                     std::size_t tail_size, std::size_t payload_size) {
  size_counter header;
  layout::publish_variable_header(topic, qos, std::uint16_t{1}, header);
  return header.size() + tail_size + payload_size;
}

// Appends the fixed header, topic, packet id and the `tail_size` bytes `tail` writes; returns the
// offset in `out` of the packet id (0 when qos == 0).
template <class Tail>
std::size_t append_header(std::string_view topic, std::uint8_t qos, bool retain, bool dup,
                          std::uint16_t packet_id, std::size_t payload_size, std::size_t tail_size,
                          const Tail& tail, bytes& out) {
  const std::size_t remaining = publish_remaining_length(topic, qos, tail_size, payload_size);
  const std::size_t at = out.size();
  out.resize(at + 1 + wire::remaining_length_size(remaining) + remaining - payload_size);
  span_writer w{std::span<std::uint8_t>{out}.subspan(at)};
  w.u8(layout::publish_first_byte(qos, retain, dup));
  write_remaining_length(remaining, w);
  const std::size_t packet_id_at = layout::publish_variable_header(topic, qos, packet_id, w);
  tail(w);
  return qos == 0 ? 0 : at + packet_id_at;
}

// The properties the server adds, then the forwarded ones; no length prefix.
template <class Sink>
void write_header_property_list(const publish_header_properties& p, Sink& s) {
  if (p.message_expiry) {
    s.u8(property_id::message_expiry_interval);
    write_u32(*p.message_expiry, s);
  }
  if (p.topic_alias != 0) {
    s.u8(property_id::topic_alias);
    s.u16(p.topic_alias);
  }
  for (const std::uint32_t id : p.subscription_ids) {
    property_writer::variable_int(property_id::subscription_identifier, id, s);
  }
  s.raw(p.forwarded);
}

// Size of the property list of `p` (without its length prefix).
std::size_t property_list_size(const publish_header_properties& p) {
  size_counter list;
  write_header_property_list(p, list);
  return list.size();
}

// Size of a property block whose list takes `list` bytes.
std::size_t property_block_size(std::size_t list) {
  return wire::remaining_length_size(list) + list;
}

}  // namespace

std::size_t encode_publish_header(std::string_view topic, std::uint8_t qos, bool retain, bool dup,
                                  std::uint16_t packet_id, std::size_t payload_size, bytes& out) {
  return append_header(topic, qos, retain, dup, packet_id, payload_size, 0, [](auto&) {}, out);
}

std::size_t encode_publish_header(std::string_view topic, std::uint8_t qos, bool retain, bool dup,
                                  std::uint16_t packet_id, std::size_t payload_size,
                                  const publish_header_properties& props, bytes& out) {
  const std::size_t list = property_list_size(props);
  const auto write_block = [&](auto& s) {
    write_remaining_length(list, s);
    write_header_property_list(props, s);
  };
  return append_header(topic, qos, retain, dup, packet_id, payload_size, property_block_size(list),
                       write_block, out);
}

std::size_t publish_frame_size(std::string_view topic, std::uint8_t qos, std::size_t payload_size,
                               const publish_header_properties& props) {
  const std::size_t block = property_block_size(property_list_size(props));
  const std::size_t remaining = publish_remaining_length(topic, qos, block, payload_size);
  return 1 + wire::remaining_length_size(remaining) + remaining;
}

}  // namespace roost::mqtt
