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
#include "properties_write.hpp"
#include "writer.hpp"

namespace roost::mqtt {

constexpr bool is_v5(protocol_version v) { return v == protocol_version::v5; }

}  // namespace roost::mqtt

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

// MQTT 5 properties of CONNECT as connect_view states them: all of `props`, or the session expiry
// alone, or none.
template <class Sink>
void connect_properties(const connect_view& p, Sink& s) {
  if (p.props != nullptr) return write_properties(p.props, s);
  if (p.session_expiry == 0) return s.u8(0);
  s.u8(5);  // property length: identifier and four bytes
  s.u8(property_id::session_expiry_interval);
  write_u32(p.session_expiry, s);
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
    if (v5) connect_properties(p, s);
    s.field(p.client_id);
    if (p.will) {
      if (v5) write_properties(p.will->props, s);
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

// `v5`: the MQTT 5 layout, with p.properties as the property block after the packet id.
template <class Emit>
auto publish_frame(const publish& p, Emit&& emit, bool v5 = false) {
  return emit(publish_first_byte(p.qos, p.retain, p.dup), [&](auto& s) {
    publish_variable_header(p.topic, p.qos, p.packet_id, s);
    if (v5) write_property_bytes(p.properties, s);
    s.raw(p.payload);
  });
}

// MQTT 5's tail of DISCONNECT, AUTH and the publish acknowledgements: the reason code, then the
// properties, each left out when it and everything after it is the default (reason 0, no
// properties) (sections 3.4.2.1, 3.14.2.1, 3.15.2.1). A packet without `props` (ack_header) has
// none.
template <class P, class Sink>
void reason_and_properties(const P& p, Sink& s) {
  bool has_props = false;
  if constexpr (requires { p.props; }) has_props = !p.props.empty();
  if (p.reason == 0 && !has_props) return;
  s.u8(p.reason);
  if constexpr (requires { p.props; }) {
    if (has_props) write_properties(&p.props, s);
  }
}

// PUBACK, PUBREC, PUBREL and PUBCOMP: the packet id; `v5` adds reason_and_properties (so the
// 3.1.1 layout is MQTT 5's short form).
template <class Ack, class Emit>
auto ack_frame(packet_type type, const Ack& p, Emit&& emit, bool v5 = false) {
  return emit(first_byte(type, wire::ack_flags(type)), [&](auto& s) {
    s.u16(p.packet_id);
    if (v5) reason_and_properties(p, s);
  });
}

// DISCONNECT and AUTH: an empty body, to which `v5` adds reason_and_properties.
template <class P, class Emit>
auto reason_frame(packet_type type, const P& p, Emit&& emit, bool v5) {
  return emit(first_byte(type), [&](auto& s) {
    if (v5) reason_and_properties(p, s);
  });
}

// PINGREQ and PINGRESP: a fixed header alone.
template <class Emit>
auto empty_frame(packet_type type, Emit&& emit) {
  return emit(first_byte(type), [](auto&) {});
}

// The subscription options byte (section 3.8.3.1): QoS in bits 0-1, and for an entry that has
// them (subscription_request) no local in bit 2, retain as published in bit 3, retain handling in
// bits 4-5. The extra bits are only written in MQTT 5.
template <class Entry>
std::uint8_t subscription_options(const Entry& e, bool v5) {
  int options = e.qos;
  if constexpr (requires { e.no_local; }) {
    if (v5) {
      if (e.no_local) options |= 0x04;
      if (e.retain_as_published) options |= 0x08;
      options |= (e.retain_handling & 0x03) << 4;
    }
  }
  return static_cast<std::uint8_t>(options);
}

// `entries`: a range of subscription_request or subscription_view (anything with filter and qos).
// `v5`: the MQTT 5 layout, with the properties `props` (nullptr: none) after the packet id and
// the full subscription options byte.
template <class Entries, class Emit>
auto subscribe_frame(std::uint16_t packet_id, const Entries& entries, Emit&& emit, bool v5 = false,
                     const properties* props = nullptr) {
  return emit(first_byte(packet_type::subscribe, 0b0010), [&](auto& s) {  // [MQTT-3.8.1-1]
    s.u16(packet_id);
    if (v5) write_properties(props, s);
    for (const auto& e : entries) {
      s.field(std::string_view{e.filter});
      s.u8(subscription_options(e, v5));
    }
  });
}

// `filters`: a range of std::string or std::string_view. `v5`: with the properties `props`
// (nullptr: none) after the packet id.
template <class Filters, class Emit>
auto unsubscribe_frame(std::uint16_t packet_id, const Filters& filters, Emit&& emit,
                       bool v5 = false, const properties* props = nullptr) {
  return emit(first_byte(packet_type::unsubscribe, 0b0010), [&](auto& s) {  // [MQTT-3.10.1-1]
    s.u16(packet_id);
    if (v5) write_properties(props, s);
    for (const auto& filter : filters) s.field(std::string_view{filter});
  });
}

// SUBACK and UNSUBACK: the packet id, in MQTT 5 the properties, then the codes (one per filter;
// a 3.1.1 UNSUBACK has none).
template <class Emit>
auto codes_frame(packet_type type, std::uint16_t packet_id, byte_view codes, Emit&& emit, bool v5,
                 const properties& props) {
  return emit(first_byte(type), [&](auto& s) {
    s.u16(packet_id);
    if (v5) write_properties(&props, s);
    s.raw(codes);
  });
}

}  // namespace roost::mqtt::layout
