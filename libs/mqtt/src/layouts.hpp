#pragma once
// The layout of every packet a Roost component encodes, stated once (private to the codec).
//
// Each *_frame function hands the packet's first byte and a generic body to `emit` and returns what
// `emit` returns. encode.cpp passes an emitter that appends to a vector, encode_into.cpp one that
// writes into a caller's span and one that measures:
//
//   connect_frame(p, [&](std::uint8_t first, const auto& body) { encode_frame(first, body, out);
//   });

#include <cassert>
#include <cstdint>

#include "roost/mqtt/packet_views.hpp"
#include "roost/mqtt/packets.hpp"
#include "writer.hpp"

namespace roost::mqtt::layout {

inline std::uint8_t first_byte(packet_type type, std::uint8_t flags = 0) {
  return wire::first_byte(static_cast<std::uint8_t>(type), flags);
}

inline std::uint8_t connect_flags(const connect_view& p) {
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

// MQTT 5's Session Expiry Interval property identifier (section 3.1.2.11.2).
inline constexpr std::uint8_t session_expiry_property = 0x11;

// MQTT 5 properties as this codec writes them: empty (a property length of 0), except CONNECT's
// session expiry. Only MQTT 5 frames carry them.
template <class Sink>
void empty_properties(bool v5, Sink& s) {
  if (v5) s.u8(0);
}

// The 3.1/3.1.1 layout, whatever protocol_level says: the caller picks name and level. With
// protocol_level 5 the MQTT 5 layout: CONNECT and will properties (see connect_view).
template <class Emit>
auto connect_frame(const connect_view& p, Emit&& emit) {
  const bool v5 = p.protocol_level == static_cast<std::uint8_t>(protocol_version::v5);
  return emit(first_byte(packet_type::connect), [&](auto& s) {
    s.field(p.protocol_name);
    s.u8(p.protocol_level);
    s.u8(connect_flags(p));
    s.u16(p.keep_alive);
    if (v5 && p.session_expiry != 0) {
      s.u8(5);  // property length: identifier and four bytes
      s.u8(session_expiry_property);
      s.u16(static_cast<std::uint16_t>(p.session_expiry >> 16));
      s.u16(static_cast<std::uint16_t>(p.session_expiry & 0xFFFF));
    } else {
      empty_properties(v5, s);
    }
    s.field(p.client_id);
    if (p.will) {
      empty_properties(v5, s);
      s.field(p.will->topic);
      s.field(p.will->payload);
    }
    if (p.username) s.field(*p.username);
    if (p.password) s.field(*p.password);
  });
}

inline std::uint8_t publish_first_byte(std::uint8_t qos, bool retain, bool dup) {
  assert(qos <= 2);
  namespace flag = wire::publish_flag;
  return first_byte(packet_type::publish,
                    static_cast<std::uint8_t>((dup ? flag::dup : 0) | (qos << flag::qos_shift) |
                                              (retain ? flag::retain : 0)));
}

// PUBLISH's variable header: the topic and, for qos > 0, the packet id. Returns the sink offset of
// the packet id (0 when qos == 0). The payload follows it unprefixed.
template <class Sink>
std::size_t publish_variable_header(std::string_view topic, std::uint8_t qos,
                                    std::uint16_t packet_id, Sink& s) {
  assert(topic.size() <= wire::max_field_size);
  s.field(topic);
  if (qos == 0) return 0;
  const std::size_t packet_id_at = s.size();
  s.u16(packet_id);
  return packet_id_at;
}

// `v5`: the MQTT 5 layout, with empty properties after the packet id.
template <class Emit>
auto publish_frame(const publish& p, Emit&& emit, bool v5 = false) {
  return emit(publish_first_byte(p.qos, p.retain, p.dup), [&](auto& s) {
    publish_variable_header(p.topic, p.qos, p.packet_id, s);
    empty_properties(v5, s);
    s.raw(p.payload);
  });
}

// PUBACK, PUBREC, PUBREL, PUBCOMP and UNSUBACK: a packet id and nothing else.
template <class Emit>
auto packet_id_only_frame(packet_type type, std::uint8_t flags, std::uint16_t packet_id,
                          Emit&& emit) {
  return emit(first_byte(type, flags), [&](auto& s) { s.u16(packet_id); });
}

// PUBREL's flags are 0b0010 [MQTT-3.6.1-1]; the others' are 0.
inline std::uint8_t ack_flags(packet_type type) { return type == packet_type::pubrel ? 0b0010 : 0; }

// PINGREQ, PINGRESP and DISCONNECT: a fixed header alone.
template <class Emit>
auto empty_frame(packet_type type, Emit&& emit) {
  return emit(first_byte(type), [](auto&) {});
}

// `entries`: a range of subscription_request or subscription_view (anything with filter and qos).
// `v5`: the MQTT 5 layout, with empty properties after the packet id (the QoS is the low bits of
// MQTT 5's subscription options, the other options 0).
template <class Entries, class Emit>
auto subscribe_frame(std::uint16_t packet_id, const Entries& entries, Emit&& emit, bool v5 = false) {
  return emit(first_byte(packet_type::subscribe, 0b0010), [&](auto& s) {  // [MQTT-3.8.1-1]
    s.u16(packet_id);
    empty_properties(v5, s);
    for (const auto& e : entries) {
      s.field(std::string_view{e.filter});
      s.u8(e.qos);
    }
  });
}

// `filters`: a range of std::string or std::string_view.
template <class Filters, class Emit>
auto unsubscribe_frame(std::uint16_t packet_id, const Filters& filters, Emit&& emit) {
  return emit(first_byte(packet_type::unsubscribe, 0b0010), [&](auto& s) {  // [MQTT-3.10.1-1]
    s.u16(packet_id);
    for (const auto& filter : filters) s.field(std::string_view{filter});
  });
}

}  // namespace roost::mqtt::layout
