#pragma once
// Which MQTT 5 reason codes each packet may carry (private to the codec).

#include <cstdint>

#include "roost/mqtt/packets.hpp"

namespace roost::mqtt {

// True when `code` is a reason code the specification defines for packets of `type`: CONNACK
// (3.2.2.2), PUBACK and PUBREC (3.4.2.1, 3.5.2.1), PUBREL and PUBCOMP (3.6.2.1, 3.7.2.1), SUBACK
// (3.9.3), UNSUBACK (3.11.3), DISCONNECT (3.14.2.1), AUTH (3.15.2.1).
bool valid_reason_code(packet_type type, std::uint8_t code);

}  // namespace roost::mqtt
