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

// Encodes `p` in version `v` (CONNECT and AUTH carry their own).
template <class P>
void encode_in(const P& p, bytes& out, protocol_version v) {
  if constexpr (requires { encode(p, out, v); }) {
    encode(p, out, v);
  } else {
    encode(p, out);
  }
}

// Re-encodes `p`, cuts the bytes into exactly one frame, decodes it, and requires the same bytes
// from encoding that: decode(encode(p)) == p, compared through the encoder. Returns the
// re-encoded bytes.
template <class P, class Decode>
bytes check_round_trip(const P& p, Decode decode, protocol_version v) {
  bytes wire;
  encode_in(p, wire, v);
  frame_decoder cutter{SIZE_MAX};
  cutter.feed(wire);
  frame again;
  check(cutter.next(again) == frame_status::ready);
  check(again.wire_size() == wire.size());
  const decoded<P> second = decode(again);
  check(bool(second));
  bytes rewire;
  encode_in(*second, rewire, v);
  check(rewire == wire);
  return wire;
}

// Decodes `f` as its type says and checks the round trip. When the decoder accepted the frame,
// the re-encoded body must equal the original body: the decoder accepts exactly what the encoder
// writes. Documented exceptions normalise: a CONNECT of an unknown protocol level (only its
// name and level are read), the unused first byte of an MQTT 3.1 CONNACK, and MQTT 5, whose
// properties may come in any order, whose variable byte integers may be longer than needed and
// whose reason code and property length may be written where the short form would do.
inline void decode_and_round_trip(const frame& f, protocol_version v) {
  bool exact = v != protocol_version::v5;
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
    if (first) same_body(check_round_trip(*first, decode, v));
  };

  switch (f.type()) {
    case packet_type::connect: {
      const auto first = decode_connect(f);
      if (!first) return;
      exact = first->protocol_level == 3 || first->protocol_level == 4;
      same_body(check_round_trip(*first, decode_connect, v));
      return;
    }
    case packet_type::connack:
      exact = exact && v != protocol_version::v3_1;
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
    case packet_type::auth:
      if (v == protocol_version::v5) run(decode_auth);
      return;
  }
}

// MQTT 5 views: a decoded PUBLISH's property block lies inside the body; the properties a server
// forwards, put into a server PUBLISH with its own expiry, alias and subscription id, decode again
// with the same read-out values, in a frame of the size publish_frame_size announced. A SUBACK's
// view decoder agrees with the owning one.
inline void check_v5_views(const frame& f) {
  const protocol_version v5 = protocol_version::v5;
  if (f.type() == packet_type::suback) {
    const auto owning = decode_suback(f, v5);
    const auto view = decode_suback_view(f, v5);
    check(bool(owning) == bool(view));
    if (owning) check(std::ranges::equal(owning->return_codes, view->return_codes));
    return;
  }
  if (f.type() != packet_type::publish) return;
  const auto p = decode_publish(f, v5);
  if (!p) return;
  check(p->properties.empty() ||
        (p->properties.data() >= f.body.data() &&
         p->properties.data() + p->properties.size() <= f.body.data() + f.body.size()));
  bytes forwarded;
  forwarded_properties(p->properties, forwarded);
  check(forwarded.size() <= p->properties.size());
  const std::uint32_t ids[] = {1, 268'435'455};
  publish_header_properties props;
  props.message_expiry = p->message_expiry;
  props.topic_alias = p->topic_alias;
  props.subscription_ids = ids;
  props.forwarded = forwarded;
  bytes wire;
  encode_publish_header(p->topic, p->qos, p->retain, p->dup, p->packet_id, p->payload.size(), props,
                        wire);
  wire.insert(wire.end(), p->payload.begin(), p->payload.end());
  check(wire.size() == publish_frame_size(p->topic, p->qos, p->payload.size(), props));
  frame_decoder cutter{SIZE_MAX};
  cutter.feed(wire);
  frame again;
  check(cutter.next(again) == frame_status::ready);
  const auto q = decode_publish(again, v5);
  check(bool(q));
  check(q->topic == p->topic && q->topic_alias == p->topic_alias);
  check(q->message_expiry == p->message_expiry && q->payload_format == p->payload_format);
  check(q->has_subscription_identifier);
  check(std::ranges::equal(q->payload, p->payload));
}

}  // namespace roost::mqtt::fuzz
