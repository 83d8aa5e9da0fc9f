#pragma once
// A bounds-checked cursor over a frame body (private to the codec).
//
// The first failure sticks: later reads return empty values and do not move, so a decoder reads
// its fields one per line in wire order and checks once at the end with finish():
//
//   reader r = open_body(f, packet_type::puback, 0b0000);
//   puback p;
//   p.packet_id = r.packet_id();
//   return r.finish(std::move(p));      // the first error, else trailing_bytes, else p
//
// require() adds a semantic rule at the point of the wire where it applies.

#include <cstdint>
#include <string_view>
#include <utility>

#include "roost/mqtt/decode.hpp"

namespace roost::mqtt {

class reader {
 public:
  explicit reader(byte_view body) : _rest(body) {}

  std::uint8_t u8();
  std::uint16_t u16();
  // A non-zero packet identifier [MQTT-2.3.1-1].
  std::uint16_t packet_id();
  // A length-prefixed UTF-8 string, checked [MQTT-1.5.3-1] [MQTT-1.5.3-2]. A view into the body.
  std::string_view utf8();
  // A length-prefixed binary field. A view into the body.
  byte_view binary();
  // Everything not read yet (a PUBLISH payload).
  byte_view rest();
  // A variable byte integer (section 1.5.5); a fifth byte records `malformed`.
  std::uint32_t varint(error malformed);
  // MQTT 5: a property length (a variable byte integer) and the bytes it counts, unread. A
  // malformed length records error::malformed_property.
  byte_view property_block();

  bool at_end() const { return _rest.empty(); }
  bool ok() const { return !_failed; }
  error failure() const { return _failure; }

  // Records `e` unless `rule` holds or an earlier error is already recorded.
  void require(bool rule, error e);
  // The next n bytes, or an empty view and error::truncated when fewer are left.
  byte_view take(std::size_t n);

  // The decoded packet, or the first error, or trailing_bytes when the body was not consumed.
  template <class P>
  decoded<P> finish(P packet) {
    require(at_end(), error::trailing_bytes);
    if (_failed) return fail(_failure);
    return decoded<P>{std::move(packet)};
  }

 private:
  byte_view _rest;
  bool _failed = false;
  error _failure = error::truncated;
};

// Starts decoding `f` as a packet of type `type` whose fixed-header flags must be `flags`
// [MQTT-2.2.2-1] [MQTT-2.2.2-2]. A frame of another type records error::unexpected_packet.
reader open_body(const frame& f, packet_type type, std::uint8_t flags);
// The same for PUBLISH, whose flags carry dup/qos/retain and are checked by its decoder.
reader open_body(const frame& f, packet_type type);

// The protocol levels that share the 3.1 / 3.1.1 packet layouts.
constexpr bool has_v3_layout(protocol_version v) {
  return v == protocol_version::v3_1 || v == protocol_version::v3_1_1;
}

// The protocol levels this codec reads: 3.1, 3.1.1 and 5.0 (which inserts properties and reason
// codes into most packets). Versioned decoders refuse others with error::unexpected_packet.
constexpr bool is_known_version(protocol_version v) {
  return has_v3_layout(v) || v == protocol_version::v5;
}

}  // namespace roost::mqtt
