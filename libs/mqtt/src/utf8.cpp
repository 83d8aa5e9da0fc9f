// MQTT UTF-8: well-formed UTF-8 (RFC 3629) minus U+0000 [MQTT-1.5.3-1] [MQTT-1.5.3-2].
//
//   "a"          61              ok
//   "é"          c3 a9           ok
//   "€"          e2 82 ac        ok
//   "😀"         f0 9f 98 80     ok
//   U+0000       00              refused [MQTT-1.5.3-2]
//   overlong "/" c0 af           refused: a shorter encoding exists
//   U+D800       ed a0 80        refused: surrogates are not characters [MQTT-1.5.3-1]
//   U+110000     f4 90 80 80     refused: beyond Unicode
//   truncated    e2 82           refused

#include <cstdint>

#include "roost/mqtt/topic.hpp"

namespace roost::mqtt {
namespace {

struct sequence_shape {
  std::size_t length = 0;      // 0: not a valid lead byte
  std::uint32_t lead_bits = 0;
  std::uint32_t smallest = 0;  // below this the encoding is overlong
};

sequence_shape shape_of(std::uint8_t lead) {
  if ((lead & 0xE0) == 0xC0) return {2, lead & 0x1Fu, 0x80};
  if ((lead & 0xF0) == 0xE0) return {3, lead & 0x0Fu, 0x800};
  if ((lead & 0xF8) == 0xF0) return {4, lead & 0x07u, 0x10000};
  return {};  // a continuation byte or 0xF8..0xFF
}

bool is_code_point(std::uint32_t c) { return c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF); }

}  // namespace

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  // The usual case first: ASCII without U+0000 (bytes 0x01..0x7F), nothing to decode.
  while (i < s.size() && static_cast<std::uint8_t>(static_cast<std::uint8_t>(s[i]) - 1) < 0x7F) ++i;
  while (i < s.size()) {
    const auto lead = static_cast<std::uint8_t>(s[i]);
    if (lead < 0x80) {
      if (lead == 0) return false;  // [MQTT-1.5.3-2]
      ++i;
      continue;
    }
    const sequence_shape shape = shape_of(lead);
    if (shape.length == 0 || s.size() - i < shape.length) return false;
    std::uint32_t c = shape.lead_bits;
    for (std::size_t k = 1; k < shape.length; ++k) {
      const auto next = static_cast<std::uint8_t>(s[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      c = (c << 6) | (next & 0x3Fu);
    }
    if (c < shape.smallest || !is_code_point(c)) return false;  // [MQTT-1.5.3-1]
    i += shape.length;
  }
  return true;
}

}  // namespace roost::mqtt
