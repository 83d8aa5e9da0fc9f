#pragma once
// Packets to bytes. Every function appends one complete frame to `out` (never clears it), so a
// caller can batch many packets in one buffer and write them with one system call.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "roost/mqtt/packets.hpp"

namespace roost::mqtt {

void encode(const connect& p, bytes& out);
void encode(const connack& p, bytes& out);
void encode(const publish& p, bytes& out);
void encode(const puback& p, bytes& out);
void encode(const pubrec& p, bytes& out);
void encode(const pubrel& p, bytes& out);
void encode(const pubcomp& p, bytes& out);
void encode(const subscribe& p, bytes& out);
void encode(const suback& p, bytes& out);
void encode(const unsubscribe& p, bytes& out);
void encode(const unsuback& p, bytes& out);
void encode(const pingreq& p, bytes& out);
void encode(const pingresp& p, bytes& out);
void encode(const disconnect& p, bytes& out);

// Everything of a PUBLISH frame except its payload: fixed header (with a remaining length that
// counts payload_size), topic and, for qos > 0, the packet id. The broker writes this header and
// then the shared payload buffer in one gather write, so a payload is never copied per subscriber.
// Returns the offset in `out` of the two packet-id bytes (0 when qos == 0), so a header encoded
// once can be copied and patched per subscriber.
std::size_t encode_publish_header(std::string_view topic, std::uint8_t qos, bool retain, bool dup,
                                  std::uint16_t packet_id, std::size_t payload_size, bytes& out);

// Appends the variable-length "remaining length" encoding of n (n < 268,435,456).
void encode_remaining_length(std::size_t n, bytes& out);

}  // namespace roost::mqtt
