#include "reader.hpp"

#include "roost/mqtt/topic.hpp"

namespace roost::mqtt {

void reader::require(bool rule, error e) {
  if (rule || _failed) return;
  _failed = true;
  _failure = e;
  _rest = {};
}

// The next n bytes, or an empty view and error::truncated when fewer are left.
byte_view reader::take(std::size_t n) {
  require(n <= _rest.size(), error::truncated);
  if (_failed) return {};
  const byte_view out = _rest.first(n);
  _rest = _rest.subspan(n);
  return out;
}

std::uint8_t reader::u8() {
  const byte_view b = take(1);
  return b.empty() ? 0 : b[0];
}

std::uint16_t reader::u16() {
  const byte_view b = take(2);
  return b.empty() ? 0 : static_cast<std::uint16_t>((b[0] << 8) | b[1]);
}

std::uint16_t reader::packet_id() {
  const std::uint16_t id = u16();
  require(id != 0, error::zero_packet_id);  // [MQTT-2.3.1-1]
  return id;
}

byte_view reader::binary() { return take(u16()); }

std::string_view reader::utf8() {
  const byte_view b = binary();
  const std::string_view s{reinterpret_cast<const char*>(b.data()), b.size()};
  require(valid_utf8(s), error::invalid_utf8);  // [MQTT-1.5.3-1] [MQTT-1.5.3-2]
  return _failed ? std::string_view{} : s;
}

byte_view reader::rest() { return take(_rest.size()); }

property_form form_of_property(std::uint8_t id) {
  switch (id) {
    case 0x01: case 0x17: case 0x19: case 0x24: case 0x25: case 0x28: case 0x29: case 0x2A:
      return property_form::byte;
    case 0x13: case 0x21: case 0x22: case 0x23: return property_form::two_bytes;
    case 0x02: case 0x11: case 0x18: case 0x27: return property_form::four_bytes;
    case 0x0B: return property_form::variable_int;
    case 0x03: case 0x08: case 0x12: case 0x15: case 0x1A: case 0x1C: case 0x1F: return property_form::utf8;
    case 0x09: case 0x16: return property_form::binary;
    case 0x26: return property_form::utf8_pair;
    default: return property_form::unknown;
  }
}

byte_view reader::property_block() {
  std::size_t length = 0;
  for (int shift = 0;; shift += 7) {
    require(shift < 28, error::malformed_remaining_length);  // at most 4 bytes
    if (_failed) return {};
    const std::uint8_t digit = u8();
    length |= static_cast<std::size_t>(digit & 0x7F) << shift;
    if ((digit & 0x80) == 0) break;
  }
  return take(length);
}

void reader::skip_properties() { property_block(); }

reader open_body(const frame& f, packet_type type) {
  reader r{f.body};
  r.require(f.type() == type, error::unexpected_packet);
  return r;
}

reader open_body(const frame& f, packet_type type, std::uint8_t flags) {
  reader r = open_body(f, type);
  r.require(f.flags() == flags, error::bad_fixed_header_flags);  // [MQTT-2.2.2-1] [MQTT-2.2.2-2]
  return r;
}

}  // namespace roost::mqtt
