// The MQTT 5 PUBLISH a server sends: the v3 header plus a property block built from what the
// server adds (message expiry, topic alias, subscription ids) and what it forwards unchanged.
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

// The variable header: topic, packet id, property length and properties.
template <class Sink>
std::size_t write_variable_header(std::string_view topic, std::uint8_t qos, std::uint16_t packet_id,
                                  const publish_header_properties& props, Sink& s) {
  const std::size_t packet_id_at = layout::publish_variable_header(topic, qos, packet_id, s);
  size_counter list;
  write_header_property_list(props, list);
  write_remaining_length(list.size(), s);
  write_header_property_list(props, s);
  return packet_id_at;
}

}  // namespace

std::size_t encode_publish_header(std::string_view topic, std::uint8_t qos, bool retain, bool dup,
                                  std::uint16_t packet_id, std::size_t payload_size,
                                  const publish_header_properties& props, bytes& out) {
  size_counter header;
  write_variable_header(topic, qos, packet_id, props, header);
  const std::size_t remaining = header.size() + payload_size;
  const std::size_t at = out.size();
  out.resize(at + 1 + wire::remaining_length_size(remaining) + header.size());
  span_writer w{std::span<std::uint8_t>{out}.subspan(at)};
  w.u8(layout::publish_first_byte(qos, retain, dup));
  write_remaining_length(remaining, w);
  const std::size_t packet_id_at = write_variable_header(topic, qos, packet_id, props, w);
  return qos == 0 ? 0 : at + packet_id_at;
}

std::size_t publish_frame_size(std::string_view topic, std::uint8_t qos, std::size_t payload_size,
                               const publish_header_properties& props) {
  size_counter header;
  write_variable_header(topic, qos, std::uint16_t{1}, props, header);
  const std::size_t remaining = header.size() + payload_size;
  return 1 + wire::remaining_length_size(remaining) + remaining;
}

}  // namespace roost::mqtt
