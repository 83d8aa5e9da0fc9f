#include "reader.hpp"

#include "roost/mqtt/topic.hpp"

namespace roost::mqtt {

void reader::require(bool rule, error e) {
  if (rule || _failed) return;
  _failed = true;
  _failure = e;
  _rest = {};
}

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

std::uint32_t reader::varint(error malformed) {
  std::uint32_t value = 0;
  for (int shift = 0; shift < 28; shift += 7) {
    const std::uint8_t digit = u8();
    value |= static_cast<std::uint32_t>(digit & 0x7F) << shift;
    if ((digit & 0x80) == 0) return value;
  }
  require(false, malformed);  // more than 4 bytes (section 1.5.5)
  return 0;
}

byte_view reader::property_block() { return take(varint(error::malformed_property)); }

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
