#pragma once
// Packets to bytes in a caller's buffer, without allocating (the device SDK's encoder).
//
//   std::array<std::uint8_t, 256> buf;
//   std::size_t n = encode_into(puback{7}, buf);   // 4, or 0 when the frame does not fit
//
// Every function writes one complete frame at the start of `out` and returns its size, or returns
// 0 and leaves `out` untouched when the whole frame does not fit. encoded_size() tells the size
// beforehand. Layouts are those of encode.hpp (the same code states them).

#include <cstddef>
#include <cstdint>
#include <span>

#include "roost/mqtt/packet_views.hpp"
#include "roost/mqtt/packets.hpp"

namespace roost::mqtt {

using byte_span = std::span<std::uint8_t>;

std::size_t encode_into(const connect_view& p, byte_span out);
std::size_t encode_into(const publish& p, byte_span out);
std::size_t encode_into(const puback& p, byte_span out);
std::size_t encode_into(const pubrec& p, byte_span out);
std::size_t encode_into(const pubrel& p, byte_span out);
std::size_t encode_into(const pubcomp& p, byte_span out);
std::size_t encode_into(const subscribe_view& p, byte_span out);
std::size_t encode_into(const unsubscribe_view& p, byte_span out);
std::size_t encode_into(const pingreq& p, byte_span out);
std::size_t encode_into(const disconnect& p, byte_span out);

// Size of the whole frame, fixed header included.
std::size_t encoded_size(const connect_view& p);
std::size_t encoded_size(const publish& p);
std::size_t encoded_size(const subscribe_view& p);
std::size_t encoded_size(const unsubscribe_view& p);

// The same for the connection's protocol version `v`: MQTT 5 frames carry empty properties (a
// CONNECT's form follows its protocol_level). The acknowledgements, PINGREQ and DISCONNECT above
// are valid MQTT 5 frames as they are: their short forms, reason code 0 (`reason` and `props` of
// those packets are not written here; encode() writes them).
std::size_t encode_into(const publish& p, protocol_version v, byte_span out);
std::size_t encode_into(const subscribe_view& p, protocol_version v, byte_span out);
std::size_t encoded_size(const publish& p, protocol_version v);
std::size_t encoded_size(const subscribe_view& p, protocol_version v);

}  // namespace roost::mqtt
