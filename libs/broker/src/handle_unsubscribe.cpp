// UNSUBSCRIBE: remove each filter that matches exactly [MQTT-3.10.4-1]; UNSUBACK in every case,
// even when nothing matched [MQTT-3.10.4-5]. Messages already queued or in flight are still
// delivered [MQTT-3.10.4-3]; retained messages the filter still owed are not. MQTT 5: one reason
// code per filter, 0x00 or 0x11 (no subscription existed) [MQTT-3.11.3-1].

#include "engine_state.hpp"

namespace roost::broker {

void engine_state::handle_unsubscribe(connection& c, const mqtt::frame& f) {
  auto p = mqtt::decode_unsubscribe(f, c.version);
  if (!p) return close(c, p.error());
  session& s = *c.sess;
  mqtt::unsuback ack{p->packet_id};
  const bool v5 = c.version == mqtt::protocol_version::v5;
  for (const auto& filter : p->filters) {
    drop_retained_backlog(s, filter);  // retained messages not yet sent are not owed any more
    auto it = s.subscriptions.find(filter);
    if (v5) {
      ack.reason_codes.push_back(static_cast<std::uint8_t>(it != s.subscriptions.end() ? mqtt::reason_code::success
                                                                                       : mqtt::reason_code::no_subscription_existed));
    }
    if (it != s.subscriptions.end()) {
      remove_subscription(s, filter, false);
      if (c.topics != nullptr) c.topics->unsubscribed(s.scope, filter);
      s.subscriptions.erase(it);
      if (persisted(s)) durable->subscription_removed(ref(s), filter);
    }
  }
  acknowledge(c, ack);
}

}  // namespace roost::broker
