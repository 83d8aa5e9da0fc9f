// The reason code tables of the MQTT 5 packets, as bit sets over the 256 byte values.

#include "reason_codes.hpp"

#include <array>
#include <initializer_list>

namespace roost::mqtt {
namespace {

struct code_set {
  std::array<std::uint64_t, 4> words{};
  constexpr code_set(std::initializer_list<std::uint8_t> codes) {
    for (const std::uint8_t c : codes) words[c / 64] |= std::uint64_t{1} << (c % 64);
  }
  constexpr bool contains(std::uint8_t c) const { return ((words[c / 64] >> (c % 64)) & 1) != 0; }
};

constexpr code_set connack_codes{0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
                                 0x8A, 0x8C, 0x90, 0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F};
constexpr code_set puback_codes{0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99};
constexpr code_set pubrel_codes{0x00, 0x92};
constexpr code_set suback_codes{0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1,
                                0xA2};
constexpr code_set unsuback_codes{0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91};
constexpr code_set disconnect_codes{0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D,
                                    0x8E, 0x8F, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99,
                                    0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2};
constexpr code_set auth_codes{0x00, 0x18, 0x19};

}  // namespace

bool valid_reason_code(packet_type type, std::uint8_t code) {
  switch (type) {
    case packet_type::connack: return connack_codes.contains(code);
    case packet_type::puback:
    case packet_type::pubrec: return puback_codes.contains(code);
    case packet_type::pubrel:
    case packet_type::pubcomp: return pubrel_codes.contains(code);
    case packet_type::suback: return suback_codes.contains(code);
    case packet_type::unsuback: return unsuback_codes.contains(code);
    case packet_type::disconnect: return disconnect_codes.contains(code);
    case packet_type::auth: return auth_codes.contains(code);
    default: return false;
  }
}

}  // namespace roost::mqtt
