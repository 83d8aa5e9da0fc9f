#pragma once
// Facts about the MQTT wire format shared by the frame decoder and the encoder (private header).

#include <cstddef>
#include <cstdint>

#include "roost/mqtt/packets.hpp"

namespace roost::mqtt::wire {

// The remaining length takes at most 4 bytes of 7 bits each (section 2.2.3).
inline constexpr std::size_t max_length_bytes = 4;
inline constexpr std::size_t max_remaining_length = 268'435'455;

// Largest string or binary field: its length is a 16-bit prefix [MQTT-1.5.3].
inline constexpr std::size_t max_field_size = 65'535;

// Bytes the remaining length n takes on the wire (1..4); n <= max_remaining_length.
constexpr std::size_t remaining_length_size(std::size_t n) {
  std::size_t size = 1;
  while (n >= 128) {
    n /= 128;
    ++size;
  }
  return size;
}

// Bits of the CONNECT flags byte (section 3.1.2.3), written by encode and read by decode_connect.
namespace connect_flag {
inline constexpr std::uint8_t reserved = 0x01;
inline constexpr std::uint8_t clean_session = 0x02;
inline constexpr std::uint8_t will = 0x04;
inline constexpr std::uint8_t will_qos = 0x18;  // two bits
inline constexpr int will_qos_shift = 3;
inline constexpr std::uint8_t will_retain = 0x20;
inline constexpr std::uint8_t password = 0x40;
inline constexpr std::uint8_t username = 0x80;
}  // namespace connect_flag

// Bits of a PUBLISH fixed header's low nibble (section 3.3.1).
namespace publish_flag {
inline constexpr std::uint8_t dup = 0x08;
inline constexpr std::uint8_t qos = 0x06;  // two bits
inline constexpr int qos_shift = 1;
inline constexpr std::uint8_t retain = 0x01;
}  // namespace publish_flag

// Fixed-header flags of PUBACK, PUBREC, PUBREL and PUBCOMP: PUBREL's are 0b0010
// [MQTT-3.6.1-1], the others' 0.
constexpr std::uint8_t ack_flags(packet_type type) { return type == packet_type::pubrel ? 0b0010 : 0; }

// First byte of a fixed header.
constexpr std::uint8_t first_byte(std::uint8_t type, std::uint8_t flags) {
  return static_cast<std::uint8_t>((type << 4) | (flags & 0x0F));
}

}  // namespace roost::mqtt::wire
