// UNSUBSCRIBE: remove each filter that matches exactly [MQTT-3.10.4-1]; UNSUBACK in every case,
// even when nothing matched [MQTT-3.10.4-5]. Messages already queued or in flight are still
// delivered [MQTT-3.10.4-3]; retained messages the filter still owed are not.

#include "engine_state.hpp"

namespace roost::broker {

void engine_state::handle_unsubscribe(connection& c, const mqtt::frame& f) {
  auto p = mqtt::decode_unsubscribe(f, c.version);
  if (!p) return close(c, p.error());
  session& s = *c.sess;
  for (const auto& filter : p->filters) {
    drop_retained_backlog(s, filter);  // retained messages not yet sent are not owed any more
    if (auto it = s.subscriptions.find(filter); it != s.subscriptions.end()) {
      tables(s.scope).subscriptions.erase(filter, &s);
      if (c.topics != nullptr) c.topics->unsubscribed(s.scope, filter);
      s.subscriptions.erase(it);
      if (persisted(s)) durable->subscription_removed(ref(s), filter);
    }
  }
  acknowledge(c, mqtt::unsuback{p->packet_id});
}

}  // namespace roost::broker
