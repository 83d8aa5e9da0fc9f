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
  // MQTT 5: a property length (a variable byte integer, section 1.5.5) and the properties it
  // counts, skipped unread. A malformed length records error::malformed_remaining_length.
  void skip_properties();
  // The same, reading the properties one by one: each two-byte property (identifiers 0x13, 0x21,
  // 0x22, 0x23) and one-byte property goes to `seen(identifier, value)`, the others are skipped.
  // An unknown identifier records error::malformed_remaining_length.
  template <class Seen>
  void read_properties(Seen&& seen);

  bool at_end() const { return _rest.empty(); }
  bool ok() const { return !_failed; }
  error failure() const { return _failure; }

  // Records `e` unless `rule` holds or an earlier error is already recorded.
  void require(bool rule, error e);

  // The decoded packet, or the first error, or trailing_bytes when the body was not consumed.
  template <class P>
  decoded<P> finish(P packet) {
    require(at_end(), error::trailing_bytes);
    if (_failed) return fail(_failure);
    return decoded<P>{std::move(packet)};
  }

 private:
  byte_view take(std::size_t n);
  // A property length (a variable byte integer, section 1.5.5) and the bytes it counts.
  byte_view property_block();

  byte_view _rest;
  bool _failed = false;
  error _failure = error::truncated;
};

// The MQTT 5 property identifiers by the form of their value (section 2.2.2.2).
enum class property_form : std::uint8_t { byte, two_bytes, four_bytes, variable_int, utf8, binary, utf8_pair, unknown };
property_form form_of_property(std::uint8_t identifier);

template <class Seen>
void reader::read_properties(Seen&& seen) {
  reader props{property_block()};
  while (ok() && props.ok() && !props.at_end()) {
    const std::uint8_t id = props.u8();
    switch (form_of_property(id)) {
      case property_form::byte: seen(id, props.u8()); break;
      case property_form::two_bytes: seen(id, props.u16()); break;
      case property_form::four_bytes: props.take(4); break;
      case property_form::variable_int:
        while ((props.u8() & 0x80) != 0 && props.ok()) {
        }
        break;
      case property_form::utf8:
      case property_form::binary: props.binary(); break;
      case property_form::utf8_pair: props.binary(), props.binary(); break;
      case property_form::unknown: props.require(false, error::malformed_remaining_length); break;
    }
  }
  require(props.ok(), props.failure());
}

// Starts decoding `f` as a packet of type `type` whose fixed-header flags must be `flags`
// [MQTT-2.2.2-1] [MQTT-2.2.2-2]. A frame of another type records error::unexpected_packet.
reader open_body(const frame& f, packet_type type, std::uint8_t flags);
// The same for PUBLISH, whose flags carry dup/qos/retain and are checked by its decoder.
reader open_body(const frame& f, packet_type type);

// The protocol levels whose packet layouts this codec reads: 3.1 and 3.1.1 share them. MQTT 5
// inserts properties (and reason codes) into most packets; until those are read, its frames are
// refused with error::unexpected_packet at the top of each versioned decoder.
constexpr bool has_v3_layout(protocol_version v) {
  return v == protocol_version::v3_1 || v == protocol_version::v3_1_1;
}

// The client-side decoders (CONNACK, PUBLISH, the publish acknowledgements, SUBACK) also read MQTT 5
// frames, skipping their properties.
constexpr bool is_known_version(protocol_version v) {
  return has_v3_layout(v) || v == protocol_version::v5;
}

}  // namespace roost::mqtt
