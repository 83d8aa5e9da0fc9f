// Timeouts: a socket must send CONNECT (and finish any AUTH exchange) within connect_timeout, and
// a connected client must send some packet within one and a half times its keepalive
// [MQTT-3.1.2-24] (for MQTT 5 the Server Keep Alive when one was sent [MQTT-3.2.2-21]); an MQTT 5
// client is told with DISCONNECT 0x8D.

#include <chrono>

#include "engine_state.hpp"

namespace roost::broker {

void engine_state::check_timeouts(time_point now) {
  // close() only flags the connection and asks the transport; `live` is not changed here.
  for (connection* c : live) {
    if (c->state == conn_state::awaiting_connect || c->state == conn_state::authenticating) {
      if (now - c->opened >= cfg.connect_timeout) close(*c, "no CONNECT in time");
    } else if (c->state == conn_state::connected && c->keep_alive != 0) {
      const auto limit = std::chrono::milliseconds(c->keep_alive * 1500);
      if (now - c->last_packet > limit) {
        close(*c, mqtt::reason_code::keep_alive_timeout, "keepalive expired [MQTT-3.1.2-24]");
      }
    }
  }
}

}  // namespace roost::broker
