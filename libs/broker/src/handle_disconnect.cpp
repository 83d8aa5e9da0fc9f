// DISCONNECT from the client. 3.1 / 3.1.1: the will is discarded [MQTT-3.14.4-3]. MQTT 5: reason
// 0x04 (Disconnect with Will Message) keeps the will, any other discards it; a Session Expiry
// Interval may change the session's, but not from 0 to non-zero [MQTT-3.14.2-2].

#include <algorithm>

#include "engine_state.hpp"

namespace roost::broker {

void engine_state::handle_disconnect(connection& c, const mqtt::frame& f) {
  auto p = mqtt::decode_disconnect(f, c.version);
  if (!p) return close(c, p.error());
  if (c.version != mqtt::protocol_version::v5) {
    c.will.reset();  // [MQTT-3.14.4-3]
    return close(c, "client sent DISCONNECT");
  }
  if (const auto& asked = p->props.session_expiry_interval) {
    if (c.session_expiry == 0 && *asked != 0) {
      // A protocol error: the will stays owed, the client is told why.
      return close(c, mqtt::reason_code::protocol_error,
                   "DISCONNECT sets a session expiry on a session that had none [MQTT-3.14.2-2]");
    }
    std::uint32_t expiry = *asked;
    if (cfg.max_session_expiry != 0) expiry = std::min(expiry, cfg.max_session_expiry);
    c.session_expiry = expiry;
    if (c.sess) set_expiry(*c.sess, expiry);
  }
  if (p->reason != mqtt::to_byte(mqtt::reason_code::disconnect_with_will_message)) c.will.reset();
  return close(c, "client sent DISCONNECT");
}

}  // namespace roost::broker
