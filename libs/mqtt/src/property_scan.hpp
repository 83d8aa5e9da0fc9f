#pragma once
// Reading and checking an MQTT 5 property block (section 2.2.2), private to the codec.
//
//   08                       property length 8
//   11 00 00 00 3c           Session Expiry Interval 60
//   21 00 0a                 Receive Maximum 10
//
// scan_properties walks the block without allocating and hands each property, checked, to a
// visitor; read_properties (properties_read.cpp) fills a `properties` with it, decode_publish picks
// out the few it acts on. The checks, in wire order per property:
//   known identifier and a well-formed value    else error::malformed_property (or invalid_utf8)
//   allowed in this packet (table 2-4)          else error::protocol_error_property [MQTT-2.2.2-2]
//   not a second single-valued property         else error::protocol_error_property
//   value in range (0/1 flags, non-zero receive maximum, maximum packet size, topic alias and
//   subscription identifier, a response topic without wildcards [MQTT-3.3.2-14])
//                                               else error::protocol_error_property

#include <cstdint>

#include "reader.hpp"

namespace roost::mqtt {

// Property identifiers (section 2.2.2.2).
namespace property_id {
inline constexpr std::uint8_t payload_format_indicator = 0x01;
inline constexpr std::uint8_t message_expiry_interval = 0x02;
inline constexpr std::uint8_t content_type = 0x03;
inline constexpr std::uint8_t response_topic = 0x08;
inline constexpr std::uint8_t correlation_data = 0x09;
inline constexpr std::uint8_t subscription_identifier = 0x0B;
inline constexpr std::uint8_t session_expiry_interval = 0x11;
inline constexpr std::uint8_t assigned_client_identifier = 0x12;
inline constexpr std::uint8_t server_keep_alive = 0x13;
inline constexpr std::uint8_t authentication_method = 0x15;
inline constexpr std::uint8_t authentication_data = 0x16;
inline constexpr std::uint8_t request_problem_information = 0x17;
inline constexpr std::uint8_t will_delay_interval = 0x18;
inline constexpr std::uint8_t request_response_information = 0x19;
inline constexpr std::uint8_t response_information = 0x1A;
inline constexpr std::uint8_t server_reference = 0x1C;
inline constexpr std::uint8_t reason_string = 0x1F;
inline constexpr std::uint8_t receive_maximum = 0x21;
inline constexpr std::uint8_t topic_alias_maximum = 0x22;
inline constexpr std::uint8_t topic_alias = 0x23;
inline constexpr std::uint8_t maximum_qos = 0x24;
inline constexpr std::uint8_t retain_available = 0x25;
inline constexpr std::uint8_t user_property = 0x26;
inline constexpr std::uint8_t maximum_packet_size = 0x27;
inline constexpr std::uint8_t wildcard_subscription_available = 0x28;
inline constexpr std::uint8_t subscription_identifier_available = 0x29;
inline constexpr std::uint8_t shared_subscription_available = 0x2A;
}  // namespace property_id

// The form of a property's value (section 2.2.2.2).
enum class property_form : std::uint8_t {
  byte, two_bytes, four_bytes, variable_int, utf8, binary, utf8_pair, unknown
};
property_form form_of_property(std::uint8_t id);

// Where a property block sits: each place allows its own identifiers (table 2-4).
enum class property_place : std::uint8_t {
  connect, will, connack, publish, ack, subscribe, suback, unsubscribe, unsuback, disconnect, auth
};

// One property's value as read: numbers in `number`, strings and binary data as views.
struct property_value {
  std::uint32_t number = 0;
  byte_view data;    // utf8 / binary value; a user property's name
  byte_view second;  // a user property's value
  std::string_view text() const { return {reinterpret_cast<const char*>(data.data()), data.size()}; }
  std::string_view second_text() const {
    return {reinterpret_cast<const char*>(second.data()), second.size()};
  }
};

// The per-block state of the checks above: which single-valued identifiers were seen.
class property_checker {
 public:
  explicit property_checker(property_place place) : _place(place) {}
  // Reads the value of property `id` from `props` into `out` and checks it; failures are recorded
  // on `props`.
  void read(reader& props, std::uint8_t id, property_value& out);

 private:
  property_place _place;
  std::uint64_t _seen = 0;
};

// Reads the property block at `r` (its length first) and calls visit(id, value) for each property,
// all checked as above. A failure is recorded on `r`; the visitor is not called after it. Returns
// the properties' bytes without the length prefix (a view into the body).
template <class Visit>
byte_view scan_properties(reader& r, property_place place, Visit&& visit) {
  const byte_view block = r.property_block();
  reader props{block};
  property_checker checker{place};
  while (r.ok() && props.ok() && !props.at_end()) {
    const std::uint8_t id = props.u8();
    property_value value;
    checker.read(props, id, value);
    if (props.ok()) visit(id, value);
  }
  // A value cut short by the end of the block is a malformed property, not a short packet.
  r.require(props.ok(), props.failure() == error::truncated ? error::malformed_property
                                                            : props.failure());
  return block;
}

// The property block at `r` into `out` (which should be empty), checked as above.
void read_properties(reader& r, property_place place, properties& out);

// Authentication Data without an Authentication Method is a Protocol Error (sections 3.1.2.11.10,
// 3.2.2.3.18, 3.15.2.2.5): error::protocol_error_property.
void require_auth_method_with_data(reader& r, const properties& p);

}  // namespace roost::mqtt
