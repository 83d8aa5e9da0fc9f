#include "roost/mqtt/error.hpp"

namespace roost::mqtt {

// The enumerator's own name, so a log line can be grepped back to the code that produced it.
std::string_view to_string(error e) {
  switch (e) {
    case error::malformed_remaining_length: return "malformed_remaining_length";
    case error::packet_too_large: return "packet_too_large";
    case error::reserved_packet_type: return "reserved_packet_type";
    case error::bad_fixed_header_flags: return "bad_fixed_header_flags";
    case error::truncated: return "truncated";
    case error::trailing_bytes: return "trailing_bytes";
    case error::invalid_utf8: return "invalid_utf8";
    case error::invalid_qos: return "invalid_qos";
    case error::zero_packet_id: return "zero_packet_id";
    case error::bad_connect_flags: return "bad_connect_flags";
    case error::bad_subscribe_options: return "bad_subscribe_options";
    case error::empty_subscription_list: return "empty_subscription_list";
    case error::invalid_topic_name: return "invalid_topic_name";
    case error::invalid_topic_filter: return "invalid_topic_filter";
    case error::unexpected_packet: return "unexpected_packet";
    case error::malformed_property: return "malformed_property";
    case error::protocol_error_property: return "protocol_error_property";
    case error::invalid_reason_code: return "invalid_reason_code";
    case error::protocol_error: return "protocol_error";
  }
  return "unknown_error";  // only for a value outside the enumeration
}

// Section 4.13: a malformed packet (0x81) is one that cannot be parsed as the specification
// says; a protocol error (0x82) one that parses but breaks a rule. Some errors have their own code.
reason_code reason_for(error e) {
  switch (e) {
    case error::packet_too_large: return reason_code::packet_too_large;
    case error::invalid_topic_name: return reason_code::topic_name_invalid;
    case error::invalid_topic_filter: return reason_code::topic_filter_invalid;
    case error::zero_packet_id:
    case error::empty_subscription_list:
    case error::unexpected_packet:
    case error::protocol_error_property:
    case error::invalid_reason_code:
    case error::protocol_error: return reason_code::protocol_error;
    case error::malformed_remaining_length:
    case error::reserved_packet_type:
    case error::bad_fixed_header_flags:
    case error::truncated:
    case error::trailing_bytes:
    case error::invalid_utf8:
    case error::invalid_qos:
    case error::bad_connect_flags:
    case error::bad_subscribe_options:
    case error::malformed_property: return reason_code::malformed_packet;
  }
  return reason_code::malformed_packet;
}

}  // namespace roost::mqtt
