// Packets to bytes, one function per packet, each field in wire order (see writer.hpp).
// The encoder trusts its input: topics, filters and QoS values are the caller's to validate.

#include "roost/mqtt/encode.hpp"

#include <cassert>

#include "writer.hpp"

namespace roost::mqtt {
namespace {

std::uint8_t first_byte(packet_type type, std::uint8_t flags = 0) {
  return wire::first_byte(static_cast<std::uint8_t>(type), flags);
}

std::uint8_t connect_flags(const connect& p) {
  using namespace wire::connect_flag;
  int flags = 0;
  if (p.clean_session) flags |= clean_session;
  if (p.will) {
    flags |= will;
    flags |= (p.will->qos << will_qos_shift) & will_qos;
    if (p.will->retain) flags |= will_retain;
  }
  if (p.password) flags |= password;
  if (p.username) flags |= username;
  return static_cast<std::uint8_t>(flags);
}

// PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK: a packet id and nothing else.
void encode_packet_id_only(packet_type type, std::uint8_t flags, std::uint16_t packet_id,
                           bytes& out) {
  encode_frame(first_byte(type, flags), [&](auto& s) { s.u16(packet_id); }, out);
}

// PINGREQ, PINGRESP and DISCONNECT: a fixed header alone.
void encode_empty(packet_type type, bytes& out) {
  out.push_back(first_byte(type));
  out.push_back(0x00);
}

}  // namespace

void encode_remaining_length(std::size_t n, bytes& out) {
  assert(n <= wire::max_remaining_length);
  do {
    std::uint8_t digit = n % 128;
    n /= 128;
    if (n > 0) digit |= 0x80;
    out.push_back(digit);
  } while (n > 0);
}

// The 3.1/3.1.1 layout, whatever protocol_level says: the caller picks name and level.
void encode(const connect& p, bytes& out) {
  encode_frame(first_byte(packet_type::connect), [&](auto& s) {
    s.field(std::string_view{p.protocol_name});
    s.u8(p.protocol_level);
    s.u8(connect_flags(p));
    s.u16(p.keep_alive);
    s.field(std::string_view{p.client_id});
    if (p.will) {
      s.field(std::string_view{p.will->topic});
      s.field(byte_view{p.will->payload});
    }
    if (p.username) s.field(std::string_view{*p.username});
    if (p.password) s.field(byte_view{*p.password});
  }, out);
}

void encode(const connack& p, bytes& out) {
  encode_frame(first_byte(packet_type::connack), [&](auto& s) {
    s.u8(p.session_present ? 0x01 : 0x00);
    s.u8(static_cast<std::uint8_t>(p.code));
  }, out);
}

std::size_t encode_publish_header(std::string_view topic, std::uint8_t qos, bool retain, bool dup,
                                  std::uint16_t packet_id, std::size_t payload_size, bytes& out) {
  assert(qos <= 2);
  assert(topic.size() <= wire::max_field_size);
  namespace flag = wire::publish_flag;
  const auto flags = static_cast<std::uint8_t>((dup ? flag::dup : 0) | (qos << flag::qos_shift) |
                                               (retain ? flag::retain : 0));
  out.push_back(first_byte(packet_type::publish, flags));
  encode_remaining_length(2 + topic.size() + (qos > 0 ? 2 : 0) + payload_size, out);
  byte_writer w{out};
  w.field(topic);
  if (qos == 0) return 0;
  const std::size_t packet_id_at = out.size();
  w.u16(packet_id);
  return packet_id_at;
}

void encode(const publish& p, bytes& out) {
  encode_publish_header(p.topic, p.qos, p.retain, p.dup, p.packet_id, p.payload.size(), out);
  byte_writer{out}.raw(p.payload);
}

void encode(const puback& p, bytes& out) {
  encode_packet_id_only(packet_type::puback, 0b0000, p.packet_id, out);
}

void encode(const pubrec& p, bytes& out) {
  encode_packet_id_only(packet_type::pubrec, 0b0000, p.packet_id, out);
}

void encode(const pubrel& p, bytes& out) {
  encode_packet_id_only(packet_type::pubrel, 0b0010, p.packet_id, out);  // [MQTT-3.6.1-1]
}

void encode(const pubcomp& p, bytes& out) {
  encode_packet_id_only(packet_type::pubcomp, 0b0000, p.packet_id, out);
}

void encode(const subscribe& p, bytes& out) {
  encode_frame(first_byte(packet_type::subscribe, 0b0010), [&](auto& s) {  // [MQTT-3.8.1-1]
    s.u16(p.packet_id);
    for (const subscription_request& e : p.entries) {
      s.field(std::string_view{e.filter});
      s.u8(e.qos);
    }
  }, out);
}

void encode(const suback& p, bytes& out) {
  encode_frame(first_byte(packet_type::suback), [&](auto& s) {
    s.u16(p.packet_id);
    s.raw(byte_view{p.return_codes});
  }, out);
}

void encode(const unsubscribe& p, bytes& out) {
  encode_frame(first_byte(packet_type::unsubscribe, 0b0010), [&](auto& s) {  // [MQTT-3.10.1-1]
    s.u16(p.packet_id);
    for (const std::string& filter : p.filters) s.field(std::string_view{filter});
  }, out);
}

void encode(const unsuback& p, bytes& out) {
  encode_packet_id_only(packet_type::unsuback, 0b0000, p.packet_id, out);
}

void encode(const pingreq&, bytes& out) { encode_empty(packet_type::pingreq, out); }

void encode(const pingresp&, bytes& out) { encode_empty(packet_type::pingresp, out); }

void encode(const disconnect&, bytes& out) { encode_empty(packet_type::disconnect, out); }

}  // namespace roost::mqtt
