#pragma once
// Shared by the fuzz targets: decode a frame with the decoder its type calls for and, when that
// succeeds, check that encoding the packet and decoding the result again gives the same packet.
// Packets are compared through their encoding (the encoder is injective), so a difference in any
// field shows up as different bytes. A broken property traps, which libFuzzer reports as a crash.

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "roost/mqtt/decode.hpp"
#include "roost/mqtt/encode.hpp"
#include "roost/mqtt/frame_decoder.hpp"

namespace roost::mqtt::fuzz {

inline void check(bool property) {
  if (!property) __builtin_trap();
}

// Re-encodes `p`, cuts the bytes into exactly one frame, decodes it, and requires the same bytes
// from encoding that. Returns the re-encoded bytes.
template <class P, class Decode>
bytes check_round_trip(const P& p, Decode decode) {
  bytes wire;
  encode(p, wire);
  frame_decoder cutter{SIZE_MAX};
  cutter.feed(wire);
  frame again;
  check(cutter.next(again) == frame_status::ready);
  check(again.wire_size() == wire.size());
  const decoded<P> second = decode(again);
  check(bool(second));
  bytes rewire;
  encode(*second, rewire);
  check(rewire == wire);
  return wire;
}

// Decodes `f` as its type says and checks the round trip. When the decoder accepted the frame,
// the re-encoded body must equal the original body: the decoder accepts exactly what the encoder
// writes. Two documented exceptions normalise: a CONNECT of an unknown protocol level (only its
// name and level are read) and the unused first byte of an MQTT 3.1 CONNACK.
inline void decode_and_round_trip(const frame& f, protocol_version v) {
  bool exact = true;
  auto same_body = [&](const bytes& wire) {
    if (!exact) return;
    frame_decoder cutter{SIZE_MAX};
    cutter.feed(wire);
    frame g;
    check(cutter.next(g) == frame_status::ready);
    check(g.first_byte == f.first_byte);
    check(std::ranges::equal(g.body, f.body));
  };
  auto with_v = [v](auto decoder) { return [=](const frame& g) { return decoder(g, v); }; };
  auto run = [&](auto decode) {
    const auto first = decode(f);
    if (first) same_body(check_round_trip(*first, decode));
  };

  switch (f.type()) {
    case packet_type::connect: {
      const auto first = decode_connect(f);
      if (!first) return;
      exact = first->protocol_level == 3 || first->protocol_level == 4;
      same_body(check_round_trip(*first, decode_connect));
      return;
    }
    case packet_type::connack:
      exact = v != protocol_version::v3_1;
      return run(with_v(decode_connack));
    case packet_type::publish: return run(with_v(decode_publish));
    case packet_type::puback: return run(with_v(decode_puback));
    case packet_type::pubrec: return run(with_v(decode_pubrec));
    case packet_type::pubrel: return run(with_v(decode_pubrel));
    case packet_type::pubcomp: return run(with_v(decode_pubcomp));
    case packet_type::subscribe: return run(with_v(decode_subscribe));
    case packet_type::suback: return run(with_v(decode_suback));
    case packet_type::unsubscribe: return run(with_v(decode_unsubscribe));
    case packet_type::unsuback: return run(with_v(decode_unsuback));
    case packet_type::pingreq: return run(decode_pingreq);
    case packet_type::pingresp: return run(decode_pingresp);
    case packet_type::disconnect: return run(with_v(decode_disconnect));
    case packet_type::auth: return;
  }
}

}  // namespace roost::mqtt::fuzz
