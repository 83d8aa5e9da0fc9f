// SUBSCRIBE: grant each filter min(requested, max_qos) or refuse it with 0x80, answer SUBACK with
// one code per filter in order [MQTT-3.8.4-4] [MQTT-3.8.4-5], then owe the subscriber the retained
// messages that match [MQTT-3.3.1-6], sent with RETAIN=1 [MQTT-3.3.1-8].

#include <algorithm>

#include "engine_state.hpp"
#include "roost/base/log.hpp"

namespace roost::broker {

void engine_state::handle_subscribe(connection& c, const mqtt::frame& f) {
  auto p = mqtt::decode_subscribe(f, c.version);
  if (!p) return close(c, p.error());
  session& s = *c.sess;
  scope_tables& space = tables(s.scope);

  mqtt::suback ack{p->packet_id, {}};
  ack.return_codes.reserve(p->entries.size());
  for (const auto& e : p->entries) {
    if (cfg.max_topic_levels != 0 && mqtt::topic_levels(e.filter) > cfg.max_topic_levels) {
      log::write(log::level::debug, "client " + c.client_id + ": filter " + e.filter + " refused: too many levels");
      ack.return_codes.push_back(mqtt::suback_failure);
      continue;
    }
    if (c.topics != nullptr && !c.topics->allow_subscribe(s.scope, e.filter)) {
      log::write(log::level::debug, "client " + c.client_id + ": filter " + e.filter + " refused by the listener");
      ack.return_codes.push_back(mqtt::suback_failure);
      continue;
    }
    const std::uint8_t granted = std::min(e.qos, cfg.max_qos);
    // Subscribing again to the same filter replaces the subscription [MQTT-3.8.4-3].
    const bool added = space.subscriptions.insert(e.filter, &s, granted);
    if (added && c.topics != nullptr) c.topics->subscribed(s.scope, e.filter);
    s.subscriptions[e.filter] = granted;
    if (persisted(s)) durable->subscription_set(ref(s), e.filter, granted);
    ack.return_codes.push_back(granted);

    drop_retained_backlog(s, e.filter);
    retained_batch batch{e.filter, granted, {}, 0};
    space.retained.match(e.filter, batch.messages);
    if (!batch.messages.empty()) s.retained_backlog.push_back(std::move(batch));
  }
  acknowledge(c, ack);
}

}  // namespace roost::broker
