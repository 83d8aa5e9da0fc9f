// An MQTT 5 property block into a `properties` (every packet but PUBLISH).

#include "property_scan.hpp"

namespace roost::mqtt {
namespace {

namespace pid = property_id;

std::uint8_t byte_of(const property_value& v) { return static_cast<std::uint8_t>(v.number); }
std::uint16_t two_bytes_of(const property_value& v) { return static_cast<std::uint16_t>(v.number); }
std::string string_of(const property_value& v) { return std::string{v.text()}; }
bytes bytes_of(const property_value& v) { return bytes(v.data.begin(), v.data.end()); }

// One checked property into its field of `p`.
void store(std::uint8_t id, const property_value& v, properties& p) {
  switch (id) {
    case pid::payload_format_indicator: p.payload_format_indicator = byte_of(v); break;
    case pid::message_expiry_interval: p.message_expiry_interval = v.number; break;
    case pid::content_type: p.content_type = string_of(v); break;
    case pid::response_topic: p.response_topic = string_of(v); break;
    case pid::correlation_data: p.correlation_data = bytes_of(v); break;
    case pid::subscription_identifier: p.subscription_identifier = v.number; break;
    case pid::session_expiry_interval: p.session_expiry_interval = v.number; break;
    case pid::assigned_client_identifier: p.assigned_client_identifier = string_of(v); break;
    case pid::server_keep_alive: p.server_keep_alive = two_bytes_of(v); break;
    case pid::authentication_method: p.authentication_method = string_of(v); break;
    case pid::authentication_data: p.authentication_data = bytes_of(v); break;
    case pid::request_problem_information: p.request_problem_information = byte_of(v); break;
    case pid::will_delay_interval: p.will_delay_interval = v.number; break;
    case pid::request_response_information: p.request_response_information = byte_of(v); break;
    case pid::response_information: p.response_information = string_of(v); break;
    case pid::server_reference: p.server_reference = string_of(v); break;
    case pid::reason_string: p.reason_string = string_of(v); break;
    case pid::receive_maximum: p.receive_maximum = two_bytes_of(v); break;
    case pid::topic_alias_maximum: p.topic_alias_maximum = two_bytes_of(v); break;
    case pid::maximum_qos: p.maximum_qos = byte_of(v); break;
    case pid::retain_available: p.retain_available = byte_of(v); break;
    case pid::user_property:
      p.user_properties.push_back({string_of(v), std::string{v.second_text()}});
      break;
    case pid::maximum_packet_size: p.maximum_packet_size = v.number; break;
    case pid::wildcard_subscription_available: p.wildcard_subscription_available = byte_of(v); break;
    case pid::subscription_identifier_available:
      p.subscription_identifier_available = byte_of(v);
      break;
    case pid::shared_subscription_available: p.shared_subscription_available = byte_of(v); break;
    default: break;  // topic alias: PUBLISH only, never stored here
  }
}

}  // namespace

void read_properties(reader& r, property_place place, properties& out) {
  scan_properties(r, place, [&](std::uint8_t id, const property_value& v) { store(id, v, out); });
}

bool properties::empty() const { return *this == properties{}; }

}  // namespace roost::mqtt
