// PUBLISH from a client: acknowledge by QoS, suppress QoS 2 duplicates, retain, route.

#include <string>

#include "engine_state.hpp"
#include "roost/base/log.hpp"

namespace roost::broker {

void engine_state::handle_publish(connection& c, const mqtt::frame& f) {
  auto decoded = mqtt::decode_publish(f, c.version);
  if (!decoded) return close(c, decoded.error());
  const mqtt::publish& p = *decoded;
  session& s = *c.sess;
  ++counters.messages_received;

  // Exactly once: a QoS 2 id seen before and not yet released is a re-send, acknowledged again but
  // not routed again [MQTT-4.3.3-2].
  bool duplicate = false;
  if (p.qos == 2) {
    auto [stored, added] = s.qos2_in.add(p.packet_id, 0);
    duplicate = !added;
    if (added && persisted(s)) {
      *stored = next_stored_id++;
      durable->inbound_received(ref(s), *stored, p.packet_id);
    }
  }

  if (!duplicate) {
    publish_plan plan{true, p.topic, audience::everyone};
    if (c.topics != nullptr) plan = c.topics->plan_publish(s.scope, p.topic);
    if (p.topic.starts_with("$SYS")) {
      // $SYS belongs to the broker: clients' publishes there are acknowledged and ignored.
      log::write(log::level::debug, "client " + c.client_id + ": publish to " + std::string(p.topic) + " ignored");
    } else if (!plan.allowed) {
      ++counters.messages_dropped;
      log::write(log::level::debug, "client " + c.client_id + ": publish to " + std::string(p.topic) + " refused");
    } else if (cfg.max_topic_levels != 0 && p.topic.size() >= cfg.max_topic_levels &&  // n bytes: <= n + 1 levels
               mqtt::topic_levels(p.topic) > cfg.max_topic_levels) {
      ++counters.messages_dropped;
      log::write(log::level::warn, "client " + c.client_id + ": publish to a topic with more than " +
                                       std::to_string(cfg.max_topic_levels) + " levels dropped");
    } else {
      if (c.topics != nullptr) c.topics->published(s.scope, p.topic, p.payload);
      if (plan.to != audience::nobody) {
        publish(make_message(s.scope, plan.topic, p.payload, p.qos, p.retain),
                plan.to == audience::others ? &s : nullptr);
      }
    }
  }

  // With durability full the acknowledgement waits until what this PUBLISH stored is committed.
  if (p.qos == 1) {
    acknowledge(c, mqtt::puback{p.packet_id});
  } else if (p.qos == 2) {
    acknowledge(c, mqtt::pubrec{p.packet_id});
  }
}

}  // namespace roost::broker
