// The packets that are a fixed header alone.
//
//   c0 00     PINGREQ        d0 00     PINGRESP
//
// (DISCONNECT, a fixed header alone in 3.1.1, is in decode_disconnect.cpp.)

#include "reader.hpp"

namespace roost::mqtt {
namespace {

// Flags 0 [MQTT-2.2.2-1], and nothing after the fixed header (trailing_bytes otherwise).
template <class P>
decoded<P> decode_empty(const frame& f, packet_type type) {
  reader r = open_body(f, type, 0b0000);
  return r.finish(P{});
}

}  // namespace

decoded<pingreq> decode_pingreq(const frame& f) {
  return decode_empty<pingreq>(f, packet_type::pingreq);
}

decoded<pingresp> decode_pingresp(const frame& f) {
  return decode_empty<pingresp>(f, packet_type::pingresp);
}

}  // namespace roost::mqtt
