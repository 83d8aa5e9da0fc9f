#pragma once
// Reading MQTT 5's optional "reason code, then properties" tail of DISCONNECT, AUTH and the
// publish acknowledgements (private).

#include "property_scan.hpp"
#include "reason_codes.hpp"

namespace roost::mqtt {

// Sections 3.4.2.1, 3.14.2.1 and 3.15.2.1: an empty tail is reason 0 without properties; a reason
// code alone has no properties. The reason code must be one `type` defines
// (error::invalid_reason_code). A `P` without `props` has the properties read, checked and dropped
// (a property struct is built only when there are properties).
template <class P>
void read_reason_and_properties(reader& r, packet_type type, property_place place, P& p) {
  if (r.at_end()) return;
  p.reason = r.u8();
  r.require(valid_reason_code(type, p.reason), error::invalid_reason_code);
  if (r.at_end()) return;
  if constexpr (requires { p.props; }) {
    read_properties(r, place, p.props);
  } else {
    properties dropped;
    read_properties(r, place, dropped);
  }
}

}  // namespace roost::mqtt
