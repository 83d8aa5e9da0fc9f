#pragma once
// Writing MQTT 5 property blocks into any sink of writer.hpp (private to the codec).
//
//   write_properties(&p, s);    // property length (a variable byte integer), then each property
//                               // that is set, in identifier order; `nullptr` writes length 0

#include <cstdint>
#include <optional>

#include "property_scan.hpp"
#include "writer.hpp"

namespace roost::mqtt {

template <class Sink>
void write_u32(std::uint32_t v, Sink& s) {
  s.u16(static_cast<std::uint16_t>(v >> 16));
  s.u16(static_cast<std::uint16_t>(v & 0xFFFF));
}

// One property per form: identifier, then value.
struct property_writer {
  template <class Sink>
  static void byte(std::uint8_t id, const std::optional<std::uint8_t>& v, Sink& s) {
    if (v) s.u8(id), s.u8(*v);
  }
  template <class Sink>
  static void two_bytes(std::uint8_t id, const std::optional<std::uint16_t>& v, Sink& s) {
    if (v) s.u8(id), s.u16(*v);
  }
  template <class Sink>
  static void four_bytes(std::uint8_t id, const std::optional<std::uint32_t>& v, Sink& s) {
    if (v) s.u8(id), write_u32(*v, s);
  }
  template <class Sink>
  static void variable_int(std::uint8_t id, std::uint32_t v, Sink& s) {
    s.u8(id);
    write_remaining_length(v, s);
  }
  template <class Sink>
  static void text(std::uint8_t id, const std::optional<std::string>& v, Sink& s) {
    if (v) s.u8(id), s.field(std::string_view{*v});
  }
  template <class Sink>
  static void binary(std::uint8_t id, const std::optional<bytes>& v, Sink& s) {
    if (v) s.u8(id), s.field(byte_view{*v});
  }
};

// The properties of `p` that are set, without the length prefix.
template <class Sink>
void write_property_list(const properties& p, Sink& s) {
  namespace pid = property_id;
  using w = property_writer;
  w::byte(pid::payload_format_indicator, p.payload_format_indicator, s);
  w::four_bytes(pid::message_expiry_interval, p.message_expiry_interval, s);
  w::text(pid::content_type, p.content_type, s);
  w::text(pid::response_topic, p.response_topic, s);
  w::binary(pid::correlation_data, p.correlation_data, s);
  if (p.subscription_identifier) {
    w::variable_int(pid::subscription_identifier, *p.subscription_identifier, s);
  }
  w::four_bytes(pid::session_expiry_interval, p.session_expiry_interval, s);
  w::text(pid::assigned_client_identifier, p.assigned_client_identifier, s);
  w::two_bytes(pid::server_keep_alive, p.server_keep_alive, s);
  w::text(pid::authentication_method, p.authentication_method, s);
  w::binary(pid::authentication_data, p.authentication_data, s);
  w::byte(pid::request_problem_information, p.request_problem_information, s);
  w::four_bytes(pid::will_delay_interval, p.will_delay_interval, s);
  w::byte(pid::request_response_information, p.request_response_information, s);
  w::text(pid::response_information, p.response_information, s);
  w::text(pid::server_reference, p.server_reference, s);
  w::text(pid::reason_string, p.reason_string, s);
  w::two_bytes(pid::receive_maximum, p.receive_maximum, s);
  w::two_bytes(pid::topic_alias_maximum, p.topic_alias_maximum, s);
  w::byte(pid::maximum_qos, p.maximum_qos, s);
  w::byte(pid::retain_available, p.retain_available, s);
  for (const user_property& u : p.user_properties) {
    s.u8(pid::user_property);
    s.field(std::string_view{u.name});
    s.field(std::string_view{u.value});
  }
  w::four_bytes(pid::maximum_packet_size, p.maximum_packet_size, s);
  w::byte(pid::wildcard_subscription_available, p.wildcard_subscription_available, s);
  w::byte(pid::subscription_identifier_available, p.subscription_identifier_available, s);
  w::byte(pid::shared_subscription_available, p.shared_subscription_available, s);
}

// A whole property block: its length, then the list. `p == nullptr` is the empty block (one 0).
template <class Sink>
void write_properties(const properties* p, Sink& s) {
  if (p == nullptr) return s.u8(0);
  size_counter list;
  write_property_list(*p, list);
  write_remaining_length(list.size(), s);
  write_property_list(*p, s);
}

// A property block whose list is already encoded (a PUBLISH's properties, passed through).
template <class Sink>
void write_property_bytes(byte_view list, Sink& s) {
  write_remaining_length(list.size(), s);
  s.raw(list);
}

}  // namespace roost::mqtt
