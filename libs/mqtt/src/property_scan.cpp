// Checking one MQTT 5 property: its form, where it may appear, repetition and range.

#include "property_scan.hpp"

#include "roost/mqtt/topic.hpp"

namespace roost::mqtt {
namespace {

constexpr std::uint64_t bit(std::uint8_t id) { return std::uint64_t{1} << id; }

template <class... Ids>
constexpr std::uint64_t ids(Ids... id) {
  return (bit(id) | ...);
}

namespace pid = property_id;

constexpr std::uint64_t message_properties =
    ids(pid::payload_format_indicator, pid::message_expiry_interval, pid::content_type,
        pid::response_topic, pid::correlation_data, pid::user_property);

// Table 2-4: the identifiers each place allows.
std::uint64_t allowed_in(property_place place) {
  switch (place) {
    case property_place::connect:
      return ids(pid::session_expiry_interval, pid::authentication_method,
                 pid::authentication_data, pid::request_problem_information,
                 pid::request_response_information, pid::receive_maximum,
                 pid::topic_alias_maximum, pid::user_property, pid::maximum_packet_size);
    case property_place::will: return message_properties | bit(pid::will_delay_interval);
    case property_place::connack:
      return ids(pid::session_expiry_interval, pid::assigned_client_identifier,
                 pid::server_keep_alive, pid::authentication_method, pid::authentication_data,
                 pid::response_information, pid::server_reference, pid::reason_string,
                 pid::receive_maximum, pid::topic_alias_maximum, pid::maximum_qos,
                 pid::retain_available, pid::user_property, pid::maximum_packet_size,
                 pid::wildcard_subscription_available, pid::subscription_identifier_available,
                 pid::shared_subscription_available);
    case property_place::publish:
      return message_properties | ids(pid::subscription_identifier, pid::topic_alias);
    case property_place::ack:
    case property_place::suback:
    case property_place::unsuback: return ids(pid::reason_string, pid::user_property);
    case property_place::subscribe: return ids(pid::subscription_identifier, pid::user_property);
    case property_place::unsubscribe: return bit(pid::user_property);
    case property_place::disconnect:
      return ids(pid::session_expiry_interval, pid::server_reference, pid::reason_string,
                 pid::user_property);
    case property_place::auth:
      return ids(pid::authentication_method, pid::authentication_data, pid::reason_string,
                 pid::user_property);
  }
  return 0;
}

// User properties may repeat anywhere; subscription identifiers in PUBLISH, where a server sends
// one per matching subscription (section 3.3.2.3.8), but not in SUBSCRIBE (section 3.8.2.1.2).
bool repeatable(property_place place, std::uint8_t id) {
  return id == pid::user_property ||
         (id == pid::subscription_identifier && place == property_place::publish);
}

// The ranges the specification puts on values; any other value is a Protocol Error.
bool in_range(std::uint8_t id, const property_value& v) {
  switch (id) {
    case pid::payload_format_indicator:            // section 3.3.2.3.2
    case pid::request_problem_information:         // section 3.1.2.11.7
    case pid::request_response_information:        // section 3.1.2.11.6
    case pid::maximum_qos:                         // section 3.2.2.3.4
    case pid::retain_available:                    // section 3.2.2.3.5
    case pid::wildcard_subscription_available:     // section 3.2.2.3.11
    case pid::subscription_identifier_available:   // section 3.2.2.3.12
    case pid::shared_subscription_available:       // section 3.2.2.3.13
      return v.number <= 1;
    case pid::receive_maximum:          // section 3.1.2.11.3
    case pid::maximum_packet_size:      // section 3.1.2.11.4
    case pid::topic_alias:              // section 3.3.2.3.4
    case pid::subscription_identifier:  // 1..268,435,455, section 3.3.2.3.8
      return v.number != 0;
    case pid::response_topic: return valid_topic_name(v.text());  // [MQTT-3.3.2-14]
    default: return true;
  }
}

}  // namespace

property_form form_of_property(std::uint8_t id) {
  switch (id) {
    case 0x01: case 0x17: case 0x19: case 0x24: case 0x25: case 0x28: case 0x29: case 0x2A:
      return property_form::byte;
    case 0x13: case 0x21: case 0x22: case 0x23: return property_form::two_bytes;
    case 0x02: case 0x11: case 0x18: case 0x27: return property_form::four_bytes;
    case 0x0B: return property_form::variable_int;
    case 0x03: case 0x08: case 0x12: case 0x15: case 0x1A: case 0x1C: case 0x1F:
      return property_form::utf8;
    case 0x09: case 0x16: return property_form::binary;
    case 0x26: return property_form::utf8_pair;
    default: return property_form::unknown;
  }
}

void property_checker::read(reader& props, std::uint8_t id, property_value& out) {
  const auto as_bytes = [](std::string_view s) {
    return byte_view{reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
  };
  switch (form_of_property(id)) {
    case property_form::byte: out.number = props.u8(); break;
    case property_form::two_bytes: out.number = props.u16(); break;
    case property_form::four_bytes:
      out.number = static_cast<std::uint32_t>(props.u16()) << 16;
      out.number |= props.u16();
      break;
    case property_form::variable_int: out.number = props.varint(error::malformed_property); break;
    case property_form::utf8: out.data = as_bytes(props.utf8()); break;
    case property_form::binary: out.data = props.binary(); break;
    case property_form::utf8_pair:
      out.data = as_bytes(props.utf8());
      out.second = as_bytes(props.utf8());
      break;
    case property_form::unknown: props.require(false, error::malformed_property); return;
  }
  if (!props.ok()) return;
  const error e = error::protocol_error_property;
  // An identifier not valid for the packet is a Malformed Packet (section 2.2.2.2); a repeated or
  // out-of-range one a Protocol Error.
  props.require((allowed_in(_place) & bit(id)) != 0, error::malformed_property);
  props.require(repeatable(_place, id) || (_seen & bit(id)) == 0, e);
  props.require(in_range(id, out), e);
  _seen |= bit(id);
}

void require_auth_method_with_data(reader& r, const properties& p) {
  r.require(p.authentication_method || !p.authentication_data, error::protocol_error_property);
}

}  // namespace roost::mqtt
